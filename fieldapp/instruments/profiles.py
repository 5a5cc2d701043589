"""Device profiles: YAML data files describing port settings, framing, record layout and polling.

Built-in profiles live in ``resources/instruments/``; users drop their own ``*.yaml`` next to
them (or in a folder they choose) to describe a device without code. Every key is checked against
``SCHEMA``: a misspelt or unknown key is refused with a ``ProfileError`` naming the key and file,
because a silently ignored ``delimeter:`` would give wrong readings in the field.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml


class ProfileError(ValueError):
    """A profile file that cannot be used; the message names the file and the field."""


# Allowed keys: a dict is a nested section, a type/tuple is the accepted value type.
_NUM = (int, float)
_CHANNEL = {"parameter": str, "unit": str}
_RECORD_COMMON = {"type": str, "skip": list, "device_time": dict, "min_fields": int}
SCHEMA = {
    "name": str, "description": str, "manufacturer": str, "models": list,
    "port": {"baudrate": int, "bytesize": int, "parity": str, "stopbits": _NUM,
             "rtscts": bool, "xonxoff": bool, "dsrdtr": bool, "read_timeout": _NUM},
    "match": {"usb": list, "glob": list, "description": str},
    "framing": {"type": str, "terminator": str, "max_length": int, "encoding": str, "prompt": str,
                "start_byte": int, "length": int, "length_offset": int, "checksum": str,
                "checksum_from": int, "checksum_to": int, "checksum_offset": int},
    "record": None,   # checked per record type below
    "channels": dict,
    "poll": {"commands": list, "init": list, "interval": _NUM, "terminator": str, "reply_timeout": _NUM},
    "no_data_after": _NUM,
    "simulate": {"rate_hz": _NUM, "template": str, "values": dict, "meta": dict, "banner": str,
                 "echo": bool, "codes": list},
}
RECORD_SCHEMAS = {
    "nmea": {"type": str, "sentences": list, "min_quality": int, "max_hdop": _NUM},
    "delimited": {**_RECORD_COMMON, "delimiter": str, "fields": list, "groups": dict},
    "regex": {**_RECORD_COMMON, "pattern": str, "fields": dict},
    "ordered_by_header": {**_RECORD_COMMON, "header_command": str, "delimiter": str},
    "binary": {"type": str, "value": dict, "code": dict, "flags": dict, "device_time": dict,
               "serial": dict},
}
_DEVICE_TIME = {"field": int, "group": str, "format": str, "offset": int, "type": str}
_FIELD = {"index": int, "parameter": str, "unit": str, "unit_index": int, "label": str}
_GROUPS = {"start": int, "size": int, "value": int, "unit": int, "label": int}
_BIN_VALUE = {"offset": int, "type": str}
_BIN_FLAGS = {"offset": int, "bits": dict}
_SIM_VALUE = {"mean": _NUM, "noise": _NUM, "drift": _NUM, "min": _NUM, "max": _NUM, "decimals": int,
              "format": str}
SUBSCHEMAS = {"device_time": _DEVICE_TIME, "groups": _GROUPS, "value": _BIN_VALUE, "code": _BIN_VALUE,
              "serial": _BIN_VALUE, "flags": _BIN_FLAGS}


def _check(section: dict, schema: dict, where: str, source: str) -> None:
    if not isinstance(section, dict):
        raise ProfileError(f"{source}: '{where or 'profile'}' must be a mapping, "
                           f"got {type(section).__name__}")
    for key, value in section.items():
        path = f"{where}.{key}" if where else str(key)
        if key not in schema:
            raise ProfileError(f"{source}: unknown profile field '{path}' "
                               f"(allowed here: {', '.join(sorted(schema))})")
        rule = schema[key]
        if isinstance(rule, dict):
            _check(value, rule, path, source)
        elif rule is not None and not isinstance(value, rule) or (rule is int and isinstance(value, bool)):
            want = rule.__name__ if isinstance(rule, type) else "number"
            raise ProfileError(f"{source}: profile field '{path}' must be {want}, got {value!r}")


def _check_record(rec: dict, source: str) -> None:
    if not isinstance(rec, dict) or "type" not in rec:
        raise ProfileError(f"{source}: 'record' needs a 'type' (one of {', '.join(RECORD_SCHEMAS)})")
    kind = rec["type"]
    if kind not in RECORD_SCHEMAS:
        raise ProfileError(f"{source}: unknown record type '{kind}' in 'record.type' "
                           f"(use one of {', '.join(RECORD_SCHEMAS)})")
    _check(rec, RECORD_SCHEMAS[kind], "record", source)
    for key, sub in SUBSCHEMAS.items():
        if key in rec:
            _check(rec[key], sub, f"record.{key}", source)
    if kind == "delimited":
        for i, item in enumerate(rec.get("fields", [])):
            _check(item, _FIELD, f"record.fields[{i}]", source)
            if "index" not in item:
                raise ProfileError(f"{source}: 'record.fields[{i}]' needs an 'index'")
    if kind == "regex" and not isinstance(rec.get("pattern"), str):
        raise ProfileError(f"{source}: a regex record needs 'record.pattern'")
    patterns = [("record.pattern", rec["pattern"])] if kind == "regex" else []
    patterns += [(f"record.skip[{i}]", p) for i, p in enumerate(rec.get("skip", []))]
    for where, pattern in patterns:
        try:
            re.compile(pattern)
        except (re.error, TypeError) as exc:
            raise ProfileError(f"{source}: '{where}' is not a valid regular expression: {exc}") from exc


@dataclass
class Profile:
    name: str
    data: dict
    source: str = ""
    description: str = ""
    port: dict = field(default_factory=dict)
    match: dict = field(default_factory=dict)
    framing: dict = field(default_factory=dict)
    record: dict = field(default_factory=dict)
    channels: dict = field(default_factory=dict)
    poll: dict | None = None
    simulate: dict = field(default_factory=dict)
    no_data_after: float = 5.0

    @property
    def encoding(self) -> str:
        return self.framing.get("encoding", "ascii")

    @property
    def is_binary(self) -> bool:
        return self.framing.get("type", "line") == "binary"

    def channel(self, label) -> dict | None:
        """Mapping for a device label (parameter name, unit or numeric code), or None."""
        return self.channels.get(str(label).strip())


def profile_from_dict(data: dict, source: str = "<profile>") -> Profile:
    _check(data, SCHEMA, "", source)
    for key in ("name", "framing", "record"):
        if key not in data:
            raise ProfileError(f"{source}: required profile field '{key}' is missing")
    _check_record(data["record"], source)
    framing = data["framing"]
    ftype = framing.get("type", "line")
    if ftype not in ("line", "binary"):
        raise ProfileError(f"{source}: 'framing.type' must be line or binary, got {ftype!r}")
    if ftype == "binary":
        for key in ("start_byte", "length"):
            if key not in framing:
                raise ProfileError(f"{source}: binary framing needs 'framing.{key}'")
    if "encoding" in framing:
        import codecs
        try:
            codecs.lookup(framing["encoding"])
        except LookupError as exc:
            raise ProfileError(f"{source}: 'framing.encoding' {framing['encoding']!r} is unknown") from exc
    channels = {}
    for label, spec in (data.get("channels") or {}).items():
        _check(spec, _CHANNEL, f"channels.{label}", source)
        if "parameter" not in spec:
            raise ProfileError(f"{source}: 'channels.{label}' needs a 'parameter'")
        channels[str(label)] = {"parameter": spec["parameter"], "unit": spec.get("unit", "")}
    for label, spec in (data.get("simulate", {}).get("values") or {}).items():
        _check(spec, _SIM_VALUE, f"simulate.values.{label}", source)
    poll = data.get("poll")
    if poll is not None and not poll.get("commands"):
        raise ProfileError(f"{source}: 'poll.commands' must list at least one command")
    return Profile(
        name=data["name"], data=data, source=source, description=data.get("description", ""),
        port=data.get("port", {}), match=data.get("match", {}), framing=framing,
        record=data["record"], channels=channels, poll=poll, simulate=data.get("simulate", {}),
        no_data_after=float(data.get("no_data_after", 5.0)),
    )


def load_profile(path: str | os.PathLike) -> Profile:
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ProfileError(f"{path}: not valid YAML: {exc}") from exc
    except OSError as exc:
        raise ProfileError(f"{path}: cannot read profile: {exc.strerror}") from exc
    if not isinstance(data, dict):
        raise ProfileError(f"{path}: a profile must be a YAML mapping")
    return profile_from_dict(data, str(path))


def builtin_dir() -> Path:
    """``resources/instruments`` (source tree, installed package or the frozen bundle)."""
    from fieldapp.core.resources import resource_path

    return resource_path("instruments")


def load_profiles(*dirs: str | os.PathLike) -> dict[str, Profile]:
    """Built-in profiles, then those in ``dirs`` (a user profile with the same name wins)."""
    found: dict[str, Profile] = {}
    for folder in (builtin_dir(), *dirs):
        folder = Path(folder)
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.yaml")):
            prof = load_profile(path)
            found[prof.name] = prof
    return found


def builtin_profile(name: str) -> Profile:
    profiles = load_profiles()
    if name not in profiles:
        raise ProfileError(f"no built-in profile named {name!r} (have: {', '.join(sorted(profiles))})")
    return profiles[name]
