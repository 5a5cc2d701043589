"""Finding serial ports: discovery with pyserial's list_ports, and resolving which port a device is on.

USB-serial adapters come back under another name after a replug (/dev/ttyUSB0 -> ttyUSB1, COM5 ->
COM7). A device is therefore found by, in order: the explicit port name if it still exists, the
user's glob patterns (e.g. /dev/serial/by-id/*FTDI*), then the profile's USB VID:PID list.
"""
from __future__ import annotations

import fnmatch
import glob as globmod
import os
import re
import sys
from dataclasses import dataclass

from serial.tools import list_ports


@dataclass
class PortInfo:
    device: str
    description: str = ""
    vid: int | None = None
    pid: int | None = None
    serial_number: str = ""
    hwid: str = ""

    @property
    def usb_id(self) -> str:
        return f"{self.vid:04x}:{self.pid:04x}" if self.vid is not None and self.pid is not None else ""


def list_serial_ports() -> list[PortInfo]:
    try:
        found = list_ports.comports()
    except Exception:   # broken sysfs entries must not break the port list in the UI
        return []
    return [PortInfo(p.device, p.description or "", p.vid, p.pid, p.serial_number or "", p.hwid or "")
            for p in found]


def _norm_usb(spec: str) -> str:
    return spec.strip().lower()


def recognise(port: PortInfo, profiles) -> list[str]:
    """Names of profiles whose USB VID:PID list includes this port's adapter."""
    if not port.usb_id:
        return []
    return [p.name for p in profiles.values()
            if port.usb_id in {_norm_usb(u) for u in p.match.get("usb", [])}]


# A Windows port name as typed: COM5, com5, or the \\.\COM12 form needed above COM9 in some tools.
_COM_NAME = re.compile(r"^(\\\\\.\\)?COM[1-9][0-9]*$", re.IGNORECASE)


def _listed(ports: list[PortInfo] | None = None) -> list[str]:
    return [p.device for p in (ports if ports is not None else list_serial_ports())]


def _exists(path: str) -> bool:
    """Whether the port is there now. Windows ports are not files: a COM name counts when pyserial
    lists it, and on Windows whenever it is well-formed (virtual pairs are not always listed)."""
    if os.path.exists(path):
        return True
    if any(os.path.normcase(path) == os.path.normcase(d) for d in _listed()):
        return True
    return sys.platform == "win32" and bool(_COM_NAME.match(path))


def matching_ports(pattern: str, ports: list[PortInfo] | None = None) -> list[str]:
    """Ports a user pattern names: files it globs (/dev/serial/by-id/*FTDI*) and listed port names
    it matches (COM*, which are not files on Windows)."""
    hits = set(globmod.glob(pattern))
    hits.update(d for d in _listed(ports) if fnmatch.fnmatch(d, pattern))
    return sorted(hits)


def resolve_port(explicit: str | None = None, globs: list[str] | None = None,
                 usb_ids: list[str] | None = None, ports: list[PortInfo] | None = None) -> str | None:
    """The port to open now, or None when the device is not (yet) present."""
    if explicit and _exists(explicit):
        return explicit
    for pattern in globs or []:
        hits = matching_ports(pattern, ports)
        if hits:
            return hits[0]
    if usb_ids:
        wanted = {_norm_usb(u) for u in usb_ids}
        for port in ports if ports is not None else list_serial_ports():
            if port.usb_id in wanted:
                return port.device
    return None
