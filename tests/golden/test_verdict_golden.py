"""One answer everywhere: every golden case (verdict_cases.yaml) judged the same by the measurement
table, the map's point status and popup, the report's monitoring rows, grading and the CLI.

Each case is its own incident with one point and one measurement in one real store, so the map's
worst status and the incident's reporting track belong to that case alone.
"""
from __future__ import annotations

import io
import json
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest
import yaml

CASES = yaml.safe_load((Path(__file__).parent / "verdict_cases.yaml").read_text(encoding="utf-8"))["cases"]
FIELDS = ("id", "parameter", "medium", "role", "value", "unit", "qualifier", "status", "words", "standard",
          "track")


def _cases():
    return [dict(zip(FIELDS, c)) for c in CASES]


@pytest.fixture(scope="module")
def golden(tmp_path_factory):
    from fieldapp.store import open_store

    st = open_store(tmp_path_factory.mktemp("golden") / "golden.sqlite", create=True)
    st.set_identity("某县生态环境监测站", "应急一队", "laptop-01")
    made = []
    for c in _cases():
        inc = st.create_incident(f"golden {c['id']}", "2026-11-01 08:00", code=c["id"])
        pt = st.add_point(inc["uuid"], 24.6, 108.4, code="P-01", role=c["role"], media=c["medium"])
        st.add_measurement(pt["uuid"], c["parameter"], c["value"], c["unit"], qualifier=c["qualifier"],
                           measured_at="2026-11-01 10:00")
        made.append((c, inc, pt))
    yield st, made


def _cli(c: dict, lang: str) -> dict:
    from fieldapp.cli import main

    argv = ["toolkit", "assess", c["parameter"], c["value"], c["unit"], "--medium", c["medium"],
            "--role", c["role"], "--json", "--lang", lang]
    if c["qualifier"]:
        argv += ["--qualifier", c["qualifier"]]
    out = io.StringIO()
    with redirect_stdout(out), redirect_stderr(io.StringIO()):
        main(argv)
    return json.loads(out.getvalue())


def _table(win, inc: dict, pt: dict) -> dict:
    """What the measurement table shows for the case's one row: verdict column, colour, tooltip."""
    win.session.set_incident(inc["uuid"])
    win.session.set_point(pt["uuid"])
    model = win.measurements_model
    cols = {c.key: i for i, c in enumerate(model.columns)}
    assert model.rowCount() == 1
    text = model.data(model.index(0, cols["multiple"]))
    return {"words": text, "status": model.rows[0]["verdict_status"],
            "tip": model.data(model.index(0, 0), 3)}      # Qt.ToolTipRole == 3


@pytest.mark.qt
def test_every_golden_case_gets_one_answer_in_every_output(golden, qapp):
    from fieldapp.maps.status import latest_values, point_statuses
    from fieldapp.reports.gather import gather
    from fieldapp.ui import labels
    from fieldapp.ui.app import build_main_window, create_application

    st, made = golden
    assert len(made) >= 80
    _app, tr = create_application()
    win = build_main_window(st, tr, "zh_CN", make_demo=False, panels=False)
    st = win.session.store           # the GUI thread's read connection (the writer owns the store now)
    wrong = []
    try:
        for lang in ("zh", "en"):
            win.session.set_language("zh_CN" if lang == "zh" else "en")
            labels.set_ui_lang(lang)
            for c, inc, pt in made:
                want_words = c["words"][0 if lang == "zh" else 1]
                got = {}
                table = _table(win, inc, pt)
                got["table"] = (table["status"], table["words"])
                got["map"] = (point_statuses(st, inc).get(pt["uuid"]),
                              latest_values(st, inc, lang)[pt["uuid"]][0][2])
                data = gather(st, inc)
                row = data.rows[0]
                got["report"] = (row.status, row.verdict.words(lang))
                cli = _cli(c, lang)
                got["cli"] = (cli["status"], cli["words"])
                for output, value in got.items():
                    if value != (c["status"], want_words):
                        wrong.append(f"{c['id']} [{lang}] {output}: {value} != {(c['status'], want_words)}")
                if lang == "zh":
                    standards = {"report": row.verdict.standard_text("zh"), "cli": cli["standard_text"]}
                    for output, value in standards.items():
                        if value != c["standard"]:
                            wrong.append(f"{c['id']} {output} standard: {value!r} != {c['standard']!r}")
                    if c["standard"] and c["standard"] not in (table["tip"] or ""):
                        wrong.append(f"{c['id']} table tooltip does not name {c['standard']!r}")
                    if data.grading.deadline_hours != c["track"]:
                        wrong.append(f"{c['id']} grading: {data.grading.deadline_hours:g} h != {c['track']} h")
    finally:
        labels.set_ui_lang("zh")
        session = win.session
        win.close()
        win.deleteLater()
        session.close()
    assert not wrong, f"{len(wrong)} disagreements:\n" + "\n".join(wrong[:40])
