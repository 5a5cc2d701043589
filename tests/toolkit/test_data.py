"""The shipped data files: 25 complete entries, valid CAS numbers, positive limits, sources everywhere."""

from __future__ import annotations

import re

import pytest

from fieldapp.toolkit.data import RESOURCE_DIR
from fieldapp.toolkit.names import cas_check_digit_ok
from fieldapp.toolkit.validate import CONFIDENCE


def _sourced_blocks(entry):
    """Every dict in the entry that carries a value needing provenance."""
    e = entry
    yield "identity", e["identity"]
    yield "limits.gb3838", e["limits"]["gb3838"]
    yield "limits.gb5749", e["limits"]["gb5749"]
    for k in ("field", "lab"):
        yield f"methods.{k}", e["methods"][k]
    for k in ("in_river", "waterworks"):
        yield f"disposal.{k}", e["disposal"][k]
        for i, p in enumerate(e["disposal"][k]["params"]):
            yield f"disposal.{k}.params[{i}]", p
    yield "hazards", e["hazards"]
    for i, inc in enumerate(e["incidents"]):
        yield f"incidents[{i}]", inc


def test_twenty_five_entries_numbered_once(toolkit):
    assert len(toolkit.pollutants) == 25
    assert [e["number"] for e in toolkit.pollutants] == list(range(1, 26))
    assert len({e["id"] for e in toolkit.pollutants}) == 25


def test_every_entry_complete(toolkit):
    for e in toolkit.pollutants:
        assert e["name"]["zh"] and e["name"]["en"], e["id"]
        assert e["synonyms"], e["id"]
        assert e["identity"]["formula"], e["id"]
        assert e["category"] in toolkit.meta["categories"], e["id"]
        for where, block in _sourced_blocks(e):
            assert isinstance(block.get("source"), str) and block["source"].strip(), (e["id"], where)
            assert block.get("confidence") in CONFIDENCE, (e["id"], where)


def test_cas_check_digits(toolkit):
    numbers = [c["number"] for e in toolkit.pollutants for c in e["identity"]["cas"]]
    assert len(numbers) >= 25
    assert all(cas_check_digit_ok(n) for n in numbers), [n for n in numbers if not cas_check_digit_ok(n)]


@pytest.mark.parametrize(
    "cas,ok",
    [
        ("7440-43-9", True),
        ("7440-43-8", False),
        ("7440-36-0", True),
        ("50-00-0", True),
        ("50-00-1", False),
        ("7440439", False),
        ("1-23-4", False),
    ],
)
def test_cas_check_digit_function(cas, ok):
    assert cas_check_digit_ok(cas) is ok


def test_limits_positive_and_shaped(toolkit):
    for e in toolkit.pollutants:
        g = e["limits"]["gb3838"]
        if g["table"] == "T1":
            assert "source_area" not in g, e["id"]
            values = list(g["classes"].values()) if "classes" in g else list(g["range"])
            if "classes" in g:  # class values never get looser from I to V
                assert values == sorted(values), e["id"]
        else:
            assert "classes" not in g and g["source_area"] > 0, e["id"]
            values = [g["source_area"]]
        assert all(v > 0 for v in values), e["id"]
        d = e["limits"]["gb5749"]
        assert (d["value"] > 0) if "value" in d else (0 < d["range"][0] < d["range"][1]), e["id"]


def test_values_match_the_dossier(toolkit):
    """Spot checks against domain-dossier §2.2/§2.3 so a transcription slip is caught."""
    p = toolkit.pollutant
    assert p("cadmium")["limits"]["gb3838"]["classes"] == {
        "I": 0.001,
        "II": 0.005,
        "III": 0.005,
        "IV": 0.005,
        "V": 0.01,
    }
    assert p("mercury")["limits"]["gb3838"]["classes"]["I"] == 0.00005
    assert p("thallium")["limits"]["gb3838"]["source_area"] == 0.0001
    assert p("antimony")["limits"]["gb3838"]["item"] == 75
    assert p("antimony")["identity"]["confidence"] == "confirmed"  # CAS confirmed via GSRS (S30)
    assert p("manganese")["limits"]["gb3838"]["table"] == "T2"
    assert p("nitrobenzene")["limits"]["gb3838"]["source_area"] == 0.017
    assert p("ammonia_nitrogen")["limits"]["gb3838"]["classes"]["I"] == 0.15  # not the 0.015 typo
    assert p("acid_alkali")["limits"]["gb3838"]["range"] == [6, 9]
    assert p("acid_alkali")["limits"]["gb5749"]["range"] == [6.5, 8.5]
    assert p("arsenic")["limits"]["gb5749"]["value"] == 0.01
    # Tags kept honest: [K] metal specific items are 'verify', petroleum in GB 5749 is uncertain.
    for metal in ("thallium", "antimony", "nickel", "molybdenum"):
        assert p(metal)["limits"]["gb3838"]["confidence"] == "verify"
    assert p("petroleum")["limits"]["gb5749"]["confidence"] == "uncertain"
    assert p("benzene")["limits"]["gb3838"]["confidence"] == "confirmed"


def test_files_say_compiled_list(toolkit):
    text = (RESOURCE_DIR / "pollutants.yaml").read_text(encoding="utf-8")
    assert "COMPILED" in text.split("pollutants:")[0]
    assert "汇编" in toolkit.meta["compiled_notice"]["zh"]
    scen = (RESOURCE_DIR / "scenarios.yaml").read_text(encoding="utf-8")
    assert "COMPILED FROM PUBLIC PRACTICE" in scen
    assert "公开实践" in toolkit.scenario_meta["compiled_notice"]["zh"]


def test_every_cited_s_number_is_listed(toolkit):
    listed = set(toolkit.meta["sources"])
    text = (RESOURCE_DIR / "pollutants.yaml").read_text(encoding="utf-8")
    text += (RESOURCE_DIR / "scenarios.yaml").read_text(encoding="utf-8")
    cited = set(re.findall(r"\bS\d+[a-z]?\b", text))
    assert cited <= listed, cited - listed


def test_scenarios_and_groupings(toolkit):
    ids = {s["id"] for s in toolkit.scenarios}
    assert {
        "tailings_pond_leak",
        "road_tanker_accident",
        "plant_fire_water",
        "pipeline_oil_leak",
        "industrial_heavy_metal",
    } <= ids
    assert len(toolkit.tech_categories) == 3 and len(toolkit.facility_types) == 3
    for s in toolkit.scenarios:
        assert len(s["steps"]) >= 5
        assert len({st["id"] for st in s["steps"]}) == len(s["steps"])
        assert all(toolkit.pollutant(p) for p in s["pollutants"])


def test_synonyms_resolve(toolkit):
    for name, ident in [
        ("六价铬", "chromium_vi"),
        ("Cr(VI)", "chromium_vi"),
        ("chromium VI", "chromium_vi"),
        ("Cr6+", "chromium_vi"),
        ("Cr⁶⁺", "chromium_vi"),
        ("镉", "cadmium"),
        ("CD", "cadmium"),
        ("7440-28-0", "thallium"),
        ("C6H5NO2", "nitrobenzene"),
        ("挥发酚", "phenol"),
        ("pH", "acid_alkali"),
        ("NH3-N", "ammonia_nitrogen"),
        ("石油类", "petroleum"),
    ]:
        assert toolkit.resolve(name)["id"] == ident, name
    assert toolkit.resolve("Cr") is None  # total chromium is not hexavalent chromium
    assert toolkit.resolve("") is None
