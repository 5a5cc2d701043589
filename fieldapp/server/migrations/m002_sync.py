"""Sync bookkeeping on the server: the same tables as the store (store migrations 5 and 9), so the
one merge implementation (fieldapp.sync.merge) reads and writes them by the same names, plus

* ``meta``: the server's identity (team/unit/device as the working group) and its signing key;
* ``server_change_seq``: one change number per write transaction (what incremental bundles to the
  teams select on), with the in-flight numbers visible as advisory locks (fieldapp.server.backend);
* the ancestry trigger (an edit remembers the variant it replaced, as the store's trigger does) on
  every synced table, and append-only triggers on custody events, the incident log and the report
  archive.
"""
from .m001_records import TABLES, T

NUMBER = 2
NAME = "sync"

APPEND_ONLY = ("custody_events", "incident_log", "report_archive")

STATEMENTS = [
    f"CREATE TABLE meta (key {T} PRIMARY KEY, value {T} NOT NULL)",
    f"""CREATE TABLE sync_trusted_keys (
        public_key {T} PRIMARY KEY,
        fingerprint {T} NOT NULL UNIQUE,
        team {T} NOT NULL DEFAULT '',
        device {T} NOT NULL DEFAULT '',
        device_id {T} NOT NULL DEFAULT '',
        label {T} NOT NULL DEFAULT '',
        added_at {T} NOT NULL,
        how {T} NOT NULL DEFAULT 'file')""",
    f"""CREATE TABLE sync_peers (
        peer {T} PRIMARY KEY,
        last_sent_seq bigint NOT NULL DEFAULT 0,
        last_sent_at {T} NOT NULL DEFAULT '',
        sent_count bigint NOT NULL DEFAULT 0)""",
    f"""CREATE TABLE sync_imports (
        bundle_id {T} PRIMARY KEY,
        manifest_sha256 {T} NOT NULL,
        sender_team {T} NOT NULL,
        sender_device_id {T} NOT NULL,
        sender_key {T} NOT NULL,
        from_seq bigint NOT NULL,
        to_seq bigint NOT NULL,
        imported_at {T} NOT NULL,
        local_seq bigint NOT NULL,
        receipt {T} NOT NULL,
        serial bigint NOT NULL DEFAULT 0,
        peer {T} NOT NULL DEFAULT '')""",
    "CREATE INDEX sync_imports_sender ON sync_imports(sender_device_id, from_seq)",
    f"""CREATE TABLE sync_ancestry (
        table_name {T} NOT NULL,
        uuid {T} NOT NULL,
        variant {T} NOT NULL,
        PRIMARY KEY (table_name, uuid, variant))""",
    f"""CREATE TABLE sync_record_versions (
        table_name {T} NOT NULL,
        uuid {T} NOT NULL,
        variant {T} NOT NULL,
        version bigint NOT NULL,
        updated_at {T} NOT NULL,
        updated_by_device {T} NOT NULL,
        created_by_team {T} NOT NULL,
        row_json {T} NOT NULL,
        found_at {T} NOT NULL,
        change_seq bigint NOT NULL,
        reviewed bigint NOT NULL DEFAULT 0,
        PRIMARY KEY (table_name, uuid, variant))""",
    "CREATE INDEX sync_record_versions_seq ON sync_record_versions(change_seq)",
    "CREATE INDEX sync_record_versions_review ON sync_record_versions(reviewed, table_name)",
    f"""CREATE TABLE sync_acks (
        device_id {T} PRIMARY KEY,
        team {T} NOT NULL DEFAULT '',
        holds_seq bigint NOT NULL,
        bundle_id {T} NOT NULL,
        reported_at {T} NOT NULL)""",
    "CREATE SEQUENCE server_change_seq",
    # the same rule as the store's trigger (store migration 5): the variant an edit replaced is an
    # ancestor of the new value
    """CREATE FUNCTION sync_remember_ancestor() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF OLD.version IS DISTINCT FROM NEW.version OR OLD.updated_by_device IS DISTINCT FROM NEW.updated_by_device
           OR OLD.updated_at IS DISTINCT FROM NEW.updated_at THEN
            INSERT INTO sync_ancestry(table_name, uuid, variant)
            VALUES (TG_TABLE_NAME, OLD.uuid, OLD.version || ':' || OLD.updated_by_device || ':' || OLD.updated_at)
            ON CONFLICT DO NOTHING;
        END IF;
        RETURN NEW;
    END $$""",
    """CREATE FUNCTION sync_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
    END $$""",
]


def up(cur) -> None:
    for sql in STATEMENTS:
        cur.execute(sql)
    for table in TABLES:
        if table in APPEND_ONLY:
            cur.execute(f'CREATE TRIGGER "{table}_no_change" BEFORE UPDATE OR DELETE ON "{table}" '
                        "FOR EACH ROW EXECUTE FUNCTION sync_refuse_change()")
        else:
            cur.execute(f'CREATE TRIGGER "{table}_sync_ancestry" AFTER UPDATE ON "{table}" '
                        "FOR EACH ROW EXECUTE FUNCTION sync_remember_ancestor()")
