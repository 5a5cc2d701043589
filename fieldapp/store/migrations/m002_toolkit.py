"""Toolkit search index: FTS5 tables filled from resources/toolkit/*.yaml (fieldapp.toolkit.search).

This is derived reference data, rebuilt whenever the data files change (``toolkit_index_info`` keeps
the digest of the files it was built from). It carries no sync columns and must not be synced.
"""

from fieldapp.toolkit.schema import STATEMENTS as TOOLKIT_TABLES

NUMBER = 2
NAME = "toolkit"

# The statements live with the toolkit (fieldapp.toolkit.schema), which builds and reads the index;
# the store sits above the toolkit, so the migration imports them from there.
STATEMENTS = TOOLKIT_TABLES

def up(conn) -> None:
    for sql in STATEMENTS:
        conn.execute(sql)
