"""Sync bundles between teams and the ministry working group: signed, incremental, merged losslessly.

    export_bundle(store, path, peer=..., incremental=True, seal_to=key_hex) -> manifest
    verify_bundle(path, store) -> VerifiedBundle       (raises a specific BundleError)
    import_bundle(store, path, progress=, cancel=) -> Receipt
    keys: signing_key, read_aloud, export_key, import_key_file, trust, trusted_keys
    view: consolidated, summary, conflicts;  conflicts: pending, keep_current, take_kept
    delivery: coverage, gap check, acknowledgements;  intake: strict record checks before a merge
    backend: the database interface all of the above are written against; SqliteBackend adapts a
             Store, fieldapp.server.backend.PostgresBackend the working group's PostGIS
No Qt here; the CLI (fieldapp.sync.cli) and the UI panel both call these.
"""
from . import conflicts, keys, view  # noqa: F401
from .container import Limits  # noqa: F401
from .errors import (  # noqa: F401
                     BundleCorrupt,
                     BundleError,
                     BundleGap,
                     RecordInvalid,
                     BundleTooNew,
                     BundleUnsafe,
                     ImportCancelled,
                     ManifestMismatch,
                     SignatureInvalid,
                     UntrustedKey,
)
from .export import export_bundle, peers  # noqa: F401
from .merge import import_bundle  # noqa: F401
from .receipt import Receipt  # noqa: F401
from .verify import verify_bundle  # noqa: F401
