"""Loading the toolkit data files into a validated, read-only Toolkit object.

The files live in resources/toolkit/ (human-reviewed YAML). Loading validates everything first
(validate.py) so the app never shows half-checked data; ``load_toolkit()`` caches the default files.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from fieldapp.core.resources import resource_path

from .names import formula_variants, name_variants, normalize
from .validate import ToolkitDataError, _Checker, check_pollutant, check_scenario_file

RESOURCE_DIR = resource_path("toolkit")
POLLUTANTS_FILE = "pollutants.yaml"
SCENARIOS_FILE = "scenarios.yaml"
EXPECTED_POLLUTANTS = 25


@dataclass(frozen=True)
class Toolkit:
    """Validated toolkit content. Entries are plain dicts in the file's own shape (see pollutants.yaml)."""

    meta: dict
    pollutants: tuple
    scenario_meta: dict
    tech_categories: tuple
    facility_types: tuple
    scenarios: tuple
    digest: str
    _by_id: dict = field(default_factory=dict, repr=False)
    _aliases: dict = field(default_factory=dict, repr=False)

    def pollutant(self, ident: str) -> dict | None:
        """Entry by id ("thallium") or by any name/synonym/CAS/formula ("铊", "Tl", "7440-28-0")."""
        return self._by_id.get(ident) or self.resolve(ident)

    def resolve(self, name: str) -> dict | None:
        """Exact (normalised) alias lookup: names, synonyms, id, CAS numbers, formula tokens."""
        return self._aliases.get(normalize(name)) if name else None

    def scenario(self, ident: str) -> dict | None:
        return next((s for s in self.scenarios if s["id"] == ident), None)

    def category_label(self, key: str, lang: str = "zh") -> str:
        return self.meta["categories"][key][lang]

    def source_title(self, key: str) -> str | None:
        return self.meta["sources"].get(key)


def aliases_of(entry: dict) -> list[str]:
    """Every spelling that should resolve to this entry (before normalisation)."""
    out = [entry["id"], *name_variants(entry["name"]["zh"]), *name_variants(entry["name"]["en"])]
    out += entry["synonyms"]
    out += [c["number"] for c in entry["identity"]["cas"]]
    out += formula_variants(entry["identity"]["formula"])
    if entry.get("parameter"):
        out.append(entry["parameter"])
    return out


def _build_alias_map(pollutants: list, file: str) -> dict:
    aliases: dict = {}
    for entry in pollutants:
        for alias in aliases_of(entry):
            key = normalize(alias)
            other = aliases.get(key)
            if other is not None and other["id"] != entry["id"]:
                raise ToolkitDataError(
                    file, entry["id"], "synonyms", f"{alias!r} also names entry '{other['id']}' (ambiguous)"
                )
            aliases[key] = entry
    return aliases


def _read_yaml(path: Path):
    import yaml    # here, not at the top: the store imports this module, the window's start need not read YAML

    try:
        # The C loader (libyaml) is ~10x faster; pure-Python SafeLoader where libyaml is missing.
        return yaml.load(
            path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        )
    except yaml.YAMLError as exc:
        raise ToolkitDataError(path.name, "(file)", "(syntax)", f"not valid YAML: {exc}") from exc


def load_from_documents(
    pollutant_doc,
    scenario_doc,
    *,
    expected: int | None = EXPECTED_POLLUTANTS,
    pollutant_file: str = POLLUTANTS_FILE,
    scenario_file: str = SCENARIOS_FILE,
    digest: str = "",
) -> Toolkit:
    """Validate parsed documents and build the Toolkit (tests feed modified documents through here)."""
    top = _Checker(pollutant_file, "(file)", set())
    top.mapping(pollutant_doc, "", ("meta", "pollutants"))
    meta = top.mapping(pollutant_doc["meta"], "meta", ("compiled_notice", "categories", "sources"))
    top.bilingual(meta["compiled_notice"], "meta.compiled_notice")
    for key, label in meta["categories"].items():
        top.bilingual(label, f"meta.categories.{key}")
    sources = set(meta["sources"])
    entries = pollutant_doc["pollutants"]
    if not isinstance(entries, list):
        top.fail("pollutants", "must be a list")
    if expected is not None and len(entries) != expected:
        top.fail("pollutants", f"expected {expected} entries, found {len(entries)}")
    ids: set = set()
    numbers: set = set()
    for i, entry in enumerate(entries):
        check_pollutant(entry, i, pollutant_file, set(meta["categories"]), sources)
        for value, seen, name in ((entry["id"], ids, "id"), (entry["number"], numbers, "number")):
            if value in seen:
                raise ToolkitDataError(pollutant_file, entry["id"], name, f"duplicate {name} {value!r}")
            seen.add(value)
    aliases = _build_alias_map(entries, pollutant_file)
    check_scenario_file(scenario_doc, scenario_file, ids, sources)
    return Toolkit(
        meta=meta,
        pollutants=tuple(sorted(entries, key=lambda e: e["number"])),
        scenario_meta=scenario_doc["meta"],
        tech_categories=tuple(scenario_doc["tech_categories"]),
        facility_types=tuple(scenario_doc["facility_types"]),
        scenarios=tuple(scenario_doc["scenarios"]),
        digest=digest,
        _by_id={e["id"]: e for e in entries},
        _aliases=aliases,
    )


def load_from_dir(
    directory: Path | str = RESOURCE_DIR, expected: int | None = EXPECTED_POLLUTANTS
) -> Toolkit:
    """Read and validate pollutants.yaml + scenarios.yaml from ``directory``."""
    directory = Path(directory)
    paths = [directory / POLLUTANTS_FILE, directory / SCENARIOS_FILE]
    for p in paths:
        if not p.is_file():
            raise ToolkitDataError(p.name, "(file)", "(file)", f"missing data file {p}")
    digest = hashlib.sha256(b"".join(p.read_bytes() for p in paths)).hexdigest()
    return load_from_documents(_read_yaml(paths[0]), _read_yaml(paths[1]), expected=expected, digest=digest)


@lru_cache(maxsize=1)
def load_toolkit() -> Toolkit:
    """The app's toolkit (default resource folder), loaded and validated once per process."""
    return load_from_dir(RESOURCE_DIR)
