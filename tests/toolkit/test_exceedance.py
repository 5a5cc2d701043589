"""Worked exceedance cases: limits, multiples (C - L) / L, pH ranges, non-detects, unit conversion."""

from __future__ import annotations

import pytest

from fieldapp.toolkit.exceedance import (
    MeasurementError,
    assess,
    choose_standard,
    format_multiple,
    limit_for,
    parse_reading,
    to_mg_per_l,
)


def test_antimony_at_drinking_water_source():
    a = assess("Sb", 0.012, "mg/L", standard="GB3838-source")
    assert a.pollutant_id == "antimony" and a.status == "exceeded" and a.alarm
    assert a.limit.value == 0.005 and a.limit.basis == "source_area" and not a.limit.reference_only
    assert a.multiple == pytest.approx(1.4)
    assert format_multiple(a.multiple) == "超标1.4倍"
    assert format_multiple(a.multiple, "en") == "1.4 times over the limit"


def test_microgram_input_is_converted_before_comparing():
    a = assess("锑", "12", "µg/L", standard="GB3838-source")  # micro sign
    b = assess("antimony", 12, "μg/L", standard="GB3838-source")  # Greek mu
    assert a.value == b.value == pytest.approx(0.012)
    assert a.multiple == pytest.approx(1.4) and b.status == "exceeded"
    # 5 µg/L is exactly the 0.005 mg/L limit: not an exceedance despite float conversion.
    at_limit = assess("Cd", 5, "ug/L")
    assert at_limit.status == "ok" and at_limit.multiple is None and at_limit.ratio == pytest.approx(1.0)


@pytest.mark.parametrize("value,direction", [(5.2, "low"), (9.8, "high")])
def test_ph_outside_range(value, direction):
    a = assess("pH", value, "", standard="GB3838-III")
    assert a.status == "exceeded" and a.direction == direction
    assert (a.limit.low, a.limit.high) == (6, 9) and a.multiple is None


def test_ph_in_range_and_drinking_water_range():
    assert assess("pH值", 7.1, "无量纲").status == "ok"
    a = assess("pH", 8.8, None, standard="GB5749")  # 6.5-8.5 for drinking water
    assert a.status == "exceeded" and a.direction == "high" and a.limit.high == 8.5


def test_ph_rejects_concentration_unit_and_impossible_value():
    with pytest.raises(MeasurementError, match="unit"):
        assess("pH", 7, "mg/L")
    with pytest.raises(MeasurementError, match="between 0 and 14"):
        assess("pH", 15, "")


@pytest.mark.parametrize("value,qualifier", [("ND", None), ("未检出", None), (None, "ND")])
def test_non_detect_never_alarms(value, qualifier):
    a = assess("Tl", value, "mg/L", qualifier=qualifier)
    assert a.status == "not_detected" and not a.alarm and a.multiple is None


@pytest.mark.parametrize("value,qualifier", [("<0.001", None), (0.001, "<"), ("0.001L", None)])
def test_below_lod_never_alarms(value, qualifier):
    a = assess("Cd", value, "mg/L", qualifier=qualifier)
    assert a.status == "below_lod" and a.value == pytest.approx(0.001) and not a.lod_above_limit


def test_lod_above_limit_is_flagged_not_alarmed():
    a = assess("Tl", "<0.001", "mg/L")  # Tl limit is 0.0001: this LOD cannot show compliance
    assert a.status == "below_lod" and not a.alarm and a.lod_above_limit


def test_class_v_versus_class_iii():
    v = assess("Pb", 0.08, "mg/L", standard="GB3838-V")
    iii = assess("Pb", 0.08, "mg/L", standard="GB3838-III")
    assert v.status == "ok" and v.limit.value == 0.1
    assert iii.status == "exceeded" and iii.limit.value == 0.05 and iii.multiple == pytest.approx(0.6)


def test_table3_item_under_a_class_standard_is_marked_reference_only():
    a = assess("thallium", 0.44, "ug/L", standard="GB3838-III")
    assert a.limit.value == 0.0001 and a.limit.reference_only and a.status == "exceeded"
    assert a.multiple == pytest.approx(3.4)


def test_source_area_uses_class_iii_for_table1_items():
    a = assess("挥发酚", 0.006, "mg/L", standard="GB3838-source")
    assert a.limit.value == 0.005 and a.status == "exceeded"  # the Xin'an intake-shutdown trigger


def test_gb5749_limits_and_reference_values():
    assert limit_for(assess("As", 0.02, "mg/L").limit and _entry("arsenic"), "GB5749").value == 0.01
    ref = limit_for(_entry("nitrobenzene"), "GB5749")
    assert ref.basis == "reference" and ref.value == 0.017


def _entry(ident):
    from fieldapp.toolkit.data import load_toolkit

    return load_toolkit().pollutant(ident)


def test_unknown_parameter_and_above_qualifier():
    assert assess("COD", 20, "mg/L").status == "unknown_parameter"
    assert assess("Cd", ">0.01", "mg/L").status == "exceeded"
    assert assess("Cd", ">0.001", "mg/L").status == "indeterminate"


@pytest.mark.parametrize(
    "value,unit,expected",
    [
        (1, "mg/L", 1),
        (250, "ug/L", 0.25),
        (3, "ng/L", 3e-6),
        (2, "g/L", 2000),
        (7, "ppb", 0.007),
        (1, "mg/L (as N)", 1),
        (4, "毫克/升", 4),
        (9, "微克/升", 0.009),
    ],
)
def test_unit_conversion(value, unit, expected):
    assert to_mg_per_l(value, unit) == pytest.approx(expected)


def test_bad_inputs_name_the_field():
    with pytest.raises(MeasurementError) as e:
        assess("Cd", 1, "furlongs")
    assert e.value.field == "unit"
    with pytest.raises(MeasurementError) as e:
        assess("Cd", -1, "mg/L")
    assert e.value.field == "value"
    with pytest.raises(MeasurementError) as e:
        assess("Cd", "abc", "mg/L")
    assert e.value.field == "value"
    with pytest.raises(MeasurementError) as e:
        assess("Cd", 1, "mg/L", standard="GB3838-VI")
    assert e.value.field == "standard"
    with pytest.raises(MeasurementError) as e:
        parse_reading(1, "approximately")
    assert e.value.field == "qualifier"
    with pytest.raises(MeasurementError):
        assess("Cd", float("nan"), "mg/L")


def test_choose_standard_from_incident_and_role():
    assert choose_standard("GB3838-II", "water_intake") == "GB3838-source"
    assert choose_standard("GB3838-IV", "downstream") == "GB3838-IV"
    assert choose_standard(None, None) == "GB3838-III"
    assert choose_standard("GB3838-III", "finished_water") == "GB5749"
    assert (
        choose_standard("GB3838-III", "source") == "GB3838-III"
    )  # pollution source point, not a water source
    with pytest.raises(MeasurementError):
        choose_standard("GB9999", None)


def test_store_rows():
    from fieldapp.toolkit.exceedance import assess_measurement, standard_for_point

    std = standard_for_point({"standard": "GB3838-IV"}, {"role": "water_intake"})
    assert std == "GB3838-source"
    nd = assess_measurement({"parameter": "Cd", "value": None, "unit": "mg/L", "qualifier": "ND"}, std)
    assert nd.status == "not_detected"
    lt = assess_measurement({"parameter": "Cd", "value": 0.001, "unit": "mg/L", "qualifier": "<"}, std)
    assert lt.status == "below_lod"
    hit = assess_measurement(
        {"parameter": "六价铬", "value": 120, "unit": "µg/L", "qualifier": ""},
        standard_for_point({"standard": "GB3838-III"}, {"role": "downstream"}),
    )
    assert hit.status == "exceeded" and hit.multiple == pytest.approx(1.4)
