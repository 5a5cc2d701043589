"""Values a technician can trust, each case written as bytes on a real pty and read back from the store.

The lines are our own, written from the formats in the meters' manuals (WTW Multi 3630 IDS data
transmission, Thermo Orion Star A GETMEAS), never device captures.
"""
from __future__ import annotations

import copy

import pytest

from fieldapp.instruments import record_current_values
from fieldapp.instruments.profiles import builtin_profile, profile_from_dict

from instr_helpers import PtyDevice, wait_until


def wtw_line(groups: str, when: str = "29.11.2026 13:05:41") -> bytes:
    return f"Multi 3630 IDS;15171001;;{when};{groups}\r\n".encode("cp1252")


@pytest.fixture
def device(store, incident):
    made = []

    def make(profile, name="dev"):
        inc, point = incident
        dev = PtyDevice(profile, store, inc["uuid"], point["uuid"], name)
        made.append(dev)
        return dev
    yield make
    for dev in made:
        dev.close()


def readings(dev, where="1"):
    return dev.rows("SELECT channel, parameter, parameter_id, value, unit, unit_orig, flag, qualifier "
                    f"FROM instrument_readings WHERE device = ? AND {where} ORDER BY rowid", (dev.name,))


def test_auto_ranged_ms_per_cm_is_stored_as_34300_us_per_cm_with_the_unit_sent(device, store, incident):
    """WTW-style profile expecting µS/cm; the meter auto-ranges and sends 34.3 mS/cm."""
    dev = device(builtin_profile("wtw_multi"), "WTW-1")
    dev.send(wtw_line("7.012;pH;pH;34.3;mS/cm;Cond;21.4;°C;Temp;"))
    assert dev.wait_rows(1)
    got = {r[0]: r[3:6] for r in readings(dev)}
    assert got["Cond"] == (34300.0, "µS/cm", "mS/cm")           # never 34.3 µS/cm
    reason = dev.rows("SELECT parse_status, reason FROM instrument_raw WHERE parse_status = 'ok'")[0]
    assert "device sent mS/cm" in reason[1]                      # the mismatch is said, the value right
    # "record current values": the measurement keeps what the device sent
    result = record_current_values(store, dev.mgr.live.current("WTW-1"), incident[1]["uuid"])
    cond = next(m for m in result.written if m["parameter"] == "conductivity")
    assert (cond["value"], cond["unit"], cond["value_orig"], cond["unit_orig"]) == (34300.0, "µS/cm", "34.3", "mS/cm")


def test_two_oxi_groups_become_do_and_do_sat_and_three_temps_stay_apart(device, store, incident):
    dev = device(builtin_profile("wtw_multi"), "WTW-1")
    dev.send(wtw_line("7.012;pH;pH;21.4;°C;Temp;8.10;mg/l;Oxi;95.3;%;Oxi;21.5;°C;Temp;21.3;°C;Temp;"))
    assert dev.wait_rows(1)
    got = {r[0]: (r[2], r[3], r[4]) for r in readings(dev)}
    assert got["Oxi"] == ("do", 8.1, "mg/L") and got["Oxi [%]"] == ("do_sat", 95.3, "%")
    assert got["Temp"] == ("water_temp", 21.4, "°C") and got["Temp #2"][1] == 21.5 and got["Temp #3"][1] == 21.3
    live = {lv.reading.channel: lv.reading.value for lv in dev.mgr.live.current("WTW-1")}
    assert live["Oxi"] == 8.1 and live["Oxi [%]"] == 95.3 and len([c for c in live if c.startswith("Temp")]) == 3
    result = record_current_values(store, dev.mgr.live.current("WTW-1"), incident[1]["uuid"])
    written = {m["parameter"]: m["value"] for m in result.written}
    assert written["do"] == 8.1 and written["do_sat"] == 95.3 and written["water_temp"] == 21.4
    assert any("already taken from channel 'Temp'" in why for _l, why in result.skipped)


def test_oxi_in_percent_without_a_rule_is_never_stored_as_dissolved_oxygen(device):
    data = copy.deepcopy(builtin_profile("wtw_multi").data)
    del data["channels"]["Oxi [%]"]
    dev = device(profile_from_dict(data, "wtw_no_sat.yaml"))
    dev.send(wtw_line("95.3;%;Oxi;8.10;mg/l;Oxi;"))
    assert dev.wait_rows(1)
    rows = {r[0]: r for r in readings(dev)}
    assert rows["Oxi"][2] is None and rows["Oxi"][6] == "unmapped"       # % does not fit do (mg/L)
    assert rows["Oxi [mg/l]"][2] == "do" and rows["Oxi [mg/l]"][3] == 8.1
    reason = dev.rows("SELECT reason FROM instrument_raw WHERE parse_status = 'partial'")[0][0]
    assert "does not fit do" in reason and "add a channel 'Oxi'" in reason


def test_decimal_comma_reads_7_012(device):
    data = copy.deepcopy(builtin_profile("wtw_multi").data)
    data["record"]["decimal_comma"] = True
    dev = device(profile_from_dict(data, "wtw_comma.yaml"))
    dev.send(wtw_line("7,012;pH;pH;34,3;mS/cm;Cond;<0,05;mg/l;Oxi;"))
    assert dev.wait_rows(1)
    got = {r[0]: (r[3], r[7]) for r in readings(dev)}
    assert got == {"pH": (7.012, ""), "Cond": (34300.0, ""), "Oxi": (0.05, "<")}
    # without the option the same token is not silently misread
    plain = device(builtin_profile("wtw_multi"), "plain")
    plain.send(wtw_line("7,012;pH;pH;"))
    assert plain.wait_rows(1)
    assert readings(plain)[0][6] == "invalid"


def test_ofl_is_over_range_not_invalid(device):
    dev = device(builtin_profile("wtw_multi"))
    dev.send(wtw_line("OFL;µS/cm;Cond;UFL;mg/l;Oxi;"))
    assert dev.wait_rows(1)
    assert [(r[0], r[3], r[6]) for r in readings(dev)] == [("Cond", None, "over"), ("Oxi", None, "under")]


def test_device_clock_in_dd_mm_yy_is_a_utc_time_and_a_misfit_is_not_stored_as_text(device):
    data = copy.deepcopy(builtin_profile("wtw_multi").data)
    data["record"]["device_time"] = {"field": 3, "format": "dd/mm/yy hh:mm:ss", "timezone": "+08:00"}
    dev = device(profile_from_dict(data, "wtw_ddmmyy.yaml"))
    dev.send(wtw_line("7.01;pH;pH;", when="29/11/26 13:05:41"))
    dev.send(wtw_line("7.02;pH;pH;", when="11/29/26 13:05:42"))        # month first: does not fit
    assert dev.wait_rows(2)
    rows = dev.rows("SELECT device_time, received_at, reason FROM instrument_raw WHERE parse_status = 'ok' "
                    "ORDER BY rowid")
    assert rows[0][0] == "2026-11-29T05:05:41.000Z"                      # 13:05 at UTC+8
    assert rows[0][1].endswith("Z") and len(rows[0][1]) == len(rows[0][0])   # both times in one form
    assert rows[1][0] is None and "does not fit the format" in rows[1][2]


def test_orion_getmeas_with_method_and_log_fields_gives_no_junk_readings(device, store):
    prof = builtin_profile("orion_star_a")
    prof.poll = {**prof.poll, "interval": 0.1}
    dev = device(prof, "orion")
    for n in (161, 162):
        assert wait_until(lambda: b"GETMEAS" in dev.read_commands(0.3), 5)
        dev.send(b"GETMEAS         \r\n\r\n\rA215 pH,X51250,3.04,ABCDE,12/07/23 09:30:40,---,CH-1,pH,4.61,pH,"
                 b"111.2, mV,25.0,C,89.1,%,M100,#" + str(n).encode() + b"\n\r\r>")
    assert dev.wait_rows(2)
    rows = readings(dev)
    assert {r[0] for r in rows} == {"pH", "mV", "C", "%"}                # no "#162", no "M100"
    assert {r[2] for r in rows} == {"ph", "ph_mv", "water_temp", "ph_slope"}  # electrode mV is not ORP
    status = dev.rows("SELECT parse_status, count(*) FROM instrument_raw WHERE device='orion' AND kind='line' "
                      "GROUP BY 1")
    assert status == [("ok", 2)]                                          # not "partial"
    dev.mgr.stop_all()
    dev.sink.flush()
    left = store.conn.execute("SELECT raw, reason FROM instrument_raw WHERE parse_status = 'quarantined'").fetchall()
    assert left == []                                                     # a disconnect leaves no byte behind


def test_prompt_timeout_is_reported_and_the_command_sent_again(device):
    prof = builtin_profile("orion_star_a")
    prof.poll = {**prof.poll, "interval": 0.1, "reply_timeout": 0.4}
    dev = device(prof, "orion")
    heard = dev.read_commands(1.5)
    assert heard.count(b"GETMEAS") >= 2                                   # asked again after each timeout
    assert heard.count(b"GETMEAS") <= 5                                   # ...but never faster than the timeout
    assert wait_until(lambda: any(s.state == "no_data" and "no reply to 'GETMEAS' within 0.4 s" in s.reason
                                  for s in dev.statuses))
    assert all(s.state != "connected" for s in dev.statuses)
    events = dev.rows("SELECT reason FROM instrument_raw WHERE kind = 'status' AND reason LIKE 'no reply%'")
    assert len(events) == 1                                               # said once per silence
    # the meter wakes up: the next reply turns the device green
    assert wait_until(lambda: b"GETMEAS" in dev.read_commands(0.3), 5)
    dev.send(b"A215 pH,X51250,3.04,ABCDE,12/07/23 09:30:40,---,CH-1,pH,4.61,pH,M100,#1\r\n>")
    assert wait_until(lambda: dev.statuses[-1].state == "connected")


def test_exponent_and_exact_conversion_keep_plain_decimals(device):
    dev = device(builtin_profile("wtw_multi"))
    dev.send(wtw_line("34.3E+3;µS/cm;Cond;0.1;mS/cm;Cond;"))
    assert dev.wait_rows(1)
    got = [(r[0], r[3]) for r in readings(dev)]
    assert got == [("Cond", 34300.0), ("Cond [mS/cm]", 100.0)]            # 0.1 mS/cm is exactly 100 µS/cm

