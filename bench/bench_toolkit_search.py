"""Toolkit search latency: FTS5 search (as the app calls it) vs a plain LIKE scan of the same data.

Both run in the same process on the same in-memory database; the LIKE baseline scans a plain table
holding exactly the indexed text columns. Prints medians and the ratio. Targets: FTS search at least
10x faster than the LIKE scan, and under 5 ms median.

    .venv/bin/python bench/bench_toolkit_search.py [--quick] [--queries N] [--seed S]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from fieldapp.toolkit.data import load_toolkit  # noqa: E402
from fieldapp.toolkit.names import fold, spaced_cjk  # noqa: E402
from fieldapp.toolkit.search import _BM25, _fts_term, _terms, open_search  # noqa: E402


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

    t0 = time.perf_counter()
    searcher = open_search()
    build_ms = (time.perf_counter() - t0) * 1000
    scale_corpus(searcher.conn, args.scale)
    like = like_baseline(searcher.conn)
    queries = query_mix(n, args.seed)
    for q in queries[:50]:  # warm both paths (statement cache, pages)
        searcher.search(q)
        like(q)

    fts = timed(searcher.search, queries)
    base = timed(like, queries)
    # Engine-level view: just the ranked FTS5 statement, with the query terms built as search() builds them.
    raw_sql = f"SELECT doc_id, {_BM25} AS r FROM toolkit_fts WHERE toolkit_fts MATCH ? ORDER BY r LIMIT 20"

    def raw(q: str):
        terms = _terms(q[:200])
        if terms:
            searcher.conn.execute(raw_sql, (" AND ".join(map(_fts_term, terms)),)).fetchall()

    raw_ms = statistics.median(timed(raw, queries))
    fts_med, base_med = statistics.median(fts), statistics.median(base)
    p95 = sorted(fts)[int(0.95 * len(fts)) - 1]
    docs = searcher.conn.execute("SELECT count(*), sum(length(body)) FROM like_docs").fetchone()
    print(
        f"toolkit search bench: {n} mixed queries, {docs[0]} documents ({docs[1]} chars of body text)"
        + (f", corpus replicated x{args.scale}" if args.scale > 1 else "")
    )
    print(f"  index build (load YAML + pinyin + FTS5, in memory): {build_ms:.0f} ms")
    print(f"  FTS5 search()    median {fts_med:.3f} ms   p95 {p95:.3f} ms")
    print(f"  plain LIKE scan  median {base_med:.3f} ms")
    print(f"  FTS5 MATCH statement alone median {raw_ms:.3f} ms (LIKE/MATCH = {base_med / raw_ms:.1f}x)")
    ratio = base_med / fts_med if fts_med else float("inf")
    print(f"  ratio LIKE/FTS = {ratio:.1f}x   (target >= 10x, FTS median < 5 ms)")
    ok = ratio >= 10 and fts_med < 5
    print("  RESULT:", "meets target" if ok else "BELOW TARGET")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
