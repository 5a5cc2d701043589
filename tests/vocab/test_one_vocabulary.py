"""The vocabulary is the only place that lists units or pollutant names: this test reads every module of
the package (ast, not regex) and fails on a dict/list/tuple/set literal that holds two or more unit
spellings, or two or more names of different pollutants, outside fieldapp/vocab.

A module that must hold such a literal as *data about something else* (say, what a simulated device
prints on the wire) is listed in ALLOWED with the reason; the test checks each entry is still needed,
so the list cannot go stale.
"""
from __future__ import annotations

import ast
from pathlib import Path

from fieldapp.vocab import load_vocabulary
from fieldapp.vocab.units import _BY_MEDIUM, _TABLE, unit_key

PACKAGE = Path(__file__).resolve().parents[2] / "fieldapp"
SKIP = ("vocab", "ui/forms")
ALLOWED: dict[str, str] = {}
_POLLUTANT_CATEGORIES = {"heavy_metal", "inorganic", "petroleum", "benzene_series", "phenols", "other_organic",
                         "nutrient_organic"}


def _unit_spellings() -> set[str]:
    return set(_TABLE) | set(_BY_MEDIUM)


def _pollutant(text: str) -> str | None:
    if len(text.strip()) < 2 and text.isascii():   # one Latin letter (B, V, F) is too common to count
        return None
    p = load_vocabulary().resolve(text)
    return p.id if p is not None and p.category in _POLLUTANT_CATEGORIES else None


def _literals(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.Dict):
            items = node.keys
        elif isinstance(node, (ast.List, ast.Tuple, ast.Set)):
            items = node.elts
        else:
            continue
        strings = [n.value for n in items if isinstance(n, ast.Constant) and isinstance(n.value, str)]
        if len(strings) >= 2:
            yield node.lineno, strings


def findings() -> dict[str, list[str]]:
    units = _unit_spellings()
    out: dict[str, list[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).as_posix()
        if rel.startswith(SKIP):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for line, strings in _literals(tree):
            unit_hits = {unit_key(s) for s in strings if unit_key(s) in units and s.strip()}
            names = {pid for pid in map(_pollutant, strings) if pid}
            if len(unit_hits) >= 2:
                out.setdefault(rel, []).append(f"line {line}: unit table {sorted(unit_hits)}")
            if len(names) >= 2:
                out.setdefault(rel, []).append(f"line {line}: pollutant names {sorted(names)}")
    return out


def test_no_unit_table_or_pollutant_list_outside_the_vocabulary():
    found = findings()
    stray = {rel: hits for rel, hits in found.items() if rel not in ALLOWED}
    assert not stray, "define these in fieldapp/vocab and import them:\n" + "\n".join(
        f"{rel}: {h}" for rel, hits in stray.items() for h in hits)
    stale = [rel for rel in ALLOWED if rel not in found]
    assert not stale, f"no longer needed in ALLOWED: {stale}"


def test_the_detector_finds_a_planted_copy(tmp_path):
    """The scan must be able to fail: a module with a unit table and a pollutant list is caught."""
    tree = ast.parse('UNITS = {"mg/L": 1, "µg/L": 0.001}\nHEAVY = ["Cd", "铊", "antimony"]\n')
    hits = list(_literals(tree))
    assert len(hits) == 2
    assert {unit_key(s) for s in hits[0][1]} <= _unit_spellings()
    assert {_pollutant(s) for s in hits[1][1]} == {"cadmium", "thallium", "antimony"}
