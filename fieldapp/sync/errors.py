"""Why a bundle was refused. Every message names the member, table, line or field at fault."""
from __future__ import annotations

from fieldapp.core.errors import StoreError


class BundleError(StoreError):
    """The bundle was refused; the store was not touched."""


class BundleCorrupt(BundleError):
    """Not a readable bundle: truncated, not a ZIP, a member whose hash does not match, bad JSON."""


class BundleUnsafe(BundleError):
    """A member name escaping the bundle, or sizes that look like a decompression bomb."""


class BundleTooNew(BundleError):
    """Written in a newer bundle format than this FieldApp reads."""


class SignatureInvalid(BundleError):
    """The manifest signature does not verify: the bundle was altered after signing."""


class UntrustedKey(BundleError):
    """Signed correctly, but by a key that is not in the trusted team keys."""


class ManifestMismatch(BundleError):
    """The manifest's counts, ranges or member list disagree with the bundle's content."""


class KeyError_(BundleError):
    """A key file or read-aloud code that cannot be used."""


class ImportCancelled(BundleError):
    """The user cancelled the import; the transaction was rolled back."""


class RecordInvalid(BundleError):
    """A record (from a trusted sender) that the app itself would refuse to store."""

    def __init__(self, table: str, uuid: str, field: str, why: str):
        super().__init__(f"{table} record {uuid}, field {field}: {why}; the bundle was refused, nothing was stored")
        self.table, self.uuid, self.field = table, uuid, field


class BundleGap(BundleError):
    """An incremental bundle that does not continue what we hold from its sender: one was lost."""
