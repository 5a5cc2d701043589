"""A second, hand-made incident: a benzene tank leak at a chemical park next to a small river.

Unlike the demo (heavy metals, one river, three days) it has an AIR point (benzene in mg/m³: no air
standard is loaded, so it must read "not comparable", never "within"), a pH excursion on both sides
of 6–9 (an alkaline wash at the source and an acid reading downstream), an intake that stays clean,
an intake site on the map layer without a sampling point, and one parameter not in the toolkit.
"""
from __future__ import annotations

from datetime import timedelta

from fieldapp.core.timeutil import now_utc, to_iso

NAME = "某化工园区苯储罐泄漏"


def create_benzene_incident(store) -> dict:
    t0 = now_utc().replace(second=0, microsecond=0) - timedelta(hours=30)
    at = lambda h: to_iso(t0 + timedelta(hours=h))  # noqa: E731
    inc = store.create_incident(NAME, at(0), code="BZ-01", kind="chemical_spill", location="某市化工园区东侧 清水河",
                                description="储罐区阀门破裂，苯及清洗碱液经雨水管网进入清水河。")
    u = inc["uuid"]
    pts = {
        "SRC-01": store.add_point(u, 30.5012, 114.3120, code="SRC-01", name="雨水排口", role="source"),
        "DN-01": store.add_point(u, 30.4985, 114.3201, code="DN-01", name="排口下游1 km", role="downstream"),
        "DN-02": store.add_point(u, 30.4950, 114.3302, code="DN-02", name="排口下游2.5 km", role="downstream"),
        "UP-01": store.add_point(u, 30.5030, 114.3050, code="UP-01", name="上游对照", role="upstream_control"),
        "WI-01": store.add_point(u, 30.4890, 114.3480, code="WI-01", name="二水厂取水口", role="water_intake"),
        "AQ-01": store.add_point(u, 30.5020, 114.3110, code="AQ-01", name="储罐区下风向", role="other",
                                 media="air"),
    }
    rows = []

    def m(code, param, value, unit, h, **kw):
        rows.append(store.prepare_measurement(pts[code], param, value, unit, measured_at=at(h), **kw))
    for h, src, dn1, dn2, wi in ((2, "1.8", "0.42", "0.061", "<0.001"), (6, "0.95", "0.33", "0.085", "0.0021"),
                                 (12, "0.31", "0.12", "0.034", "0.0030"), (24, "0.040", "0.015", "0.0082", "<0.001")):
        m("SRC-01", "苯", src, "mg/L", h)
        m("DN-01", "benzene", dn1, "mg/L", h)
        m("DN-02", "C6H6", dn2, "mg/L", h)
        m("WI-01", "苯", wi, "mg/L", h)
        m("UP-01", "苯", "ND", "mg/L", h)
    for h, ph_src, ph_dn in ((2, "11.2", "8.7"), (6, "10.1", "5.6"), (12, "8.9", "6.8"), (24, "7.6", "7.1")):
        m("SRC-01", "pH", ph_src, "", h)
        m("DN-01", "pH", ph_dn, "", h)
    m("WI-01", "pH", "7.3", "", 6)
    m("DN-01", "甲苯", "0.9", "mg/L", 6)
    m("DN-01", "石油类特征峰", "12", "mg/L", 6)      # not in the toolkit: kept as typed, "not judged"
    for h, v in ((1, "45"), (3, "12"), (8, "3.1"), (26, "0.5")):
        m("AQ-01", "苯", v, "mg/m³", h)
    store.add_measurements(rows)
    sample = store.add_sample(pts["DN-01"]["uuid"], collected_at=at(6), collected_by="应急二队",
                              container="40 mL 棕色玻璃瓶（VOA）", preservative="HCl pH<2，4 ℃")
    store.add_custody_event(sample["uuid"], "应急二队", "市监测站实验室", at=at(8), place="市监测站",
                            condition="完好，无气泡", new_status="received")
    for h, kind, text in ((0, "observation", "园区巡查发现雨水排口有刺激性气味"), (0.5, "action", "关闭雨水排口闸门"),
                          (1.5, "decision", "通知二水厂加密监测，准备活性炭投加"), (5, "action", "下游1 km处设置拦截坝并投加活性炭")):
        store.log(u, kind, text, at=at(h))
    return inc


def add_intake_site(store, incident_uuid: str) -> None:
    """An intake known from a map layer only (no sampling point): the trend must still name it."""
    from fieldapp.maps.layer_import import write_layer

    write_layer(store, "取水口（手工）", "intake", [],
                [{"kind": "intake", "name": "三水厂备用取水口", "lon": 114.362, "lat": 30.485, "attributes": {}}],
                incident_uuid=incident_uuid, source_file="hand-made")
