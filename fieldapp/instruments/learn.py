"""A new device without YAML: listen on the cable, propose a profile, preview it, save it.

    capture = listen("/dev/ttyUSB0")                # tries common baud rates, keeps the cleanest
    proposal = propose(capture.lines, name="my_meter", baudrate=capture.baudrate)
    records = preview(proposal.profile, capture.raw)  # the proposed profile on the live lines
    path = save(proposal.profile)                   # into the user profile folder

``propose`` reads the shape of the lines (``learn_columns``): NMEA sentences, or delimited records
with a header line (names and units per column) or repeating value/unit[/label] groups; a clock
column; a decimal comma; an echo and a prompt for polled meters. Parameter ids come from the
vocabulary (``Cond`` -> conductivity, ``Oxi`` in % -> do_sat, ``VOC(ppm)`` -> voc). What it cannot
name is listed in ``proposal.unnamed`` for the user to name before saving; nothing is guessed
silently: every choice is in ``proposal.notes``.
"""
from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from fieldapp.vocab import fitting_unit, get_parameter, load_vocabulary, resolve_id, unit_fits
from fieldapp.vocab.units import lookup as lookup_unit

from . import learn_columns as lc
from .channels import channel_name
from .decoder import StreamDecoder
from .profiles import ProfileError, profile_from_dict, user_profile_dir
from .values import ValueRules

COMMON_BAUDS = (9600, 19200, 4800, 38400, 115200, 57600, 2400, 1200)
PROMPTS = (">", "#", ":")


class LearnError(ValueError):
    """Nothing usable was heard, or the proposal cannot be saved; the message says what to try."""


@dataclass
class Capture:
    port: str
    baudrate: int
    raw: bytes
    score: float
    tried: dict = field(default_factory=dict)      # baud -> score

    @property
    def lines(self) -> list[bytes]:
        return split_lines(self.raw)


def split_lines(raw: bytes) -> list[bytes]:
    return [p for p in re.split(rb"\r\n|\r|\n", raw) if p.strip()]


def text_score(raw: bytes) -> float:
    """How much ``raw`` looks like text lines: printable share, times 0 without any line end."""
    if not raw:
        return 0.0
    printable = sum(1 for b in raw if 32 <= b < 127 or b in (9, 10, 13, 0xB0, 0xB5))
    ends = raw.count(b"\n") + raw.count(b"\r")
    return printable / len(raw) * (1.0 if ends else 0.2)


def listen(port: str, bauds=COMMON_BAUDS, seconds: float = 2.5, send: list[str] | None = None,
           terminator: str = "\r", progress=None) -> Capture:
    """Open ``port`` at each baud rate in turn and keep what sounded most like text lines."""
    import serial

    best: Capture | None = None
    tried: dict = {}
    for baud in bauds:
        if progress:
            progress(baud)
        try:
            with serial.Serial(port, baud, timeout=0.05) as ser:
                raw = _read_for(ser, seconds, send or [], terminator)
        except (serial.SerialException, OSError) as exc:
            raise LearnError(f"cannot open {port}: {exc}; check the cable and that no other program "
                             "(or a connected device row) uses the port") from None
        tried[baud] = round(text_score(raw), 3)
        if best is None or tried[baud] > best.score:
            best = Capture(port, baud, raw, tried[baud])
        if tried[baud] > 0.97 and len(split_lines(raw)) >= 3:
            break
    if best is None or best.score < 0.8 or len(best.lines) < 2:
        raise LearnError(f"heard no readable lines on {port} at {', '.join(map(str, bauds))} baud: is the "
                         "device on and sending? A meter that answers commands needs one (e.g. --send GETMEAS)")
    best.tried = tried
    return best


def _read_for(ser, seconds: float, send: list[str], terminator: str) -> bytes:
    raw, end, next_send, turn = b"", time.monotonic() + seconds, 0.0, 0
    while time.monotonic() < end:
        if send and time.monotonic() >= next_send:
            ser.write((send[turn % len(send)] + terminator).encode("ascii", "replace"))
            turn, next_send = turn + 1, time.monotonic() + 0.5
        raw += ser.read(ser.in_waiting or 1)
    return raw


@dataclass
class Proposal:
    profile: dict
    notes: list[str] = field(default_factory=list)
    unnamed: list[str] = field(default_factory=list)     # channels without a parameter yet
    kind: str = ""

    units: dict = field(default_factory=dict)           # channel -> unit the device sent

    def rename(self, channel: str, parameter: str, unit: str | None = None) -> None:
        """The user's choice for a channel or a named column (the wizard's editable names)."""
        pid = resolve_id(parameter)
        if pid is None:
            raise LearnError(f"{parameter!r} is not a parameter FieldApp knows (e.g. ph, conductivity, do)")
        for spec in self.profile["record"].get("fields", []):
            if spec.get("name") == channel and "parameter" in spec:
                spec["parameter"] = pid
                if unit:
                    spec["unit"] = unit
                return
        spec = {"parameter": pid}
        old = self.profile.setdefault("channels", {}).get(channel, {})
        if unit or old.get("unit"):
            spec["unit"] = unit or old["unit"]
        self.profile["channels"][channel] = spec
        if channel in self.unnamed:
            self.unnamed.remove(channel)

    def entries(self) -> list[tuple[str, str, str | None]]:
        """(channel, unit, parameter id or None) for every value the profile reads, in record order."""
        out = [(ch, spec.get("unit", ""), spec["parameter"]) for ch, spec in self.profile.get("channels", {}).items()]
        for spec in self.profile["record"].get("fields", []):
            if "parameter" in spec:
                out.append((spec.get("name") or spec["parameter"], spec.get("unit", ""), spec["parameter"]))
        named = {e[0] for e in out}
        out += [(ch, self.units.get(ch, ""), None) for ch in self.unnamed if ch not in named]
        return out

    def yaml(self) -> str:
        return yaml.safe_dump(self.profile, allow_unicode=True, sort_keys=False, width=110)


def _decode(lines: list[bytes]) -> tuple[list[str], str]:
    blob = b"\n".join(lines)
    for enc in ("ascii", "utf-8", "cp1252"):
        try:
            blob.decode(enc)
        except UnicodeDecodeError:
            continue
        return [line.decode(enc).strip() for line in lines], enc
    return [line.decode("cp1252", "replace").strip() for line in lines], "cp1252"


def propose(lines: list[bytes], name: str = "new_device", baudrate: int = 9600,
            sent: list[str] | None = None) -> Proposal:
    if not lines:
        raise LearnError("no lines to learn from")
    texts, encoding = _decode(lines)
    base = {"name": name, "description": f"learned from the device's own lines ({time.strftime('%Y-%m-%d')})",
            "port": {"baudrate": baudrate},
            "framing": {"type": "line", "terminator": "auto", "encoding": encoding,
                        "max_length": max(256, 2 * max(len(t) for t in texts))}}
    nmea = [t for t in texts if re.match(r"^\$[A-Z]{5},.*\*[0-9A-F]{2}$", t)]
    if len(nmea) >= len(texts) / 2:
        return _nmea(base, len(nmea))
    texts, prompt, notes = _strip_polling(texts, sent or [])
    if prompt:
        base["framing"]["prompt"] = prompt
    if sent:
        base["poll"] = {"commands": list(sent), "interval": 1.0, "reply_timeout": 2.0}
    prop = _delimited(base, texts)
    prop.notes[:0] = notes + [f"text encoding {encoding}, {baudrate} baud"]
    return prop


def _nmea(base: dict, n: int) -> Proposal:
    base["record"] = {"type": "nmea", "sentences": ["GGA", "RMC", "GLL"], "accept_quality": [1, 2, 4, 5],
                      "max_hdop": 5.0}
    base["no_data_after"] = 3
    return Proposal(base, [f"{n} NMEA 0183 sentences: a GPS/GNSS receiver (only real fixes are used)"], [],
                    "nmea")


def _strip_polling(texts: list[str], sent: list[str]) -> tuple[list[str], str, list[str]]:
    """Drop echoes of the commands sent; find a prompt character that starts lines or stands alone."""
    notes, out = [], []
    echoes = {s.strip() for s in sent}
    prompt = ""
    starts = __import__("collections").Counter(t[0] for t in texts if t and t[0] in PROMPTS)
    if starts and starts.most_common(1)[0][1] >= max(2, len(texts) // 4):
        prompt = starts.most_common(1)[0][0]
        notes.append(f"the device ends replies with the prompt {prompt!r}")
    for t in texts:
        if prompt and t.startswith(prompt):
            t = t[len(prompt):].strip()
        if not t or t in echoes:
            continue
        out.append(t)
    if echoes and len(out) < len(texts):
        notes.append("the device echoes commands (recognised, not read as data)")
    return out, prompt, notes


def _data_rows(texts: list[str], delimiter: str) -> tuple[list[list[str]], str | None]:
    rows = [[p.strip() for p in t.split(delimiter)] for t in texts]
    rows = [r[:-1] if r and r[-1] == "" else r for r in rows]
    common = __import__("collections").Counter(len(r) for r in rows).most_common(1)[0][0]
    data = [r for r in rows if len(r) == common]
    header = None
    if data and not any(lc.is_value(x, ValueRules()) and x[:1].isdigit() for x in data[0]) and len(data) > 1:
        header = delimiter.join(data[0])
        data = data[1:]
    return data, header


def _delimited(base: dict, texts: list[str]) -> Proposal:
    delimiter = lc.pick_delimiter(texts)
    if delimiter is None:
        raise LearnError("the lines have no common delimiter (; , tab or |): write a regex profile "
                         "(resources/instruments/README.md)")
    comma = lc.uses_decimal_comma(texts, delimiter)
    rules = ValueRules(decimal_comma=comma)
    rows, header = _data_rows(texts, delimiter)
    cols = lc.classify(rows, rules)
    rec: dict = {"type": "delimited", "delimiter": delimiter}
    notes = [f"fields separated by {delimiter!r}" + (", numbers with a decimal comma" if comma else "")]
    if comma:
        rec["decimal_comma"] = True
    prop = Proposal({**base, "record": rec, "channels": {}}, notes, [], "delimited")
    _clock(cols, rec, prop)
    groups = lc.find_groups(cols)
    if groups is not None:
        _groups(groups, cols, rows[0], len(rows[0]), prop)
    elif header:
        _header_fields(header.split(delimiter), cols, prop)
        rec["skip"] = ["^" + re.escape(header.split(delimiter)[0] + delimiter)]
    else:
        _bare_fields(cols, prop)
    rec["min_fields"] = groups.start + groups.size if groups else max(1, len(cols) - 1)
    return prop


def _clock(cols, rec: dict, prop: Proposal) -> None:
    clock = next((c for c in cols if c.kind == "clock"), None)
    if clock is None:
        prop.notes.append("no device clock found: the laptop's time is used")
        return
    fmt = lc.user_style(clock.clock)
    rec["device_time"] = {"field": clock.index, "format": fmt, "timezone": "local"}
    prop.notes.append(f"device clock in field {clock.index}: {fmt} (meter set to local time)")
    if re.search(r"%[dm]/%[dm]", clock.clock) and all(
            int(t.split("/")[0]) <= 12 and int(t.split("/")[1]) <= 12 for t in clock.tokens):
        prop.notes.append("day and month cannot be told apart from these lines: check the meter's date setting")


def _guess(label: str, unit: str, siblings: set, notes: list | None = None) -> str | None:
    """A vocabulary id for a channel: by its label (with unit), else by what the unit measures."""
    for text in (f"{label} {unit}".strip(), label):
        pid = resolve_id(text)
        if pid and (not unit or _unit_for(pid, unit) != ""):
            return pid
    if not unit:
        return None
    pid = _by_unit(unit, siblings)
    if pid and notes is not None and label != unit:
        notes.append(f"{label!r} named {pid} from its unit {unit}: check")
    return pid


def _by_unit(unit: str, siblings: set) -> str | None:
    try:
        quantity = lookup_unit(unit, "water").quantity
    except ValueError:
        return None
    wanted = {"field": [], "diagnostic": []}
    for p in load_vocabulary().parameters.values():
        if p.category in wanted and unit_fits(p, unit):
            wanted[p.category].append(p.id)
    if "ph" in siblings and len(wanted["diagnostic"]) == 1:
        return wanted["diagnostic"][0]       # mV / % next to a pH value: the pH electrode's own
    if quantity == "ph":
        return "ph"
    return wanted["field"][0] if len(wanted["field"]) == 1 else None


def _unit_for(pid: str | None, unit: str) -> str:
    """The unit to expect ('' when ``unit`` does not fit): a bare '%' on a gas channel is %LEL or %vol."""
    if not unit or pid is None:
        return unit
    return fitting_unit(get_parameter(pid), unit)


def _add_channel(prop: Proposal, channel: str, label: str, unit: str, siblings: set) -> str | None:
    pid = _guess(label, unit, siblings, prop.notes)
    if pid is None:
        prop.unnamed.append(channel)
        prop.units[channel] = unit
        return None
    spec = {"parameter": pid}
    if unit:
        spec["unit"] = _unit_for(pid, unit)
    prop.profile["channels"][channel] = spec
    return pid


def _groups(g: lc.GroupShape, cols, first: list[str], width: int, prop: Proposal) -> None:
    rec = prop.profile["record"]
    spec = {"start": g.start, "size": g.size, "value": g.value}
    if g.unit is not None:
        spec["unit"] = g.unit
    spec["label"] = g.label if g.label is not None else g.unit
    if g.end < width:
        spec["end"] = g.end - width
        prop.notes.append(f"the last {width - g.end} field(s) after the values are not readings")
    rec["groups"] = spec
    seen, siblings = {}, set()
    for i in range(g.count):
        at = g.start + i * g.size
        unit = first[at + g.unit] if g.unit is not None else ""
        label = first[at + spec["label"]] if spec["label"] is not None else unit
        channel = channel_name(label, unit, seen)
        pid = _add_channel(prop, channel, label, unit, siblings)
        if pid:
            siblings.add(pid)
    prop.notes.append(f"{g.count} value groups of {g.size} fields from field {g.start}")


def _header_fields(names: list[str], cols, prop: Proposal) -> None:
    fields = []
    siblings: set = set()
    for col in cols:
        if col.kind != "value" or col.index >= len(names):
            continue
        label, unit = lc.header_name(names[col.index])
        pid = _guess(label, unit, siblings, prop.notes)
        if pid is None:
            prop.unnamed.append(label)
            fields.append({"index": col.index, "label": label})
            continue
        siblings.add(pid)
        spec = {"index": col.index, "parameter": pid, "name": label}
        if unit:
            spec["unit"] = _unit_for(pid, unit)
        fields.append(spec)
    prop.profile["record"]["fields"] = fields
    prop.notes.append(f"a header line names the columns: {len(fields)} value column(s)")


def _bare_fields(cols, prop: Proposal) -> None:
    fields = [{"index": c.index, "label": f"field {c.index}"} for c in cols if c.kind == "value"]
    if not fields:
        raise LearnError("no column holds numbers: is this the device's data output?")
    prop.unnamed += [f["label"] for f in fields]
    prop.profile["record"]["fields"] = fields
    prop.notes.append(f"{len(fields)} numeric column(s) without names: name them before saving")


def preview(profile: dict, raw_lines: list[bytes], sent: list[str] | None = None):
    """The proposed profile run over the captured lines: what would be stored."""
    prof = profile_from_dict(profile, f"<proposal {profile.get('name')}>")
    dec = StreamDecoder(prof)
    echoes = {c.strip().encode() for c in sent or []}
    prompt = prof.framing.get("prompt", "").encode()
    out = []
    for line in raw_lines:
        body = line.strip()
        if prompt and body.startswith(prompt):
            body = body[len(prompt):].strip()
        if body in echoes:
            dec.sent(body.decode("ascii", "replace"))      # as the reader does after sending it
        out += dec.feed(line + b"\r\n")
    return out + dec.flush("end of the captured lines")


def save(profile: dict, folder: str | Path | None = None, overwrite: bool = False) -> Path:
    """Validate and write the profile as ``NAME.yaml`` (default: the user profile folder)."""
    try:
        prof = profile_from_dict(profile, f"<proposal {profile.get('name')}>")
    except ProfileError as exc:
        raise LearnError(str(exc)) from None
    target_dir = Path(folder) if folder else user_profile_dir()
    target_dir.mkdir(parents=True, exist_ok=True)
    path = target_dir / f"{prof.name}.yaml"
    if path.exists() and not overwrite:
        raise LearnError(f"{path} exists already: choose another name, or overwrite it")
    header = "# Learned by FieldApp from the device's own lines; check the names, then use it.\n"
    path.write_text(header + yaml.safe_dump(profile, allow_unicode=True, sort_keys=False, width=110),
                    encoding="utf-8")
    return path
