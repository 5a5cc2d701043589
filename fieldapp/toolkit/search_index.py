"""Building the toolkit search index (FTS5) from the validated Toolkit.

Runs at start-up: if the index in the database was built from the same data files (same digest) it is
kept, otherwise it is rebuilt inside one savepoint, so a failure leaves the previous index intact.
"""

from __future__ import annotations

import re
from typing import Iterator

from . import schema

from .data import Toolkit, aliases_of
from .names import LATIN_TOKEN, fold, name_variants, normalize, pinyin_keys, spaced_cjk

INDEX_VERSION = "1"  # bump when the document layout below changes, to force a rebuild


def _text(*parts) -> str:
    """Fold (NFKC + casefold) and split CJK, so index and query see the same tokens."""
    return spaced_cjk(fold(" ".join(p for p in parts if p)))


def _bi(obj: dict) -> str:
    return f"{obj['zh']} {obj['en']}"


def _pollutant_body(e: dict) -> str:
    parts = [e["identity"]["formula"], *(c["of"] for c in e["identity"]["cas"])]
    for block in (e["methods"]["field"], e["methods"]["lab"]):
        parts.append(_bi(block))
    for block in (e["disposal"]["in_river"], e["disposal"]["waterworks"]):
        parts.append(_bi(block))
        parts += [_bi(p) for p in block["params"]]
    hz = e["hazards"]
    parts += [hz["zh"], hz["en"], hz["ppe_zh"], hz["ppe_en"]]
    parts += [_bi(i) for i in e["incidents"]]
    return " ".join(parts)


def _pinyin_of_names(names: list[str]) -> list[str]:
    out: list[str] = []
    for n in names:
        out += pinyin_keys(n)
    return out


def documents(tk: Toolkit) -> Iterator[dict]:
    """One dict per searchable document: doc row + FTS columns + exact keys (tier 0 alias, 1 pinyin)."""
    pos = 0
    for e in tk.pollutants:
        pos += 1
        cat = tk.meta["categories"][e["category"]]
        cas = [c["number"] for c in e["identity"]["cas"]]
        zh_names = [e["name"]["zh"], *[s for s in e["synonyms"] if re.search(r"[\u4e00-\u9fff]", s)]]
        name_pinyin = _pinyin_of_names(name_variants(e["name"]["zh"]))
        yield dict(
            doc_id=e["id"],
            kind="pollutant",
            position=pos,
            title_zh=e["name"]["zh"],
            title_en=e["name"]["en"],
            subtitle_zh=f"{cat['zh']} · CAS {cas[0]}",
            subtitle_en=f"{cat['en']} · CAS {cas[0]}",
            names=_text(e["name"]["zh"], e["name"]["en"]),
            aliases=_text(e["id"].replace("_", " "), *e["synonyms"]),
            pinyin=" ".join(_pinyin_of_names(zh_names)),
            codes=_text(*cas, *(c.replace("-", "") for c in cas), e["identity"]["formula"]),
            body=_text(cat["zh"], cat["en"], _pollutant_body(e)),
            keys=[(normalize(a), 0) for a in aliases_of(e)]
            + [(normalize(p), 1) for p in name_pinyin if len(normalize(p)) >= 2],
        )
    for kind, items in (
        ("scenario", tk.scenarios),
        ("technology", tk.tech_categories),
        ("facility", tk.facility_types),
    ):
        for item in items:
            pos += 1
            if kind == "scenario":
                body = " ".join(
                    [_bi(item["reference_incidents"]), *(_bi(s) for s in item["steps"])]
                    + [_bi(tk.pollutant(p)["name"]) for p in item["pollutants"]]
                )
            else:
                body = _bi(item.get("summary") or item.get("examples"))
            yield dict(
                doc_id=f"{kind}:{item['id']}",
                kind=kind,
                position=pos,
                title_zh=item["name"]["zh"],
                title_en=item["name"]["en"],
                subtitle_zh={"scenario": "情景要点", "technology": "通用技术", "facility": "工程设施"}[kind],
                subtitle_en={
                    "scenario": "Scenario guide",
                    "technology": "Technology category",
                    "facility": "Engineering facility",
                }[kind],
                names=_text(_bi(item["name"])),
                aliases=_text(item["id"].replace("_", " ")),
                pinyin=" ".join(_pinyin_of_names([item["name"]["zh"]])),
                codes="",
                body=_text(body),
                keys=[
                    (normalize(item["name"]["zh"]), 0),
                    (normalize(item["name"]["en"]), 0),
                    (normalize(item["id"]), 0),
                ],
            )


def _tables_exist(conn) -> bool:
    row = conn.execute(
        "SELECT count(*) FROM sqlite_master WHERE name IN "
        "('toolkit_docs','toolkit_keys','toolkit_fts','toolkit_terms','toolkit_index_info')"
    ).fetchone()
    return row[0] == 5


def index_digest(conn) -> str | None:
    if not _tables_exist(conn):
        return None
    row = conn.execute("SELECT value FROM toolkit_index_info WHERE key = 'digest'").fetchone()
    return row[0] if row else None


def ensure_index(conn, tk: Toolkit) -> bool:
    """Make sure ``conn`` holds the index of ``tk``; returns True if it (re)built it."""
    wanted = f"{INDEX_VERSION}:{tk.digest}"
    if index_digest(conn) == wanted:
        return False
    conn.execute("SAVEPOINT toolkit_index")
    try:
        if not _tables_exist(conn):
            schema.create(conn)  # in-memory databases (CLI, tests) that never ran the store migrations
        for table in ("toolkit_keys", "toolkit_docs", "toolkit_fts", "toolkit_terms", "toolkit_index_info"):
            conn.execute(f"DELETE FROM {table}")
        terms: set[str] = set()
        for d in documents(tk):
            conn.execute(
                "INSERT INTO toolkit_docs VALUES (?,?,?,?,?,?,?)",
                (
                    d["doc_id"],
                    d["kind"],
                    d["position"],
                    d["title_zh"],
                    d["title_en"],
                    d["subtitle_zh"],
                    d["subtitle_en"],
                ),
            )
            conn.execute(
                "INSERT INTO toolkit_fts VALUES (?,?,?,?,?,?,?)",
                (d["doc_id"], d["kind"], d["names"], d["aliases"], d["pinyin"], d["codes"], d["body"]),
            )
            conn.executemany(
                "INSERT OR IGNORE INTO toolkit_keys VALUES (?,?,?)",
                [(k, d["doc_id"], tier) for k, tier in d["keys"] if k],
            )
            for col in ("names", "aliases", "pinyin", "codes", "body"):
                terms.update(t for t in LATIN_TOKEN.findall(d[col]) if len(t) >= 3 and not t.isdigit())
        conn.executemany("INSERT INTO toolkit_terms(term) VALUES (?)", [(t,) for t in sorted(terms)])
        conn.execute("INSERT INTO toolkit_index_info VALUES ('digest', ?)", (wanted,))
        conn.execute("RELEASE toolkit_index")
    except BaseException:
        conn.execute("ROLLBACK TO toolkit_index")
        conn.execute("RELEASE toolkit_index")
        raise
    return True
