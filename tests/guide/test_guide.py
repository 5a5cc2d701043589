"""The first-hour guide's decisions, against a real store: steps from the state, the countdown,
proposed points at the right chainages, verdict feedback, plausibility, sample defaults, river order
and log entries in the reader's language."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from fieldapp.core.messages import render
from fieldapp.guide import feedback, logtext, ordering, plausibility, proposals, sampling, state, steps
from fieldapp.maps import spatial
from fieldapp.maps.demo_layers import DEMO_RIVER, river_point
from fieldapp.maps.layer_import import write_layer
from fieldapp.toolkit.checklist import tick_entry


@pytest.fixture
def river_incident(store):
    with store.transaction():
        write_layer(store, "某河", "river", [{"name": "某河", "coords": list(DEMO_RIVER)}], [], source_file="t",
                    source_format="test")
        lon, lat = river_point(12_000, -30)
        write_layer(store, "取水口", "intake", [], [{"kind": "intake", "name": "水厂取水口", "lon": lon, "lat": lat}],
                    source_file="t", source_format="test")
    inc = store.create_incident("苯酚槽罐车", kind="tanker_accident")
    lon, lat = river_point(3_000)
    store.add_point(inc["uuid"], lat, lon, code="SRC-01", role="source")
    return store.get("incidents", inc["uuid"])


def _steps(store, inc, now=None):
    s = state.read_state(store, inc["uuid"], now)
    return s, {st.id: st for st in steps.next_steps(s)}


def test_steps_follow_the_data_and_the_countdown_moves_on(store, river_incident):
    inc = river_incident
    s, by = _steps(store, inc)
    assert list(by) == ["checklist", "points", "measure", "intake", "samples", "initial_report"]
    assert not any(st.done for st in by.values())
    assert "下游断面" in by["points"].detail("zh") and "苯酚" in by["measure"].text("zh")
    cd = steps.countdown(s)
    assert cd.label_en.startswith("Report to the local authority") and not cd.overdue
    # the report step drafts the one-hour quick report first (fieldapp.reports.next_report_type)
    assert steps.report_due(s) == "quick" and by["initial_report"].text("en").startswith("One-hour quick report")
    assert by["initial_report"].title("zh") == "快报"
    store.log(inc["uuid"], **tick_entry("road_tanker_accident", "report", True))      # reported by phone
    s, by = _steps(store, inc)
    assert by["checklist"].done and steps.countdown(s).label_en.startswith("Initial report")
    assert steps.report_due(s) == "initial" and by["initial_report"].text("en").startswith("Initial report")
    late = datetime.now(timezone.utc) + timedelta(hours=3)
    s, by = _steps(store, inc, late)
    assert by["initial_report"].status == "overdue" and steps.countdown(s).overdue
    entries = steps.log_entries(s, list(by.values()), "en")
    assert [e["step_id"] for e in entries] == ["guide/checklist"]
    store.log(inc["uuid"], **entries[0])
    s, by = _steps(store, inc, late)
    assert steps.log_entries(s, list(by.values())) == []                                # once only
    row = next(r for r in store.list_log(inc["uuid"]) if r["entry_kind"] == "guide_step")
    assert logtext.log_text(row, "zh") == "首小时指引完成：处置要点清单"
    created = next(r for r in store.list_log(inc["uuid"]) if r["entry_kind"] == "incident_created")
    assert logtext.log_text(created, "zh") == "事件已创建：苯酚槽罐车"
    assert logtext.log_text(created, "en") == "incident created: 苯酚槽罐车"


def test_proposed_points_sit_on_the_river_at_their_chainages(store, river_incident):
    inc = river_incident
    got = proposals.propose_points(store, inc["uuid"])
    assert [(p.role, p.code) for p in got.items] == [
        ("upstream_control", "UP-01"), ("downstream", "DN-01"), ("downstream", "DN-02"), ("downstream", "DN-03"),
        ("downstream", "DN-04"), ("water_intake", "WI-01")]
    src = spatial.chainage(store, *river_point(3_000), inc["uuid"]).chainage_m
    for p in got.items:
        c = spatial.chainage(store, p.lon, p.lat, inc["uuid"])
        assert c.method == "river" and c.offset_m < 60
        assert c.chainage_m == pytest.approx(p.chainage_m, abs=60)
    assert [round(p.chainage_m - src, -2) for p in got.items[1:5]] == [1000, 3000, 5000, 10000]
    proposals.add_proposals(store, inc["uuid"], got.items)
    assert proposals.propose_points(store, inc["uuid"]).items == []                    # nothing twice
    order = ordering.points_by_chainage(store, inc["uuid"])
    assert [p["code"] for p in order] == ["UP-01", "SRC-01", "DN-01", "DN-02", "DN-03", "WI-01", "DN-04"]  # 12 km < 13 km
    s, by = _steps(store, inc)
    assert by["points"].done


def test_no_source_or_no_river_says_why(store):
    inc = store.create_incident("无河道", kind="fire_water")
    assert "source point" in proposals.propose_points(store, inc["uuid"]).problem("en")
    store.add_point(inc["uuid"], 30.0, 114.0, role="source")
    assert "river" in proposals.propose_points(store, inc["uuid"]).problem("en")


def test_an_exceedance_at_the_intake_gets_a_banner_elsewhere_a_status_line(store, river_incident):
    inc = river_incident
    lon, lat = river_point(12_000, -30)
    wi = store.add_point(inc["uuid"], lat, lon, code="WI-01", role="water_intake")
    dn = store.add_point(inc["uuid"], *reversed(river_point(5_000)), code="DN-01", role="downstream")
    over = feedback.measurement_feedback(store, store.add_measurement(wi["uuid"], "Cd", "12", "µg/L"))
    assert over.verdict.status == "exceeded" and over.banner is not None
    assert "WI-01" in over.banner.title("zh") and any("停止取水" in line for line in over.banner.lines("zh"))
    assert any("Art. 4" in line for line in over.banner.lines("en"))
    assert "超标" in over.status_text("zh") and "WI-01" in over.status_text("en")
    down = feedback.measurement_feedback(store, store.add_measurement(dn["uuid"], "Cd", "12", "µg/L"))
    assert down.verdict.status == "exceeded" and down.banner is None                    # not a drinking-water point
    ok = feedback.measurement_feedback(store, store.add_measurement(wi["uuid"], "Cd", "0.5", "µg/L"))
    assert ok.banner is None and "达标" in ok.status_text("zh")


def test_implausible_times_and_places_are_named(store, river_incident):
    inc = river_incident
    early = plausibility.time_problems(inc, "2020-01-01 10:00")
    assert early and "早于事件发现时间" in plausibility.text(early[0], "zh")
    assert plausibility.time_problems(inc, datetime.now(timezone.utc).isoformat()) == []
    assert plausibility.position_problems(store, inc, -5.0, 108.3)[0][0] == "outside_china"
    swapped = plausibility.position_problems(store, inc, 108.3, 24.6)
    assert swapped[0][0] == "outside_china_swapped"
    far = plausibility.position_problems(store, inc, 26.0, 108.33)
    assert far[0][0] == "outside_area" and "SRC-01" in plausibility.text(far[0], "en")
    assert plausibility.position_problems(store, inc, *reversed(river_point(8_000))) == []
    store.update_incident(inc["uuid"], area_radius_m=200_000)
    assert plausibility.position_problems(store, store.get("incidents", inc["uuid"]), 26.0, 108.33) == []
    assert "if 124 is the longitude" in render("lat_range", {"value": "124"}, "en")


def test_sample_defaults_come_from_the_toolkit_per_parameter():
    benzene, cadmium = sampling.sample_defaults("benzene"), sampling.sample_defaults("cadmium", "en")
    assert "VOA" in benzene.container and "盐酸" in benzene.preservative and benzene.holding_hours == 336
    assert "polyethylene" in cadmium.container and "HNO" in cadmium.preservative and "HJ 493" in cadmium.source
    assert sampling.sample_defaults("turbidity") is None and sampling.sample_defaults(None) is None


def test_the_report_step_drafts_the_report_due_as_the_report_tab_preselects(store, river_incident):
    from fieldapp.reports import next_report_type
    from fieldapp.reports.archive import issue_report

    assert [next_report_type(x) for x in ([], ["quick"], ["quick", "initial"], ["initial"])] == \
        ["quick", "initial", "followup", "followup"]
    inc = river_incident
    issue_report(store, inc, "quick", confirm_gaps=True)
    s, by = _steps(store, inc)
    assert steps.report_due(s) == "initial" and not by["initial_report"].done
    assert by["initial_report"].text("en").startswith("Initial report")
