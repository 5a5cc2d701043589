"""The local SpatiaLite store: schema, migrations, records. No Qt here."""
from .errors import (DuplicateCode, IdentityMissing, NoStore, NotAFieldAppStore, NotFound,  # noqa: F401
                     StoreDamaged, StoreError, StoreFull, StoreLocked, StoreReadOnly, StoreTooNew,
                     ValidationError)
from .store import Identity, Store, default_store_path, open_store  # noqa: F401
