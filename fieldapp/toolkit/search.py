"""Toolkit search over the FTS5 index: Chinese, English, pinyin, CAS, formula, synonyms; typo-tolerant.

The index lives in the store (``toolkit_keys``, ``toolkit_fts``, ``toolkit_terms``); exact keys and
the full-text postings are read into memory when a search object is made (see ``postings.py`` for
why), and typo candidates come from the trigram table only when the words as typed match nothing.

Ranking, best first:
  tier 0  exact name / synonym / CAS / formula ("Tl", "铊", "7440-28-0")
  tier 1  exact pinyin of the Chinese name ("ta", "liujiage", "ljg")
  tier 2  full-text hit with every query term (bm25, names weigh most, body least)
  tier 3  same after correcting Latin typos against the index vocabulary ("thalium" -> "thallium")
  tier 4  full-text hit with at least one term (partial match)
User text is never SQL nor FTS5 syntax: it is cut into tokens, so quotes, "OR", "*",
"'; DROP TABLE x;--" are only words. Very long input is cut to MAX_QUERY_CHARS.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from fieldapp.core.errors import StoreError

from .data import Toolkit, load_toolkit
from .names import CJK_RANGES, fold
from .postings import Postings
from .search_index import ensure_index

MAX_QUERY_CHARS = 200
MAX_TERMS = 8
_TERM = re.compile(f"[{CJK_RANGES}]+|[0-9a-z]+")
# what search() takes as terms: CAS numbers whole, CJK runs, Latin/digit words of 2+ characters
_TERM_NO_LONE_LETTER = re.compile(rf"\b\d{{2,7}}-\d\d-\d\b|[{CJK_RANGES}]+|[0-9a-z]{{2,}}")


class Doc(NamedTuple):
    """What a result list shows of one document (a row of ``toolkit_docs``)."""

    doc_id: str  # pollutant id, or "scenario:<id>" / "technology:<id>" / "facility:<id>"
    kind: str  # pollutant | scenario | technology | facility
    title_zh: str
    title_en: str
    subtitle_zh: str
    subtitle_en: str


class SearchHit(NamedTuple):
    """One result: the document and how it matched. Results come best first; within a tier the order
    is FTS5's bm25 (names weigh most, body least)."""

    doc: Doc
    match: str  # exact | pinyin | text | fuzzy | partial (the tiers, best first)

    # The document's fields read through. A (document, match) pair is made once per index load, so a
    # search hands out ready objects instead of building some per keystroke.
    doc_id = property(lambda self: self.doc.doc_id)
    kind = property(lambda self: self.doc.kind)
    title_zh = property(lambda self: self.doc.title_zh)
    title_en = property(lambda self: self.doc.title_en)
    subtitle_zh = property(lambda self: self.doc.subtitle_zh)
    subtitle_en = property(lambda self: self.doc.subtitle_en)

    def title(self, lang: str = "zh") -> str:
        return self.doc.title_zh if lang == "zh" else self.doc.title_en


_NO_KEY: tuple[list, list] = ([], [])


def _terms(folded: str) -> list[str]:
    # Lone Latin letters ("x" in "'; DROP TABLE x") only add noise to a longer query: they count only
    # when the query is nothing else ("x" alone).
    terms = _TERM_NO_LONE_LETTER.findall(folded)
    if "-" in folded:  # a CAS number is one identifier: the index also holds it without dashes
        terms = [t.replace("-", "") for t in terms]
    if not terms:
        terms = _TERM.findall(folded)
        return terms if len(terms) == 1 else []
    return terms[:MAX_TERMS]


def fts5_match(terms: list[str]) -> str:
    """The FTS5 MATCH expression the terms stand for (all of them): what search() computes from the
    postings in memory. For checking it against SQLite's own ranking (tests, bench)."""
    return " AND ".join(
        '"' + " ".join(t) + '"' if t[0] > "z" else f'"{t}"*' if len(t) > 1 else f'"{t}"' for t in terms
    )


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
    """Search over a connection holding the toolkit index (built or refreshed on construction, then
    read into memory: a search touches the database only to look up typo candidates)."""

    def __init__(self, conn, toolkit: Toolkit | None = None):
        self.conn = conn
        self.toolkit = toolkit or load_toolkit()
        ensure_index(conn, self.toolkit)
        self.postings = Postings(conn)
        docs = {
            r[0]: Doc(*r)
            for r in conn.execute(
                "SELECT doc_id, kind, title_zh, title_en, subtitle_zh, subtitle_en FROM toolkit_docs"
            )
        }
        self._by_slot = [docs.get(d) for d in self.postings.doc_ids]  # postings number -> Doc
        if None in self._by_slot:  # both tables are written in one savepoint: only damage does this
            missing = self.postings.doc_ids[self._by_slot.index(None)]
            raise StoreError(f"toolkit search index is damaged: text of {missing!r} has no document row")
        # key -> (its hits (exact: tier 0, pinyin: tier 1), their postings numbers); full-text tiers:
        # match -> hit per document
        slot_of = {d: i for i, d in enumerate(self.postings.doc_ids)}
        self._keys: dict[str, tuple[list[SearchHit], list[int]]] = {}
        for key, doc_id, tier in conn.execute(
            "SELECT key, doc_id, tier FROM toolkit_keys ORDER BY key, tier, doc_id"
        ):
            hits, slots = self._keys.setdefault(key, ([], []))
            hits.append(SearchHit(docs[doc_id], "pinyin" if tier else "exact"))
            slots.append(slot_of[doc_id])
        self._tier_hits = {m: [SearchHit(d, m) for d in self._by_slot] for m in ("text", "fuzzy", "partial")}

    def search(self, query: str | None, limit: int = 20) -> list[SearchHit]:
        """Ranked hits for ``query``; empty/blank/punctuation-only input gives an empty list."""
        if type(query) is not str or not query:
            return []
        folded = fold(query[:MAX_QUERY_CHARS])  # NFKC also makes the micro sign μ, as normalize() does
        # Tiers come out in order, each already ranked, so hits are appended, never re-sorted.
        # tiers 0 and 1: the whole query is a name, synonym, CAS, formula or pinyin key
        keyed, keyed_slots = self._keys.get("".join(folded.split()), _NO_KEY)
        terms = _terms(folded)
        if not terms:
            return keyed[:limit]
        phrases = list(map(self._phrase, terms))
        ranked = self.postings.rank(phrases, True, limit)
        match = "text"
        if not ranked:  # typo correction only when the words as typed match nothing
            fixed = self._corrected(terms, phrases)
            if fixed:
                ranked = self.postings.rank_groups(fixed, limit)
                match = "fuzzy"
            if not ranked and not keyed and len(terms) > 1:
                ranked = self.postings.rank(phrases, False, limit)
                match = "partial"
            if not ranked:
                return keyed[:limit]
        if keyed:  # a document found by its name is listed once, in the name tier
            for slot in keyed_slots:
                if slot in ranked:
                    ranked.remove(slot)
            return (keyed + list(map(self._tier_hits[match].__getitem__, ranked)))[:limit]
        return list(map(self._tier_hits[match].__getitem__, ranked))

    def _phrase(self, term: str) -> dict[int, float]:
        """One term as FTS5 would read it: CJK as an exact phrase, Latin of 2+ characters as a prefix."""
        if term[0] > "z":  # a term is all CJK or all [0-9a-z] (see _TERM)
            return self.postings.phrase(term)
        return self.postings.prefix(term) if len(term) >= 2 else self.postings.token(term)

    def _corrected(self, terms: list[str], phrases: list) -> list | None:
        """The phrases with each unknown Latin term (>= 4 letters) replaced by its near spellings."""
        out, changed = [], False
        for term, phrase in zip(terms, phrases):
            if len(term) >= 4 and term.isascii() and not term.isdigit() and not phrase:
                near = self._near_terms(term)
                if not near:
                    return None
                phrase = tuple(map(self.postings.token, near))  # ("a" OR "b" OR "c")
                changed = True
            out.append(phrase)
        return out if changed else None

    def _near_terms(self, term: str) -> list[str]:
        grams = sorted({term[i : i + 3] for i in range(len(term) - 2)})
        cands = self.conn.execute(
            "SELECT term FROM toolkit_terms WHERE toolkit_terms MATCH ? ORDER BY rank LIMIT 40",
            (" OR ".join(f'"{g}"' for g in grams),),
        ).fetchall()
        allowed = 1 if len(term) < 7 else 2
        scored = sorted((edit_distance(term, c, allowed), c) for (c,) in cands)
        return [c for d, c in scored if d <= allowed][:3]


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
