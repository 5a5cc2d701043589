"""One line per profile mistake: the file, the key, what is wrong and what to write instead.

pydantic reports every problem of a document with a location tuple and a type code; a user needs
the first one, in words, with the dotted key as it appears in the YAML file.
"""
from __future__ import annotations

import difflib
import typing

from pydantic import BaseModel, ValidationError

from .profile_schema import RECORD_TYPES, ProfileModel

_RECORD_MODELS = {}
for _m in typing.get_args(ProfileModel.model_fields["record"].annotation):
    if isinstance(_m, type) and issubclass(_m, BaseModel):
        _RECORD_MODELS[typing.get_args(_m.model_fields["type"].annotation)[0]] = _m


def _model_of(annotation):
    """The BaseModel class inside Optional[...] / list[...] / dict[..., ...], or None."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _model_of(arg)
        if found is not None:
            return found
    return None


def _walk(loc: tuple) -> tuple[str, type | None]:
    """(dotted key as written in the file, model class at that place) for a pydantic location."""
    model: type | None = ProfileModel
    parts: list[str] = []
    i = 0
    while i < len(loc):
        item = loc[i]
        if isinstance(item, int):
            parts[-1:] = [f"{parts[-1]}[{item}]"] if parts else [f"[{item}]"]
        elif model is ProfileModel and item == "record" and i + 1 < len(loc) and loc[i + 1] in _RECORD_MODELS:
            parts.append("record")
            model = _RECORD_MODELS[loc[i + 1]]
            i += 2
            continue
        else:
            parts.append(str(item))
            if model is not None and item in model.model_fields:
                model = _model_of(model.model_fields[item].annotation)
            elif model is not None and parts[-2:-1] and parts[-2] in ("channels", "values"):
                pass            # a user-chosen key inside a mapping of sections
            else:
                model = None
        i += 1
    return ".".join(parts), model


def _parent(loc: tuple) -> tuple:
    return loc[:-1]


def _allowed(loc: tuple) -> list[str]:
    path, model = _walk(_parent(loc))
    if model is None and loc[:1] == ("channels",):
        from .profile_schema import Channel
        model = Channel
    if model is None and loc[:2] == ("simulate", "values"):
        from .profile_schema import SimValue
        model = SimValue
    return sorted(model.model_fields) if model is not None else []


def _describe(err: dict, loc: tuple) -> str:
    kind, given = err["type"], err.get("input")
    shown = repr(given) if not isinstance(given, (dict, list)) else type(given).__name__
    if kind == "extra_forbidden":
        allowed = _allowed(loc)
        close = difflib.get_close_matches(str(loc[-1]), allowed, n=1)
        hint = f"did you mean '{close[0]}'? " if close else ""
        return f"unknown key; {hint}allowed here: {', '.join(allowed)}"
    if kind == "missing":
        return "is missing: add it (see resources/instruments/README.md)"
    if kind == "union_tag_invalid":
        return f"unknown record type {err['ctx'].get('tag')!r}: use one of {', '.join(RECORD_TYPES)}"
    if kind == "union_tag_not_found":
        return f"needs a 'type': one of {', '.join(RECORD_TYPES)}"
    if kind.startswith("int_"):
        return f"must be a whole number (e.g. 9600), got {shown}"
    if kind.startswith("float_"):
        return f"must be a number (e.g. 2.5), got {shown}"
    if kind.startswith("bool_"):
        return f"must be true or false, got {shown}"
    if kind.startswith("string_"):
        if kind == "string_pattern_mismatch":
            return f"may hold only letters, digits, '_', '-' and '.', got {shown}"
        if kind == "string_too_short":
            return "must not be empty"
        return f"must be text (put it in quotes), got {shown}"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"must be a section of 'key: value' lines, got {shown}"
    if kind == "list_type":
        return f"must be a list such as [a, b], got {shown}"
    if kind == "too_short":
        return "must list at least one item"
    if kind == "literal_error":
        return f"must be one of {err['ctx']['expected']}, got {shown}"
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        return f"{err['msg'].lower()}, got {shown}"
    if kind == "value_error":
        return str(err["ctx"]["error"])
    return f"{err['msg']}, got {shown}"


def one_line(exc: ValidationError, source: str) -> str:
    """``file: key: problem; fix`` for the first error pydantic found."""
    err = exc.errors(include_url=False)[0]
    loc = tuple(err["loc"])
    if err["type"] == "value_error" and loc and loc[-1] in _RECORD_MODELS:
        loc = loc[:-1]
    path, _model = _walk(loc)
    return f"{source}: {path or 'profile'}: {_describe(err, loc)}"
