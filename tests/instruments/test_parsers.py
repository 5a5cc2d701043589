"""Each built-in profile's parser on hand-written sample bytes (our own, not device captures)."""
from __future__ import annotations

import struct
from datetime import date, datetime

import pytest

from fieldapp.core.timeutil import to_iso
from fieldapp.instruments.decoder import StreamDecoder
from fieldapp.instruments.framing import xor_checksum
from fieldapp.instruments.parsers.nmea import nmea_checksum
from fieldapp.instruments.values import parse_value

from instr_helpers import decode_all


def nmea(body: str) -> bytes:
    return f"${body}*{nmea_checksum(body):02X}\r\n".encode()


def data(records):
    return [r for r in records if r.is_data]


@pytest.mark.parametrize("talker", ["GP", "GN", "GL", "GA", "BD", "GB"])
def test_gga_from_every_talker_gives_a_fix(profiles, talker):
    dec = StreamDecoder(profiles["gps_nmea"])
    recs = decode_all(dec, [nmea(f"{talker}GGA,031500.00,3035.5680,N,11418.3300,E,1,09,0.9,23.4,M,-3.1,M,,")])
    assert recs[0].status == "ok", recs[0].reason
    fix = recs[0].fix
    assert fix.talker == talker and fix.lat == pytest.approx(30.59280) and fix.lon == pytest.approx(114.30550)
    assert {r.parameter for r in recs[0].readings} >= {"latitude", "longitude", "altitude", "hdop"}


def test_fix_filter_rejects_no_fix_void_rmc_and_bad_hdop(profiles):
    dec = StreamDecoder(profiles["gps_nmea"])
    recs = decode_all(dec, [
        nmea("GNGGA,031500.00,,,,,0,00,99.9,,M,,M,,"),
        nmea("BDRMC,031500.00,V,,,,,,,291126,,,N"),
        nmea("GPGGA,031501.00,3035.5680,S,11418.3300,W,1,04,7.5,23.4,M,-3.1,M,,"),
        nmea("GNRMC,031502.00,A,3035.5680,S,11418.3300,W,0.0,,291126,,,A"),
    ])
    assert [r.status for r in recs] == ["rejected", "rejected", "rejected", "ok"]
    assert "quality 0" in recs[0].reason and "status V" in recs[1].reason and "HDOP 7.5" in recs[2].reason
    assert all(r.fix is None for r in recs[:3])
    assert recs[3].fix.lat < 0 and recs[3].fix.lon < 0
    assert recs[3].device_time == "2026-11-29T03:15:02.00Z"


def test_nmea_checksum_junk_proprietary_and_ais(profiles):
    good = nmea("GNGGA,031500.00,3035.5680,N,11418.3300,E,1,09,0.9,23.4,M,-3.1,M,,")
    bad = good.replace(b"23.4", b"23.5")
    recs = decode_all(StreamDecoder(profiles["gps_nmea"]), [
        bad, b"\xff\xfe" + good, nmea("PUBX,00,foo"), b"!AIVDM,1,1,,A,13aG?P0P00PD;88MD5MTDww@2<0L,0*2B\r\n",
        nmea("GPGSV,3,1,11,03,03,111,00"), good])
    assert "checksum mismatch" in recs[0].reason
    assert recs[1].status == "error"            # junk glued before '$' spoils only that line
    assert [r.status for r in recs[2:]] == ["ignored", "ignored", "ignored", "ok"]


def test_gps_week_rollover_date_is_corrected(profiles):
    dec = StreamDecoder(profiles["gps_nmea"])
    dec.parser.today = lambda: date(2026, 11, 29)
    recs = decode_all(dec, [nmea("GPRMC,031500.00,A,3035.5680,N,11418.3300,E,0.0,,150407,,,A")])
    assert recs[0].device_time.startswith("2026-11-29") and "rollover" in recs[0].reason


def test_orion_getmeas_reply_with_echo_and_prompt(profiles):
    dec = StreamDecoder(profiles["orion_star_a"])
    dec.sent("GETMEAS")
    recs = decode_all(dec, [b"GETMEAS\r\nA215 pH,X51823,3.04,U1,11/29/26 13:05:41,S7,CH-1,pH,",
                            b"7.02,pH,-3.1,mV,25.0,C,<0.01,uS/cm\r\n>"])
    rec = data(recs)[0]
    vals = {r.parameter: (r.value, r.unit, r.qualifier) for r in rec.readings}
    # the mV of a pH channel is the pH electrode's potential, not ORP
    assert vals == {"ph": (7.02, "pH", ""), "ph_mv": (-3.1, "mV", ""), "water_temp": (25.0, "°C", ""),
                    "conductivity": (0.01, "µS/cm", "<")}
    assert rec.device_time == to_iso(datetime(2026, 11, 29, 13, 5, 41).astimezone())
    assert [r.kind for r in recs] == ["echo", "line", "prompt"]


def test_wtw_cp1252_units_and_exponent_values(profiles):
    line = ("Multi 3630 IDS;15171001;;29.11.2026 13:05:41;7.012;pH;pH;34.3E+3;µS/cm;Cond;21.4;°C;Temp;"
            "OVER;mg/l;Oxi;\r\n")
    raw = line.encode("cp1252")
    assert b"\xb5S/cm" in raw and b"\xb0C" in raw     # single bytes on the wire
    rec = data(decode_all(StreamDecoder(profiles["wtw_multi"]), [raw]))[0]
    vals = {r.parameter: (r.value, r.unit, r.flag) for r in rec.readings}
    assert vals["conductivity"] == (34300.0, "µS/cm", "") and vals["water_temp"] == (21.4, "°C", "")
    assert vals["do"] == (None, "mg/L", "over")
    assert rec.status == "partial" and "OVER" in rec.reason


def test_ysi_order_comes_from_para(profiles):
    dec = StreamDecoder(profiles["ysi_exo"])
    before = decode_all(dec, [b"16.1 842.0\r\n"])
    assert before[0].status == "error" and "parameter list" in before[0].reason
    dec.sent("para")
    dec.sent("data")
    recs = decode_all(dec, [b"para\r\n1 18 223\r\n#data\r\n", b"16.2 ---- 12.3\r\n#"])
    rec = data(recs)[0]
    assert [(r.parameter, r.value, r.flag) for r in rec.readings] == [
        ("water_temp", 16.2, ""), ("ph", None, "missing"), ("turbidity", 12.3, "")]
    wrong = decode_all(dec, [b"1.0 2.0\r\n"])
    assert "2 values" in wrong[0].reason


def test_rae_csv_header_skipped_and_err_flagged(profiles):
    recs = decode_all(StreamDecoder(profiles["rae_csv"]), [
        b"SN,Time,Model,Location,Site,Status,Battery,TZ,VOC(ppm),H2S(ppm),CO(ppm),LEL(%),OXY(%)\r\n",
        b"M02,2026-11-29 13:05:41,MultiRAE,Lat: 30.5 Lng: 114.3,S1,Normal,3.9V,+08:00,12.5,ERR,3,0,20.9\r\n",
        b"short,line\r\n"])
    assert recs[0].status == "ignored"
    vals = {r.parameter: (r.value, r.flag) for r in recs[1].readings}
    assert vals == {"voc": (12.5, ""), "h2s": (None, "error"), "co": (3.0, ""), "lel": (0.0, ""),
                    "o2": (20.9, "")}
    assert recs[2].status == "error" and "at least 13 fields" in recs[2].reason


def _otis(code, value, flags=0):
    buf = bytearray(19)
    buf[0], buf[1], buf[6], buf[11] = 0x81, 19, code, flags
    struct.pack_into(">f", buf, 7, value)
    struct.pack_into(">I", buf, 13, 1795000000)
    buf[18] = xor_checksum(buf[:18])
    return bytes(buf)


def test_otis_binary_frames(profiles):
    recs = decode_all(StreamDecoder(profiles["otis_gen2"]),
                      [_otis(1, 35.5) + _otis(3, float("nan"), 0b100) + _otis(9, 1.0)])
    assert [(r.readings[0].parameter, r.readings[0].flag) for r in recs] == [
        ("co", ""), ("lel", "error"), ("code_9", "")]
    assert recs[0].readings[0].value == 35.5 and recs[0].device_time.startswith("2026-11-18")
    assert recs[2].status == "partial" and "gas code 9" in recs[2].reason


@pytest.mark.parametrize("token,expect", [
    ("7.20", (7.2, "", "")), ("<0.01", (0.01, "<", "")), ("> 2000", (2000.0, ">", "")),
    ("OVER", (None, "", "over")), ("----", (None, "", "missing")), ("ERR", (None, "", "error")),
    ("34.3E+3", (34300.0, "", "")), ("abc", (None, "", "invalid")), ("", (None, "", "missing")),
])
def test_value_tokens_are_never_dropped(token, expect):
    r = parse_value(token, "x", "u")
    assert (r.value, r.qualifier, r.flag) == expect and r.text == token.strip()
