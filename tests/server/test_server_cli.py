"""`fieldapp server …` end to end on a real PostGIS: init, trust, import, status, export back to a
team with its acknowledgement, conflicts, the read-only copy and the consolidated report."""
from __future__ import annotations

import shutil
import subprocess

import pytest
from server_helpers import database_name, trust_laptops
from sync_helpers import edit_concurrently, make_laptop

from fieldapp.cli import main
from fieldapp.store import open_store
from fieldapp.sync import export_bundle, import_bundle, keys
from fieldapp.sync.delivery import acknowledged


@pytest.fixture
def fresh_url(pg_cluster):
    return pg_cluster.create_database(database_name("cli"))


@pytest.fixture
def teams(tmp_path):
    a = make_laptop(tmp_path / "a.sqlite", "应急一队", "laptop-a")
    b = make_laptop(tmp_path / "b.sqlite", "应急二队", "laptop-b")
    keys.trust(b, keys.public_hex(a), team="应急一队", device="laptop-a", device_id=a.identity.device_id)
    inc = a.create_incident("尾矿库泄漏", "2026-11-01 08:00", code="T-01")
    p = a.add_point(inc["uuid"], 24.65, 108.20, role="source", code="SRC-01")
    a.add_measurement(p["uuid"], "Cd", "0.012", "mg/L")
    edit_concurrently(a, b, p["uuid"], tmp_path)
    q = b.add_point(inc["uuid"], 24.55, 108.31, role="downstream", code="DN-07")
    b.add_measurement(q["uuid"], "Cd", "3", "ug/L")
    for st, n in ((a, "a"), (b, "b")):
        export_bundle(st, tmp_path / f"{n}.fab")
        keys.export_key(st, tmp_path / f"{n}.key")
    yield a, b, inc
    a.close()
    b.close()


def run(capsys, *argv) -> tuple[int, str, str]:
    rc = main(list(argv))
    out = capsys.readouterr()
    return rc, out.out, out.err


def test_server_commands_end_to_end(fresh_url, teams, tmp_path, capsys):
    a, b, inc = teams
    rc, out, _ = run(capsys, "server", "init", "--db", fresh_url, "--team", "部工作组", "--unit", "生态环境部")
    assert rc == 0 and "upgraded: 1, 2, 3" in out
    assert run(capsys, "server", "init", "--db", fresh_url)[1].startswith("server schema up to date")
    for n, st in (("a", a), ("b", b)):
        code = keys.read_aloud(keys.public_hex(st))
        assert run(capsys, "server", "keys", "import", str(tmp_path / f"{n}.key"), "--code", code,
                   "--db", fresh_url)[0] == 0
    rc, out, _ = run(capsys, "server", "import", str(tmp_path / "a.fab"), str(tmp_path / "b.fab"),
                     "--receipts", str(tmp_path / "receipts"), "--db", fresh_url)
    assert rc == 0 and "CONFLICTED sampling_points" in out
    assert len(list((tmp_path / "receipts").glob("*.json"))) == 2
    rc, out, _ = run(capsys, "server", "status", "--db", fresh_url)
    assert "2 bundle(s) imported, 1 conflict version(s) waiting for review" in out and "应急二队" in out
    rc, out, _ = run(capsys, "server", "incidents", "--db", fresh_url)
    assert "T-01" in out and "应急一队,应急二队" in out
    rc, out, _ = run(capsys, "server", "conflicts", "--db", fresh_url)
    assert "sampling_points" in out and "name: current" in out
    # back to team A: a signed bundle with the server's acknowledgement of A's changes
    rc, out, _ = run(capsys, "server", "export", str(tmp_path / "to_a.fab"), "--peer", "应急一队", "--db", fresh_url)
    assert rc == 0 and "full bundle 1 for 应急一队" in out
    rc, out, _ = run(capsys, "server", "keys", "export", str(tmp_path / "server.key"), "--db", fresh_url)
    keys.import_key_file(a, tmp_path / "server.key", expected_code=keys.read_key_file(tmp_path / "server.key")["code"])
    rc_a = import_bundle(a, tmp_path / "to_a.fab")
    assert rc_a.total("added") >= 2  # team B's point and measurement reach team A through the server
    assert acknowledged(a, "部工作组") == int(a.get_meta("change_seq")) - 2  # A's export, then trust + import
    rc, out, _ = run(capsys, "server", "peers", "--db", fresh_url)
    assert "应急一队: 1 bundle(s) written" in out


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_consolidated_report_and_read_only_copy(server_url, server, teams, tmp_path, capsys):
    from fieldapp.server.importer import import_bundles

    a, b, inc = teams
    trust_laptops(server, a, b)
    import_bundles(server, [tmp_path / "a.fab", tmp_path / "b.fab"])
    rc, out, err = run(capsys, "server", "report", "followup", "--incident", "T-01", "--out",
                       str(tmp_path / "r.pdf"), "--lang", "en", "--db", server_url)
    assert rc == 0, err
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "r.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "SRC-01" in text and "DN-07" in text  # both teams' points in one report
    rc, out, _ = run(capsys, "server", "pull", "--incident", "T-01", "--out", str(tmp_path / "copy.sqlite"),
                     "--db", server_url)
    assert rc == 0
    copy = open_store(tmp_path / "copy.sqlite", read_only=True)
    try:
        codes = sorted(p["code"] for p in copy.list_points(inc["uuid"]))
        assert codes == ["DN-07", "SRC-01"]
        from fieldapp.server.snapshot import copy_note

        assert copy_note(copy)["team"] == "部工作组"
        with pytest.raises(Exception, match="readonly|read-only"):
            copy.add_point(inc["uuid"], 24.5, 108.4)
    finally:
        copy.close()


def test_unreachable_server_is_one_line(tmp_path, capsys):
    rc, out, err = run(capsys, "server", "status", "--db", f"postgresql://nobody@/x?host={tmp_path}&port=1")
    assert rc == 2 and err.startswith("fieldapp: error: cannot connect to the server") and err.count("\n") == 1


def test_service_name_from_pg_service_conf(server_url, tmp_path, capsys, monkeypatch):
    """--db NAME is a libpq service: host, port, database and user come from the service file."""
    from urllib.parse import parse_qs, urlparse

    u = urlparse(server_url)
    q = parse_qs(u.query)
    conf = tmp_path / "pg_service.conf"
    conf.write_text(f"[wg]\nhost={q['host'][0]}\nport={q['port'][0]}\ndbname={u.path.lstrip('/')}\n"
                    f"user={u.username}\n")
    monkeypatch.setenv("PGSERVICEFILE", str(conf))
    rc, out, err = run(capsys, "server", "status", "--db", "wg")
    assert rc == 0, err
    assert out.startswith("server 部工作组 / wg-server")
    monkeypatch.setenv("FIELDAPP_SERVER", "service=wg")
    assert run(capsys, "server", "incidents")[0] == 0
