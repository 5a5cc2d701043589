"""An R*Tree of the warehouses alone, so "the nearest warehouses holding lime" reads a few dozen
entries instead of every facility point in the box (a national plan has 26 facilities per warehouse).

``map_warehouse_rtree`` (SQLite's R*Tree module) holds one box per warehouse row of ``map_sites``
(id = its ROWID). Triggers keep it in step with every writer, the importer and sync merges alike:
a warehouse inserted, moved, re-kinded or deleted updates its entry. Filled here for the rows that
exist.
"""
from . import execute_all

NUMBER = 17
NAME = "warehouse_index"

STATEMENTS = [
    "CREATE VIRTUAL TABLE map_warehouse_rtree USING rtree(id, min_x, max_x, min_y, max_y)",
    "INSERT INTO map_warehouse_rtree (id, min_x, max_x, min_y, max_y) "
    "SELECT ROWID, lon, lon, lat, lat FROM map_sites WHERE kind = 'warehouse'",
    """CREATE TRIGGER map_warehouse_rtree_insert AFTER INSERT ON map_sites WHEN NEW.kind = 'warehouse'
       BEGIN INSERT OR REPLACE INTO map_warehouse_rtree VALUES (NEW.ROWID, NEW.lon, NEW.lon, NEW.lat, NEW.lat); END""",
    """CREATE TRIGGER map_warehouse_rtree_update AFTER UPDATE OF kind, lon, lat ON map_sites
       BEGIN DELETE FROM map_warehouse_rtree WHERE id = OLD.ROWID;
             INSERT INTO map_warehouse_rtree SELECT NEW.ROWID, NEW.lon, NEW.lon, NEW.lat, NEW.lat
             WHERE NEW.kind = 'warehouse'; END""",
    """CREATE TRIGGER map_warehouse_rtree_delete AFTER DELETE ON map_sites
       BEGIN DELETE FROM map_warehouse_rtree WHERE id = OLD.ROWID; END""",
]


def up(conn) -> None:
    execute_all(conn, STATEMENTS)
