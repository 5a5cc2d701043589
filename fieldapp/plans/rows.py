"""Attribute rows -> the app's site and item fields (kind, facility type, name, stock, quantity).

Vocabulary lookups are memoised per distinct word: a national plan has 200,000 rows but a few
dozen distinct type words, and the Chinese substring match costs ~20 µs a call.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache

import numpy as np

from fieldapp.maps import vocab


def text(v) -> str:
    """A cell as text: None/NaN -> '', 12.0 -> '12'."""
    if v is None:
        return ""
    if isinstance(v, float):
        if v != v:
            return ""
        return str(int(v)) if v.is_integer() else repr(v)
    if isinstance(v, (np.floating, np.integer)):
        return text(v.item())
    return str(v).strip()


@lru_cache(maxsize=4096)
def site_kind(word: str) -> str | None:
    return vocab.site_kind(word)


@lru_cache(maxsize=4096)
def facility_type(word: str) -> str | None:
    return vocab.facility_type(word)


@lru_cache(maxsize=4096)
def material_key(word: str) -> str | None:
    return vocab.material_key(word)


def override(values: dict, word: str) -> tuple[str | None, str | None]:
    """A user's word mapping '泵站' -> 'facility/other' as (kind, facility_type)."""
    got = values.get(word)
    if not got:
        return None, None
    kind, _, ftype = str(got).partition("/")
    return kind or None, ftype or None


def classify(forced: str | None, kind_word: str, type_word: str, name: str,
             values: dict) -> tuple[str | None, str]:
    """(kind, facility_type) of one site; kind None when nothing says what it is."""
    k1, t1 = override(values, kind_word) if kind_word else (None, None)
    k2, t2 = override(values, type_word) if type_word else (None, None)
    kind = forced if forced in ("intake", "facility", "warehouse") else None
    kind = kind or k1 or k2
    if kind is None:
        kind = (site_kind(kind_word) if kind_word else None) or (site_kind(type_word) if type_word else None)
    if kind is None and name:
        kind = site_kind(name)
    if kind != "facility":
        return kind, ""
    ftype = t2 or t1 or (facility_type(type_word) if type_word else None) \
        or (facility_type(kind_word) if kind_word else None) or (facility_type(name) if name else None)
    return kind, ftype or "other"


def parse_stock(value) -> list[dict]:
    """Stock as [{material, quantity, unit, key}] from a JSON list or text like '石灰:50t; PAC 20 t'."""
    if value in (None, ""):
        return []
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            pass
    items: list[dict] = []
    if isinstance(value, list):
        for it in value:
            if isinstance(it, dict):
                mat = str(it.get("material") or it.get("name") or it.get("物资") or "").strip()
                items.append({"material": mat, "quantity": text(it.get("quantity", it.get("数量", ""))),
                              "unit": text(it.get("unit", it.get("单位", "")))})
            else:
                items += parse_stock(str(it))
    else:
        for part in re.split(r"[;；、|\n]+", str(value)):
            part = part.strip()
            if not part:
                continue
            m = re.match(r"^(.*?)[\s:：=]*([0-9][0-9.,]*)\s*([^\d\s].*)?$", part)
            if m and m.group(1).strip():
                items.append({"material": m.group(1).strip(" :："), "quantity": m.group(2),
                              "unit": (m.group(3) or "").strip()})
            else:
                items.append({"material": part, "quantity": "", "unit": ""})
    for it in items:
        it["key"] = material_key(it["material"]) or ""
    return [it for it in items if it["material"]]


def quantity(q: str, unit: str) -> tuple[float | None, float | None]:
    """(quantity as a number, quantity in tonnes when the unit is a mass) from '1,200' and 'kg'."""
    try:
        n = float(str(q).replace(",", "").strip())
    except ValueError:
        return None, None
    if n != n:
        return None, None
    factor = vocab.tonnes_per(unit)
    return n, (n * factor if factor is not None else None)


def attributes(src, skip: set, i: int) -> dict:
    """Unmapped, non-empty cells of row i of a SourceLayer (kept for the popup and exports)."""
    out = {}
    for name in src.fields:
        if name in skip:
            continue
        v = src.texts(name)[i]
        if v:
            out[name] = v
    return out
