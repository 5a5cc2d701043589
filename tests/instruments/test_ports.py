"""Port discovery and resolving a device that comes back under another name."""
from __future__ import annotations

import os

from fieldapp.instruments.ports import PortInfo, list_serial_ports, recognise, resolve_port


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


def test_resolve_prefers_explicit_then_glob_then_usb(tmp_path):
    master, slave = os.openpty()
    try:
        real = os.ttyname(slave)
        link = tmp_path / "usb-ACME_sensor-if00"
        link.symlink_to(real)
        ports = [PortInfo("/dev/ttyUSB9", vid=0x10C4, pid=0xEA60)]
        assert resolve_port(real, [str(tmp_path / "*ACME*")], ["10c4:ea60"], ports) == real
        gone = str(tmp_path / "ttyGONE")
        assert resolve_port(gone, [str(tmp_path / "*ACME*")], None, ports) == str(link)
        assert resolve_port(gone, [str(tmp_path / "*NONE*")], ["10C4:EA60"], ports) == "/dev/ttyUSB9"
        assert resolve_port(gone, [], ["0403:6001"], ports) is None
    finally:
        os.close(master)
        os.close(slave)
