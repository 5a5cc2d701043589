"""Several desks at once: two processes importing different bundles at the same moment both succeed
and nothing is lost; the same bundle imported twice at once is stored once; an export never skips
a change that was still being written when it started."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from server_helpers import add_readings, record_state, trust_laptops
from sync_helpers import make_laptop

from fieldapp.sync import export_bundle

ROOT = Path(__file__).resolve().parents[2]
IMPORTER = r"""
import json, os, sys, time
from fieldapp.server.connection import open_server
from fieldapp.server.importer import import_one
url, bundle, flag = sys.argv[1:4]
db = open_server(url)
while not os.path.exists(flag):
    time.sleep(0.005)
t0 = time.time()
rc = import_one(db, bundle)
print(json.dumps({"start": t0, "end": time.time(), "status": rc.status, "added": rc.total("added")}))
"""
N = 12_000


@pytest.fixture(scope="module")
def two_teams(tmp_path_factory):
    d = tmp_path_factory.mktemp("desks")
    out = []
    for n, team, code in (("a", "应急一队", "T-01"), ("b", "应急二队", "T-02")):
        st = make_laptop(d / f"{n}.sqlite", team, f"laptop-{n}")
        inc = st.create_incident(f"{team} 事件", "2026-11-01 08:00", code=code)
        p = st.add_point(inc["uuid"], 24.6, 108.2, role="source", code="SRC-01")
        st.add_measurement(p["uuid"], "Cd", "0.012", "mg/L")
        add_readings(st, inc["uuid"], N)
        export_bundle(st, d / f"{n}.fab")
        out.append((st, d / f"{n}.fab"))
    yield out
    for st, _ in out:
        st.close()


def _race(url: str, bundles: list[Path], tmp_path: Path) -> list[dict]:
    flag = tmp_path / "go"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    procs = [subprocess.Popen([sys.executable, "-c", IMPORTER, url, str(b), str(flag)], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for b in bundles]
    time.sleep(1.5)  # both connected and waiting
    flag.touch()
    results = []
    for p in procs:
        out, err = p.communicate(timeout=240)
        assert p.returncode == 0, err
        results.append(json.loads(out.strip().splitlines()[-1]))
    return results


def test_two_desks_import_different_bundles_at_once(server_url, server, two_teams, tmp_path):
    trust_laptops(server, *(st for st, _ in two_teams))
    res = _race(server_url, [b for _, b in two_teams], tmp_path)
    assert [r["status"] for r in res] == ["imported", "imported"]
    assert res[0]["start"] < res[1]["end"] and res[1]["start"] < res[0]["end"], res  # they overlapped
    count = server.execute("SELECT COUNT(*) FROM instrument_readings").fetchone()[0]
    assert count == 2 * N
    assert server.execute("SELECT COUNT(*) FROM sync_imports").fetchone()[0] == 2
    assert server.execute("SELECT COUNT(*) FROM gis.points").fetchone()[0] == 2
    # nothing lost: every team's records, exactly as a sequential consolidation would hold them
    for st, _ in two_teams:
        mine = record_state(st)
        held = record_state(server)
        for table in ("incidents", "sampling_points", "measurements"):
            assert set(mine[table]) <= set(held[table])


def test_same_bundle_twice_at_once_is_stored_once(server_url, server, two_teams, tmp_path):
    st, bundle = two_teams[0]
    trust_laptops(server, st)
    res = _race(server_url, [bundle, bundle], tmp_path)
    assert sorted(r["status"] for r in res) == ["already imported", "imported"]
    assert server.execute("SELECT COUNT(*) FROM instrument_readings").fetchone()[0] == N
    assert server.execute("SELECT COUNT(*) FROM sync_imports").fetchone()[0] == 1


def test_export_stops_below_a_change_still_being_written(server_url, server, two_teams, tmp_path):
    """Desk 1 holds a write transaction open (change N, not committed); an export from desk 2 at
    that moment ends below N, so the team's next incremental bundle still carries change N."""
    from fieldapp.server.connection import open_server

    st, bundle = two_teams[0]
    trust_laptops(server, st)
    with open_server(server_url) as other:
        before = other.committed_seq()
        with server.transaction():
            server.execute("INSERT INTO meta(key, value) VALUES ('note', 'in flight')")
            busy = server.current_seq
            assert busy > before
            man = export_bundle(other, tmp_path / "during.fab", peer="应急一队")
            assert man["changes"]["to_seq"] < busy
        assert other.committed_seq() >= busy
