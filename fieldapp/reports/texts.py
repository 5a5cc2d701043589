"""Report wording in Chinese and English: titles, section headings, labels, gap markers.

Section titles follow Art. 12–14 of 突发环境事件信息报告办法 (MEP Order No. 17, 2011); headings are
numbered when a report is built (一、二、… / 1. 2. …), so each type lists only the sections it has.
Tests look for these texts in the PDFs, so they live in one place. English mirrors the Chinese with
ASCII punctuation.
"""
from __future__ import annotations

TITLES = {
    "quick": ("突发环境事件信息快报", "Environmental emergency: one-hour quick report"),
    "initial": ("突发环境事件信息初报", "Environmental emergency: initial report"),
    "followup": ("突发环境事件信息续报", "Environmental emergency: follow-up report"),
    "final": ("突发环境事件处理结果报告", "Environmental emergency: final result report"),
}
SECTIONS = {
    "basic": ("事件基本情况", "Basic facts"),
    "pollutants": ("主要污染物和数量", "Main pollutants and quantities"),
    "monitoring": ("监测数据", "Monitoring data"),
    "charts": ("重点断面浓度变化", "Concentration over time at key sections"),
    "casualties": ("人员伤亡和疏散情况", "Casualties and evacuation"),
    "sensitive": ("饮用水水源地等环境敏感点受影响情况", "Drinking-water sources and other sensitive points affected"),
    "map": ("环境敏感点分布示意图", "Schematic map of environmental sensitive points"),
    "grading": ("事件级别初步判断", "Preliminary incident level"),
    "grading_final": ("事件级别认定", "Incident level (final)"),
    "trend": ("事件发展趋势", "Trend"),
    "trend_data": ("各监测系列变化情况", "Every monitored series"),
    "measures": ("已采取的处置措施", "Measures taken"),
    "timeline": ("处置行动时间线", "Action timeline"),
    "next_steps": ("下一步工作建议", "Next steps and proposals"),
    "photos": ("现场照片", "Site photos"),
    "changes": ("与上次报告相比的变化", "Changes since the previous report"),
    "progress": ("处置进展", "Progress of the response"),
    "response": ("应急响应过程", "Course of the response"),
    "results": ("处置措施和结果", "Measures and results"),
    "totals": ("监测工作总结", "Monitoring totals"),
    "social": ("人员伤亡和社会影响", "Casualties and social impact"),
    "losses": ("潜在或间接危害与损失", "Potential or indirect harm and losses"),
    "damage": ("生态环境损害评估与修复", "Environmental damage assessment and restoration"),
    "remaining": ("遗留问题", "Remaining problems"),
    "lessons": ("经验教训", "Lessons learned"),
    "accountability": ("责任追究", "Accountability"),
    "gaps": ("待补充事项", "Facts still missing"),
    "glyphs": ("字符替换说明", "Characters replaced"),
    "annex": ("附表 监测数据明细", "Annex: all monitoring data"),
    "sign": ("报告单位及签发", "Reporting unit and sign-off"),
}
FIELDS = {   # labels of "label: value" lines
    "time": ("发生时间", "Time of the incident"), "discovered": ("发现时间", "Discovered"),
    "place": ("发生地点", "Place"), "kind": ("事件类型", "Type of incident"),
    "info_source": ("信息来源", "Information source"), "cause": ("事件起因和性质", "Cause and nature"),
    "sequence": ("基本过程", "Sequence of events"), "pollutants_found": ("监测超标项目", "Parameters over the limit"),
    "pollutant_quantity": ("污染物数量", "Quantities"), "response_started_at": ("应急响应启动时间", "Response started"),
    "response_ended_at": ("应急响应终止时间", "Response ended"), "duration": ("响应历时", "Duration"),
    "social_impact": ("社会影响", "Social impact"), "economic_loss_yuan": ("直接经济损失", "Direct economic loss"),
    "boundary_impact": ("跨界影响", "Cross-boundary impact"), "damage_assessment": ("损害评估", "Damage assessment"),
    "restoration": ("生态环境修复", "Restoration"), "previous": ("前次报告", "Previous report"),
    "deadline": ("报告时限", "Reporting deadline"), "reported_at": ("报告时间", "Reported at"),
    "sensitive_short": ("饮用水源等敏感点", "Sensitive points"),
}
LABELS = {
    "report_no": ("报告编号", "Report no."),
    "incident": ("事件名称", "Incident"),
    "generated": ("生成时间", "Generated"),
    "unit": ("报告单位", "Reporting unit"),
    "signatory": ("签发人", "Signatory"),
    "contact": ("联系人及联系方式", "Contact"),
    "page": ("第 {x} 页 共 {y} 页", "Page {x} of {y}"),
    "deaths": ("死亡", "Deaths"),
    "poisoned": ("中毒或重伤", "Poisoned or seriously injured"),
    "evacuated": ("疏散转移", "Evacuated"),
    "water_source_interrupted": ("饮用水水源取水中断", "Drinking-water intake interrupted"),
    "people": ("人", "people"),
    # a fact two teams entered differently (a conflict version kept by sync, not yet reviewed)
    "disputed": ("（各队上报不一致，另报：{}，待核实）", " (teams disagree, also reported: {}; to be checked)"),
    "point": ("点位", "Point"), "parameter": ("项目", "Parameter"), "time_col": ("时间", "Time"),
    "value": ("测值", "Value"), "unit_col": ("单位", "Unit"), "limit": ("限值", "Limit"),
    "standard": ("评价标准", "Standard"), "verdict": ("评价", "Verdict"),
    "min": ("最小值", "Min"), "max": ("最大值", "Max"), "latest": ("最新值", "Latest"),
    "n": ("样品数", "n"), "n_exc": ("超标次数", "n over"), "status": ("状态", "Status"),
    "who": ("记录人", "By"), "what": ("事项", "Entry"),
    "level": ("初步判定级别", "Proposed level"), "level_final": ("认定级别", "Level"),
    "track": ("报告程序", "Reporting track"),
    "provisional": ("（部分事实待核实，级别为初步判断）", " (some facts still unknown: provisional)"),
    "escalate": ("按第四条，先按重大（II级）及以上程序报告：", "Order 17 Art. 4: report on the II/I track because:"),
    "intakes": ("饮用水取水口", "Drinking-water intakes"),
    "exceeding_points": ("超标点位", "Points over the limit"),
    "none_exceeding": ("暂无超标", "none over the limit"),
    "legend_intake": ("取水口", "intake"), "legend_source": ("污染源", "source"),
    "legend_facility": ("应急设施", "facility"), "legend_warehouse": ("物资库", "warehouse"),
    "legend_river": ("河流", "river"),
    "north": ("北", "N"),
    "glyph_note": ("以下字符超出字体范围，已以“□”代替：", "These characters are outside the font and printed as □:"),
    "demo": ("【演示数据，非真实事件】", "[DEMO DATA - not a real incident]"),
    "limit_line": ("限值", "limit"),
    "draft": ("草稿（未签发）", "DRAFT (not issued)"),
    "with_gaps": ("含待补充项", "CONTAINS MISSING ITEMS"),
    "issued": ("已签发", "Issued"),
    "with_gaps_note": ("本报告经签发人确认在部分事项待补充的情况下签发，待补充事项见下，将在续报中补充。",
                       "Issued on the signatory's confirmation with some facts still missing (listed "
                       "below); they will follow in the next report."),
    "times_local": ("文中时间均为{tz}。", "Times are {tz}."),
    "no_data": ("暂无监测数据", "no monitoring data yet"),
    "unchanged": ("同{no}，无变化。", "As in {no}; unchanged."),
    "none_yet": ("尚无", "none yet"),
    "people_none": ("无", "none"),
}
LEVEL_NAMES = {"I": ("特别重大（I级）", "particularly major (I)"), "II": ("重大（II级）", "major (II)"),
               "III": ("较大（III级）", "larger (III)"), "IV": ("一般（IV级）", "general (IV)")}
BOUNDARY = {"none": ("无", "none"), "county": ("跨县级行政区域", "across county boundaries"),
            "city": ("跨设区的市级行政区域", "across districted-city boundaries"),
            "province": ("跨省级行政区域", "cross-provincial"), "national": ("跨国界", "trans-national")}
CN_NUMBERS = "一二三四五六七八九十"


def t(table: dict, key: str, lang: str) -> str:
    zh, en = table[key]
    return zh if lang == "zh" else en


def heading_number(n: int, lang: str) -> str:
    """'一、' … '十二、' / '1. ' …"""
    if lang != "zh":
        return f"{n}. "
    if n <= 10:
        return CN_NUMBERS[n - 1] + "、"
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else CN_NUMBERS[tens - 1]) + "十" + (CN_NUMBERS[ones - 1] if ones else "") + "、"


def gap_marker(what: str, lang: str) -> str:
    """The visible marker for a missing fact: 【待补充：伤亡情况】."""
    return f"【待补充：{what}】" if lang == "zh" else f"[TO BE SUPPLIED: {what}]"


def join(items, lang: str) -> str:
    return ("、" if lang == "zh" else ", ").join(items)


def semi(items, lang: str) -> str:
    return ("；" if lang == "zh" else "; ").join(items)


def colon(lang: str) -> str:
    return "：" if lang == "zh" else ": "
