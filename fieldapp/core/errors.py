"""Errors the store raises. Each carries a message a field user can act on: a ``code`` and
``params`` (fieldapp.core.messages) rendered by ``text(lang)`` in the reader's language; ``str()``
is the English text (CLI, logs)."""
from __future__ import annotations

from fieldapp.core.messages import Coded, render


class StoreError(Coded, Exception):
    """Base class: something about the store or the data given to it is wrong."""

    def __init__(self, message: str = "", *, code: str = "", params: dict | None = None):
        self.code, self.params = code, dict(params or {})
        super().__init__(message or (render(code, self.params, "en") if code else ""))


class NotAFieldAppStore(StoreError):
    """The file exists but is not a FieldApp store (another SQLite file, or not SQLite at all)."""


class StoreTooNew(StoreError):
    """The store was written by a newer FieldApp whose migrations this version does not know."""


class StoreReadOnly(StoreError):
    """The store cannot be written (read-only file, folder or medium)."""


class StoreFull(StoreError):
    """The disk (or the store's size limit) is full; the last write was rolled back."""


class ValidationError(StoreError):
    """Input rejected before anything was written. ``field`` names the offending input. Give a
    ``code`` (and ``params``) from fieldapp.core.messages, or a message with its Chinese ``zh``
    (vocabulary checks give both)."""

    def __init__(self, field: str, message: str = "", zh: str = "", *, code: str = "",
                 params: dict | None = None):
        params = {"field": field, **(params or {})}
        super().__init__(message, code=code, params=params)
        self.field = field
        self.zh = zh or (render(code, params, "zh") if code else message)

    @classmethod
    def from_vocab(cls, exc) -> "ValidationError":
        return cls(exc.field, str(exc), exc.zh)


class DuplicateCode(ValidationError):
    """A code that must be unique within its incident is already used."""


class NotFound(StoreError):
    """No record with that id (or it was deleted)."""


class IdentityMissing(StoreError):
    """The team identity has not been set yet; records cannot be stamped."""


class NoStore(StoreError):
    """No store file at that path (a mistyped path, a moved file); nothing was created."""


class StoreDamaged(StoreError):
    """The file is a FieldApp store, but SQLite finds it damaged (truncated, overwritten pages)."""


class StoreLocked(StoreError):
    """Another program holds the store's lock for longer than we are willing to wait."""
