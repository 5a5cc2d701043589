"""Port discovery and resolving a device that comes back under another name."""
from __future__ import annotations

import os

from fieldapp.instruments.ports import PortInfo, list_serial_ports, recognise, resolve_port


def test_list_serial_ports_returns_port_infos():
    ports = list_serial_ports()            # may be empty in a container; must not raise
    assert all(isinstance(p, PortInfo) and p.device for p in ports)


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
