from datetime import datetime, timedelta, timezone

import pytest

from fieldapp.reports.grading import GradingDataError, deadlines, grade, load_thresholds


@pytest.mark.parametrize("facts, level", [
    ({"deaths": 2}, "IV"), ({"deaths": 3}, "III"), ({"deaths": 9}, "III"), ({"deaths": 10}, "II"),
    ({"deaths": 30}, "I"), ({"poisoned": 50}, "II"), ({"evacuated": 4999}, "IV"), ({"evacuated": 5000}, "III"),
    ({"economic_loss_yuan": 2e7}, "II"), ({"economic_loss_yuan": 1e8}, "I"),
    ({"water_source_interrupted": "township"}, "III"), ({"water_source_interrupted": "county"}, "II"),
    ({"water_source_interrupted": "city"}, "I"), ({"deaths": 0, "evacuated": 12000}, "II"),
])
def test_levels_follow_2014_table_inclusive_lower_bounds(facts, level):
    assert grade(facts).level == level


def test_highest_criterion_wins_and_reasons_name_it():
    g = grade({"deaths": 4, "economic_loss_yuan": 25_000_000})
    assert g.level == "II"
    assert "直接经济损失" in g.reasons[0].zh and g.reasons[0].level == "II"
    assert any(r.level == "III" and "死亡" in r.zh for r in g.reasons)


def test_unknown_facts_make_level_provisional_not_higher():
    g = grade({})
    assert g.level == "IV" and g.provisional and "deaths" in g.unknown


def test_heavy_metal_escalates_to_two_hour_track_but_not_the_level():
    g = grade({"deaths": 0}, parameter_ids=["cadmium", "ph"])
    assert g.level == "IV" and g.escalate and g.report_track == "II" and g.deadline_hours == 2
    assert "镉" in g.escalation_reasons[0].zh and "Cadmium" in g.escalation_reasons[0].en
    plain = grade({"deaths": 0}, parameter_ids=["cod", "ph", None])
    assert not plain.escalate and plain.deadline_hours == 4


def test_intake_escalates():
    assert grade({}, has_intake=True).escalate


def test_deadlines_count_from_discovery():
    g = grade({}, parameter_ids=["thallium"])
    now = datetime(2026, 1, 1, 9, 30, tzinfo=timezone.utc)
    dls = {d.key: d for d in deadlines("2026-01-01T08:00:00.000Z", g, now)}
    assert dls["initial"].due == datetime(2026, 1, 1, 10, 0, tzinfo=timezone.utc)
    assert dls["initial"].remaining == timedelta(minutes=30) and not dls["initial"].overdue
    assert dls["local"].overdue
    g4 = grade({}, parameter_ids=["cod"])
    assert {d.key: d for d in deadlines("2026-01-01T08:00:00.000Z", g4, now)}["initial"].remaining == \
        timedelta(hours=2, minutes=30)


def test_thresholds_file_is_marked_as_2014_plan_and_validated(tmp_path):
    t = load_thresholds()
    assert "2014" in t["plan"] and t["may_be_superseded"]
    bad = tmp_path / "g.json"
    bad.write_text('{"numeric": {"deaths": {"min": {"I": 3, "II": 10}}}, "categorical": {}, '
                   '"deadline_hours": {}, "escalation": {}, "level_names": {}, "plan": "p", "plan_en": "p"}',
                   encoding="utf-8")
    with pytest.raises(GradingDataError, match="deaths"):
        load_thresholds(bad)


def test_superseded_warning_is_part_of_every_grade_text():
    g = grade({})
    assert g.may_be_superseded
    assert "可能已被新的国家预案替代" in g.basis_text("zh") and "supersede" in g.basis_text("en")


def test_money_and_people_are_written_for_people():
    g = grade({"economic_loss_yuan": 5_000_000, "evacuated": 12000})
    zh = " ".join(r.zh for r in g.reasons)
    assert "500万元" in zh and "5e+06" not in zh and "12000人" in zh
    en = " ".join(r.en for r in g.reasons)
    assert "5,000,000 yuan" in en and "12,000 people" in en


@pytest.mark.parametrize("typed,stored", [("0", 0), ("1", 1), ("false", 0), ("true", 1), ("否", 0), ("是", 1),
                                          ("no", 0), ("yes", 1), ("", None)])
def test_yes_no_facts_are_parsed_strictly(typed, stored):
    from fieldapp.store.facts import clean

    assert clean({"sensitive_population": typed})["sensitive_population"] == stored


def test_a_yes_no_fact_that_is_neither_is_refused():
    from fieldapp.core.errors import ValidationError
    from fieldapp.store.facts import clean

    with pytest.raises(ValidationError, match="yes/no") as e:
        clean({"sensitive_population": "maybe"})
    assert "是/否" in e.value.zh
