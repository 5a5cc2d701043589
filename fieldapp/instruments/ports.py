"""Finding serial ports: discovery with pyserial's list_ports, and resolving which port a device is on.

USB-serial adapters come back under another name after a replug (/dev/ttyUSB0 -> ttyUSB1, COM5 ->
COM7). A device is therefore found by, in order: the explicit port name if it still exists, the
user's glob patterns (e.g. /dev/serial/by-id/*FTDI*), then the profile's USB VID:PID list.
"""
from __future__ import annotations

import glob as globmod
import os
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


def _exists(path: str) -> bool:
    return os.path.exists(path) or path.upper().startswith("COM")


def resolve_port(explicit: str | None = None, globs: list[str] | None = None,
                 usb_ids: list[str] | None = None, ports: list[PortInfo] | None = None) -> str | None:
    """The port to open now, or None when the device is not (yet) present."""
    if explicit and _exists(explicit):
        return explicit
    for pattern in globs or []:
        hits = sorted(globmod.glob(pattern))
        if hits:
            return hits[0]
    if usb_ids:
        wanted = {_norm_usb(u) for u in usb_ids}
        for port in ports if ports is not None else list_serial_ports():
            if port.usb_id in wanted:
                return port.device
    return None
