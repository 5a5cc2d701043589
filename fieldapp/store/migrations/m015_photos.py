"""Photos: when and where a picture was taken (from its EXIF), a thumbnail, and whether it goes in
reports. Photos stay attachments (their bytes in the store, synced like every record)."""
NUMBER = 15
NAME = "photos"


def up(conn) -> None:
    for sql in ("ALTER TABLE attachments ADD COLUMN taken_at TEXT",
                "ALTER TABLE attachments ADD COLUMN lat REAL",
                "ALTER TABLE attachments ADD COLUMN lon REAL",
                "ALTER TABLE attachments ADD COLUMN thumb BLOB",
                "ALTER TABLE attachments ADD COLUMN in_report INTEGER NOT NULL DEFAULT 0"):
        conn.execute(sql)
