"""A lost incremental bundle is never silently skipped: the next one is refused with the message,
and --resend (from the acknowledgement that travels back) or --since recovers it."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sync_helpers import checksum_all

from fieldapp.cli import main
from fieldapp.sync import BundleGap, export_bundle, import_bundle, keys
from fieldapp.sync.delivery import acknowledged, coverage

GROUP = "部工作组"


def point_names(store, inc):
    return sorted(p["name"] for p in store.list_points(inc))


def test_lost_bundle_refused_then_resent_from_the_acknowledgement(laptops, team_a_data, tmp_path):
    a, _b, w = laptops
    inc = team_a_data[0]["uuid"]
    export_bundle(a, tmp_path / "1.fab", peer=GROUP, incremental=True)
    import_bundle(w, tmp_path / "1.fab")
    a.add_point(inc, 24.5, 108.4, name="第二批")
    export_bundle(a, tmp_path / "2.fab", peer=GROUP, incremental=True)  # the USB stick is forgotten
    a.add_point(inc, 24.4, 108.5, name="第三批")
    man3 = export_bundle(a, tmp_path / "3.fab", peer=GROUP, incremental=True)
    assert man3["serial"] == 3
    before = checksum_all(w)
    with pytest.raises(BundleGap, match="^bundle 2 from 应急一队 is missing: ask for it or for a full bundle"):
        import_bundle(w, tmp_path / "3.fab")
    assert checksum_all(w) == before
    # W's next bundle to A tells A what W holds of A's changes
    export_bundle(w, tmp_path / "w.fab", peer="应急一队", incremental=True)
    import_bundle(a, tmp_path / "w.fab")
    assert acknowledged(a, GROUP) == coverage(w.conn, a.identity.device_id)
    man = export_bundle(a, tmp_path / "resend.fab", peer=GROUP, resend=True)
    assert man["changes"]["from_seq"] == acknowledged(a, GROUP) + 1
    import_bundle(w, tmp_path / "resend.fab")
    assert "第二批" in point_names(w, inc) and "第三批" in point_names(w, inc)
    assert coverage(w.conn, a.identity.device_id) == man["changes"]["to_seq"]
    # the late bundle 3 is now just old news
    assert import_bundle(w, tmp_path / "3.fab").total("added") == 0


def test_gap_on_the_command_line_and_recovery_with_since(laptops, team_a_data, tmp_path, capsys):
    a, _b, w = laptops
    inc = team_a_data[0]["uuid"]
    paths = {s: str(s.path) for s in (a, w)}
    export_bundle(a, tmp_path / "1.fab", peer=GROUP, incremental=True)
    import_bundle(w, tmp_path / "1.fab")
    held = coverage(w.conn, a.identity.device_id)
    a.add_point(inc, 24.5, 108.4, name="丢失的")
    export_bundle(a, tmp_path / "2.fab", peer=GROUP, incremental=True)
    a.add_point(inc, 24.4, 108.5, name="之后的")
    export_bundle(a, tmp_path / "3.fab", peer=GROUP, incremental=True)
    a.close()
    w.close()
    assert main(["bundle", "import", str(tmp_path / "3.fab"), "--store", paths[w]]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "bundle 2 from 应急一队 is missing" in err[0] and f"--since {held}" in err[0]
    assert main(["bundle", "export", str(tmp_path / "since.fab"), "--peer", GROUP, "--since", str(held),
                 "--store", paths[a]]) == 0
    assert main(["bundle", "import", str(tmp_path / "since.fab"), "--store", paths[w]]) == 0
    assert main(["points", "--store", paths[w], "--incident", "T-01"]) == 0
    out = capsys.readouterr().out
    assert "丢失的" in out and "之后的" in out
    assert main(["bundle", "peers", "--store", paths[a]]) == 0
    assert f"{GROUP}: 4 bundle(s) written" in capsys.readouterr().out


def test_full_bundle_always_continues(laptops, team_a_data, tmp_path):
    a, _b, w = laptops
    export_bundle(a, tmp_path / "1.fab", peer=GROUP, incremental=True)
    a.add_point(team_a_data[0]["uuid"], 24.5, 108.4)
    export_bundle(a, tmp_path / "full.fab")
    assert import_bundle(w, tmp_path / "full.fab").total("added") > 0


def test_untrusted_message_leads_with_the_key_code(laptops, team_a_data, tmp_path):
    from sync_helpers import make_laptop

    from fieldapp.sync import UntrustedKey

    a = laptops[0]
    export_bundle(a, tmp_path / "a.fab")
    stranger = make_laptop(tmp_path / "s.sqlite", "三队", "s1")
    with pytest.raises(UntrustedKey) as err:
        import_bundle(stranger, tmp_path / "a.fab")
    assert str(err.value).startswith(f"key {keys.read_aloud(keys.public_hex(a))} is not in your trusted team keys")


def test_keys_import_needs_the_code_or_unverified(laptops, tmp_path, capsys):
    from sync_helpers import make_laptop

    a, _b, w = laptops
    stranger = make_laptop(tmp_path / "s.sqlite", "三队", "s1")
    keys.export_key(stranger, tmp_path / "s.key")
    code = keys.read_aloud(keys.public_hex(stranger))
    path = str(w.path)
    w.close()
    assert main(["keys", "import", str(tmp_path / "s.key"), "--store", path]) == 2
    assert "--code" in capsys.readouterr().err
    assert main(["keys", "import", str(tmp_path / "s.key"), "--code", "AAAA-BBBB-CCCC-DDDD-EEEE", "--store", path]) == 2
    assert capsys.readouterr().err.startswith(f"fieldapp: error: key {code} does not match")
    assert main(["keys", "import", str(tmp_path / "s.key"), "--code", code, "--store", path]) == 0
    assert capsys.readouterr().out.startswith(f"trusted key {code}")
    assert main(["keys", "untrust", code, "--store", path]) == 0
    assert main(["keys", "import", str(tmp_path / "s.key"), "--unverified", "--store", path]) == 0
    assert "UNVERIFIED" in capsys.readouterr().out
    assert main(["keys", "list", "--store", path]) == 0
    assert "(unverified)" in capsys.readouterr().out


KILLED_IMPORT = r"""
import sys, time
from fieldapp.store import open_store
from fieldapp.sync import merge
real = merge.merge_verified
def slow(*a, **k):
    print("decrypted", flush=True)
    time.sleep(60)
merge.merge_verified = slow
merge.import_bundle(open_store(sys.argv[1]), sys.argv[2])
"""


def test_killed_encrypted_import_leaves_no_plain_copy(laptops, team_a_data, tmp_path):
    a, _b, w = laptops
    export_bundle(a, tmp_path / "sealed.fab", seal_to=keys.public_hex(w))
    tmpdir = tmp_path / "tmp"
    tmpdir.mkdir()
    env = {**os.environ, "TMPDIR": str(tmpdir), "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    proc = subprocess.Popen([sys.executable, "-c", KILLED_IMPORT, str(w.path), str(tmp_path / "sealed.fab")],
                            stdout=subprocess.PIPE, text=True, env=env)
    try:
        assert proc.stdout.readline().strip() == "decrypted"
        # the decrypted bundle exists only as an unnamed file, held open by the process
        held = [os.readlink(f"/proc/{proc.pid}/fd/{fd}") for fd in os.listdir(f"/proc/{proc.pid}/fd")]
        assert any(h.startswith(str(tmpdir)) and h.endswith("(deleted)") for h in held), held
        assert list(tmpdir.iterdir()) == []
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    time.sleep(0.1)
    assert list(tmpdir.iterdir()) == [] and not list(tmp_path.glob(".*.part"))
    assert import_bundle(w, tmp_path / "sealed.fab").total("added") > 0
