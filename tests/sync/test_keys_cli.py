"""Keys (read-aloud code, trust by file or code) and the `fieldapp bundle|keys` commands."""
from __future__ import annotations

import json

import pytest
from sync_helpers import checksum_all, make_laptop

from fieldapp.cli import main
from fieldapp.sync import ImportCancelled, export_bundle, import_bundle, keys
from fieldapp.sync.errors import KeyError_


def test_read_aloud_code_shape_and_typo_tolerance(laptops):
    a = laptops[0]
    code = keys.read_aloud(keys.public_hex(a))
    groups = code.split("-")
    assert len(groups) == 5 and all(len(g) == 4 for g in groups)
    assert set(code.replace("-", "")) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
    typed = code.lower().replace("-", " ").replace("o", "0").replace("i", "1")
    assert keys.normalise_code(typed) == keys.normalise_code(code)
    other = keys.read_aloud(keys.public_hex(laptops[1]))
    assert other != code


def test_trust_by_file_checks_the_code(laptops, tmp_path):
    _a, _b, w = laptops
    stranger = make_laptop(tmp_path / "s.sqlite", "三队", "s1")
    keys.export_key(stranger, tmp_path / "s.key")
    with pytest.raises(KeyError_, match="does not match"):
        keys.import_key_file(w, tmp_path / "s.key", expected_code="AAAA-BBBB-CCCC-DDDD-EEEE")
    assert not keys.is_trusted(w, keys.public_hex(stranger))
    row = keys.import_key_file(w, tmp_path / "s.key", expected_code=keys.read_aloud(keys.public_hex(stranger)))
    assert row["team"] == "三队" and keys.is_trusted(w, keys.public_hex(stranger))
    (tmp_path / "junk.key").write_text("{}")
    with pytest.raises(KeyError_, match="not a FieldApp team key file"):
        keys.import_key_file(w, tmp_path / "junk.key")


def test_cancelled_import_rolls_back(laptops, team_a_data, tmp_path):
    a, _b, w = laptops
    export_bundle(a, tmp_path / "a.fab")
    before = checksum_all(w)
    with pytest.raises(ImportCancelled):
        import_bundle(w, tmp_path / "a.fab", cancel=lambda: True)
    assert checksum_all(w) == before


def test_cli_export_inspect_verify_import_and_keys(laptops, team_a_data, tmp_path, capsys):
    a, b, w = laptops
    paths = {s: str(s.path) for s in (a, b, w)}
    stranger = make_laptop(tmp_path / "s.sqlite", "三队", "s1")
    sp = str(stranger.path)
    stranger.close()
    for s in (a, w):
        s.close()
    f = str(tmp_path / "a.fabundle")
    assert main(["bundle", "export", f, "--peer", "部工作组", "--incremental", "--store", paths[a]]) == 0
    assert main(["bundle", "inspect", f]) == 0
    man = json.loads(capsys.readouterr().out.split("\n", 1)[1])
    assert man["sender"]["team"] == "应急一队" and man["counts"]["sampling_points"] == 2
    assert main(["bundle", "verify", f, "--store", paths[w]]) == 0
    assert main(["bundle", "import", f, "--store", sp]) == 2
    assert "not in your trusted team keys" in capsys.readouterr().err
    code = man["sender"]["code"]
    assert main(["keys", "trust", "WRNG-CODE-AAAA-BBBB-CCCC", "--from", f, "--store", sp]) == 2
    assert main(["keys", "trust", code, "--from", f, "--store", sp]) == 0
    receipt = tmp_path / "r.json"
    assert main(["bundle", "import", f, "--store", sp, "--receipt", str(receipt)]) == 0
    assert json.loads(receipt.read_text())["totals"]["added"] > 0
    assert main(["keys", "list", "--store", sp]) == 0
    assert code in capsys.readouterr().out
    assert main(["keys", "export", str(tmp_path / "w.key"), "--store", paths[w]]) == 0
    assert main(["keys", "show", "--store", paths[w]]) == 0
