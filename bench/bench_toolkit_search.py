"""Toolkit search latency: search() as the app calls it vs a plain LIKE scan of the same data.

Both run in the same process on the same in-memory database; the LIKE baseline scans a plain table
holding exactly the indexed text columns (the FTS5 table's content). Prints medians and the ratio.
Targets: search at least 10x faster than the LIKE scan, and under 5 ms median.

search() reads the store's FTS5 postings into memory once (fieldapp/toolkit/postings.py), so two
more lines are printed for honesty: the bare FTS5 MATCH statement through SQLite, and a LIKE-style
substring scan done in Python over the same text in memory (no SQL overhead at all). The first says
what the SQL engine alone would give; the second how much of the win is "no statement per query".

    .venv/bin/python bench/bench_toolkit_search.py [--quick] [--queries N] [--seed S]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

import sqlean

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from fieldapp.toolkit.data import load_toolkit
from fieldapp.toolkit.names import fold, spaced_cjk
from fieldapp.toolkit.search import ToolkitSearch, _terms, fts5_match
from fieldapp.toolkit.search_index import ensure_index

# the ranked statement the app ran per tier before the postings moved into memory
_BM25 = "bm25(toolkit_fts, 0, 0, 10.0, 8.0, 6.0, 6.0, 1.0)"
RAW_SQL = f"SELECT doc_id, {_BM25} AS r FROM toolkit_fts WHERE toolkit_fts MATCH ? ORDER BY r LIMIT 20"


def _typo(word: str, rng: random.Random) -> str:
    if len(word) < 5:
        return word
    i = rng.randrange(1, len(word) - 1)
    op = rng.choice(("drop", "swap", "double"))
    if op == "drop":
        return word[:i] + word[i + 1 :]
    if op == "swap":
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    return word[:i] + word[i] + word[i:]


def query_mix(n: int, seed: int) -> list[str]:
    """Mixed realistic queries: Chinese/English names, synonyms, CAS, pinyin, typos, body words, junk."""
    tk = load_toolkit()
    rng = random.Random(seed)
    pools: dict[str, list[str]] = {
        "zh": [],
        "en": [],
        "syn": [],
        "cas": [],
        "typo": [],
        "body": [],
        "junk": [],
    }
    for e in tk.pollutants:
        pools["zh"].append(e["name"]["zh"])
        pools["en"].append(e["name"]["en"].split(" /")[0])
        pools["syn"] += e["synonyms"]
        pools["cas"] += [c["number"] for c in e["identity"]["cas"]]
        pools["typo"].append(_typo(e["name"]["en"].split(" ")[0].lower(), rng))
    for sc in tk.scenarios:
        pools["zh"].append(sc["name"]["zh"])
        pools["en"].append(sc["name"]["en"])
    pools["body"] = [
        "活性炭",
        "coagulation",
        "breakpoint chlorination",
        "pH 8",
        "围油栏",
        "tailings",
        "PAM",
        "尾矿",
        "polyferric",
        "dilution",
        "cadmium precipitation",
        "松花江",
        "intake",
        "铁盐",
    ]
    pools["pinyin"] = ["ta", "ge", "ben", "liujiage", "ljg", "jiaben", "shiyoulei", "andan", "ti", "shen"]
    pools["junk"] = ["", "   ", "'; DROP TABLE x;--", '"OR*', "zzzz", "x" * 5000, "NEAR(a b)", "%_%"]
    kinds = list(pools)
    return [rng.choice(pools[rng.choice(kinds)]) for _ in range(n)]


def scale_corpus(conn, factor: int) -> None:
    """Copy every document ``factor - 1`` more times (ids "cadmium#2"...), for both FTS and LIKE, to show
    how the two scale; factor 1 is the shipped data as is."""
    if factor <= 1:
        return
    conn.execute("BEGIN")
    for k in range(2, factor + 1):
        conn.execute(
            "INSERT INTO toolkit_docs SELECT doc_id || '#' || ?, kind, position, title_zh, title_en, "
            "subtitle_zh, subtitle_en FROM toolkit_docs WHERE instr(doc_id, '#') = 0",
            (k,),
        )
        conn.execute(
            "INSERT INTO toolkit_fts SELECT doc_id || '#' || ?, kind, names, aliases, pinyin, codes, "
            "body FROM toolkit_fts WHERE instr(doc_id, '#') = 0",
            (k,),
        )
    conn.execute("COMMIT")


def like_baseline(conn):
    """Plain table with the same text, and a LIKE query over all columns, name columns ranked first."""
    conn.execute(
        "CREATE TABLE like_docs AS SELECT doc_id, names, aliases, pinyin, codes, body FROM toolkit_fts"
    )
    sql = (
        "SELECT doc_id FROM like_docs WHERE names LIKE ?1 OR aliases LIKE ?1 OR pinyin LIKE ?1 "
        "OR codes LIKE ?1 OR body LIKE ?1 "
        "ORDER BY (names LIKE ?1) DESC, (aliases LIKE ?1) DESC, (pinyin LIKE ?1) DESC LIMIT 20"
    )

    def run(q: str) -> list:
        pattern = "%" + " ".join(spaced_cjk(fold(q[:200])).split()) + "%"
        return conn.execute(sql, (pattern,)).fetchall()

    return run


def python_scan(conn):
    """The LIKE scan's work done in Python on rows held in memory: substring test per column, the same
    order (name columns first). Case-folding is done once at load, as LIKE's ASCII folding would."""
    rows = [
        (d, *(c.casefold() for c in cols))
        for d, *cols in conn.execute("SELECT doc_id, names, aliases, pinyin, codes, body FROM like_docs")
    ]

    def run(q: str) -> list:
        needle = " ".join(spaced_cjk(fold(q[:200])).split())
        hits = [
            ((needle not in n), (needle not in a), (needle not in p), d)
            for d, n, a, p, c, b in rows
            if needle in n or needle in a or needle in p or needle in c or needle in b
        ]
        hits.sort()
        return [h[-1] for h in hits[:20]]

    return run


def timed(fn, queries: list[str]) -> list[float]:
    out = []
    for q in queries:
        t0 = time.perf_counter()
        fn(q)
        out.append((time.perf_counter() - t0) * 1000.0)
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="200 queries instead of 1000")
    ap.add_argument("--queries", type=int, default=None)
    ap.add_argument("--seed", type=int, default=20240624)
    ap.add_argument(
        "--scale",
        type=int,
        default=1,
        help="replicate the corpus N times for both engines (default 1: shipped data only)",
    )
    args = ap.parse_args(argv)
    n = args.queries or (200 if args.quick else 1000)

    tk = load_toolkit()
    conn = sqlean.connect(":memory:", isolation_level=None)
    t0 = time.perf_counter()
    ensure_index(conn, tk)
    build_ms = (time.perf_counter() - t0) * 1000
    scale_corpus(conn, args.scale)
    t0 = time.perf_counter()
    searcher = ToolkitSearch(conn, tk)  # reads the (possibly replicated) FTS5 postings into memory
    load_ms = (time.perf_counter() - t0) * 1000
    tracemalloc.start()  # a second copy, traced (tracing slows it), for the memory the index holds
    held = ToolkitSearch(conn, tk)
    index_mb = tracemalloc.get_traced_memory()[0] / 1e6
    tracemalloc.stop()
    del held
    like = like_baseline(conn)
    scan = python_scan(conn)
    queries = query_mix(n, args.seed)

    def raw(q: str):
        terms = _terms(fold(q[:200]))
        if terms:
            conn.execute(RAW_SQL, (fts5_match(terms),)).fetchall()

    for q in queries[:50]:  # warm every path (statement cache, pages)
        searcher.search(q), like(q), raw(q), scan(q)

    # interleaved rounds, so a burst of machine noise hits every path alike
    times: dict[str, list[float]] = {"search": [], "like": [], "raw": [], "scan": []}
    fns = {"search": searcher.search, "like": like, "raw": raw, "scan": scan}
    chunk = 100
    for i in range(0, len(queries), chunk):
        for name, fn in fns.items():
            times[name] += timed(fn, queries[i : i + chunk])
    med = {k: statistics.median(v) for k, v in times.items()}
    p95 = sorted(times["search"])[int(0.95 * len(queries)) - 1]
    docs = conn.execute("SELECT count(*), sum(length(body)) FROM like_docs").fetchone()
    print(
        f"toolkit search bench: {n} mixed queries, {docs[0]} documents ({docs[1]} chars of body text)"
        + (f", corpus replicated x{args.scale}" if args.scale > 1 else "")
    )
    print(f"  index build (YAML -> pinyin -> FTS5 tables, in memory): {build_ms:.0f} ms")
    print(f"  postings read into memory (ToolkitSearch start-up): {load_ms:.0f} ms, {index_mb:.1f} MB held")
    print(f"  search()         median {med['search']:.4f} ms   p95 {p95:.3f} ms")
    print(f"  plain LIKE scan  median {med['like']:.4f} ms   (baseline)")
    print(
        f"  for reference: FTS5 MATCH statement alone {med['raw']:.4f} ms "
        f"(LIKE/MATCH {med['like'] / med['raw']:.1f}x); substring scan in Python {med['scan']:.4f} ms "
        f"(scan/search {med['scan'] / med['search']:.1f}x)"
    )
    fts_med = med["search"]
    ratio = med["like"] / fts_med if fts_med else float("inf")
    print(f"  ratio LIKE/search = {ratio:.1f}x   (target >= 10x, search median < 5 ms)")
    ok = ratio >= 10 and fts_med < 5
    print("  RESULT:", "meets target" if ok else "BELOW TARGET")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
