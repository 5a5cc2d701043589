"""Listing serial ports, recognising known USB adapters, and finding THE SAME device again.

USB-serial adapters come back under another name after a replug (/dev/ttyUSB0 -> ttyUSB1, COM5 ->
COM7). A reader remembers what it first connected to (``PortIdentity``: the adapter's serial
number, its /dev/serial/by-id link, VID:PID and USB socket) and after a replug opens, in order:
the port name if it still holds that device, the by-id link, the user's glob patterns, or an
adapter with the same serial number. It never falls back to "any port with the profile's USB id":
CH340, Prolific and FTDI cables are in every second instrument, and opening another instrument's
cable would store its values under this device's name.
"""
from __future__ import annotations

import fnmatch
import glob as globmod
import os
import re
import sys
from dataclasses import dataclass

from serial.tools import list_ports

BY_ID_DIR = "/dev/serial/by-id"


@dataclass
class PortInfo:
    device: str
    description: str = ""
    vid: int | None = None
    pid: int | None = None
    serial_number: str = ""
    hwid: str = ""
    location: str = ""

    @property
    def usb_id(self) -> str:
        return f"{self.vid:04x}:{self.pid:04x}" if self.vid is not None and self.pid is not None else ""


@dataclass
class PortIdentity:
    """What tells one device's cable from another's (empty fields: not known for this port)."""

    port: str
    real: str = ""
    serial_number: str = ""
    by_id: str = ""
    usb_id: str = ""
    location: str = ""

    def describe(self) -> str:
        bits = [f"serial {self.serial_number}" if self.serial_number else "",
                self.by_id, f"USB {self.usb_id}" if self.usb_id else ""]
        return ", ".join(b for b in bits if b) or self.real or self.port


def list_serial_ports() -> list[PortInfo]:
    try:
        found = list_ports.comports()
    except Exception:   # broken sysfs entries must not break the port list in the UI
        return []
    return [PortInfo(p.device, p.description or "", p.vid, p.pid, p.serial_number or "", p.hwid or "",
                     getattr(p, "location", None) or "") for p in found]


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


def _real(path: str) -> str:
    return os.path.realpath(path) if os.path.exists(path) else path


def same_port(a: str, b: str) -> bool:
    """True when two names (a by-id link, a glob hit, a device node) are the same port."""
    return _real(a) == _real(b)


def identify(name: str, ports: list[PortInfo] | None = None, by_id_dir: str = BY_ID_DIR) -> PortIdentity:
    """The identity of the port ``name`` as it is now."""
    real = _real(name)
    ident = PortIdentity(name, real)
    for port in ports if ports is not None else list_serial_ports():
        if _real(port.device) == real:
            ident.serial_number, ident.usb_id, ident.location = port.serial_number, port.usb_id, port.location
            break
    if os.path.isdir(by_id_dir):
        for link in sorted(os.listdir(by_id_dir)):
            path = os.path.join(by_id_dir, link)
            if _real(path) == real:
                ident.by_id = path
                break
    if not ident.by_id and os.path.islink(name):
        ident.by_id = name          # the user gave a stable link (by-id, or a glob's hit)
    return ident


def _matches(known: PortIdentity, now: PortIdentity) -> bool:
    if known.serial_number and now.serial_number:
        return known.serial_number == now.serial_number
    if known.usb_id and now.usb_id and known.usb_id != now.usb_id:
        return False
    return True


def resolve_port(explicit: str | None = None, globs: list[str] | None = None,
                 known: PortIdentity | None = None, ports: list[PortInfo] | None = None,
                 by_id_dir: str = BY_ID_DIR) -> tuple[str | None, str]:
    """(port to open now or None, why not). ``known`` is the device seen at the first connect."""
    listing = ports if ports is not None else list_serial_ports()
    if known is not None and known.by_id and os.path.exists(known.by_id):
        return known.by_id, ""
    if explicit and _exists(explicit):
        if known is None or _matches(known, identify(explicit, listing, by_id_dir)):
            return explicit, ""
        other = identify(explicit, listing, by_id_dir)
        why = f"{explicit} now holds another device ({other.describe()}), not {known.describe()}"
    else:
        why = f"port {explicit or '(none given)'} is not present"
    for pattern in globs or []:
        hits = matching_ports(pattern, ports)
        if hits:
            return hits[0], ""
    if known is not None and known.serial_number:
        for port in listing:
            if port.serial_number == known.serial_number and (not known.usb_id or port.usb_id == known.usb_id):
                return port.device, ""
    if known is not None:
        why += f"; waiting for the same device ({known.describe()}) to come back"
    return None, why
