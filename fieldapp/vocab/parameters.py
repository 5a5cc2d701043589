"""Parameters: one identity for everything that can be measured, whatever it was called.

A parameter id ("cadmium", "ph", "do", "styrene") is resolved once, when a measurement or reading
is written, from the text as typed or sent ("Cd", "镉", "cadmium", "Cd2+", "Oxi" …); reports, the
map, grading, exports and sync then group and judge by the id. Text that resolves to nothing is kept
as typed and shown as "not in the toolkit" everywhere.

Sources: the 25 toolkit pollutants (names, synonyms, CAS, formulas, limits: resources/toolkit/
pollutants.yaml) plus resources/vocab/parameters.yaml (measurement facts for those 25, limit-only
GB 3838 items, field parameters and gases).
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from fieldapp.core.resources import resource_path
from fieldapp.toolkit.data import aliases_of, load_toolkit
from fieldapp.toolkit.names import normalize
from fieldapp.toolkit.validate import ToolkitDataError, _Checker, check_gb3838, check_gb5749

from .roles import MEDIA

VOCAB_FILE = resource_path("vocab", "parameters.yaml")
QUANTITIES = ("concentration", "ph", "temperature", "conductivity", "potential", "turbidity", "percent",
              "salinity", "lel", "vol_fraction", "velocity", "flow", "count")
_TOOLKIT_EXTRA_KEYS = ("symbol", "quantity", "media", "molar_mass", "synonyms", "parameter", "name",
                       "own_synonyms_only")
_PARAM_KEYS = ("id", "name", "symbol", "synonyms", "category", "quantity", "media")


@dataclass(frozen=True)
class Parameter:
    id: str
    zh: str
    en: str
    symbol: str
    category: str
    quantity: str
    media: tuple
    toolkit_id: str | None = None
    molar_mass: float | None = None
    limits: dict = field(default_factory=dict, compare=False, repr=False)
    escalates: bool = False          # Order No. 17 Art. 4: heavy metals and metalloids

    def name(self, lang: str = "zh") -> str:
        return self.en if lang.startswith("en") else self.zh

    def label(self, lang: str = "zh") -> str:
        """Name with its symbol where that adds something: '镉（Cd）', 'Cadmium (Cd)', 'pH'."""
        name = self.name(lang)
        if not self.symbol or normalize(self.symbol) == normalize(name):
            return name
        if lang.startswith("en") and re.search(r"[\u3400-\u9fff]", self.symbol):
            return name          # a Chinese 'symbol' (石油类, 挥发酚) has no place in English text
        return f"{name}（{self.symbol}）" if not lang.startswith("en") else f"{name} ({self.symbol})"

    @property
    def trace_metal(self) -> bool:
        """Shown in µg/L when below 0.001 mg/L (tables and charts; the store stays in mg/L)."""
        return self.category == "heavy_metal"


@dataclass(frozen=True)
class Vocabulary:
    parameters: dict
    categories: dict
    digest: str
    _aliases: dict = field(default_factory=dict, repr=False)   # normalised spelling -> ((id, spelling),…)

    def get(self, ident: str | None) -> Parameter | None:
        return self.parameters.get(ident or "")

    def resolve(self, text: str | None, medium: str | None = None) -> Parameter | None:
        """The parameter a spelling names, or None. Spellings that name two parameters (cobalt 'Co'
        and carbon monoxide 'CO') are told apart by exact spelling, then by the point's medium."""
        raw = (text or "").strip()
        if not raw:
            return None
        found = self._candidates(raw)
        if not found:
            bare = re.split(r"\s*[(（]", raw, maxsplit=1)[0]     # "镉（总）" -> "镉"
            found = self._candidates(bare) if bare and bare != raw else ()
        ids = {pid for pid, _ in found}
        if len(ids) == 1:
            return self.parameters[ids.pop()]
        exact = {pid for pid, spelling in found if spelling == raw}
        if len(exact) == 1:
            return self.parameters[exact.pop()]
        if medium:
            fits = {pid for pid in ids if medium in self.parameters[pid].media}
            if len(fits) == 1:
                return self.parameters[fits.pop()]
        return None

    def _candidates(self, text: str) -> tuple:
        return self._aliases.get(normalize(text), ())

    def category_label(self, key: str, lang: str = "zh") -> str:
        label = self.categories.get(key)
        return (label["en"] if lang.startswith("en") else label["zh"]) if label else key


def _read(path: Path) -> dict:
    import yaml    # here, not at the top: the store imports this module, the window's start need not read YAML

    try:
        doc = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (OSError, yaml.YAMLError) as exc:
        raise ToolkitDataError(path.name, "(file)", "(file)", f"cannot read: {exc}") from None
    c = _Checker(path.name, "(file)", set())
    c.mapping(doc, "", ("meta", "toolkit", "parameters"))
    c.mapping(doc["meta"], "meta", ("categories", "sources", "escalating_categories"))
    return doc


def _check_common(c: _Checker, spec: dict, categories: set) -> None:
    if "symbol" in spec:
        c.text(spec["symbol"], "symbol")
    if "quantity" in spec and spec["quantity"] not in QUANTITIES:
        c.fail("quantity", f"must be one of {QUANTITIES}, got {spec['quantity']!r}")
    if "media" in spec:
        if not isinstance(spec["media"], list) or not spec["media"] or set(spec["media"]) - set(MEDIA):
            c.fail("media", f"must be a non-empty list of {MEDIA}, got {spec['media']!r}")
    if "molar_mass" in spec:
        c.positive(spec["molar_mass"], "molar_mass")
    if not isinstance(spec.get("synonyms", []), list):
        c.fail("synonyms", "must be a list")
    for i, syn in enumerate(spec.get("synonyms", [])):
        c.text(str(syn) if isinstance(syn, (str, int, float)) else None, f"synonyms[{i}]")
    if "category" in spec and spec["category"] not in categories:
        c.fail("category", f"unknown category {spec['category']!r}")


def _toolkit_parameter(entry: dict, extra: dict, escalating: set) -> tuple[Parameter, list[str]]:
    name = extra.get("name") or entry["name"]
    spellings = [str(s) for s in extra.get("synonyms", [])]
    if not extra.get("own_synonyms_only"):
        spellings += aliases_of(entry)
    pid = extra.get("parameter", entry["id"])
    spellings += [pid, entry["id"]] if pid == entry["id"] else [pid]
    p = Parameter(pid, name["zh"], name["en"], extra.get("symbol", ""), entry["category"],
                  extra.get("quantity", "concentration"), tuple(extra.get("media", ["water"])),
                  toolkit_id=entry["id"], molar_mass=extra.get("molar_mass"), limits=entry["limits"],
                  escalates=entry["category"] in escalating)
    return p, spellings


def _own_parameter(spec: dict, file: str, categories: set, escalating: set) -> tuple[Parameter, list[str]]:
    c = _Checker(file, str(spec.get("id", "?")), {"GB3838", "GB5749", "IUPAC"})
    c.mapping(spec, "", _PARAM_KEYS, ("limits", "molar_mass"))
    if not re.fullmatch(r"[a-z][a-z0-9_]*", str(spec["id"])):
        c.fail("id", f"must be lower_snake_case, got {spec['id']!r}")
    c.bilingual(spec["name"], "name")
    _check_common(c, spec, categories)
    limits = spec.get("limits") or {}
    c.mapping(limits, "limits", (), ("gb3838", "gb5749"))
    if "gb3838" in limits:
        check_gb3838(c, limits["gb3838"])
    if "gb5749" in limits:
        check_gb5749(c, limits["gb5749"])
    p = Parameter(spec["id"], spec["name"]["zh"], spec["name"]["en"], spec["symbol"], spec["category"],
                  spec["quantity"], tuple(spec["media"]), molar_mass=spec.get("molar_mass"), limits=limits,
                  escalates=spec["category"] in escalating)
    return p, [str(s) for s in spec["synonyms"]] + [spec["id"], spec["name"]["zh"], spec["name"]["en"]]


def build_vocabulary(doc: dict, toolkit, file: str = VOCAB_FILE.name, digest: str = "") -> Vocabulary:
    """Validate the vocabulary document against the toolkit and build the alias index."""
    meta = doc["meta"]
    categories = {**toolkit.meta["categories"], **meta["categories"]}
    escalating = set(meta["escalating_categories"])
    params: dict[str, Parameter] = {}
    spellings: dict[str, list[str]] = {}
    for tid, extra in (doc["toolkit"] or {}).items():
        c = _Checker(file, f"toolkit.{tid}", set())
        if toolkit.pollutant(tid) is None or toolkit.pollutant(tid)["id"] != tid:
            c.fail("(key)", f"{tid!r} is not a toolkit pollutant id")
        c.mapping(extra, "", (), _TOOLKIT_EXTRA_KEYS)
        _check_common(c, extra, set(categories))
        p, names = _toolkit_parameter(toolkit.pollutant(tid), extra, escalating)
        params[p.id], spellings[p.id] = p, names
    missing = [e["id"] for e in toolkit.pollutants if e["id"] not in doc["toolkit"]]
    if missing:
        _Checker(file, "toolkit", set()).fail("(keys)", f"no measurement facts for {missing}")
    for spec in doc["parameters"] or []:
        p, names = _own_parameter(spec, file, set(categories), escalating)
        if p.id in params:
            _Checker(file, p.id, set()).fail("id", "duplicate parameter id")
        params[p.id], spellings[p.id] = p, names
    return Vocabulary(params, categories, digest, _alias_index(spellings, file))


def _alias_index(spellings: dict[str, list[str]], file: str) -> dict:
    index: dict[str, set] = {}
    for pid, names in spellings.items():
        for s in names:
            if s and s.strip():
                index.setdefault(normalize(s), set()).add((pid, s.strip()))
    for entries in index.values():
        ids = {pid for pid, _ in entries}
        if len(ids) > 1:
            exact: dict[str, set] = {}
            for pid, s in entries:
                exact.setdefault(s, set()).add(pid)
            clash = [s for s, owners in exact.items() if len(owners) > 1]
            if clash:
                _Checker(file, sorted(ids)[0], set()).fail(
                    "synonyms", f"{clash[0]!r} names both {sorted(ids)}: make the spellings differ")
    return {k: tuple(sorted(v)) for k, v in index.items()}


@lru_cache(maxsize=1)
def load_vocabulary() -> Vocabulary:
    """The app's vocabulary (toolkit + resources/vocab/parameters.yaml), validated once per process."""
    toolkit = load_toolkit()
    doc = _read(VOCAB_FILE)
    digest = hashlib.sha256(VOCAB_FILE.read_bytes() + toolkit.digest.encode()).hexdigest()
    return build_vocabulary(doc, toolkit, digest=digest)


@lru_cache(maxsize=4096)
def resolve_id(text: str | None, medium: str | None = None) -> str | None:
    """Parameter id for a spelling (cached: this runs on every write)."""
    p = load_vocabulary().resolve(text, medium)
    return p.id if p else None


def common_parameters(medium: str = "water") -> list[Parameter]:
    """Parameters measured in ``medium``: the toolkit's pollutants first (in toolkit order), then field
    parameters, then the other limit-only items (what the measurement dialog lists)."""
    vocab = load_vocabulary()
    order = {e["id"]: e["number"] for e in load_toolkit().pollutants}
    group = {"field": 1, "gas": 1}

    def key(p: Parameter):
        return (0, order[p.toolkit_id]) if p.toolkit_id else (1 + group.get(p.category, 1), p.id)
    return sorted((p for p in vocab.parameters.values() if medium in p.media), key=key)


def get_parameter(ident: str | None) -> Parameter | None:
    return load_vocabulary().get(ident)


def parameter_for_pollutant(toolkit_id: str | None) -> Parameter | None:
    """The parameter measured for a toolkit pollutant ('acid_alkali' -> pH)."""
    vocab = load_vocabulary()
    found = vocab.get(toolkit_id)
    if found is not None:
        return found
    return next((p for p in vocab.parameters.values() if p.toolkit_id == toolkit_id), None)


NOT_IN_TOOLKIT = ("不在工具包中", "not in the toolkit")


def parameter_label(parameter_id: str | None, typed: str = "", lang: str = "zh") -> str:
    """What every view shows for a measurement's parameter: the vocabulary's name, or the text as
    typed followed by a plain 'not in the toolkit' mark, never a raw id."""
    p = get_parameter(parameter_id)
    if p is not None:
        return p.label(lang)
    mark = NOT_IN_TOOLKIT[1] if lang.startswith("en") else NOT_IN_TOOLKIT[0]
    return f"{typed} ({mark})" if lang.startswith("en") else f"{typed}（{mark}）"


def parameter_short(parameter_id: str | None, typed: str = "") -> str:
    """The compact label for chart legends and narrow columns: the symbol, else the typed text."""
    p = get_parameter(parameter_id)
    return (p.symbol or p.zh) if p else typed
