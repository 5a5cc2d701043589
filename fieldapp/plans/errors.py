"""The one error a plan or layer import raises: the message says where and why; nothing was stored."""
from __future__ import annotations


class PlanImportError(ValueError):
    """The file cannot be imported as asked; the message names the file position and the fix."""


class ImportCancelled(PlanImportError):
    """The user cancelled; the transaction was rolled back and nothing was stored."""
