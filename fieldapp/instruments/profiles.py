"""Device profiles: YAML data files describing port settings, framing, record layout and polling.

Built-in profiles live in ``resources/instruments/``; the team's own live in ONE user folder
(``user_profile_dir()``, in the user config folder of fieldapp.core.userdirs:
``~/.config/fieldapp/instruments`` on Linux, ``%LOCALAPPDATA%\\fieldapp\\instruments`` on Windows,
moved by ``--config-dir``), read by the CLI and the GUI alike. Every file is
validated against the declared schema (``profile_schema``); a mistake is ONE line naming the
file, the key and the fix (``ProfileError``). A broken file is skipped with its error listed;
the other profiles stay usable.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import ValidationError

from .profile_errors import one_line
from .profile_schema import ProfileModel


class ProfileError(ValueError):
    """A profile file that cannot be used; the message is one line: file, key, fix."""


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
    modelled: bool = False

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
    if not isinstance(data, dict):
        raise ProfileError(f"{source}: profile: must be a YAML mapping of 'key: value' lines")
    try:
        model = ProfileModel.model_validate(data)
    except ValidationError as exc:
        raise ProfileError(one_line(exc, source)) from None
    dump = model.model_dump(exclude_none=True)
    return Profile(
        name=model.name, data=data, source=source, description=model.description, port=dump["port"],
        match=dump["match"], framing=dump["framing"], record=dump["record"],
        channels={k: v for k, v in dump["channels"].items()}, poll=dump.get("poll"),
        simulate=dump.get("simulate") or {}, no_data_after=model.no_data_after, modelled=model.modelled,
    )


def _read_text(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ProfileError(f"{path}: cannot read the file: {exc.strerror}") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ProfileError(f"{path}: line {line}: not UTF-8 text (byte 0x{raw[exc.start]:02X}); save the "
                           "file as UTF-8 (in Notepad: Save As, Encoding UTF-8)") from None


def load_profile(path: str | os.PathLike) -> Profile:
    path = Path(path)
    text = _read_text(path)
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ProfileError(f"{path}: {where}not valid YAML ({problem}); check the indentation and put "
                           "values holding ':' or '#' in quotes") from None
    if data is None:
        raise ProfileError(f"{path}: profile: the file is empty; start from a built-in profile "
                           "(fieldapp instruments profiles)")
    return profile_from_dict(data, str(path))


def builtin_dir() -> Path:
    """``resources/instruments`` (source tree, installed package or the frozen bundle)."""
    from fieldapp.core.resources import resource_path

    return resource_path("instruments")


def user_profile_dir() -> Path:
    """The team's own profiles: one folder, the same for the CLI and the GUI (in the user config
    folder, fieldapp.core.userdirs: $FIELDAPP_CONFIG_DIR or --config-dir moves it)."""
    from fieldapp.core.userdirs import config_dir

    return config_dir() / "instruments"


def scan_profiles(*dirs: str | os.PathLike, user: bool = True) -> tuple[dict[str, Profile], list[str]]:
    """(profiles by name, one line per broken file): built-in, then the user folder, then ``dirs``
    (a later profile with the same name wins). A broken file never hides the others."""
    found: dict[str, Profile] = {}
    problems: list[str] = []
    folders = [builtin_dir(), *([user_profile_dir()] if user else []), *dirs]
    for folder in folders:
        folder = Path(folder)
        if not folder.is_dir():
            continue
        for path in sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")]):
            try:
                prof = load_profile(path)
            except ProfileError as exc:
                problems.append(str(exc))
                continue
            found[prof.name] = prof
    return found, problems


def load_profiles(*dirs: str | os.PathLike, user: bool = True) -> dict[str, Profile]:
    return scan_profiles(*dirs, user=user)[0]


def find_profile(name: str, *dirs: str | os.PathLike) -> Profile:
    """A profile by name, or a .yaml path; ProfileError listing what exists otherwise."""
    if name.endswith((".yaml", ".yml")) or os.path.sep in name:
        return load_profile(name)
    profiles, _problems = scan_profiles(*dirs)
    if name not in profiles:
        raise ProfileError(f"no profile named {name!r}: use one of {', '.join(sorted(profiles))}, or a "
                           f".yaml file path (your own profiles go in {user_profile_dir()})")
    return profiles[name]


def builtin_profile(name: str) -> Profile:
    profiles = load_profiles(user=False)
    if name not in profiles:
        raise ProfileError(f"no built-in profile named {name!r}: use one of {', '.join(sorted(profiles))}")
    return profiles[name]
