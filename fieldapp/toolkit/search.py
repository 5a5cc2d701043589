"""Toolkit search over the FTS5 index: Chinese, English, pinyin, CAS, formula, synonyms; typo-tolerant.

Ranking, best first:
  tier 0  exact name / synonym / CAS / formula ("Tl", "铊", "7440-28-0")
  tier 1  exact pinyin of the Chinese name ("ta", "liujiage", "ljg")
  tier 2  full-text hit with every query term (bm25, names weigh most, body least)
  tier 3  same after correcting Latin typos against the index vocabulary ("thalium" -> "thallium")
  tier 4  full-text hit with at least one term (partial match)
User text never reaches FTS5 syntax: the query is rebuilt from quoted tokens, so quotes, "OR", "*",
"'; DROP TABLE x;--" are only words. Very long input is cut to MAX_QUERY_CHARS.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .data import Toolkit, load_toolkit
from .names import CJK_RUN, fold, normalize
from .search_index import ensure_index

MAX_QUERY_CHARS = 200
MAX_TERMS = 8
# bm25 weights for (doc_id, kind, names, aliases, pinyin, codes, body)
_BM25 = "bm25(toolkit_fts, 0, 0, 10.0, 8.0, 6.0, 6.0, 1.0)"
_TERM = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[0-9a-z]+")


@dataclass(frozen=True)
class SearchHit:
    doc_id: str  # pollutant id, or "scenario:<id>" / "technology:<id>" / "facility:<id>"
    kind: str  # pollutant | scenario | technology | facility
    title_zh: str
    title_en: str
    subtitle_zh: str
    subtitle_en: str
    match: str  # exact | pinyin | text | fuzzy | partial
    score: float  # lower is better (tier * 1000 + bm25)

    def title(self, lang: str = "zh") -> str:
        return self.title_zh if lang == "zh" else self.title_en


def _terms(query: str) -> list[str]:
    terms = _TERM.findall(fold(query))
    if len(terms) > 1:  # lone Latin letters ("x" in "'; DROP TABLE x") only add noise to a longer query
        terms = [t for t in terms if len(t) > 1 or not t.isascii()]
    return terms[:MAX_TERMS]


def _fts_term(term: str) -> str:
    """One term as safe FTS5 syntax: a quoted phrase (CJK one token per character), Latin as prefix."""
    if CJK_RUN.fullmatch(term):
        return '"' + " ".join(term) + '"'
    return f'"{term}"*' if len(term) >= 2 else f'"{term}"'


def edit_distance(a: str, b: str, limit: int = 3) -> int:
    """Optimal-string-alignment distance (insert/delete/substitute/transpose), capped at ``limit`` + 1."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[-1]


class ToolkitSearch:
    """Search over a connection holding the toolkit index (built or refreshed on construction)."""

    def __init__(self, conn, toolkit: Toolkit | None = None):
        self.conn = conn
        self.toolkit = toolkit or load_toolkit()
        ensure_index(conn, self.toolkit)
        self._docs: dict | None = None

    def search(self, query: str | None, limit: int = 20) -> list[SearchHit]:
        """Ranked hits for ``query``; empty/blank/punctuation-only input gives an empty list."""
        if not query or not isinstance(query, str):
            return []
        query = query[:MAX_QUERY_CHARS]
        found: dict[str, tuple[float, str]] = {}

        def add(rows, tier: int, match: str) -> None:
            for doc_id, score in rows:
                if doc_id not in found:
                    found[doc_id] = (tier * 1000 + score, match)

        key = normalize(query)
        if key:
            rows = self.conn.execute("SELECT doc_id, tier FROM toolkit_keys WHERE key = ?", (key,)).fetchall()
            add([(d, 0.0) for d, t in rows if t == 0], 0, "exact")
            add([(d, 0.0) for d, t in rows if t == 1], 1, "pinyin")
        terms = _terms(query)
        if terms:
            text_hits = self._fts(" AND ".join(map(_fts_term, terms)), limit)
            add(text_hits, 2, "text")
            if not text_hits:  # typo correction only when the words as typed match nothing
                fixed = self._corrected(terms)
                if fixed:
                    add(self._fts(fixed, limit), 3, "fuzzy")
            if not found and len(terms) > 1:
                add(self._fts(" OR ".join(map(_fts_term, terms)), limit), 4, "partial")
        return self._hits(found, limit)

    def _fts(self, match: str, limit: int) -> list[tuple[str, float]]:
        return self.conn.execute(
            f"SELECT doc_id, {_BM25} AS r FROM toolkit_fts WHERE toolkit_fts MATCH ? ORDER BY r LIMIT ?",
            (match, limit),
        ).fetchall()

    def _corrected(self, terms: list[str]) -> str | None:
        """FTS query with each unknown Latin term (>= 4 letters) replaced by its near spellings."""
        parts, changed = [], False
        for term in terms:
            part = _fts_term(term)
            if len(term) >= 4 and term.isascii() and not term.isdigit() and not self._fts(part, 1):
                near = self._near_terms(term)
                if not near:
                    return None
                part = "(" + " OR ".join(f'"{t}"' for t in near) + ")"
                changed = True
            parts.append(part)
        return " AND ".join(parts) if changed else None

    def _near_terms(self, term: str) -> list[str]:
        grams = sorted({term[i : i + 3] for i in range(len(term) - 2)})
        cands = self.conn.execute(
            "SELECT term FROM toolkit_terms WHERE toolkit_terms MATCH ? ORDER BY rank LIMIT 40",
            (" OR ".join(f'"{g}"' for g in grams),),
        ).fetchall()
        allowed = 1 if len(term) < 7 else 2
        scored = sorted((edit_distance(term, c, allowed), c) for (c,) in cands)
        return [c for d, c in scored if d <= allowed][:3]

    def _hits(self, found: dict, limit: int) -> list[SearchHit]:
        if not found:
            return []
        ranked = sorted(found.items(), key=lambda kv: kv[1][0])[:limit]
        rows = self._doc_rows()
        return [SearchHit(*rows[d], match=m, score=s) for d, (s, m) in ranked if d in rows]

    def _doc_rows(self) -> dict:
        """Titles of all documents, read once: a few dozen rows, saves a query per search."""
        if self._docs is None:
            self._docs = {
                r[0]: r
                for r in self.conn.execute(
                    "SELECT doc_id, kind, title_zh, title_en, subtitle_zh, subtitle_en FROM toolkit_docs"
                )
            }
        return self._docs


def open_search(target=None, toolkit: Toolkit | None = None) -> ToolkitSearch:
    """Search on a Store (index kept in the store file), a DB-API connection, or (None) a private
    in-memory database, as the CLI uses."""
    import sqlean

    if hasattr(target, "transaction") and hasattr(target, "conn"):  # a fieldapp Store
        toolkit = toolkit or load_toolkit()
        if getattr(target, "read_only", False):
            from .search_index import INDEX_VERSION, index_digest

            if index_digest(target.conn) == f"{INDEX_VERSION}:{toolkit.digest}":
                return ToolkitSearch(target.conn, toolkit)
            target = None  # stale index in a read-only store: search a private copy instead
        else:
            with target.transaction():
                return ToolkitSearch(target.conn, toolkit)
    if target is None:
        target = sqlean.connect(":memory:", isolation_level=None, check_same_thread=False)
    return ToolkitSearch(target, toolkit)
