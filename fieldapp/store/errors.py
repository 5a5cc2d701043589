"""Store errors live in fieldapp.core.errors (no imports there, so core modules can raise them
without importing the store package); re-exported here for store users."""
from fieldapp.core.errors import *  # noqa: F401,F403
from fieldapp.core.errors import (DuplicateCode, IdentityMissing, NoStore, NotAFieldAppStore, NotFound,  # noqa: F401
                                  StoreDamaged, StoreError, StoreFull, StoreLocked, StoreReadOnly, StoreTooNew,
                                  ValidationError)
