"""A store written by the release before the vocabulary (schema 6) opens, gains parameter ids, and its old
measurements resolve: Cd / 镉 / cadmium become one series, pH / ph another, unknown text stays as typed."""
from __future__ import annotations

import uuid

from fieldapp.store import migrations, open_store

META = dict(created_at="2026-11-01T00:00:00.000Z", updated_at="2026-11-01T00:00:00.000Z",
            created_by_team="老队", created_by_device="dev-old", updated_by_device="dev-old", version=1,
            deleted=0, change_seq=1)


def _insert(conn, table: str, row: dict, extra: str = "", extra_sql: str = "") -> str:
    row = {"uuid": str(uuid.uuid4()), **META, **row}
    cols = list(row)
    conn.execute(f"INSERT INTO {table} ({', '.join(cols)}{extra}) VALUES ({', '.join('?' * len(cols))}{extra_sql})",
                 [row[c] for c in cols])
    return row["uuid"]


def _old_store(path, monkeypatch):
    """A store as the release before the vocabulary wrote it: migrations 1-6 only (released
    migration modules never change), then rows in that schema, written as that release wrote them."""
    every = migrations.discover()
    monkeypatch.setattr(migrations, "discover", lambda: [m for m in every if m.number <= 6])
    st = open_store(path, create=True)
    st.set_identity("某县站", "老队", "old-laptop")
    conn = st.conn
    assert "parameter_id" not in {r[1] for r in conn.execute("PRAGMA table_info(measurements)")}
    conn.execute("BEGIN")
    inc = _insert(conn, "incidents", {"code": "OLD-1", "name": "旧事件", "discovered_at": "2026-11-01T00:00:00.000Z"})
    pt = _insert(conn, "sampling_points", {"incident_uuid": inc, "code": "DN-01", "media": "water",
                                           "role": "downstream", "lon": 108.4, "lat": 24.6},
                 ", geom", ", MakePoint(108.4, 24.6, 4326)")
    for i, (param, value) in enumerate((("Cd", 0.012), ("镉", 0.004), ("cadmium", 0.02), ("pH", 7.1),
                                         ("ph", 5.5), ("氯化苦", 1.0))):
        _insert(conn, "measurements", {
            "incident_uuid": inc, "point_uuid": pt, "parameter": param, "value": value, "unit": "pH" if
            param.lower() == "ph" else "mg/L", "value_orig": str(value), "unit_orig": "mg/L",
            "measured_at": f"2026-11-01T0{i + 1}:00:00.000Z"})
    conn.execute("COMMIT")
    st.close()
    monkeypatch.setattr(migrations, "discover", lambda: every)
    return inc


def test_old_store_gets_parameter_ids_and_series_collapse(tmp_path, monkeypatch):
    from fieldapp.maps.status import point_statuses
    from fieldapp.reports.gather import gather

    path = tmp_path / "old.sqlite"
    inc_uuid = _old_store(path, monkeypatch)
    with open_store(path) as st:
        assert st.check()["schema"] >= 7 and st.check()["integrity"] == "ok"
        ids = dict(st.conn.execute("SELECT parameter, parameter_id FROM measurements"))
        assert ids == {"Cd": "cadmium", "镉": "cadmium", "cadmium": "cadmium", "pH": "ph", "ph": "ph",
                       "氯化苦": None}
        # the typed text and the versions are untouched (a derived column: nothing to re-send by sync)
        assert {r[0] for r in st.conn.execute("SELECT version FROM measurements")} == {1}
        inc = st.get("incidents", inc_uuid)
        assert inc["source_standard"] == "GB3838-source-II"
        data = gather(st, inc)
        series = {s["key"]: s for s in data.summary}
        assert set(series) == {"cadmium", "ph", "?氯化苦"}
        assert series["cadmium"]["n"] == 3 and series["cadmium"]["n_exceeded"] == 2
        assert series["ph"]["n"] == 2 and series["ph"]["status"] == "exceeded"
        assert series["?氯化苦"]["status"] == "unknown_parameter"
        assert set(point_statuses(st, inc).values()) == {"exceeded"}
