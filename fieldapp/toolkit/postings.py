"""The toolkit's FTS5 index, read into memory once, and the BM25 ranking FTS5 itself uses.

Why: search runs on every keystroke, and the corpus is small (a few dozen documents, ~2,000 distinct
tokens). Going through SQLite costs a statement per tier (~30-40 µs each, mostly statement overhead),
while the same postings held in dicts answer in a few µs. The store's FTS5 table stays the one source:
its postings are read through ``fts5vocab`` (instance level: token, row, column, offset), so the
tokens and positions are exactly the ones a ``MATCH`` would see, and the scores follow FTS5's
``bm25()`` (k1 = 1.2, b = 0.75, per-column weights, IDF floored at 1e-6), so the order is the one the
SQL query ``ORDER BY bm25(...)`` gave (ties: document order).

A phrase here is one query term: a single token, a Latin prefix ("thal" -> thallium, thalium...), or a
run of CJK characters that must be adjacent in one column ("六价铬").
"""

from __future__ import annotations

import math

from .names import CJK_RUN

K1 = 1.2
B = 0.75
# Column weights, as in the bm25() call the SQL path used: names, aliases, pinyin, codes, body.
WEIGHTS = {"names": 10.0, "aliases": 8.0, "pinyin": 6.0, "codes": 6.0, "body": 1.0}


class Matches(dict):
    """document -> weighted count of a phrase in it (the bm25 "f"). Those kept in the index also carry
    ``impact`` (each document's bm25 share, negative: lower is better) and ``ranked`` (the documents
    in that order), so a one-term query is a slice and a longer one a sum (impact-ordered postings,
    as full-text engines keep them)."""

    __slots__ = ("impact", "ranked")


class Postings:
    """Token -> document postings of ``toolkit_fts`` (documents are numbered in rowid order)."""

    def __init__(self, conn):
        rows = conn.execute("SELECT rowid, doc_id FROM toolkit_fts ORDER BY rowid").fetchall()
        self.doc_ids: list[str] = [d for _, d in rows]
        slot = {rowid: i for i, (rowid, _) in enumerate(rows)}
        col_no = {c: i for i, c in enumerate(WEIGHTS)}
        self._col_weight = list(WEIGHTS.values())
        self.freq: dict[str, Matches] = {}
        # CJK character -> doc -> {column << 24 | offset}: phrases ("六价铬") are CJK runs only
        where: dict[str, dict[int, set[int]]] = {}
        length = [0] * len(rows)
        # fts5vocab is created in the connection's temp schema: it reads the index, writes nothing,
        # so this also works on a store opened read-only.
        conn.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS temp.toolkit_fts_instances "
            "USING fts5vocab(main, 'toolkit_fts', 'instance')"
        )
        try:
            for term, rowid, col, offset in conn.execute(
                "SELECT term, doc, col, offset FROM temp.toolkit_fts_instances"
            ):
                d = slot[rowid]
                length[d] += 1
                per_doc = self.freq.get(term)
                if per_doc is None:
                    per_doc = self.freq[term] = Matches()
                per_doc[d] = per_doc.get(d, 0.0) + WEIGHTS[col]
                if CJK_RUN.fullmatch(term):
                    where.setdefault(term, {}).setdefault(d, set()).add(col_no[col] << _COL_SHIFT | offset)
        finally:
            conn.execute("DROP TABLE temp.toolkit_fts_instances")
        self.n = len(rows)
        avgdl = (sum(length) / self.n) if self.n else 1.0
        # the length part of bm25's denominator, per document
        self._norm = [K1 * (1 - B + B * dl / avgdl) for dl in length]
        self.prefixes = self._prefix_table()
        self.runs, self.pair_at = self._run_table(where)
        for m in (*self.freq.values(), *self.prefixes.values(), *self.runs.values()):
            if not hasattr(m, "ranked"):
                m.impact = self.impact(m)
                m.ranked = _best(m.impact, len(m))

    def _prefix_table(self) -> dict[str, Matches]:
        """Every prefix (2+ characters) of every token -> the matches of all tokens it starts, summed
        (FTS5 ``"pre"*``). A prefix of a single token shares that token's object: no copy."""
        starts: dict[str, list[str]] = {}
        for tok in self.freq:
            for k in range(2, len(tok) + 1):
                starts.setdefault(tok[:k], []).append(tok)
        table: dict[str, Matches] = {}
        for pre, toks in starts.items():
            if len(toks) == 1:
                table[pre] = self.freq[toks[0]]
                continue
            merged = Matches()
            for tok in toks:
                for d, w in self.freq[tok].items():
                    merged[d] = merged.get(d, 0.0) + w
            table[pre] = merged
        return table

    def _run_table(self, where) -> tuple[dict[str, Matches], dict[str, dict[int, set[int]]]]:
        """CJK runs of 2 to ``MAX_RUN`` characters standing together in a column -> their matches, and
        where each two-character run starts. Chinese names are mostly two to four characters: such a
        phrase is one lookup; a longer one checks its pairs' start positions."""
        at_pos: dict[int, dict[int, str]] = {}  # doc -> position -> character
        for ch, docs in where.items():
            for d, positions in docs.items():
                for pos in positions:
                    at_pos.setdefault(d, {})[pos] = ch
        weight = self._col_weight
        runs: dict[str, Matches] = {}
        pair_at: dict[str, dict[int, set[int]]] = {}
        for d, chars in at_pos.items():
            for pos, run in chars.items():
                w = weight[pos >> _COL_SHIFT]
                for k in range(1, MAX_RUN):
                    nxt = chars.get(pos + k)
                    if nxt is None:
                        break
                    run += nxt
                    m = runs.get(run)
                    if m is None:
                        m = runs[run] = Matches()
                    m[d] = m.get(d, 0.0) + w
                    if k == 1:
                        pair_at.setdefault(run, {}).setdefault(d, set()).add(pos)
        return runs, pair_at

    # -- phrases -------------------------------------------------------------------------------

    def token(self, tok: str) -> dict[int, float]:
        return self.freq.get(tok, NO_MATCH)

    def prefix(self, pre: str) -> dict[int, float]:
        """Every token starting with ``pre`` (2+ characters), counted together (FTS5 ``"pre"*``)."""
        return self.prefixes.get(pre, NO_MATCH)

    def phrase(self, chars: str) -> dict[int, float]:
        """Documents where the CJK characters ``chars`` stand one after the other in one column."""
        if len(chars) == 1:
            return self.token(chars)
        if len(chars) <= MAX_RUN:
            return self.runs.get(chars, NO_MATCH)
        ats = [self.pair_at.get(chars[k : k + 2]) for k in range(len(chars) - 1)]
        if not all(ats):
            return NO_MATCH
        first, rest = ats[0], list(enumerate(ats[1:], 1))
        out: dict[int, float] = {}
        weight = self._col_weight
        for d, starts in first.items():
            for k, at in rest:
                here = at.get(d)
                if not here:
                    break
                starts = {p for p in starts if p + k in here}  # offsets never cross a column
                if not starts:
                    break
            else:
                out[d] = sum(weight[p >> _COL_SHIFT] for p in starts)
        return out

    # -- ranking -------------------------------------------------------------------------------

    def _idf(self, hits: int) -> float:
        idf = math.log((0.5 + self.n - hits) / (0.5 + hits))
        return idf if idf > 0 else 1e-6

    def impact(self, phrase: dict[int, float]) -> dict[int, float]:
        """document -> this phrase's share of the bm25 score there (negative: lower is better). bm25
        is a sum over phrases, so a query's score is the sum of its phrases' shares."""
        imp = getattr(phrase, "impact", None)
        if imp is None:
            idf, norm = self._idf(len(phrase)), self._norm
            imp = {d: -(idf * (f * (K1 + 1)) / (f + norm[d])) for d, f in phrase.items()}
        return imp

    def rank(self, phrases: list[dict[int, float]], every: bool, limit: int) -> list[int]:
        """Documents best first by bm25 (as FTS5 orders them; ties in document order); ``every``: all
        phrases must match (AND), else any (OR). Always a new list: callers may edit it."""
        if len(phrases) == 1:
            ranked = getattr(phrases[0], "ranked", None)
            if ranked is not None:
                return ranked[:limit]
        elif not phrases:
            return []
        first, *rest = map(self.impact, phrases)
        if every:
            docs = first.keys()
            for imp in rest:
                docs = docs & imp.keys()
            totals = {d: first[d] for d in docs}
            for imp in rest:
                for d in docs:
                    totals[d] += imp[d]
        else:
            totals = dict(first)
            for imp in rest:
                for d, v in imp.items():
                    totals[d] = totals.get(d, 0.0) + v
        return _best(totals, limit)

    def rank_groups(self, groups: list, limit: int) -> list[int]:
        """Like ``rank(..., every=True)`` where an item may be a tuple of alternatives (FTS5
        ``"a" AND ("b" OR "c")``): a document needs one alternative of each item, and bm25 sums over
        every phrase, the alternatives included, as FTS5 does."""
        alts = [g if isinstance(g, tuple) else (g,) for g in groups]
        docs = None
        for alt in alts:
            have = set().union(*alt)
            docs = have if docs is None else docs & have
        if not docs:
            return []
        totals = dict.fromkeys(docs, 0.0)
        for imp in map(self.impact, (p for alt in alts for p in alt)):
            for d in docs:
                totals[d] += imp.get(d, 0.0)
        return _best(totals, limit)


MAX_RUN = 4  # longest CJK run kept whole in the index
_COL_SHIFT = 24  # a column holds far fewer than 16M tokens
NO_MATCH = Matches()
NO_MATCH.impact, NO_MATCH.ranked = {}, []


def _best(scores: dict[int, float], limit: int) -> list[int]:
    """Documents by score, lowest (best) first; ties in document order, as FTS5 returns them."""
    return [d for d, _ in sorted(scores.items(), key=_score_then_doc)[:limit]]


def _score_then_doc(item: tuple[int, float]) -> tuple[float, int]:
    return item[1], item[0]
