"""Detail pages of toolkit entries as structured data, rendered as escaped HTML (for a Qt
QTextBrowser) or as text (CLI).

The UI and the CLI show the same content because both render the same ``DetailPage``.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from fieldapp.vocab.numbers import limit_number
from fieldapp.vocab.standards import ROMAN

from .data import Toolkit, load_toolkit

CONFIDENCE_LABEL = {
    "zh": {"confirmed": "已确认", "verify": "待核实", "uncertain": "不确定"},
    "en": {"confirmed": "confirmed", "verify": "to verify", "uncertain": "uncertain"},
}
CONFIDENCE_COLOUR = {"confirmed": "#1b7f3b", "verify": "#a86a00", "uncertain": "#b3261e"}
_CLASS_LABEL = {"zh": "{}类", "en": "Class {}"}
_GB5749_TABLE = {
    "zh": {"routine": "常规指标", "extended": "扩展指标", "annex_a": "附录A参考指标"},
    "en": {
        "routine": "routine indicator",
        "extended": "extended indicator",
        "annex_a": "Annex A reference indicator",
    },
}
_T = {  # UI words, Chinese by default
    "zh": dict(
        identity="基本信息",
        names="名称",
        synonyms="别名/缩写",
        cas="CAS号",
        formula="化学式/形态",
        category="类别",
        limits="标准限值（mg/L）",
        methods="检测方法",
        field="现场快速检测",
        lab="实验室标准方法",
        sampling="采样容器与保存",
        disposal="应急处置",
        in_river="河道/源头处置",
        waterworks="水厂应急处理",
        hazards="危害与防护",
        hazard="危害",
        ppe="个人防护",
        incidents="国内典型事件",
        none="（无记录）",
        source="来源",
        confidence="可信度",
        steps="处置步骤（可勾选）",
        pollutants="相关污染物",
        ref_incidents="参考事件",
        summary="说明",
        examples="设施举例",
        overview="概述",
        gb3838_src="地表水源地限值（GB 3838-2002 表{table}{item}，单一限值，非分类标准）",
        gb3838_cls="GB 3838-2002 表1（分类标准）",
        gb3838_ph="GB 3838-2002 表1（pH，无量纲）",
        gb5749="GB 5749-2022（{table}）",
        all_classes="各类别",
        item="第{}项",
        basis="计量方式",
        note="说明",
    ),
    "en": dict(
        identity="Identity",
        names="Names",
        synonyms="Synonyms / abbreviations",
        cas="CAS No.",
        formula="Formula / species",
        category="Category",
        limits="Limits (mg/L)",
        methods="Detection",
        field="Field screening",
        lab="Standard laboratory method",
        sampling="Sample container and preservation",
        disposal="Emergency disposal",
        in_river="In-river / at source",
        waterworks="At the waterworks",
        hazards="Hazards and protection",
        hazard="Hazards",
        ppe="Protective equipment",
        incidents="Chinese incidents",
        none="(none recorded)",
        source="Source",
        confidence="Confidence",
        steps="Steps (tick when done)",
        pollutants="Related pollutants",
        ref_incidents="Reference incidents",
        summary="Summary",
        examples="Examples",
        overview="Overview",
        gb3838_src="Drinking-water source-area value (GB 3838-2002 Table {table}{item}; single value, "
        "not a class value)",
        gb3838_cls="GB 3838-2002 Table 1 (class values)",
        gb3838_ph="GB 3838-2002 Table 1 (pH, no unit)",
        gb5749="GB 5749-2022 ({table})",
        all_classes="all classes",
        item=" item {}",
        basis="Expressed as",
        note="Note",
    ),
}


@dataclass(frozen=True)
class Row:
    label: str
    value: str
    source: str = ""
    confidence: str = ""  # confirmed | verify | uncertain | "" (no mark)


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    rows: tuple


@dataclass(frozen=True)
class DetailPage:
    doc_id: str
    kind: str
    lang: str
    title: str
    subtitle: str
    notice: str  # "compiled list" statement, shown on every page
    sections: tuple


def _l(obj: dict, lang: str) -> str:
    return obj["zh"] if lang == "zh" else obj["en"]


def _num(v: float) -> str:
    """Limits as the standards print them (0.00005, never 5e-05): the vocabulary's one formatter."""
    return limit_number(v)


def _limit_rows(e: dict, lang: str) -> list[Row]:
    t = _T[lang]
    rows = []
    g = e["limits"]["gb3838"]
    if "classes" in g:
        value = " | ".join(
            f"{_CLASS_LABEL[lang].format(ROMAN[c] if lang == 'zh' else c)} {_num(v)}"
            for c, v in g["classes"].items()
        )
        rows.append(Row(t["gb3838_cls"], value, g["source"], g["confidence"]))
    elif "range" in g:
        rows.append(
            Row(
                t["gb3838_ph"],
                f"{_num(g['range'][0])}–{_num(g['range'][1])}（{t['all_classes']}）"
                if lang == "zh"
                else f"{_num(g['range'][0])}-{_num(g['range'][1])} ({t['all_classes']})",
                g["source"],
                g["confidence"],
            )
        )
    else:
        item = t["item"].format(g["item"]) if "item" in g else ""
        label = t["gb3838_src"].format(table=g["table"][1], item=item)
        rows.append(Row(label, _num(g["source_area"]), g["source"], g["confidence"]))
    for opt in ("basis", "note"):
        if opt in g:
            rows.append(Row(t[opt], _l(g[opt], lang), g["source"], g["confidence"]))
    d = e["limits"]["gb5749"]
    label = t["gb5749"].format(table=_GB5749_TABLE[lang][d["table"]])
    value = _num(d["value"]) if "value" in d else f"{_num(d['range'][0])}–{_num(d['range'][1])}"
    rows.append(Row(label, value, d["source"], d["confidence"]))
    for opt in ("basis", "note"):
        if opt in d:
            rows.append(Row(t[opt], _l(d[opt], lang), d["source"], d["confidence"]))
    return rows


def _disposal_rows(block: dict, label: str, lang: str) -> list[Row]:
    rows = [Row(label, _l(block, lang), block["source"], block["confidence"])]
    rows += [Row("  •", _l(p, lang), p["source"], p["confidence"]) for p in block["params"]]
    return rows


def pollutant_page(e: dict, tk: Toolkit, lang: str = "zh") -> DetailPage:
    t = _T[lang]
    ident = e["identity"]
    other = e["name"]["en"] if lang == "zh" else e["name"]["zh"]
    cas = "; ".join(f"{c['number']} ({c['of']})" for c in ident["cas"])
    sections = [
        Section(
            "identity",
            t["identity"],
            (
                Row(t["names"], f"{e['name']['zh']} / {e['name']['en']}"),
                Row(t["synonyms"], "、".join(e["synonyms"]) if lang == "zh" else ", ".join(e["synonyms"])),
                Row(t["cas"], cas, ident["source"], ident["confidence"]),
                Row(t["formula"], ident["formula"], ident["source"], ident["confidence"]),
                Row(t["category"], tk.category_label(e["category"], lang)),
            ),
        ),
        Section("limits", t["limits"], tuple(_limit_rows(e, lang))),
        Section(
            "methods",
            t["methods"],
            tuple(
                Row(t[k], _l(e["methods"][k], lang), e["methods"][k]["source"], e["methods"][k]["confidence"])
                for k in ("field", "lab")
            ) + tuple(_sampling_rows(e, t, lang)),
        ),
        Section(
            "disposal",
            t["disposal"],
            tuple(
                _disposal_rows(e["disposal"]["in_river"], t["in_river"], lang)
                + _disposal_rows(e["disposal"]["waterworks"], t["waterworks"], lang)
            ),
        ),
        Section(
            "hazards",
            t["hazards"],
            (
                Row(t["hazard"], _l(e["hazards"], lang), e["hazards"]["source"], e["hazards"]["confidence"]),
                Row(
                    t["ppe"],
                    e["hazards"]["ppe_zh" if lang == "zh" else "ppe_en"],
                    e["hazards"]["source"],
                    e["hazards"]["confidence"],
                ),
            ),
        ),
        Section(
            "incidents",
            t["incidents"],
            tuple(Row(str(i["year"]), _l(i, lang), i["source"], i["confidence"]) for i in e["incidents"])
            or (Row("", t["none"]),),
        ),
    ]
    return DetailPage(
        e["id"],
        "pollutant",
        lang,
        e["name"][lang],
        f"{other} · {tk.category_label(e['category'], lang)}",
        _l(tk.meta["compiled_notice"], lang),
        tuple(sections),
    )


def scenario_page(sc: dict, tk: Toolkit, lang: str = "zh") -> DetailPage:
    t = _T[lang]
    names = [tk.pollutant(p)["name"][lang] for p in sc["pollutants"]]
    sections = (
        Section(
            "overview",
            t["overview"],
            (
                Row(t["pollutants"], ("、" if lang == "zh" else ", ").join(names)),
                Row(t["ref_incidents"], _l(sc["reference_incidents"], lang), sc["source"], sc["confidence"]),
            ),
        ),
        Section(
            "steps",
            t["steps"],
            tuple(Row(f"☐ {n}.", _l(step, lang)) for n, step in enumerate(sc["steps"], 1)),
        ),
    )
    return DetailPage(
        f"scenario:{sc['id']}",
        "scenario",
        lang,
        _l(sc["name"], lang),
        _l(sc["name"], "en" if lang == "zh" else "zh"),
        _l(tk.scenario_meta["compiled_notice"], lang),
        sections,
    )


def _simple_page(item: dict, kind: str, key: str, tk: Toolkit, lang: str) -> DetailPage:
    t = _T[lang]
    return DetailPage(
        f"{kind}:{item['id']}",
        kind,
        lang,
        _l(item["name"], lang),
        _l(item["name"], "en" if lang == "zh" else "zh"),
        _l(tk.scenario_meta["compiled_notice"], lang),
        (Section(key, t[key], (Row("", _l(item[key], lang), item["source"], item["confidence"]),)),),
    )


def detail_page(ident: str, lang: str = "zh", tk: Toolkit | None = None) -> DetailPage | None:
    """Page for a doc id from search ("cadmium", "scenario:tailings_pond_leak") or any pollutant name/CAS."""
    tk = tk or load_toolkit()
    kind, _, rest = ident.partition(":")
    if rest and kind in ("scenario", "technology", "facility"):
        ident = rest
    for sc in tk.scenarios:
        if sc["id"] == ident:
            return scenario_page(sc, tk, lang)
    for item in tk.tech_categories:
        if item["id"] == ident:
            return _simple_page(item, "technology", "summary", tk, lang)
    for item in tk.facility_types:
        if item["id"] == ident:
            return _simple_page(item, "facility", "examples", tk, lang)
    entry = tk.pollutant(ident)
    return pollutant_page(entry, tk, lang) if entry else None


def _mark(row: Row, lang: str) -> str:
    if not row.confidence:
        return ""
    t = _T[lang]
    return f"{t['source']}: {row.source} · {t['confidence']}: {CONFIDENCE_LABEL[lang][row.confidence]}"


def render_html(page: DetailPage) -> str:
    """Simple, fully escaped HTML for QTextBrowser (no scripts, no external resources)."""
    e = html.escape
    out = [
        "<html><body style='font-family: sans-serif;'>",
        f"<h2>{e(page.title)}</h2>",
        f"<p style='color:#555'>{e(page.subtitle)}</p>",
        f"<p style='background:#fff4d6; padding:4px'>{e(page.notice)}</p>",
    ]
    for sec in page.sections:
        out.append(f"<h3>{e(sec.title)}</h3><table cellspacing='0' cellpadding='3' width='100%'>")
        for row in sec.rows:
            mark = ""
            if row.confidence:
                colour = CONFIDENCE_COLOUR[row.confidence]
                mark = f"<br/><span style='color:{colour}; font-size:small'>{e(_mark(row, page.lang))}</span>"
            out.append(
                f"<tr><td valign='top' width='25%'><b>{e(row.label)}</b></td>"
                f"<td valign='top'>{e(row.value)}{mark}</td></tr>"
            )
        out.append("</table>")
    out.append("</body></html>")
    return "\n".join(out)


def render_text(page: DetailPage) -> str:
    """Plain text of the same page (CLI)."""
    lines = [page.title, page.subtitle, f"[{page.notice}]", ""]
    for sec in page.sections:
        lines.append(f"== {sec.title} ==")
        for row in sec.rows:
            if not row.label:
                label = ""
            elif row.label.startswith(("☐", " ")):  # checklist box / bullet: no colon
                label = row.label.rstrip() + " "
            else:
                label = f"{row.label}: "
            lines.append(f"{label}{row.value}".rstrip())
            if row.confidence:
                lines.append(f"    ({_mark(row, page.lang)})")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def checklist_log_text(
    scenario_id: str, step_id: str, done: bool, lang: str = "zh", tk: Toolkit | None = None
) -> str:
    """Text of the incident-log entry (kind 'checklist') when a team ticks or unticks a scenario step;
    the caller stores it with who/when. Raises ValueError for an unknown scenario or step."""
    tk = tk or load_toolkit()
    sc = tk.scenario(scenario_id)
    if sc is None:
        raise ValueError(f"unknown scenario {scenario_id!r}")
    for n, step in enumerate(sc["steps"], 1):
        if step["id"] == step_id:
            if lang == "zh":
                return (
                    f"情景要点「{sc['name']['zh']}」第{n}步{'已完成' if done else '取消勾选'}：{step['zh']}"
                )
            return f"Scenario '{sc['name']['en']}' step {n} {'done' if done else 'unticked'}: {step['en']}"
    raise ValueError(f"scenario {scenario_id!r} has no step {step_id!r}")


def sampling_text(sampling: dict, lang: str = "zh") -> str:
    """'500 mL 聚乙烯瓶；加硝酸至pH<2；保存14天' from a pollutant's methods.sampling block."""
    hours = sampling["holding_hours"]
    en = lang.startswith("en")
    held = (f"{hours // 24:g} d" if hours >= 48 else f"{hours:g} h") if en else (
        f"{hours // 24:g}天" if hours >= 48 else f"{hours:g}小时")
    parts = [sampling["container"]["en" if en else "zh"], sampling["preservative"]["en" if en else "zh"],
             (f"analyse within {held}" if en else f"{held}内分析")]
    return ("; " if en else "；").join(parts)


def _sampling_rows(e: dict, t: dict, lang: str):
    sampling = e["methods"].get("sampling")
    if sampling:
        yield Row(t["sampling"], sampling_text(sampling, lang), sampling["source"], sampling["confidence"])
