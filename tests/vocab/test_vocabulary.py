"""The vocabulary: spellings resolve to one parameter id; units normalise exactly; numbers read well."""
from __future__ import annotations

from decimal import Decimal

import pytest

from fieldapp.toolkit.validate import ToolkitDataError
from fieldapp.vocab import lookup_unit, parse_reading, resolve_id
from fieldapp.vocab.numbers import format_money, format_people, format_value, plain, sig
from fieldapp.vocab.parameters import VOCAB_FILE, _read, build_vocabulary, parameter_label
from fieldapp.vocab.units import UnitError, to_canonical


@pytest.mark.parametrize("spellings,pid", [
    (["Cd", "镉", "cadmium", "Cd2+", "Cd²⁺", "总镉", "CADMIUM", " cd "], "cadmium"),
    (["Cr(VI)", "六价铬", "Cr6+", "hexavalent chromium", "铬(六价)"], "chromium_vi"),
    (["thallium", "Tl", "铊", "7440-28-0"], "thallium"),
    (["pH", "ph", "PH值", "酸碱度"], "ph"),
    (["Oxi", "DO", "溶解氧", "do"], "do"),
    (["conductivity", "Cond", "电导率", "EC"], "conductivity"),
    (["甲基汞", "methylmercury", "MeHg"], "methylmercury"),
    (["Mn", "锰", "manganese"], "manganese"),
    (["COD", "CODcr", "化学需氧量"], "cod"),
])
def test_spellings_resolve_to_one_id(spellings, pid):
    assert {resolve_id(s) for s in spellings} == {pid}


def test_same_letters_different_things_are_told_apart():
    assert resolve_id("Co") == "cobalt" and resolve_id("CO") == "co"
    assert resolve_id("cO", "water") == "cobalt" and resolve_id("cO", "air") == "co"
    assert resolve_id("硫酸") is None      # an acid names the toolkit topic, not a reading
    assert resolve_id("") is None and resolve_id("氯化苦") is None


def test_labels_never_show_a_raw_id():
    assert parameter_label("cadmium", "Cd", "zh") == "镉（Cd）"
    assert parameter_label("ph", "ph", "en") == "pH"
    assert parameter_label("do", "do", "zh") == "溶解氧（DO）"
    assert parameter_label(None, "氯化苦", "zh") == "氯化苦（不在工具包中）"
    assert parameter_label(None, "X", "en") == "X (not in the toolkit)"


@pytest.mark.parametrize("unit,medium,canonical,factor", [
    ("mg/L", "water", "mg/L", "1"), ("µg/L", "water", "mg/L", "0.001"), ("μg/L", "water", "mg/L", "0.001"),
    ("ug/l", "water", "mg/L", "0.001"), ("微克/升", "water", "mg/L", "0.001"), ("ng/L", "water", "mg/L", "0.000001"),
    ("ppm", "water", "mg/L", "1"), ("ppb", "water", "mg/L", "0.001"), ("ppm", "air", "ppm", "1"),
    ("mg/L (as N)", "water", "mg/L", "1"), ("mg/L（以N计）", "water", "mg/L", "1"), ("mS/cm", "water", "µS/cm", "1000"),
    ("mg/m³", "air", "mg/m³", "1"), ("ppm", "soil", "mg/kg", "1"), ("℃", "water", "°C", "1"),
])
def test_unit_table(unit, medium, canonical, factor):
    u = lookup_unit(unit, medium)
    assert u.canonical == canonical and u.factor == Decimal(factor)


def test_conversion_is_exact_decimal():
    d, unit = to_canonical(Decimal("0.02233"), lookup_unit("µg/L"))
    assert unit == "mg/L" and repr(float(d)) == "2.233e-05"          # not 2.2329999999999998e-05
    with pytest.raises(UnitError) as e:
        lookup_unit("furlongs")
    assert "mg/L" in str(e.value) and "无法识别" in e.value.zh


@pytest.mark.parametrize("text,qualifier,number", [
    ("0.012", "", "0.012"), ("<0.001", "<", "0.001"), ("0.001L", "<", "0.001"), ("≤0.5", "<", "0.5"),
    (">10", ">", "10"), ("ND", "ND", None), ("未检出", "ND", None), ("7,012", "", "7.012"), ("1e-3", "", "0.001"),
])
def test_qualifiers(text, qualifier, number):
    r = parse_reading(text)
    assert r.qualifier == qualifier and (r.number == (Decimal(number) if number else None))


@pytest.mark.parametrize("value,unit,kw,text", [
    (0.00002067, "mg/L", {"trace": True, "digits": 4}, ("0.02067", "µg/L")),
    (0.00002067, "mg/L", {}, ("0.0000207", "mg/L")),
    (34300.0, "µS/cm", {}, ("34300", "µS/cm")),
    (0.012, "mg/L", {"digits": 2}, ("0.012", "mg/L")),
    (0.0120, "mg/L", {"digits": 3}, ("0.0120", "mg/L")),
    (None, "mg/L", {"qualifier": "ND"}, ("ND", "mg/L")),
    (0.001, "mg/L", {"qualifier": "<", "trace": True}, ("<0.00100", "mg/L")),
])
def test_display_numbers_never_use_exponents(value, unit, kw, text):
    assert format_value(value, unit, **kw) == text


def test_exports_get_the_stored_value_without_float_noise():
    assert plain(2.233e-05) == "0.00002233" and plain(5e-05) == "0.00005" and plain(34300.0) == "34300"
    assert plain(0.1 + 0.2) == "0.30000000000000004"    # an honest float stays what it is
    assert sig(0.00501 / 0.005 - 1, 2) == "0.0020"


def test_money_and_people():
    assert format_money(5_000_000) == "500万元" and format_money(120_000_000) == "1.2亿元"
    assert format_money(3200) == "3200元" and format_money(5_000_000, "en") == "5,000,000 yuan"
    assert format_people(12000) == "12000人" and format_people(12000, "en") == "12,000 people"


def test_vocabulary_data_errors_name_entry_and_field():
    import copy

    from fieldapp.toolkit.data import load_toolkit

    doc = _read(VOCAB_FILE)
    bad = copy.deepcopy(doc)
    bad["parameters"][0]["quantity"] = "weight"
    with pytest.raises(ToolkitDataError, match="quantity"):
        build_vocabulary(bad, load_toolkit())
    clash = copy.deepcopy(doc)
    clash["parameters"][0]["synonyms"].append("Cd")
    with pytest.raises(ToolkitDataError, match="'Cd' names both"):
        build_vocabulary(clash, load_toolkit())
    no_source = copy.deepcopy(doc)
    del next(p for p in no_source["parameters"] if p["id"] == "styrene")["limits"]["gb3838"]["source"]
    with pytest.raises(ToolkitDataError, match="styrene.*source"):
        build_vocabulary(no_source, load_toolkit())
