"""The local SpatiaLite store: schema, migrations, records. No Qt here."""
from .errors import (DuplicateCode, IdentityMissing, NotAFieldAppStore, NotFound, StoreError,  # noqa: F401
                     StoreFull, StoreReadOnly, StoreTooNew, ValidationError)
from .store import Identity, Store, default_store_path, open_store  # noqa: F401
