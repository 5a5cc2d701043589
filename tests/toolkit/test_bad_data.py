"""Broken data fails loading with the entry and the field named."""

from __future__ import annotations

import pytest

from fieldapp.toolkit.data import load_from_dir, load_from_documents
from fieldapp.toolkit.validate import ToolkitDataError


def _entry(doc, ident):
    return next(e for e in doc["pollutants"] if e["id"] == ident)


def _fails(docs, entry, field):
    with pytest.raises(ToolkitDataError) as exc:
        load_from_documents(*docs)
    err = exc.value
    assert (err.entry, err.field) == (entry, field), str(err)
    assert f"'{entry}'" in str(err) and f"'{field}'" in str(err)
    return err


def test_unmodified_documents_load(docs):
    assert len(load_from_documents(*docs).pollutants) == 25


def test_missing_field(docs):
    del _entry(docs[0], "thallium")["methods"]["lab"]
    _fails(docs, "thallium", "methods.lab")


def test_missing_name_language(docs):
    del _entry(docs[0], "benzene")["name"]["en"]
    _fails(docs, "benzene", "name.en")


def test_wrong_cas_check_digit(docs):
    _entry(docs[0], "cadmium")["identity"]["cas"][0]["number"] = "7440-43-8"
    err = _fails(docs, "cadmium", "identity.cas[0].number")
    assert "check digit" in str(err)


def test_negative_limit(docs):
    _entry(docs[0], "lead")["limits"]["gb3838"]["classes"]["III"] = -0.05
    err = _fails(docs, "lead", "limits.gb3838.classes.III")
    assert "positive" in str(err)


def test_zero_source_area_limit(docs):
    _entry(docs[0], "antimony")["limits"]["gb3838"]["source_area"] = 0
    _fails(docs, "antimony", "limits.gb3838.source_area")


def test_value_without_source(docs):
    del _entry(docs[0], "arsenic")["disposal"]["in_river"]["params"][0]["source"]
    _fails(docs, "arsenic", "disposal.in_river.params[0].source")


def test_empty_source(docs):
    _entry(docs[0], "mercury")["limits"]["gb5749"]["source"] = "  "
    _fails(docs, "mercury", "limits.gb5749.source")


def test_bad_confidence(docs):
    _entry(docs[0], "zinc")["hazards"]["confidence"] = "probably"
    _fails(docs, "zinc", "hazards.confidence")


def test_unknown_s_number(docs):
    _entry(docs[0], "copper")["methods"]["field"]["source"] = "S99"
    _fails(docs, "copper", "methods.field.source")


def test_stray_key_from_yaml_comma(docs):
    # "{en: A, then B}" in YAML flow style silently becomes key "then B": must not pass.
    _entry(docs[0], "nickel")["disposal"]["waterworks"]["then B"] = None
    _fails(docs, "nickel", "disposal.waterworks")


def test_class_values_on_a_table3_item(docs):
    g = _entry(docs[0], "thallium")["limits"]["gb3838"]
    g["classes"] = {"I": 1, "II": 1, "III": 1, "IV": 1, "V": 1}
    _fails(docs, "thallium", "limits.gb3838")


def test_ph_range_reversed(docs):
    _entry(docs[0], "acid_alkali")["limits"]["gb3838"]["range"] = [9, 6]
    _fails(docs, "acid_alkali", "limits.gb3838.range")


def test_ambiguous_synonym(docs):
    _entry(docs[0], "toluene")["synonyms"].append("Cd")
    _fails(docs, "toluene", "synonyms")


def test_duplicate_id(docs):
    _entry(docs[0], "zinc")["id"] = "copper"
    _fails(docs, "copper", "id")


def test_wrong_entry_count(docs):
    docs[0]["pollutants"].pop()
    _fails(docs, "(file)", "pollutants")


def test_scenario_step_missing_text(docs):
    del docs[1]["scenarios"][0]["steps"][2]["en"]
    _fails(docs, docs[1]["scenarios"][0]["id"], "steps[2].en")


def test_scenario_unknown_pollutant(docs):
    docs[1]["scenarios"][1]["pollutants"].append("unobtainium")
    _fails(docs, docs[1]["scenarios"][1]["id"], "pollutants[8]")


def test_broken_file_on_disk(tmp_path, docs):
    import yaml

    _entry(docs[0], "fluoride")["identity"]["cas"][0]["number"] = "16984-48-1"
    (tmp_path / "pollutants.yaml").write_text(yaml.safe_dump(docs[0], allow_unicode=True), encoding="utf-8")
    (tmp_path / "scenarios.yaml").write_text(yaml.safe_dump(docs[1], allow_unicode=True), encoding="utf-8")
    with pytest.raises(
        ToolkitDataError, match=r"pollutants.yaml: entry 'fluoride', field 'identity.cas\[0\]"
    ):
        load_from_dir(tmp_path)
    (tmp_path / "scenarios.yaml").write_text("scenarios: [unclosed", encoding="utf-8")
    (tmp_path / "pollutants.yaml").write_text(yaml.safe_dump(load_ok(docs)), encoding="utf-8")
    with pytest.raises(ToolkitDataError, match="not valid YAML"):
        load_from_dir(tmp_path)


def load_ok(docs):
    _entry(docs[0], "fluoride")["identity"]["cas"][0]["number"] = "16984-48-8"
    return docs[0]
