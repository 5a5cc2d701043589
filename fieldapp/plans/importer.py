"""Plan import as the user sees it: preview a file (layers, kinds, mapping, problems, sample rows),
then import it into a plan in one transaction. The CLI (`fieldapp plan preview|import`) and the
Plans tab call these two functions.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .errors import PlanImportError
from .mapping import FieldMapping, fingerprint, guess_kind, guess_mapping, saved_mapping
from .prepare import Options, Prepared, prepare
from .rows import text
from .source import read_layers
from .write import Written, write_prepared

SAMPLE_ROWS = 8


@dataclass
class LayerPreview:
    name: str
    kind: str
    count: int
    fields: list[str]
    mapping: FieldMapping
    mapping_saved: bool                   # came from a saved mapping (this source, or same columns)
    crs: str
    conversion: str
    encoding: str
    rivers: int = 0
    sites: dict = field(default_factory=dict)        # kind -> count
    items: int = 0
    sample: list[list[str]] = field(default_factory=list)   # mapped rows: [kind, type, name, id, lon, lat]
    warnings: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


@dataclass
class Preview:
    path: Path
    layers: list[LayerPreview]
    prepared: list[Prepared]

    @property
    def ok(self) -> bool:
        return all(not lp.problems for lp in self.layers)

    @property
    def problems(self) -> list[str]:
        return [f"{lp.name}: {p}" for lp in self.layers for p in lp.problems]


def _mapping_for(store, src, source_key, mappings) -> tuple[FieldMapping, bool]:
    if mappings and src.name in mappings:
        return mappings[src.name], False
    if store is not None:
        saved = saved_mapping(store, source_key and f"{source_key}|{src.name}", fingerprint(src.fields, src.fmt))
        if saved is not None:
            return saved, True
    geom_type = None
    if src.wkb is not None and len(src.wkb):
        import shapely

        first = next((g for g in src.wkb[:50] if g is not None), None)
        geom_type = shapely.from_wkb(first).geom_type if first is not None else None
    kind = guess_kind(src.name, not src.is_table, geom_type, src.fields)
    return guess_mapping(src.fields, kind), False


def _sample(p: Prepared) -> list[list[str]]:
    rows = []
    for r in p.rivers[:SAMPLE_ROWS]:
        c = r["coords"]
        rows.append(["river", "", r["name"], r["source_id"], f"{c[0][0]:.5f}", f"{c[0][1]:.5f}"])
    s = p.sites
    for i in range(min(SAMPLE_ROWS, p.site_count)):
        rows.append([s["kind"][i], s["facility_type"][i], s["name"][i], s["source_id"][i],
                     f"{s['lon'][i]:.5f}", f"{s['lat'][i]:.5f}"])
    for it in p.items[:SAMPLE_ROWS]:
        rows.append(["item", it["material"], text(it["quantity_text"]) + " " + it["unit"], it["warehouse"], "", ""])
    return rows


def preview(path: Path | str, *, store=None, layer: str | None = None, encoding: str | None = None,
            options: Options | None = None, mappings: dict | None = None, source_key: str | None = None,
            max_bytes: int | None = None) -> Preview:
    """Read and check the whole file; nothing is written. A file that cannot be read at all raises
    PlanImportError; per-layer problems are listed in the preview instead."""
    kw = {"max_bytes": max_bytes} if max_bytes else {}
    sources = read_layers(Path(path), layer=layer, encoding=encoding, **kw)
    layers, prepared = [], []
    for src in sources:
        mapping, saved = _mapping_for(store, src, source_key, mappings)
        lp = LayerPreview(src.name, mapping.layer_kind, src.count, src.fields, mapping, saved, "", "", src.encoding)
        try:
            p = prepare(src, mapping, options)
        except PlanImportError as exc:
            lp.problems.append(str(exc))
            layers.append(lp)
            continue
        lp.kind = p.kind
        lp.crs, lp.conversion = (p.coord.source_crs, p.coord.conversion) if p.coord else ("", "none")
        lp.rivers, lp.items = len(p.rivers), len(p.items)
        for k in p.sites.get("kind", []):
            lp.sites[k] = lp.sites.get(k, 0) + 1
        lp.sample, lp.warnings, lp.problems = _sample(p), list(p.warnings), list(p.problems)
        layers.append(lp)
        prepared.append(p)
    return Preview(Path(path), layers, prepared)


def import_plan(store, path: Path | str, *, plan_name: str | None = None, plan_uuid: str | None = None,
                layer: str | None = None, encoding: str | None = None, options: Options | None = None,
                mappings: dict | None = None, source_key: str | None = None, progress=None, cancelled=None,
                max_bytes: int | None = None) -> Written:
    """Preview, refuse on any problem (all of them in one message), else write in one transaction.
    The mapping used is saved for the source (``source_key``, default: the plan's name)."""
    if not (plan_name or plan_uuid):
        plan_name = Path(path).stem
    source_key = source_key or plan_name
    pv = preview(path, store=store, layer=layer, encoding=encoding, options=options, mappings=mappings,
                 source_key=source_key, max_bytes=max_bytes)
    if not pv.ok:
        raise PlanImportError("; ".join(pv.problems) + "; nothing was imported")
    return write_prepared(store, pv.prepared, plan_uuid=plan_uuid, plan_name=plan_name, source_key=source_key,
                          progress=progress, cancelled=cancelled)


def pick_plan(store, incident_uuid: str, plan_uuid: str, used: bool = True) -> None:
    """The incident uses (or stops using) the plan; one synced record per (incident, plan)."""
    import uuid as uuidlib

    rec = str(uuidlib.uuid5(uuidlib.NAMESPACE_URL, f"fieldapp:incident-plan:{incident_uuid}:{plan_uuid}"))
    with store.transaction():
        row = store.conn.execute("SELECT deleted, version FROM incident_plans WHERE uuid = ?", (rec,)).fetchone()
        if row is None:
            if not used:
                return
            meta = store.new_meta(rec)
            cols = list(meta) + ["incident_uuid", "plan_uuid"]
            store.conn.execute(f"INSERT INTO incident_plans ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                               [*meta.values(), incident_uuid, plan_uuid])
        elif bool(row[0]) == used:
            meta = store.new_meta()
            store.conn.execute("UPDATE incident_plans SET deleted = ?, version = version + 1, updated_at = ?, "
                               "updated_by_device = ?, change_seq = ? WHERE uuid = ?",
                               (0 if used else 1, meta["updated_at"], meta["updated_by_device"], meta["change_seq"],
                                rec))


def list_plans(store, incident_uuid: str | None = None) -> list[dict]:
    """Plans with their layers' counts and provenance, and whether the incident uses each."""
    return list(store.db.query(
        "SELECT p.uuid, p.name, p.region, p.created_at, p.created_by_team, "
        "(SELECT COUNT(*) FROM map_layers l WHERE l.plan_uuid = p.uuid AND l.deleted = 0) AS layers, "
        "(SELECT COALESCE(SUM(feature_count), 0) FROM map_layers l WHERE l.plan_uuid = p.uuid AND l.deleted = 0) "
        "AS features, (SELECT group_concat(DISTINCT source_file) FROM map_layers l WHERE l.plan_uuid = p.uuid "
        "AND l.deleted = 0) AS files, EXISTS (SELECT 1 FROM incident_plans i WHERE i.plan_uuid = p.uuid "
        "AND i.incident_uuid = :inc AND i.deleted = 0) AS used FROM plans p WHERE p.deleted = 0 ORDER BY p.name",
        {"inc": incident_uuid}))
