"""Search: Chinese, English, pinyin, CAS, formula, typos, hostile input; in memory and in a real store."""

from __future__ import annotations

import pytest

from fieldapp.toolkit.search import MAX_QUERY_CHARS, ToolkitSearch, edit_distance, fts5_match


@pytest.mark.parametrize(
    "query", ["铊", "Tl", "thallium", "THALLIUM", "7440-28-0", "ta", "tl", "thalium", "Thalium", "Tl+"]
)
def test_thallium_found_first(searcher, query):
    hits = searcher.search(query)
    assert hits and hits[0].doc_id == "thallium", [h.doc_id for h in hits[:3]]


def test_match_kinds(searcher):
    assert searcher.search("铊")[0].match == "exact"
    assert searcher.search("ta")[0].match == "pinyin"
    assert searcher.search("thalium")[0].match == "fuzzy"


@pytest.mark.parametrize(
    "query,expected",
    [
        ("六价铬", "chromium_vi"),
        ("Cr(VI)", "chromium_vi"),
        ("chromium VI", "chromium_vi"),
        ("Cr6+", "chromium_vi"),
        ("ljg", "chromium_vi"),
        ("liujiage", "chromium_vi"),
        ("C6H5NO2", "nitrobenzene"),
        ("nitrobenzen", "nitrobenzene"),
        ("甲苯", "toluene"),
        ("methylbenzene", "toluene"),
        ("98-95-3", "nitrobenzene"),
        ("挥发酚", "phenol"),
        ("尾矿", "scenario:tailings_pond_leak"),
        ("cadmum", "cadmium"),
        ("amonia", "ammonia_nitrogen"),
        ("7440280", "thallium"),
    ],
)
def test_queries(searcher, query, expected):
    hits = searcher.search(query)
    assert hits and hits[0].doc_id == expected, (query, [h.doc_id for h in hits[:3]])


def test_single_character_finds_inside_longer_names(searcher):
    ids = [h.doc_id for h in searcher.search("铬")]
    assert "chromium_vi" in ids
    ids = [h.doc_id for h in searcher.search("苯")]
    assert ids[0] == "benzene" and {"toluene", "xylene", "nitrobenzene", "aniline"} <= set(ids)


def test_body_text_is_searchable(searcher):
    ids = [h.doc_id for h in searcher.search("breakpoint chlorination")]
    assert "ammonia_nitrogen" in ids[:2]
    ids = [h.doc_id for h in searcher.search("活性炭")]
    assert "nitrobenzene" in ids


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        None,
        "'; DROP TABLE x;--",
        '"',
        '"OR*',
        "NEAR(a b)",
        "a AND",
        "toolkit_fts MATCH '*'",
        "\x00",
        "x" * 5000,
        "铊" * 5000,
        "%_%",
        "\\",
    ],
)
def test_hostile_or_empty_input_returns_cleanly(searcher, query):
    hits = searcher.search(query)
    assert isinstance(hits, list)
    # the index is intact afterwards
    assert searcher.search("铊")[0].doc_id == "thallium"


def test_long_query_is_cut(searcher):
    hits = searcher.search("thallium " + "z" * 5000)
    assert hits and hits[0].doc_id == "thallium"
    assert MAX_QUERY_CHARS < 5000


def test_sql_like_text_cannot_drop_tables(searcher):
    searcher.search("'); DROP TABLE toolkit_docs; --")
    n = searcher.conn.execute("SELECT count(*) FROM toolkit_docs").fetchone()[0]
    assert n >= 25 + 5


def test_edit_distance():
    assert edit_distance("thalium", "thallium") == 1
    assert edit_distance("cadmuim", "cadmium") == 1  # transposition
    assert edit_distance("abc", "xyz", limit=2) == 3


def test_index_lives_in_a_real_store_and_is_reused(store_path, toolkit):
    from fieldapp.store import open_store
    from fieldapp.toolkit.search import open_search
    from fieldapp.toolkit.search_index import ensure_index

    with open_store(store_path, create=True) as st:
        s = open_search(st, toolkit)
        assert s.search("thallium")[0].doc_id == "thallium"
        assert ensure_index(st.conn, toolkit) is False  # same data: not rebuilt
        applied = {r[0] for r in st.conn.execute("SELECT number FROM _fieldapp_migrations")}
        assert 2 in applied
    with open_store(store_path) as st:
        rows = st.conn.execute("SELECT count(*) FROM toolkit_docs").fetchone()[0]
        assert rows == 25 + 5 + 3 + 3
        assert ToolkitSearch(st.conn, toolkit).search("镉")[0].doc_id == "cadmium"


def test_changed_data_rebuilds_index(docs):
    import sqlean

    from fieldapp.toolkit.data import load_from_documents
    from fieldapp.toolkit.search_index import ensure_index

    conn = sqlean.connect(":memory:", isolation_level=None)
    tk1 = load_from_documents(*docs, digest="one")
    assert ensure_index(conn, tk1) is True
    next(e for e in docs[0]["pollutants"] if e["id"] == "zinc")["synonyms"].append("zincum")
    tk2 = load_from_documents(*docs, digest="two")
    assert ensure_index(conn, tk2) is True
    assert ToolkitSearch(conn, tk2).search("zincum")[0].doc_id == "zinc"
    assert conn.execute("SELECT count(*) FROM toolkit_docs").fetchone()[0] == 36


def test_read_only_store_with_stale_index_still_searches(store_path, toolkit, docs):
    from fieldapp.store import open_store
    from fieldapp.toolkit.data import load_from_documents
    from fieldapp.toolkit.search import open_search

    with open_store(store_path, create=True) as st:
        open_search(st, toolkit)
    changed = load_from_documents(*docs, digest="changed-data")
    with open_store(store_path, read_only=True) as st:
        s = open_search(st, changed)
        assert s.conn is not st.conn and s.search("Tl")[0].doc_id == "thallium"
        s2 = open_search(st, toolkit)  # fresh index: used in place
        assert s2.conn is st.conn


try:
    from hypothesis import given, settings
    from hypothesis import strategies as st_

    @settings(max_examples=150, deadline=None)
    @given(st_.text(max_size=300))
    def test_any_text_returns_cleanly(searcher, text):
        assert isinstance(searcher.search(text), list)
except ImportError:  # pragma: no cover
    pass


# -- the in-memory postings against the FTS5 engine they were read from -----------------------------

_BM25_SQL = (
    "SELECT doc_id, bm25(toolkit_fts, 0, 0, 10.0, 8.0, 6.0, 6.0, 1.0) AS r FROM toolkit_fts "
    "WHERE toolkit_fts MATCH ? ORDER BY r"
)


@pytest.mark.parametrize(
    "terms",
    [
        ["cadmium"],
        ["ca"],
        ["t"],
        ["activated", "carbon"],
        ["苯"],
        ["六价铬"],
        ["硝基苯"],
        ["重金属超标排放"],  # longer than the CJK runs kept whole: checked by positions
        ["活性炭", "ph"],
        ["pac", "dose"],
        ["7440280"],
        ["镉", "lime"],
        ["dose", "ph"],
    ],
)
def test_postings_rank_and_score_as_fts5_bm25(searcher, terms):
    """Search no longer runs the MATCH statement per query, so the order and the bm25 scores computed
    from the postings must be the ones SQLite's FTS5 gives for the same query."""
    postings = searcher.postings
    phrases = [searcher._phrase(t) for t in terms]
    expected = searcher.conn.execute(_BM25_SQL, (fts5_match(terms),)).fetchall()
    assert expected, terms  # every case has hits, or it would prove nothing
    got = postings.rank(phrases, True, 1000)
    assert {postings.doc_ids[d] for d in got} == {d for d, _ in expected}
    impacts = [postings.impact(p) for p in phrases]
    score = {postings.doc_ids[d]: sum(i[d] for i in impacts) for d in got}
    for doc_id, bm25 in expected:
        assert score[doc_id] == pytest.approx(bm25, rel=1e-9, abs=1e-12), doc_id
    ranked_scores = [score[postings.doc_ids[d]] for d in got]
    assert ranked_scores == sorted(ranked_scores)


def test_postings_or_groups_score_as_fts5(searcher):
    """A corrected typo searches its near spellings as ("a" OR "b"): bm25 sums over all of them."""
    postings = searcher.postings
    group = tuple(postings.token(t) for t in ("acid", "axis"))
    expected = searcher.conn.execute(_BM25_SQL, ('("acid" OR "axis") AND "water"*',)).fetchall()
    got = postings.rank_groups([group, searcher._phrase("water")], 1000)
    assert [postings.doc_ids[d] for d in got][:5] == [d for d, _ in expected][:5]
    assert len(got) == len(expected)


def test_cas_number_is_one_identifier(searcher):
    # 108-95-2 is phenol; xylene's CAS 108-38-3 and a "95" elsewhere used to pull xylene in as well
    assert [h.doc_id for h in searcher.search("108-95-2")] == ["phenol"]
    assert [h.doc_id for h in searcher.search("cas 7440-28-0")][:1] == ["thallium"]
    # while a CAS number is still being typed, its parts are searched as prefixes
    assert searcher.search("7440-28")[0].doc_id == "thallium"


def test_hits_are_ready_objects_with_the_document_fields(searcher):
    hit = searcher.search("镉")[0]
    assert (hit.doc_id, hit.kind, hit.match) == ("cadmium", "pollutant", "exact")
    assert hit.title("zh") == hit.title_zh == "镉" and "Cadmium" in hit.title("en")
    assert hit.subtitle_zh and hit.subtitle_en
