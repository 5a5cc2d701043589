"""Port discovery, and finding the SAME device again after a replug (never another cable)."""
from __future__ import annotations

import os

from fieldapp.instruments.ports import PortIdentity, PortInfo, identify, list_serial_ports, recognise, resolve_port


def test_list_serial_ports_carries_what_pyserial_reports(monkeypatch):
    """This machine has no serial hardware, so pyserial's own ListPortInfo entries (the type its
    comports() returns) are handed in for a real pty; every field reaches PortInfo, and a broken
    enumeration gives an empty list instead of an exception in the port menu."""
    from serial.tools import list_ports, list_ports_common

    master, slave = os.openpty()
    try:
        entry = list_ports_common.ListPortInfo(os.ttyname(slave), skip_link_detection=True)
        entry.description, entry.vid, entry.pid, entry.serial_number = "FT232R USB UART", 0x0403, 0x6001, "A5XK3"
        entry.hwid = "USB VID:PID=0403:6001 SER=A5XK3"
        monkeypatch.setattr(list_ports, "comports", lambda: [entry])
        (port,) = list_serial_ports()
        assert port == PortInfo(os.ttyname(slave), "FT232R USB UART", 0x0403, 0x6001, "A5XK3",
                                "USB VID:PID=0403:6001 SER=A5XK3")
        assert port.usb_id == "0403:6001"

        def broken():
            raise OSError("sysfs entry vanished")
        monkeypatch.setattr(list_ports, "comports", broken)
        assert list_serial_ports() == []
    finally:
        os.close(master)
        os.close(slave)


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
