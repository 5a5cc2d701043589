"""Which parameter a device label means: profile channels first, then the vocabulary.

One record may carry the same label more than once: a WTW meter sends ``Oxi`` twice (mg/l and
%), and ``Temp`` once per probe. Each occurrence becomes its own channel, named so that a user can
read and write the rule in a profile:

* the first ``Oxi`` is channel ``Oxi``;
* a later ``Oxi`` with a unit not seen before for it is ``Oxi [%]``;
* a later one with a unit already seen is numbered: ``Temp #2``, ``Temp #3``.

The profile's ``channels`` map those names to vocabulary parameters (``Oxi [%]: {parameter:
do_sat}``). A mapping applies only when the unit the device sent fits the parameter (``%`` never
becomes dissolved oxygen in mg/L); otherwise the value is kept flagged 'unmapped' with a note
saying which channel to add. A label without a mapping is looked up in the vocabulary
(``Pb`` -> lead, ``Oxi %`` -> do_sat).
"""
from __future__ import annotations

from functools import lru_cache

from fieldapp.vocab import UnitError, get_parameter, lookup_unit, resolve_id, unit_fits
from fieldapp.vocab.units import unit_key

from .records import Reading
from .values import PLAIN, ValueRules, apply_unit, parse_value


def channel_name(label: str, unit: str, seen: dict[str, list[str]]) -> str:
    """The channel name of this occurrence of ``label`` in a record; ``seen`` is per record."""
    units = seen.setdefault(label, [])
    key = _key(unit)
    if not units:
        name = label
    elif key not in units:
        name = f"{label} [{unit.strip()}]"
    else:
        name = f"{label} #{len(units) + 1}"
    units.append(key)
    return name


@lru_cache(maxsize=4096)
def _same_unit(a: str, b: str, medium: str) -> bool:
    try:
        return lookup_unit(a, medium) == lookup_unit(b, medium)
    except UnitError:
        return unit_key(a) == unit_key(b)


def medium_of(parameter_id: str | None) -> str:
    p = get_parameter(parameter_id)
    return p.media[0] if p is not None and p.media else "water"


@lru_cache(maxsize=4096)
def _key(unit: str) -> str:
    return unit_key(unit)


class ChannelMapper:
    def __init__(self, profile, rules: ValueRules = PLAIN):
        self.channels = profile.channels
        self.rules = rules
        self._plans: dict = {}      # (label, channel, unit) -> how to read it: decided once, not per line

    def reading(self, label: str, token: str, sent_unit: str, seen: dict, notes: list[str],
                info: list[str]) -> Reading:
        label, sent_unit = str(label).strip(), (sent_unit or "").strip()
        channel = channel_name(label, sent_unit, seen)
        key = (label, channel, sent_unit)
        plan = self._plans.get(key)
        if plan is None:
            plan = self._plans[key] = self._plan(label, channel, sent_unit)
        pid, expected, problems = plan
        notes.extend(problems)
        if pid is None:
            r = parse_value(token, channel, sent_unit, self.rules)
            r.channel, r.unit_orig = channel, sent_unit
            if expected == "unmapped":
                r.flag = r.flag or "unmapped"
            else:
                note = apply_unit(r, sent_unit, "", "water")
                if note:
                    notes.append(note)
            return r
        return self._make(channel, pid, token, sent_unit, expected, notes, info)

    def _plan(self, label: str, channel: str, sent_unit: str) -> tuple[str | None, str, tuple]:
        """(parameter id or None, expected unit or 'unmapped', problem notes) for one channel."""
        specs = [s for s in (self.channels.get(channel), self.channels.get(label) if channel != label else None)
                 if s is not None]
        problems = []
        for spec in specs:
            pid = resolve_id(spec["parameter"]) or spec["parameter"]
            if sent_unit and not unit_fits(get_parameter(pid), sent_unit):
                problems.append(f"{channel}: the device sent {sent_unit!r}, which does not fit "
                                f"{spec['parameter']} ({spec.get('unit') or 'its unit'}): add a channel "
                                f"'{channel}' to the profile")
                continue
            return pid, spec.get("unit", ""), tuple(problems)
        if specs:
            return None, "unmapped", tuple(problems)
        for guess in (f"{label} {sent_unit}", channel, label):
            pid = resolve_id(guess)
            if pid and (not sent_unit or unit_fits(get_parameter(pid), sent_unit)):
                return pid, "", ()
        return None, "", (f"channel {channel!r} not in the profile's channels",)

    def _make(self, channel: str, pid: str, token: str, sent_unit: str, expected: str,
              notes: list[str], info: list[str]) -> Reading:
        p = get_parameter(pid)
        if not sent_unit and not expected and p is not None and p.quantity == "ph":
            expected = "pH"           # pH has no unit on the wire; the vocabulary writes it "pH"
        r = parse_value(token, pid, sent_unit or expected, self.rules)
        r.channel = channel
        note = apply_unit(r, sent_unit, expected, medium_of(pid))
        if note:
            notes.append(note)
        elif sent_unit and expected and sent_unit != expected and not _same_unit(sent_unit, expected,
                                                                                   medium_of(pid)):
            info.append(f"{channel}: device sent {sent_unit} (profile expects {expected}); "
                        f"stored in {r.unit}")
        return r

    def fixed(self, parameter: str, token: str, sent_unit: str, unit: str, channel: str,
              notes: list[str], info: list[str]) -> Reading:
        """A field mapped by position straight to a parameter (no label in the record)."""
        pid = resolve_id(parameter) or parameter
        return self._make(channel or parameter, pid, token, sent_unit, unit, notes, info)
