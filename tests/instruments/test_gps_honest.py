"""Honest GPS over a real pty: only real fixes count, GLL is read, another datum is flagged, and a
fix far from the incident needs confirming before it is used (fieldapp.instruments.gps_check)."""
from __future__ import annotations

import pytest

from fieldapp.instruments.gps_check import check_fix
from fieldapp.instruments.parsers.nmea import nmea_checksum
from fieldapp.instruments.profiles import builtin_profile

from instr_helpers import PtyDevice, wait_until


def nmea(body: str) -> bytes:
    return f"${body}*{nmea_checksum(body):02X}\r\n".encode()


GGA = "GNGGA,031500.00,3035.5680,N,11418.3300,E,{q},09,0.9,23.4,M,-3.1,M,,"
RMC = "GNRMC,031502.00,A,3035.5680,N,11418.3300,E,0.0,,291126,,,{mode}"


@pytest.fixture
def gps(store, incident):
    dev = PtyDevice(builtin_profile("gps_nmea"), store, incident[0]["uuid"], None, "GPS")
    yield dev
    dev.close()


def statuses(dev):
    return dev.rows("SELECT parse_status, reason FROM instrument_raw WHERE device = 'GPS' AND kind = 'line' "
                    "ORDER BY rowid")


@pytest.mark.parametrize("quality,words", [(6, "estimated"), (7, "manual input"), (8, "simulator")])
def test_gga_quality_6_7_8_is_not_a_fix(gps, quality, words):
    gps.send(nmea(GGA.format(q=quality)))
    assert gps.wait_rows(1, "kind = 'line'")
    st, reason = statuses(gps)[0]
    assert st == "rejected" and f"GGA quality {quality} ({words}" in reason
    assert gps.mgr.live.fix is None
    assert gps.rows("SELECT count(*) FROM instrument_readings")[0][0] == 0
    assert all(s.state != "connected" for s in gps.statuses)        # never green on a demo-mode receiver
    assert wait_until(lambda: gps.statuses[-1].state == "no_data" and "no usable values" in gps.statuses[-1].reason)


@pytest.mark.parametrize("quality", [1, 2, 4, 5])
def test_gga_real_fixes_are_accepted(gps, quality):
    gps.send(nmea(GGA.format(q=quality)))
    assert gps.wait_rows(1)
    assert gps.mgr.live.fix.quality == quality


@pytest.mark.parametrize("mode,accepted", [("N", False), ("E", False), ("S", False), ("M", False),
                                           ("A", True), ("D", True)])
def test_rmc_mode_indicator(gps, mode, accepted):
    gps.send(nmea(RMC.format(mode=mode)))
    assert gps.wait_rows(1, "kind = 'line'")
    st, reason = statuses(gps)[0]
    assert (st == "ok") == accepted, reason
    if not accepted:
        assert f"RMC mode {mode}" in reason and gps.mgr.live.fix is None


def test_gll_is_read(gps):
    gps.send(nmea("GNGLL,3035.5680,N,11418.3300,E,031503.00,A,A"))
    gps.send(nmea("GNGLL,3035.5680,N,11418.3300,E,031504.00,V,N"))
    assert gps.wait_rows(2, "kind = 'line'")
    assert [s for s, _r in statuses(gps)] == ["ok", "rejected"]
    fix = gps.mgr.live.fix
    assert fix.sentence == "GLL" and fix.lat == pytest.approx(30.5928) and fix.lon == pytest.approx(114.3055)


def test_a_datum_other_than_wgs84_is_flagged_on_every_fix(gps):
    gps.send(nmea("PGRMM,NAD83"))
    gps.send(nmea(GGA.format(q=1)))
    assert gps.wait_rows(1)
    rows = statuses(gps)
    assert rows[0][0] == "ignored" and "NAD83" in rows[0][1]
    assert rows[1][0] == "partial" and "datum NAD83, not WGS 84" in rows[1][1]
    fix = gps.mgr.live.fix
    assert fix.datum == "NAD83" and not fix.datum_ok
    gps.send(nmea("GPDTM,W84,,0.0,N,0.0,E,0.0,W84"))                # back to WGS 84
    gps.send(nmea(GGA.format(q=1)))
    assert gps.wait_rows(2)
    assert gps.mgr.live.fix.datum_ok


def test_far_away_fix_needs_confirmation(store, incident, gps):
    """The incident's point is at 30.59 N 114.30 E (Wuhan); the receiver reports Beijing, ~1000 km."""
    inc, point = incident
    gps.send(nmea("GNGGA,031500.00,3954.2000,N,11623.4000,E,1,09,0.9,50.0,M,-3.1,M,,"))
    assert wait_until(lambda: gps.mgr.live.fix is not None)
    fix = gps.mgr.live.fix
    far = check_fix(store, inc["uuid"], fix.lat, fix.lon)
    assert far.far and far.judged and 900 < far.distance_km < 1200 and far.nearest == "W-01"
    assert "km from the nearest point" in far.message() and "50 km" in far.message()
    near = check_fix(store, inc["uuid"], 30.6, 114.31)
    assert not near.far and near.distance_km < 2
    assert check_fix(store, inc["uuid"], 30.9, 114.30, limit_km=20).far        # configurable
    empty = store.create_incident("另一事件 no points yet")
    unknown = check_fix(store, empty["uuid"], fix.lat, fix.lon)
    assert not unknown.judged and "cannot be checked" in unknown.message()
