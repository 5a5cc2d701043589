"""Port discovery, and finding the SAME device again after a replug (never another cable)."""
from __future__ import annotations

import os

from fieldapp.instruments.ports import PortIdentity, PortInfo, identify, list_serial_ports, recognise, resolve_port


def test_list_serial_ports_returns_port_infos():
    ports = list_serial_ports()            # may be empty in a container; must not raise
    assert all(isinstance(p, PortInfo) and p.device for p in ports)


def test_usb_id_recognises_profiles(profiles):
    ftdi = PortInfo("/dev/ttyUSB3", "FT232R USB UART", 0x0403, 0x6001)
    assert "orion_star_a" in recognise(ftdi, profiles)
    assert recognise(PortInfo("/dev/ttyS0"), profiles) == []


def test_resolve_explicit_then_by_id_then_glob(tmp_path):
    master, slave = os.openpty()
    try:
        real = os.ttyname(slave)
        link = tmp_path / "usb-ACME_sensor-if00"
        link.symlink_to(real)
        assert resolve_port(real, [str(tmp_path / "*ACME*")], None, []) == (real, "")
        gone = str(tmp_path / "ttyGONE")
        assert resolve_port(gone, [str(tmp_path / "*ACME*")], None, [])[0] == str(link)
        # a stable link seen at the first connect is used before anything else
        known = identify(str(link), [])
        assert known.by_id == str(link) and known.real == real
        assert resolve_port(gone, [], known, [])[0] == str(link)
    finally:
        os.close(master)
        os.close(slave)


def test_reconnect_never_falls_back_to_another_cable_with_the_same_generic_usb_id(tmp_path):
    """The CH340 of the WTW was unplugged; a second CH340 (another meter) is on ttyUSB1."""
    known = PortIdentity("/dev/ttyUSB0", "/dev/ttyUSB0", serial_number="", usb_id="1a86:7523")
    other = [PortInfo("/dev/ttyUSB1", "USB Serial", 0x1A86, 0x7523)]
    port, why = resolve_port(str(tmp_path / "ttyUSB0"), [], known, other, by_id_dir=str(tmp_path))
    assert port is None and "same device" in why
    # an adapter WITH a serial number is found again under its new name, and only that one
    ftdi = PortIdentity("/dev/ttyUSB0", "/dev/ttyUSB0", serial_number="A50285BI", usb_id="0403:6001")
    ports = [PortInfo("/dev/ttyUSB1", "FT232R", 0x0403, 0x6001, "A9XYZ123"),
             PortInfo("/dev/ttyUSB2", "FT232R", 0x0403, 0x6001, "A50285BI")]
    assert resolve_port(str(tmp_path / "gone"), [], ftdi, ports, by_id_dir=str(tmp_path))[0] == "/dev/ttyUSB2"
    assert resolve_port(str(tmp_path / "gone"), [], ftdi, ports[:1], by_id_dir=str(tmp_path))[0] is None


def test_a_port_name_now_held_by_another_adapter_is_refused(tmp_path):
    master, slave = os.openpty()
    try:
        name = os.ttyname(slave)
        known = PortIdentity(name, name, serial_number="A50285BI", usb_id="0403:6001")
        now = [PortInfo(name, "FT232R", 0x0403, 0x6001, "OTHER999")]
        port, why = resolve_port(name, [], known, now, by_id_dir=str(tmp_path))
        assert port is None and "another device" in why and "OTHER999" in why
        same = [PortInfo(name, "FT232R", 0x0403, 0x6001, "A50285BI")]
        assert resolve_port(name, [], known, same, by_id_dir=str(tmp_path))[0] == name
    finally:
        os.close(master)
        os.close(slave)
