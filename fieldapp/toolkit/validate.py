"""Validation of the toolkit data files. Every problem raises ToolkitDataError naming entry and field.

The data is hand-edited YAML reviewed by people: a silent typo (a missing source, a CAS with a wrong
check digit, a negative limit, a stray comma that YAML turns into an extra key) must stop loading with
a message that says exactly where to look, instead of reaching a responder's screen.
"""

from __future__ import annotations

import re
from typing import Any

from .names import cas_check_digit_ok

CONFIDENCE = ("confirmed", "verify", "uncertain")
GB3838_CLASSES = ("I", "II", "III", "IV", "V")
GB3838_TABLES = ("T1", "T2", "T3")
GB5749_TABLES = ("routine", "extended", "annex_a")
_S_NUMBER = re.compile(r"\bS\d+[a-z]?\b")


class ToolkitDataError(ValueError):
    """A toolkit data file is wrong. ``entry`` is the entry id (or list name), ``field`` the dotted field."""

    def __init__(self, file: str, entry: str, field: str, problem: str):
        super().__init__(f"{file}: entry '{entry}', field '{field}': {problem}")
        self.file, self.entry, self.field, self.problem = file, entry, field, problem


class _Checker:
    """Checks one entry; remembers file/entry so each failure message names both."""

    def __init__(self, file: str, entry: str, known_sources: set[str]):
        self.file, self.entry, self.known_sources = file, entry, known_sources

    def fail(self, field: str, problem: str) -> None:
        raise ToolkitDataError(self.file, self.entry, field, problem)

    def mapping(self, obj: Any, field: str, required: tuple, optional: tuple = ()) -> dict:
        if not isinstance(obj, dict):
            self.fail(field, f"must be a mapping, got {type(obj).__name__}")
        for key in required:
            if key not in obj or obj[key] is None:
                self.fail(f"{field}.{key}" if field else key, "is missing")
        extra = set(obj) - set(required) - set(optional)
        if extra:
            # Usually a comma inside a {flow: mapping} that YAML split into a new key.
            self.fail(field or "(entry)", f"unknown key(s) {sorted(map(str, extra))}")
        return obj

    def text(self, obj: Any, field: str, allow_empty: bool = False) -> str:
        if not isinstance(obj, str) or (not allow_empty and not obj.strip()):
            self.fail(field, f"must be non-empty text, got {obj!r}")
        return obj

    def bilingual(self, obj: Any, field: str) -> None:
        self.mapping(obj, field, ("zh", "en"))
        self.text(obj["zh"], f"{field}.zh")
        self.text(obj["en"], f"{field}.en")

    def positive(self, obj: Any, field: str) -> float:
        if isinstance(obj, bool) or not isinstance(obj, (int, float)):
            self.fail(field, f"must be a number, got {obj!r}")
        if not obj > 0:
            self.fail(field, f"limit must be positive, got {obj!r}")
        return float(obj)

    def provenance(self, obj: dict, field: str) -> None:
        """`source` present and non-empty, S-numbers known, `confidence` one of the three marks."""
        where = f"{field}." if field else ""
        if not obj.get("source"):
            self.fail(f"{where}source", "value without a source")
        src = self.text(obj["source"], f"{where}source")
        unknown = [s for s in _S_NUMBER.findall(src) if s not in self.known_sources]
        if unknown:
            self.fail(f"{where}source", f"cites {unknown} which meta.sources does not list")
        if obj.get("confidence") not in CONFIDENCE:
            self.fail(f"{where}confidence", f"must be one of {CONFIDENCE}, got {obj.get('confidence')!r}")

    def sourced_text(self, obj: Any, field: str) -> None:
        self.mapping(obj, field, ("zh", "en", "source", "confidence"))
        self.bilingual({"zh": obj["zh"], "en": obj["en"]}, field)
        self.provenance(obj, field)

    def ph_range(self, obj: Any, field: str) -> None:
        ok = (
            isinstance(obj, list)
            and len(obj) == 2
            and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in obj)
        )
        if not ok or not (0 <= obj[0] < obj[1] <= 14):
            self.fail(field, f"must be [low, high] with 0 <= low < high <= 14, got {obj!r}")


def check_gb3838(c: _Checker, lim: Any) -> None:
    f = "limits.gb3838"
    c.mapping(
        lim,
        f,
        ("table", "source", "confidence"),
        ("classes", "source_area", "range", "item", "basis", "note", "bound", "unit"),
    )
    if lim.get("bound", "max") not in ("max", "min"):
        c.fail(f"{f}.bound", f"must be max (an upper limit, the default) or min, got {lim['bound']!r}")
    if lim["table"] not in GB3838_TABLES:
        c.fail(f"{f}.table", f"must be one of {GB3838_TABLES}, got {lim['table']!r}")
    kinds = [k for k in ("classes", "source_area", "range") if k in lim]
    if len(kinds) != 1:
        c.fail(f, f"needs exactly one of classes / source_area / range, got {kinds}")
    if lim["table"] == "T1" and "source_area" in lim:
        c.fail(f"{f}.source_area", "Table 1 items have class values, not a single source-area value")
    if lim["table"] != "T1" and "source_area" not in lim:
        c.fail(f"{f}.source_area", "Table 2/3 items have one drinking-water-source value: use source_area")
    if "classes" in lim:
        c.mapping(lim["classes"], f"{f}.classes", GB3838_CLASSES)
        for cls in GB3838_CLASSES:
            c.positive(lim["classes"][cls], f"{f}.classes.{cls}")
    if "source_area" in lim:
        c.positive(lim["source_area"], f"{f}.source_area")
    if "range" in lim:
        c.ph_range(lim["range"], f"{f}.range")
    for opt in ("basis", "note"):
        if opt in lim:
            c.bilingual(lim[opt], f"{f}.{opt}")
    c.provenance(lim, f)


def check_gb5749(c: _Checker, lim: Any) -> None:
    f = "limits.gb5749"
    c.mapping(lim, f, ("table", "source", "confidence"), ("value", "range", "basis", "note"))
    if lim["table"] not in GB5749_TABLES:
        c.fail(f"{f}.table", f"must be one of {GB5749_TABLES}, got {lim['table']!r}")
    if ("value" in lim) == ("range" in lim):
        c.fail(f, "needs exactly one of value / range")
    if "value" in lim:
        c.positive(lim["value"], f"{f}.value")
    else:
        c.ph_range(lim["range"], f"{f}.range")
    for opt in ("basis", "note"):
        if opt in lim:
            c.bilingual(lim[opt], f"{f}.{opt}")
    c.provenance(lim, f)


def _check_disposal_block(c: _Checker, obj: Any, f: str) -> None:
    c.mapping(obj, f, ("zh", "en", "params", "source", "confidence"))
    c.text(obj["zh"], f"{f}.zh")
    c.text(obj["en"], f"{f}.en")
    if not isinstance(obj["params"], list):
        c.fail(f"{f}.params", "must be a list (may be empty)")
    for i, p in enumerate(obj["params"]):
        c.sourced_text(p, f"{f}.params[{i}]")
    c.provenance(obj, f)


ENTRY_KEYS = (
    "id",
    "number",
    "name",
    "synonyms",
    "category",
    "identity",
    "limits",
    "methods",
    "disposal",
    "hazards",
    "incidents",
)


def check_pollutant(entry: Any, index: int, file: str, categories: set, sources: set) -> None:
    """Validate one pollutant entry (raises ToolkitDataError on the first problem)."""
    ident = entry.get("id") if isinstance(entry, dict) else None
    c = _Checker(file, str(ident) if ident else f"#{index + 1}", sources)
    c.mapping(entry, "", ENTRY_KEYS, ("parameter",))
    if not re.fullmatch(r"[a-z][a-z0-9_]*", str(entry["id"])):
        c.fail("id", f"must be lower_snake_case, got {entry['id']!r}")
    if isinstance(entry["number"], bool) or not isinstance(entry["number"], int) or entry["number"] < 1:
        c.fail("number", f"must be a positive integer, got {entry['number']!r}")
    c.bilingual(entry["name"], "name")
    if not isinstance(entry["synonyms"], list):
        c.fail("synonyms", "must be a list")
    for i, syn in enumerate(entry["synonyms"]):
        c.text(syn if isinstance(syn, str) else None, f"synonyms[{i}]")
    if entry["category"] not in categories:
        c.fail("category", f"unknown category {entry['category']!r} (known: {sorted(categories)})")
    if "parameter" in entry:
        c.text(entry["parameter"], "parameter")

    ident_block = c.mapping(entry["identity"], "identity", ("cas", "formula", "source", "confidence"))
    if not isinstance(ident_block["cas"], list) or not ident_block["cas"]:
        c.fail("identity.cas", "must list at least one CAS number")
    for i, cas in enumerate(ident_block["cas"]):
        c.mapping(cas, f"identity.cas[{i}]", ("number", "of"))
        num = cas["number"]
        if not isinstance(num, str) or not cas_check_digit_ok(num):
            c.fail(f"identity.cas[{i}].number", f"{num!r} is not a valid CAS number (check digit)")
        c.text(cas["of"], f"identity.cas[{i}].of")
    c.text(ident_block["formula"], "identity.formula")
    c.provenance(ident_block, "identity")

    limits = c.mapping(entry["limits"], "limits", ("gb3838", "gb5749"))
    check_gb3838(c, limits["gb3838"])
    check_gb5749(c, limits["gb5749"])

    methods = c.mapping(entry["methods"], "methods", ("field", "lab"), ("sampling",))
    c.sourced_text(methods["field"], "methods.field")
    c.sourced_text(methods["lab"], "methods.lab")
    if "sampling" in methods:      # container, preservative and holding time (sample form defaults)
        sampling = c.mapping(methods["sampling"], "methods.sampling",
                             ("container", "preservative", "holding_hours", "source", "confidence"))
        c.bilingual(sampling["container"], "methods.sampling.container")
        c.bilingual(sampling["preservative"], "methods.sampling.preservative")
        c.positive(sampling["holding_hours"], "methods.sampling.holding_hours")
        c.provenance(sampling, "methods.sampling")

    disposal = c.mapping(entry["disposal"], "disposal", ("in_river", "waterworks"))
    _check_disposal_block(c, disposal["in_river"], "disposal.in_river")
    _check_disposal_block(c, disposal["waterworks"], "disposal.waterworks")

    hz = c.mapping(entry["hazards"], "hazards", ("zh", "en", "ppe_zh", "ppe_en", "source", "confidence"))
    for key in ("zh", "en", "ppe_zh", "ppe_en"):
        c.text(hz[key], f"hazards.{key}")
    c.provenance(hz, "hazards")

    if not isinstance(entry["incidents"], list):
        c.fail("incidents", "must be a list (may be empty)")
    for i, inc in enumerate(entry["incidents"]):
        f = f"incidents[{i}]"
        c.mapping(inc, f, ("year", "zh", "en", "source", "confidence"))
        if not isinstance(inc["year"], int) or not 1900 <= inc["year"] <= 2100:
            c.fail(f"{f}.year", f"must be a year, got {inc['year']!r}")
        c.sourced_text({k: inc[k] for k in ("zh", "en", "source", "confidence")}, f)


def check_scenario_file(doc: Any, file: str, pollutant_ids: set, sources: set) -> None:
    """Validate scenarios.yaml: technology categories, facility types and scenario checklists."""
    top = _Checker(file, "(file)", sources)
    top.mapping(doc, "", ("meta", "tech_categories", "facility_types", "scenarios"))
    top.mapping(doc["meta"], "meta", ("compiled_notice",))
    top.bilingual(doc["meta"]["compiled_notice"], "meta.compiled_notice")
    seen: set = set()
    for section, keys in (
        ("tech_categories", ("id", "name", "summary", "source", "confidence")),
        ("facility_types", ("id", "name", "examples", "source", "confidence")),
    ):
        if not isinstance(doc[section], list) or not doc[section]:
            top.fail(section, "must be a non-empty list")
        for i, item in enumerate(doc[section]):
            c = _Checker(file, str(item.get("id") if isinstance(item, dict) else f"{section}[{i}]"), sources)
            c.mapping(item, "", keys)
            for key in keys[1:3]:
                c.bilingual(item[key], key)
            c.provenance(item, "")
            _unique(c, seen, item["id"])
    if not isinstance(doc["scenarios"], list) or len(doc["scenarios"]) < 5:
        top.fail("scenarios", "must list at least 5 scenarios")
    for i, sc in enumerate(doc["scenarios"]):
        c = _Checker(file, str(sc.get("id") if isinstance(sc, dict) else f"scenarios[{i}]"), sources)
        c.mapping(
            sc, "", ("id", "name", "pollutants", "reference_incidents", "source", "confidence", "steps")
        )
        _unique(c, seen, sc["id"])
        c.bilingual(sc["name"], "name")
        c.bilingual(sc["reference_incidents"], "reference_incidents")
        c.provenance(sc, "")
        for j, pid in enumerate(sc["pollutants"] if isinstance(sc["pollutants"], list) else [None]):
            if pid not in pollutant_ids:
                c.fail(f"pollutants[{j}]", f"{pid!r} is not a pollutant id")
        if not isinstance(sc["steps"], list) or not sc["steps"]:
            c.fail("steps", "must be a non-empty list")
        step_ids: set = set()
        for j, step in enumerate(sc["steps"]):
            c.mapping(step, f"steps[{j}]", ("id", "zh", "en"))
            c.bilingual({"zh": step["zh"], "en": step["en"]}, f"steps[{j}]")
            if step["id"] in step_ids:
                c.fail(f"steps[{j}].id", f"duplicate step id {step['id']!r}")
            step_ids.add(step["id"])


def _unique(c: _Checker, seen: set, ident: Any) -> None:
    if not isinstance(ident, str) or not ident:
        c.fail("id", f"must be non-empty text, got {ident!r}")
    if ident in seen:
        c.fail("id", f"duplicate id {ident!r}")
    seen.add(ident)
