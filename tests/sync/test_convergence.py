"""Property: three laptops edit concurrently and swap bundles in any order, with replays; afterwards
every replica holds the same state and every edit survives (current value or kept conflict version)."""
from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from sync_helpers import copy_laptops

from fieldapp.sync import BundleGap, export_bundle, import_bundle
from fieldapp.sync.codes import MERGE_RULE_DEVICE
from fieldapp.sync.schema import TableCodec, synced_tables, variant_id

LAPTOP = st.integers(0, 2)
OPS = st.lists(st.one_of(
    st.tuples(st.just("add"), LAPTOP),
    st.tuples(st.just("edit"), LAPTOP, st.integers(0, 4)),
    st.tuples(st.just("delete"), LAPTOP, st.integers(0, 4)),
    st.tuples(st.just("log"), LAPTOP),
    st.tuples(st.just("sync"), LAPTOP, LAPTOP, st.booleans()),
    st.tuples(st.just("replay"), LAPTOP, st.integers(0, 60)),
), min_size=3, max_size=24)


@pytest.fixture(scope="module")
def shared_start(laptop_templates, tmp_path_factory):
    """The three laptops after team A opened the incident with three points and everyone received them."""
    d = tmp_path_factory.mktemp("shared")
    a, b, w = copy_laptops(laptop_templates, d)
    inc = a.create_incident("共同事件", "2026-11-01 08:00", code="S-01")
    for i in range(3):  # shared records, so edits on different laptops collide
        a.add_point(inc["uuid"], 24.6, 108.2 + i / 100, name=f"shared {i}")
    export_bundle(a, d / "seed.fab")
    import_bundle(b, d / "seed.fab")
    import_bundle(w, d / "seed.fab")
    for s in (a, b, w):
        s.close()
    return [d / "a.sqlite", d / "b.sqlite", d / "w.sqlite"], inc["uuid"]


def live_points(store, inc):
    return [r[0] for r in store.conn.execute(
        "SELECT uuid FROM sampling_points WHERE incident_uuid = ? AND deleted = 0 ORDER BY uuid", (inc,))]


def variant_of(store, table, uuid):
    row = store.conn.execute(f'SELECT version, updated_by_device, updated_at FROM "{table}" WHERE uuid = ?',
                             (uuid,)).fetchone()
    return variant_id({"version": row[0], "updated_by_device": row[1], "updated_at": row[2]})


def state(store) -> dict:
    out = {}
    for table in synced_tables(store.conn):
        codec = TableCodec(store.conn, table)
        out[table] = sorted(json.dumps(codec.encode(r, None), sort_keys=True, ensure_ascii=False)
                            for r in store.conn.execute(codec.select_sql()))
    out["versions"] = sorted(store.conn.execute(
        "SELECT table_name, uuid, variant, row_json FROM sync_record_versions"))
    return out


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(ops=OPS)
def test_replicas_converge_and_no_edit_is_lost(shared_start, ops):
    templates, inc = shared_start
    work = Path(tempfile.mkdtemp(prefix="conv-"))
    laps = copy_laptops(templates, work)
    bundles: list[Path] = []
    edits: set = set()        # (table, uuid, variant) of every edit made on any laptop
    superseded: set = set()   # variants a laptop had in front of it when it edited again
    try:
        for n, op in enumerate(ops):
            kind, x = op[0], laps[op[1]]
            if kind == "add":
                p = x.add_point(inc, 24.6 + n / 1000, 108.2, name=f"p{n}")
                edits.add(("sampling_points", p["uuid"], variant_of(x, "sampling_points", p["uuid"])))
            elif kind in ("edit", "delete"):
                pts = live_points(x, inc)
                if not pts:
                    continue
                u = pts[op[2] % len(pts)]
                superseded.add(("sampling_points", u, variant_of(x, "sampling_points", u)))
                if kind == "edit":
                    x.update_point(u, name=f"edit {n} on {op[1]}")
                else:
                    x.delete("sampling_points", u)
                edits.add(("sampling_points", u, variant_of(x, "sampling_points", u)))
            elif kind == "log":
                x.log(inc, "observation", f"obs {n}")
            elif kind == "sync":
                dst = laps[op[2]]
                if dst is x:
                    continue
                f = work / f"b{n}.fab"
                export_bundle(x, f, peer=f"peer{op[2]}", incremental=op[3])
                bundles.append(f)
                import_bundle(dst, f)
            elif kind == "replay" and bundles:
                try:
                    import_bundle(x, bundles[op[2] % len(bundles)])
                except BundleGap:  # an incremental bundle meant for another laptop: refused, as it must be
                    event("replay refused: gap")
        for _ in range(2):  # final full exchange: everyone sees everything, conflict versions included
            for i, src in enumerate(laps):
                f = work / f"final{i}.fab"
                export_bundle(src, f)
                for dst in laps:
                    if dst is not src:
                        import_bundle(dst, f)
        states = [state(s) for s in laps]
        event(f"conflict versions kept: {'yes' if states[0]['versions'] else 'no'}")
        assert states[0] == states[1] == states[2]
        for s in laps:
            kept = {(t, u, v) for t, u, v in s.conn.execute(
                "SELECT table_name, uuid, variant FROM sync_record_versions")}
            ancestry = {(t, u, v) for t, u, v in s.conn.execute("SELECT table_name, uuid, variant FROM sync_ancestry")}
            renamed_records = {(t, u) for t, u, v in ancestry if v.split(":")[1] == MERGE_RULE_DEVICE}
            for t, u, v in edits:
                current = variant_of(s, t, u)
                # a code clash renamed by the merge rule supersedes the edit it started from, also when a
                # laptop edited the renamed record again afterwards (the rename is then in the ancestry)
                was_renamed = current.split(":")[1] == MERGE_RULE_DEVICE or (t, u) in renamed_records
                renamed = was_renamed and (t, u, v) in ancestry
                assert v == current or (t, u, v) in kept or (t, u, v) in superseded or renamed, (t, u, v)
    finally:
        for s in laps:
            s.close()
        shutil.rmtree(work, ignore_errors=True)
