"""The one verdict, kept on the server for the GIS views (tables of server migration 3).

Computed here in Python with the app's own functions, never re-implemented in SQL:
* a measurement: ``fieldapp.vocab.judge_row`` against ``standard_for_point`` (its point's own
  standard, else by role and the incident's choices), in the point's medium;
* a point: ``fieldapp.maps.status.point_statuses`` (the worst verdict of all its measurements, what
  the map colours it) and ``latest_values`` (the newest value of each parameter with its words,
  what the map's popup lists).
Refreshed inside every import transaction for the incidents it touched (``refresh_changed``), and
for everything by ``fieldapp server rejudge`` after an update of the vocabulary.
"""
from __future__ import annotations

from fieldapp.maps.status import latest_values, point_statuses
from fieldapp.vocab import RANK, judge_row, standard_for_point
from fieldapp.vocab.verdict import COLOURS, STATUS_WORDS

MEASUREMENT_SQL = (
    "SELECT m.uuid, m.point_uuid, m.parameter, m.parameter_id, m.value, m.unit, m.qualifier, m.measured_at, "
    "p.media, p.role, p.standard AS point_standard FROM measurements m JOIN sampling_points p ON p.uuid = m.point_uuid "
    "WHERE m.incident_uuid = ? AND m.deleted = 0 AND p.deleted = 0 ORDER BY m.measured_at")


def changed_incidents(db, seq: int) -> list[str]:
    rows = db.execute(
        "SELECT uuid FROM incidents WHERE change_seq = ? UNION SELECT incident_uuid FROM sampling_points "
        "WHERE change_seq = ? UNION SELECT incident_uuid FROM measurements WHERE change_seq = ?",
        (seq, seq, seq)).fetchall()
    return sorted(r[0] for r in rows)


def refresh_changed(db, seq: int) -> None:
    for uuid in changed_incidents(db, seq):
        refresh_incident(db, uuid)


def refresh_incident(db, incident_uuid: str) -> int:
    """Judge every live measurement and point of one incident again; returns how many measurements."""
    db.execute("DELETE FROM server_verdicts WHERE incident_uuid = ?", (incident_uuid,))
    db.execute("DELETE FROM server_point_status WHERE incident_uuid = ?", (incident_uuid,))
    row = db.query("SELECT * FROM incidents WHERE uuid = ?", (incident_uuid,))
    if not row or row[0]["deleted"]:
        return 0
    incident = row[0]
    judged, cache = [], {}
    for m in db.query(MEASUREMENT_SQL, (incident_uuid,)):
        std = standard_for_point(incident, {"role": m["role"], "standard": m["point_standard"]})
        key = (m["parameter_id"], m["parameter"], m["value"], m["unit"], m["qualifier"], std, m["media"])
        v = cache.get(key)
        if v is None:
            v = cache[key] = judge_row(m, std, m["media"])
        judged.append((m["uuid"], incident_uuid, m["point_uuid"], std, v.status, RANK.get(v.status, 0), v.colour,
                       v.words("zh"), v.words("en"), v.limit_text("zh")))
    if judged:
        db.executemany("INSERT INTO server_verdicts(measurement_uuid, incident_uuid, point_uuid, standard, status, "
                       "rank, colour, words_zh, words_en, limit_text) VALUES (?,?,?,?,?,?,?,?,?,?)", judged)
    _points(db, incident)
    return len(judged)


def _points(db, incident: dict) -> None:
    statuses = point_statuses(db, incident)
    latest = {lang: latest_values(db, incident, lang) for lang in ("zh", "en")}
    counts = {r[0]: (r[1], r[2]) for r in db.execute(
        "SELECT point_uuid, COUNT(*), MAX(measured_at) FROM measurements WHERE incident_uuid = ? AND deleted = 0 "
        "GROUP BY point_uuid", (incident["uuid"],)).fetchall()}
    rows = []
    for (pu,) in db.execute("SELECT uuid FROM sampling_points WHERE incident_uuid = ? AND deleted = 0",
                            (incident["uuid"],)).fetchall():
        status = statuses.get(pu, "none")
        n, last = counts.get(pu, (0, None))
        texts = {lang: "; ".join(f"{label} {value} {words} ({at})" for label, value, words, at in latest[lang].get(pu, []))
                 for lang in ("zh", "en")}
        rows.append((pu, incident["uuid"], status, STATUS_WORDS[status][0], STATUS_WORDS[status][1], COLOURS[status],
                     texts["zh"], texts["en"], n, last))
    if rows:
        db.executemany("INSERT INTO server_point_status(point_uuid, incident_uuid, status, status_zh, status_en, "
                       "colour, latest_zh, latest_en, n_measurements, last_measured_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
                       rows)


def rejudge_all(db) -> int:
    n = 0
    with db.transaction():
        for (uuid,) in db.execute("SELECT uuid FROM incidents ORDER BY uuid").fetchall():
            n += refresh_incident(db, uuid)
    return n
