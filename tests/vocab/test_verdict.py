"""Worked verdict cases: limits, multiples (C − S) / S, ranges, bounds, non-detects, media, standards."""
from __future__ import annotations

import pytest

from fieldapp.vocab import VocabError, judge, judge_row, standard_for_point
from fieldapp.vocab.verdict import worst


def test_antimony_at_a_drinking_water_intake():
    v = judge("Sb", 0.012, "mg/L", standard="GB3838-source-II")
    assert v.parameter_id == "antimony" and v.status == "exceeded" and v.alarm
    assert v.limit.upper == 0.005 and not v.limit.reference_only
    assert v.multiple == pytest.approx(1.4)
    assert v.words("zh") == "超标1.4倍" and v.words("en") == "2.4× the limit (140% over)"
    assert v.standard_text("zh") == "GB 3838-2002 表3 集中式生活饮用水地表水源地特定项目"


def test_micrograms_are_converted_exactly():
    a = judge("锑", "12", "µg/L", standard="GB3838-source-II")   # micro sign
    b = judge("antimony", 12, "μg/L", standard="GB3838-source-II")  # Greek mu
    assert a.value == b.value == 0.012
    at_limit = judge("Cd", 5, "ug/L")   # exactly the 0.005 mg/L limit: not over, despite conversion
    assert at_limit.status == "within" and at_limit.multiple is None and at_limit.ratio == pytest.approx(1.0)


def test_a_tiny_exceedance_is_never_printed_as_zero():
    v = judge("Cd", "0.00501", "mg/L")
    assert v.status == "exceeded" and v.words("zh") == "超标0.002倍"
    assert v.words("en") == "1.002× the limit (0.2% over)"


@pytest.mark.parametrize("value,direction,words", [(5.2, "low", "超标（低于下限6）"), (9.8, "high", "超标（高于上限9）")])
def test_ph_outside_range(value, direction, words):
    v = judge("pH", value, "")
    assert v.status == "exceeded" and v.direction == direction and v.words() == words
    assert (v.limit.lower, v.limit.upper) == (6, 9) and v.multiple is None


@pytest.mark.parametrize("text,status", [("<6", "exceeded"), ("<5.5", "exceeded"), ("<7", "inconclusive"),
                                         (">9.5", "exceeded"), (">8", "inconclusive"), ("7.1", "within")])
def test_ph_bounds_are_judged_as_bounds(text, status):
    assert judge("pH", text, "").status == status


def test_ph_for_drinking_water_and_bad_ph_input():
    v = judge("pH值", 8.8, None, standard="GB5749")
    assert v.status == "exceeded" and v.limit.upper == 8.5
    with pytest.raises(VocabError) as e:
        judge("pH", 7, "mg/L")
    assert e.value.field == "unit" and "pH" in str(e.value) and "mg/L" in str(e.value)
    with pytest.raises(VocabError, match="0–14"):
        judge("pH", 15, "")


@pytest.mark.parametrize("value,qualifier", [("ND", None), ("未检出", None), ("", "ND"), ("n.d.", None)])
def test_non_detect_never_alarms(value, qualifier):
    v = judge("Tl", value, "mg/L", qualifier)
    assert v.status == "not_detected" and not v.alarm and v.words() == "未检出"


@pytest.mark.parametrize("value,qualifier", [("<0.001", None), (0.001, "<"), ("0.001L", None), ("0.001", "<LOD")])
def test_below_a_detection_limit_under_the_limit_is_not_detected(value, qualifier):
    v = judge("Cd", value, "mg/L", qualifier)
    assert v.status == "not_detected" and v.value == 0.001 and v.qualifier == "<"


def test_detection_limit_above_the_limit_is_inconclusive_never_compliant():
    v = judge("Hg", "<0.001", "mg/L")   # Hg limit 0.0001 mg/L (class III)
    assert v.status == "inconclusive" and not v.alarm
    assert "检出限高于限值" in v.words("zh") and "detection limit above" in v.words("en")
    assert "more sensitive method" in v.explanation("en")


def test_class_v_versus_class_iii():
    v = judge("Pb", 0.08, "mg/L", standard="GB3838-V")
    iii = judge("Pb", 0.08, "mg/L", standard="GB3838-III")
    assert v.status == "within" and v.limit.upper == 0.1 and v.standard_text() == "GB 3838-2002 Ⅴ类"
    assert iii.status == "exceeded" and iii.multiple == pytest.approx(0.6)


def test_table3_value_at_an_ordinary_section_is_a_labelled_reference():
    v = judge("thallium", 0.44, "ug/L", standard="GB3838-III")
    assert v.limit.upper == 0.0001 and v.limit.reference_only and v.status == "exceeded"
    assert "参照" in v.standard_text("zh") and "reference" in v.standard_text("en")


def test_intake_defaults_to_class_ii_and_says_so():
    std = standard_for_point({"standard": "GB3838-III"}, {"role": "water_intake"})
    assert std == "GB3838-source-II"
    v = judge("挥发酚", 0.003, "mg/L", standard=std)          # class II 0.002 < 0.003 < class III 0.005
    assert v.status == "exceeded" and "Ⅱ类" in v.standard_text() and "一级保护区" in v.standard_text()
    relaxed = standard_for_point({"source_standard": "GB3838-source-III"}, {"role": "water_intake"})
    assert judge("挥发酚", 0.003, "mg/L", standard=relaxed).status == "within"
    assert standard_for_point({}, {"role": "water_intake", "standard": "GB3838-IV"}) == "GB3838-IV"
    assert standard_for_point({}, {"role": "drinking_water"}) == "GB5749"
    assert standard_for_point({"standard": "GB3838-II"}, {"role": "source"}) == "GB3838-II"


def test_gb5749_reference_values_are_marked():
    v = judge("nitrobenzene", 0.02, "mg/L", standard="GB5749")
    assert v.status == "exceeded" and v.limit.reference_only and "附录A" in v.standard_text()


@pytest.mark.parametrize("medium,unit", [("air", "mg/m3"), ("air", "ppm"), ("soil", "mg/kg"), ("sediment", "mg/kg")])
def test_air_and_soil_values_are_not_comparable_never_green(medium, unit):
    v = judge("benzene" if medium == "air" else "Cd", 5, unit, medium=medium)
    assert v.status == "not_comparable" and v.standard_text() == ""
    assert "不可比" in v.words("zh")


def test_air_ppm_becomes_mg_per_m3_with_the_molar_mass():
    v = judge("benzene", 1, "ppm", medium="air")
    assert v.unit == "mg/m³" and v.value == pytest.approx(78.11 / 24.45)


def test_parameters_outside_the_toolkit():
    unknown = judge("氯化苦", 1, "mg/L")
    assert unknown.status == "unknown_parameter" and "不在工具包中" in unknown.words()
    styrene = judge("styrene", 0.5, "mg/L")       # GB 3838 Table 3 item, now a limit-only parameter
    assert styrene.status == "exceeded" and styrene.words() == "超标24倍"
    cod = judge("COD", 25, "mg/L")
    assert cod.status == "exceeded" and cod.limit.upper == 20
    assert judge("conductivity", 500, "µS/cm").status == "no_limit"


def test_methylmercury_is_its_own_parameter_with_its_own_limit():
    v = judge("甲基汞", 0.00005, "mg/L")
    assert v.parameter_id == "methylmercury" and v.status == "exceeded"   # mercury's 0.0001 would pass it
    assert judge("Hg", 0.00005, "mg/L").status == "within"


def test_dissolved_oxygen_is_a_lower_limit():
    assert judge("DO", 4, "mg/L").status == "exceeded" and judge("溶解氧", 6, "mg/L").status == "within"
    assert judge("do", ">8", "mg/L").status == "within"


def test_above_qualifier():
    assert judge("Cd", ">0.01", "mg/L").words() == "超标1倍以上"
    assert judge("Cd", ">0.001", "mg/L").status == "inconclusive"


@pytest.mark.parametrize("param,value,unit,field", [
    ("Cd", 1, "furlongs", "unit"), ("Cd", -1, "mg/L", "value"), ("Cd", "abc", "mg/L", "value"),
    ("Cd", 1, "m/s", "unit"), ("Cd", float("nan"), "mg/L", "value"), ("Cd", 1, "mg/m3", "unit"),
])
def test_bad_inputs_name_the_field_in_both_languages(param, value, unit, field):
    with pytest.raises(VocabError) as e:
        judge(param, value, unit)
    assert e.value.field == field and e.value.zh and e.value.zh != str(e.value)


def test_unknown_standard_and_qualifier_are_refused():
    with pytest.raises(VocabError) as e:
        judge("Cd", 1, "mg/L", standard="GB3838-VI")
    assert e.value.field == "standard"
    with pytest.raises(VocabError) as e:
        judge("Cd", 1, "mg/L", "approximately")
    assert e.value.field == "qualifier"


def test_stored_rows_and_the_worst_status_of_a_point():
    std = standard_for_point({"standard": "GB3838-IV"}, {"role": "water_intake"})
    nd = judge_row({"parameter": "Cd", "parameter_id": "cadmium", "value": None, "unit": "mg/L",
                    "qualifier": "ND"}, std)
    hit = judge_row({"parameter": "六价铬", "parameter_id": "chromium_vi", "value": 0.12, "unit": "mg/L",
                     "qualifier": ""}, "GB3838-III")
    assert nd.status == "not_detected" and hit.status == "exceeded" and hit.multiple == pytest.approx(1.4)
    assert worst(["within", "not_detected"]) == "within"
    assert worst(["within", "inconclusive"]) == "inconclusive"
    assert worst(["within", "exceeded", "not_comparable"]) == "exceeded"
    assert worst([]) == "none"
