"""Tables of the toolkit search index (FTS5), created by store migration 2.

They hold derived reference data, rebuilt whenever the toolkit data files change, with no sync
columns. The statements are part of migration 2 of every released store: never change them here; a
change to these tables is a new migration.
"""

STATEMENTS = [
    # One row per searchable document (pollutant, scenario, technology category, facility type).
    """CREATE TABLE IF NOT EXISTS toolkit_docs (
        doc_id TEXT PRIMARY KEY NOT NULL,
        kind TEXT NOT NULL,
        position INTEGER NOT NULL,
        title_zh TEXT NOT NULL,
        title_en TEXT NOT NULL,
        subtitle_zh TEXT NOT NULL DEFAULT '',
        subtitle_en TEXT NOT NULL DEFAULT ''
    )""",
    # Exact keys (normalised names, synonyms, CAS, formula tokens, pinyin of the Chinese name):
    # a hit here ranks above any full-text hit. tier 0 = name/synonym/CAS, 1 = pinyin.
    """CREATE TABLE IF NOT EXISTS toolkit_keys (
        key TEXT NOT NULL,
        doc_id TEXT NOT NULL REFERENCES toolkit_docs(doc_id),
        tier INTEGER NOT NULL,
        PRIMARY KEY (key, doc_id)
    ) WITHOUT ROWID""",
    # Full text. CJK text is stored one ideograph per token (spaces inserted) so "铬" finds "六价铬".
    """CREATE VIRTUAL TABLE IF NOT EXISTS toolkit_fts USING fts5(
        doc_id UNINDEXED, kind UNINDEXED, names, aliases, pinyin, codes, body,
        tokenize = 'unicode61 remove_diacritics 2'
    )""",
    # Latin vocabulary of the index, trigram-tokenised: candidates for typo correction ("thalium").
    """CREATE VIRTUAL TABLE IF NOT EXISTS toolkit_terms USING fts5(term, tokenize = 'trigram')""",
    """CREATE TABLE IF NOT EXISTS toolkit_index_info (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL)""",
]


def create(conn) -> None:
    for sql in STATEMENTS:
        conn.execute(sql)
