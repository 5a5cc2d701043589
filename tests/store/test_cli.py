"""The headless CLI over a real store: what a user types, what they see."""
import subprocess
import sys

import pytest


def run(store_path, *args, ok=True):
    # --store after the subcommand on purpose: both positions must work
    args = list(args)
    args.insert(1 if args and not args[0].startswith("-") else 0, "--store")
    args.insert(args.index("--store") + 1, str(store_path))
    home = store_path.parent / "home"
    res = subprocess.run([sys.executable, "-m", "fieldapp", *args],
                         capture_output=True, text=True, env={"PATH": "/usr/bin:/bin", "HOME": str(home)})
    assert not (home / ".local").exists(), "the default store was touched"
    if ok:
        assert res.returncode == 0, res.stderr
    return res


def test_demo_points_measurements_and_check(tmp_path):
    db = tmp_path / "cli.sqlite"
    out = run(db, "demo", "--create").stdout
    assert "19 points" in out
    assert "exists already" in run(db, "demo").stdout  # idempotent
    pts = run(db, "points").stdout
    assert "WI-01" in pts and "UP-01" in pts
    run(db, "points", "add", "--lat", "24°40'N", "--lon", "108°20'E", "--role", "downstream")
    assert "DN-17" in run(db, "points").stdout
    out = run(db, "measurements", "add", "--point", "DN-17", "--parameter", "Cd", "--value", "12",
              "--unit", "ug/L").stdout
    assert "0.012 mg/L" in out
    check = run(db, "check").stdout
    assert '"spatial_index": "ok"' in check and '"integrity": "ok"' in check


@pytest.mark.parametrize("args,msg", [
    (["points", "add", "--lat", "200", "--lon", "108"], "outside −90…90"),
    (["measurements", "add", "--point", "DN-01", "--parameter", "Cd", "--value", "-1", "--unit", "mg/L"],
     "cannot be negative"),
    (["measurements", "add", "--point", "NOPE", "--parameter", "Cd", "--value", "1", "--unit", "mg/L"],
     "no sampling point NOPE"),
    (["points", "add", "--lat", "24.6", "--lon", "108.3", "--code", "DN-01"], "already used"),
])
def test_bad_input_gets_one_plain_error_line(tmp_path, args, msg):
    db = tmp_path / "cli.sqlite"
    run(db, "demo", "--create")
    res = run(db, *args, ok=False)
    assert res.returncode == 2
    assert msg in res.stderr and "Traceback" not in res.stderr


def test_not_a_store(tmp_path):
    f = tmp_path / "x.sqlite"
    f.write_text("hello")
    res = run(f, "points", ok=False)
    assert res.returncode == 2 and "not a FieldApp store" in res.stderr


def test_help_everywhere():
    """Every subcommand (including the capability groups) has a help text and --help works."""
    import argparse

    from fieldapp.cli import build_parser
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    helps = {c.dest: c.help for c in sub._choices_actions}
    assert {"demo", "points", "measurements", "check", "toolkit", "simulate", "map", "bundle", "report",
            "export"} <= set(sub.choices)
    for name in sub.choices:
        assert helps.get(name), f"`fieldapp {name}` has no help text"
    for name in ([], ["demo"], ["points"], ["toolkit"], ["bundle"], ["report"]):
        res = subprocess.run([sys.executable, "-m", "fieldapp", *name, "--help"], capture_output=True, text=True)
        assert res.returncode == 0 and "usage:" in res.stdout


def test_gui_without_display_says_so(tmp_path):
    res = subprocess.run([sys.executable, "-m", "fieldapp", "--store", str(tmp_path / "g.sqlite")],
                         capture_output=True, text=True, env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
                         timeout=60)
    assert res.returncode == 1
    assert "no display" in res.stderr.lower() and "Traceback" not in res.stderr
