"""Profiles as data: built-ins load, user profiles work without code, bad profiles are refused clearly."""
from __future__ import annotations

from datetime import date, datetime, time

import pytest
import yaml

from fieldapp.core.timeutil import to_iso
from fieldapp.instruments.decoder import StreamDecoder
from fieldapp.instruments.profiles import ProfileError, builtin_profile, load_profile, load_profiles

from instr_helpers import decode_all

USER_PROFILE = """
name: acme_turbidity
description: a device the app does not know, described by a user
port: {baudrate: 19200, parity: E}
match: {glob: ["/dev/serial/by-id/*ACME*"]}
framing: {type: line, terminator: cr, encoding: ascii}
record:
  type: regex
  pattern: '^T(?P<when>\\d{6}) NTU=(?P<ntu>\\S+) T=(?P<temp>\\S+)$'
  device_time: {group: when, format: "%H%M%S"}
  fields: {ntu: turb, temp: temp}
channels:
  turb: {parameter: turbidity, unit: NTU}
  temp: {parameter: water_temp, unit: "°C"}
simulate:
  template: "T{seq:06d} NTU={ntu} T={temp}"
  values:
    ntu: {mean: 40, noise: 1, decimals: 1}
    temp: {mean: 15, noise: 0.1, decimals: 2}
"""


def test_all_builtins_load_and_cover_the_required_families():
    profiles = load_profiles()
    assert {"gps_nmea", "orion_star_a", "wtw_multi", "ysi_exo", "rae_csv", "otis_gen2"} <= set(profiles)
    assert profiles["otis_gen2"].is_binary and profiles["orion_star_a"].poll["commands"] == ["GETMEAS"]


def test_user_profile_file_describes_a_new_device_without_code(tmp_path):
    (tmp_path / "acme.yaml").write_text(USER_PROFILE, encoding="utf-8")
    prof = load_profiles(tmp_path)["acme_turbidity"]
    recs = decode_all(StreamDecoder(prof), [b"T130541 NTU=OVER T=15.2\r", b"T130542 NTU=41.5 T=15.3\r"])
    assert [(r.parameter, r.value, r.unit, r.flag) for r in recs[1].readings] == [
        ("turbidity", 41.5, "NTU", ""), ("water_temp", 15.3, "°C", "")]
    # a time-only clock gets today's date; stored as UTC like every time
    today = datetime.combine(date.today(), time(13, 5, 42)).astimezone()
    assert recs[0].readings[0].flag == "over" and recs[1].device_time == to_iso(today)


@pytest.mark.parametrize("path,bad_key", [
    (("record",), "delimeter"), (("port",), "baud"), ((), "colour"), (("framing",), "termination"),
    (("simulate", "values", "ntu"), "sigma"), (("channels", "turb"), "units"),
])
def test_unknown_profile_field_is_rejected_naming_the_field(tmp_path, path, bad_key):
    data = yaml.safe_load(USER_PROFILE)
    section = data
    for key in path:
        section = section[key]
    section[bad_key] = 1
    f = tmp_path / "bad.yaml"
    f.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ProfileError) as exc:
        load_profile(f)
    dotted = ".".join((*path, bad_key))
    text = str(exc.value)
    assert f"bad.yaml: {dotted}: unknown key" in text and "allowed here:" in text and "\n" not in text


@pytest.mark.parametrize("mutate,needle", [
    (lambda d: d["record"].update(type="xml"), "unknown record type 'xml'"),
    (lambda d: d["record"].update(pattern="(unclosed"), "not a valid regular expression"),
    (lambda d: d["port"].update(baudrate="fast"), "port.baudrate: must be a whole number"),
    (lambda d: d["framing"].update(encoding="klingon"), "framing.encoding: 'klingon' is not a text encoding"),
    (lambda d: d.pop("record"), "record: is missing"),
    (lambda d: d["framing"].update(type="binary"), "framing.start_byte"),
])
def test_invalid_profiles_get_specific_messages(tmp_path, mutate, needle):
    data = yaml.safe_load(USER_PROFILE)
    mutate(data)
    f = tmp_path / "p.yaml"
    f.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ProfileError, match=None) as exc:
        load_profile(f)
    assert needle in str(exc.value)


def test_unknown_builtin_name_lists_the_known_ones():
    with pytest.raises(ProfileError, match="gps_nmea"):
        builtin_profile("nope")
