"""Errors the store raises. Each carries a message a field user can act on (UI and CLI show it as is)."""
from __future__ import annotations


class StoreError(Exception):
    """Base class: something about the store or the data given to it is wrong."""


class NotAFieldAppStore(StoreError):
    """The file exists but is not a FieldApp store (another SQLite file, or not SQLite at all)."""


class StoreTooNew(StoreError):
    """The store was written by a newer FieldApp whose migrations this version does not know."""


class StoreReadOnly(StoreError):
    """The store cannot be written (read-only file, folder or medium)."""


class StoreFull(StoreError):
    """The disk (or the store's size limit) is full; the last write was rolled back."""


class ValidationError(StoreError):
    """Input rejected before anything was written. ``field`` names the offending input; ``zh`` is the
    message in Chinese when the check that raised it gives one (vocabulary checks do)."""

    def __init__(self, field: str, message: str, zh: str = ""):
        super().__init__(message)
        self.field = field
        self.zh = zh or message

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
