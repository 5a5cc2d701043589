"""Crash safety and independent readers: SIGKILL mid-burst, ogrinfo, spatialite CheckSpatialIndex."""
import os
import shutil
import signal
import subprocess
import sys
import time

import pytest

from fieldapp.store import open_store

WRITER = r"""
import sys
from fieldapp.store import open_store
st = open_store(sys.argv[1], create=True)
st.set_identity("unit", "team", "dev")
inc = st.create_incident("crash test", code="C-1")
pt = st.add_point(inc["uuid"], 24.5, 108.3)
point = st.get("sampling_points", pt["uuid"])
i = 0
while True:
    rows = [st.prepare_measurement(point, "Cd", str(i * 10 + k), "mg/L", method=f"burst-{i}") for k in range(10)]
    st.add_measurements(rows)
    print(i, flush=True)  # acknowledged: the commit returned
    i += 1
"""


def test_sigkill_during_write_burst_loses_no_acknowledged_write(tmp_path):
    path = tmp_path / "crash.sqlite"
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(path)], stdout=subprocess.PIPE, text=True,
                            cwd=os.path.dirname(os.path.dirname(os.path.dirname(__file__))))
    acked = []
    deadline = time.monotonic() + 60
    while len(acked) < 150 and time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        acked.append(int(line))
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert len(acked) >= 150, "writer did not get going"
    st = open_store(path, create=True)
    assert st.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    bursts = {r[0] for r in st.conn.execute("SELECT DISTINCT method FROM measurements")}
    for i in acked:
        assert f"burst-{i}" in bursts, f"acknowledged burst {i} lost"
    # every burst present is whole: 10 rows, never a half-written transaction
    for method, n in st.conn.execute("SELECT method, COUNT(*) FROM measurements GROUP BY method"):
        assert n == 10, method
    st.close()


@pytest.mark.skipif(not shutil.which("ogrinfo"), reason="gdal-bin not installed")
def test_ogrinfo_reads_sampling_points_as_wgs84_points(demo_store, store_path):
    store, inc = demo_store
    n = len(store.list_points(inc["uuid"]))
    store.close()
    out = subprocess.run(["ogrinfo", "-ro", "-so", str(store_path), "sampling_points"],
                         capture_output=True, text=True, check=True).stdout
    assert "Geometry: Point" in out
    assert f"Feature Count: {n}" in out
    assert "WGS 84" in out or "EPSG\",4326" in out


@pytest.mark.skipif(not shutil.which("spatialite"), reason="spatialite-bin not installed")
def test_spatialite_cli_check_spatial_index(demo_store, store_path):
    store, _ = demo_store
    store.close()
    out = subprocess.run(["spatialite", str(store_path)],
                         input="SELECT CheckSpatialIndex('sampling_points', 'geom');\n",
                         capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1].strip() == "1"
