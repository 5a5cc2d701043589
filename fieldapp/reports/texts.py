"""Report wording in Chinese and English: section titles, labels, gap markers.

Section titles follow Art. 13 of 突发环境事件信息报告办法 (MEP Order No. 17); tests look for them
in the PDF text, so they live in one place.
"""
from __future__ import annotations

TITLES = {
    "initial": ("突发环境事件信息初报", "Environmental emergency: initial report"),
    "followup": ("突发环境事件信息续报", "Environmental emergency: follow-up report"),
    "final": ("突发环境事件处理结果报告", "Environmental emergency: final result report"),
}
SECTIONS = {
    "basic": ("一、事件基本情况", "1. Basic facts"),
    "time": ("发生时间", "Time"),
    "place": ("发生地点", "Place"),
    "info_source": ("信息来源", "Information source"),
    "cause": ("事件起因和性质", "Cause and nature"),
    "sequence": ("基本过程", "Sequence of events"),
    "pollutants": ("二、主要污染物和数量", "2. Main pollutants and quantities"),
    "monitoring": ("三、监测数据", "3. Monitoring data"),
    "charts": ("重点断面浓度变化", "Concentration over time at key sections"),
    "casualties": ("四、人员伤亡情况", "4. Casualties"),
    "sensitive": ("五、饮用水水源地等环境敏感点受影响情况", "5. Drinking-water sources and other sensitive points affected"),
    "map": ("环境敏感点分布示意图", "Schematic map of environmental sensitive points"),
    "grading": ("六、事件级别初步判断", "6. Preliminary incident level"),
    "trend": ("七、事件发展趋势", "7. Trend"),
    "measures": ("八、已采取的处置措施", "8. Measures taken"),
    "timeline": ("处置行动时间线", "Action timeline"),
    "next_steps": ("九、下一步工作建议", "9. Next steps and proposals"),
    "progress": ("十、处置进展（续报）", "10. Progress since the last report"),
    "process": ("十、处置过程", "10. Handling process"),
    "results": ("十一、处置结果", "11. Results"),
    "losses": ("十二、危害与损失", "12. Harm and losses"),
    "remaining": ("十三、遗留问题", "13. Remaining problems"),
    "gaps": ("待补充事项", "Facts still missing"),
    "glyphs": ("字符替换说明", "Characters replaced"),
    "annex": ("附表 监测数据明细", "Annex: all monitoring data"),
    "sign": ("报告单位及签发", "Reporting unit and sign-off"),
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
    "economic_loss_yuan": ("直接经济损失（元）", "Direct economic loss (yuan)"),
    "water_source_interrupted": ("饮用水水源取水中断", "Drinking-water intake interrupted"),
    "people": ("人", "people"),
    "point": ("点位", "Point"), "parameter": ("项目", "Parameter"), "time_col": ("时间", "Time"),
    "value": ("测值", "Value"), "unit_col": ("单位", "Unit"), "limit": ("限值", "Limit"), "standard": ("评价标准", "Standard"),
    "multiple": ("评价结果", "Verdict"), "latest": ("最新值", "Latest"), "peak": ("最大值", "Max"),
    "n": ("样品数", "n"), "n_exc": ("超标数", "n over"), "status": ("状态", "Status"),
    "who": ("记录人", "By"), "what": ("事项", "Entry"),
    "level": ("初步判定级别", "Proposed level"), "track": ("报告程序", "Reporting track"),
    "provisional": ("（部分事实待核实，级别为初步判断）", "(some facts still unknown: provisional)"),
    "deadline": ("报告时限", "Reporting deadline"),
    "escalate": ("按第四条，先按重大（II级）及以上程序报告：", "Order 17 Art. 4: report on the II/I track because:"),
    "intakes": ("饮用水取水口", "Drinking-water intakes"),
    "exceeding_points": ("超标点位", "Points over the limit"),
    "none_exceeding": ("暂无超标", "none over the limit"),
    "legend_intake": ("取水口", "intake"),
    "north": ("北", "N"),
    "glyph_note": ("以下字符超出字体范围，已以“□”代替：", "These characters are outside the font and printed as □:"),
    "demo": ("【演示数据，非真实事件】", "[DEMO DATA - not a real incident]"),
    "limit_line": ("限值", "limit"),
}
LEVEL_NAMES = {"I": ("特别重大（I级）", "particularly major (I)"), "II": ("重大（II级）", "major (II)"),
               "III": ("较大（III级）", "larger (III)"), "IV": ("一般（IV级）", "general (IV)")}


def t(table: dict, key: str, lang: str) -> str:
    zh, en = table[key]
    return zh if lang == "zh" else en


def gap_marker(what: str, lang: str) -> str:
    """The visible marker for a missing fact: 【待补充：伤亡情况】."""
    return f"【待补充：{what}】" if lang == "zh" else f"[TO BE SUPPLIED: {what}]"
