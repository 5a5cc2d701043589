"""Every report type, for the demo and for the hand-made benzene incident, in both languages, read
back with poppler: every font embedded, every page inked, report number and "page x of y" on every
page, the standard named, pH rows that agree with their min/max, and a trend that names every
exceeding series and every intake."""
from __future__ import annotations

import re

import pytest

from fieldapp.reports import REPORT_TYPES
from fieldapp.reports.builder import build_report
from fieldapp.reports.gather import gather
from fieldapp.reports.texts import LABELS, SECTIONS, TITLES, t
from fieldapp.vocab import parameter_label
from fieldapp.vocab.roles import is_drinking_source

from pdf_tools import fonts_not_embedded, inked_fraction, pages_of, section, squeeze, text_of

TREND_END = {"initial": ["measures"], "followup": ["progress"], "final": ["sensitive"]}
PH_ROW = re.compile(r"([A-Z]+-\d\d)\b.*?\s(\d+)\s+(\d+(?:\.\d+)?)\s+(\d+(?:\.\d+)?)\s+(\d+(?:\.\d+)?)\s+(\d+)\s+"
                    r"6[–—-]9\s+(\S+)")


@pytest.fixture(scope="module", params=["demo", "benzene"])
def case(request):
    return request.getfixturevalue(request.param)


def _build(case, kind, lang, tmp_path):
    st, inc = case
    data = gather(st, inc)
    rep = build_report(data, kind, lang, f"{inc['code']}-T-{kind}")
    path = tmp_path / f"{kind}-{lang}.pdf"
    path.write_bytes(rep.pdf)
    return data, rep, path


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("kind", REPORT_TYPES)
def test_report_pages_fonts_numbers(case, kind, lang, tmp_path):
    data, rep, path = _build(case, kind, lang, tmp_path)
    assert fonts_not_embedded(path) == []
    pages = pages_of(path)
    assert len(pages) == rep.pages and (rep.pages == 1 if kind == "quick" else rep.pages > 1)
    for i, page in enumerate(pages, 1):
        flat = squeeze(page)
        assert squeeze(rep.report_no) in flat, f"page {i} lacks the report number"
        assert squeeze(t(LABELS, "page", lang).format(x=i, y=rep.pages)) in flat
        assert squeeze(t(LABELS, "draft", lang)) in flat           # a draft says so on every page
    for i in (1, rep.pages):
        assert inked_fraction(path, i, tmp_path) > 0.003
    text = text_of(path)
    assert squeeze(t(TITLES, kind, lang)) in squeeze(text)
    if any(s["n_exceeded"] for s in data.summary) or kind != "quick":
        assert "GB3838-2002" in squeeze(text)                        # the standard is named
    if lang == "en":
        assert not re.search(r"[，。：；（）、]", _english_words(text)), "Chinese punctuation in English text"


def _english_words(text: str) -> str:
    """English text minus the stored data (names typed in Chinese keep their own punctuation)."""
    return re.sub(r"[^\x00-\x7f]*[\u3400-\u9fff][^\x00-\x7f]*", " ", text)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("kind", ["initial", "followup", "final"])
def test_trend_names_every_exceeding_series_and_every_intake(case, kind, lang, tmp_path):
    data, rep, path = _build(case, kind, lang, tmp_path)
    trend = section(text_of(path), t(SECTIONS, "trend", lang), [t(SECTIONS, k, lang) for k in TREND_END[kind]])
    exceeding = [s for s in data.summary if s["n_exceeded"]]
    assert exceeding
    for s in exceeding:
        assert squeeze(s["point_code"]) in trend
        assert squeeze(parameter_label(s["parameter_id"], s["parameter_text"], lang)) in trend
    intakes = [p["name"] for p in data.points if is_drinking_source(p["role"])]
    intakes += [x["name"] for x in data.sites if x["kind"] == "intake"]
    assert intakes
    for name in intakes:
        assert squeeze(name) in trend, name
    # nothing dropped: every series' point code is named somewhere in the trend
    for s in data.summary:
        assert squeeze(s["point_code"]) in trend


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_ph_rows_agree_with_their_min_and_max(case, lang, tmp_path):
    data, rep, path = _build(case, "initial", lang, tmp_path)
    rows = {m.group(1): m.groups()[1:] for m in PH_ROW.finditer(text_of(path, layout=True))}
    ph = [s for s in data.summary if s["parameter_id"] == "ph"]
    assert ph and set(rows) >= {s["point_code"] for s in ph}
    over_word, within_word = ("超标", "达标") if lang == "zh" else ("below", "within")
    seen_excursion = False
    for s in ph:
        n, low, high, latest, n_exc, verdict = rows[s["point_code"]]
        low, high = float(low), float(high)
        assert int(n) == s["n"] and int(n_exc) == s["n_exceeded"]
        outside = low < 6 or high > 9
        seen_excursion |= outside
        assert (int(n_exc) > 0) == outside
        if outside:
            assert verdict.startswith(over_word) or verdict.startswith("above"), (s["point_code"], verdict)
        else:
            assert verdict.startswith(within_word), (s["point_code"], verdict)
    assert seen_excursion


def test_air_values_are_not_comparable_never_within(benzene, tmp_path):
    data, rep, path = _build(benzene, "initial", "zh", tmp_path)
    air = [s for s in data.summary if s["medium"] == "air"]
    assert air and all(s["verdict"].status == "not_comparable" for s in air)
    text = squeeze(text_of(path))
    assert "环境空气" in text and "不可比" in text and "AQ-01" in text
    assert "不在工具包中" in text            # the unknown parameter is shown as typed, marked


def test_missing_glyphs_are_visible_and_listed(store, incident, tmp_path):
    from fieldapp.store.facts import save_facts

    odd = "\U00020000\U0001FAE0"  # CJK Ext-B and a Unicode 14 emoji: in none of the report faces
    p = store.add_point(incident["uuid"], 24.6, 108.3, code="P-01", name=f"测点{odd}", role="downstream")
    prepared = [store.prepare_measurement(p, "Cd", f"{0.001 * (i % 17)}", "mg/L",
                                          measured_at=f"2026-11-0{1 + i % 5} 10:{i % 60:02d}")
                for i in range(3000)]
    store.add_measurements(prepared)
    save_facts(store, incident["uuid"], cause="尾矿渗漏。" * 6000 + "\n" + "x" * 3000)
    rep = build_report(gather(store, incident), "final")
    path = tmp_path / "big.pdf"
    path.write_bytes(rep.pdf)
    assert set(rep.replaced_chars) == set(odd)
    text = text_of(path)
    assert "U+20000" in text and "U+1FAE0" in text and "测点□□" in squeeze(text)
    assert rep.pages > 50 and fonts_not_embedded(path) == []


def test_issued_reports_mark_their_gaps_on_every_page_and_the_followup_cites_the_initial(case):
    """Runs last for each incident (it issues): quick, initial, follow-up and final, each issued after
    the second confirmation; any 待补充 on an issued PDF comes with 含待补充项 on every page."""
    from fieldapp.reports.archive import produce

    st, inc = case
    numbers = {}
    for kind in REPORT_TYPES:
        made = produce(st, inc, kind, issue=True, confirm_gaps=True)
        numbers[kind] = made.row["report_no"]
        pages = pages_of(made.path)
        assert len(pages) == made.report.pages
        has_gaps = "待补充" in squeeze(text_of(made.path)).replace(squeeze(t(LABELS, "with_gaps", "zh")), "")
        for page in pages:
            flat = squeeze(page)
            assert (squeeze(t(LABELS, "with_gaps", "zh")) in flat) == has_gaps == bool(made.report.gaps)
            assert squeeze(t(LABELS, "draft", "zh")) not in flat
        if kind == "followup":
            assert squeeze(f"本报告为{numbers['initial']}") in squeeze(text_of(made.path))
        if kind == "final":
            assert made.row["previous_no"] == numbers["followup"]
