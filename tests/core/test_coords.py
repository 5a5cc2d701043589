"""Coordinates as field staff type them: decimal, DMS, hemisphere letters and Chinese words."""
from __future__ import annotations

import pytest

from fieldapp.core.coords import china_warning, format_dms, parse_angle
from fieldapp.core.errors import ValidationError


@pytest.mark.parametrize("text,axis,expected", [
    ("24.6512", "lat", 24.6512), ("-24.5", "lat", -24.5), ("24.5N", "lat", 24.5), ("N24.5", "lat", 24.5),
    ("24.5 S", "lat", -24.5), ("24.5S", "lat", -24.5), ("S 24.5", "lat", -24.5), ("24.5s", "lat", -24.5),
    ("108.3 W", "lon", -108.3), ("108.33E", "lon", 108.33),
    ("24°39'04\"N", "lat", 24 + 39 / 60 + 4 / 3600), ("24°39'04\"S", "lat", -(24 + 39 / 60 + 4 / 3600)),
    ("24 39 04 S", "lat", -(24 + 39 / 60 + 4 / 3600)), ("30d30m44.3s N", "lat", 30 + 30 / 60 + 44.3 / 3600),
    ("30°30.738'N", "lat", 30 + 30.738 / 60), ("24:39:04", "lat", 24 + 39 / 60 + 4 / 3600),
    ("24度39分04秒", "lat", 24 + 39 / 60 + 4 / 3600), ("北纬24度39分", "lat", 24.65),
    ("东经108度20分30秒", "lon", 108 + 20 / 60 + 30 / 3600), ("南纬5", "lat", -5.0), ("西经70.5", "lon", -70.5),
    ("24，5", "lat", 24.5),
])
def test_accepted_forms(text, axis, expected):
    assert parse_angle(text, axis) == pytest.approx(expected, abs=1e-7)


@pytest.mark.parametrize("text,axis,message", [
    ("", "lat", "required"), ("abc", "lat", "not a coordinate"), ("N24.5S", "lat", "two hemisphere"),
    ("24°61'", "lat", "below 60"), ("108.3E", "lat", "belongs to the other axis"), ("24.5N", "lon", "belongs to the other axis"),
    ("95", "lat", "outside −90…90"), ("190", "lon", "outside −180…180"), ("24.5°30'", "lat", "decimal degrees"),
])
def test_refused_forms_say_why(text, axis, message):
    with pytest.raises(ValidationError, match=message) as e:
        parse_angle(text, axis)
    assert e.value.field == axis


def test_dms_round_trip_and_china_warning():
    for v in (24.6511111, -24.6511111, 108.3416667):
        axis = "lat" if abs(v) < 90 else "lon"
        assert parse_angle(format_dms(v, axis), axis) == pytest.approx(v, abs=2e-6)
    assert china_warning(24.65, 108.34) is None
    assert "swapped" in china_warning(108.34, 24.65)
    assert "outside China" in china_warning(-5.0, 108.34)
