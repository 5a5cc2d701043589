"""A drill run end to end: a scenario with injects and two simulated instruments on real ptys read
by the session's instrument hub, readings that follow the scenario's plume model at the trainee's
point, the scorecard, and nothing of the drill in a real export or sync bundle."""
from __future__ import annotations

import subprocess
import threading
import time
import zipfile
from datetime import datetime, timedelta, timezone

import pytest

from fieldapp.app.events import ReadingsArrived
from fieldapp.app.session import Session
from fieldapp.drills.plume import concentration
from fieldapp.drills.run import create_drill, deliver_inject, due_injects
from fieldapp.drills.scenario import ScenarioError, load_scenario, scenario, scenarios
from fieldapp.drills.score import scorecard
from fieldapp.drills.scorecard_pdf import scorecard_pdf
from fieldapp.drills.sim import DrillInstruments
from fieldapp.instruments import DeviceConfig
from fieldapp.maps import spatial
from fieldapp.store import ValidationError
from fieldapp.store.drills import delete_drill, not_drill_sql
from fieldapp.toolkit.checklist import tick_entry

SCENARIO_T0 = 3600.0          # the drill's instruments start one scenario hour after the release


def wait_until(cond, timeout=10.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if cond():
            return True
        time.sleep(0.05)
    return cond()


def test_the_five_typical_scenarios_load_and_refuse_a_bad_file(tmp_path):
    found = scenarios()
    assert {sc["scenario"] for sc in found.values()} == {
        "tailings_pond_leak", "road_tanker_accident", "plant_fire_water", "pipeline_oil_leak", "industrial_heavy_metal"}
    for sc in found.values():
        assert len(sc["instruments"]) == 2 and any(i["kind"] == "instrument_failure" for i in sc["injects"])
    bad = tmp_path / "bad.yaml"
    bad.write_text((found["tailings_cd"].path).read_text(encoding="utf-8").replace("parameter: cadmium",
                                                                                   "parameter: unobtainium"))
    with pytest.raises(ScenarioError, match="release.parameter"):
        load_scenario(bad)


def test_plume_model_behaves_like_a_plume():
    sc = scenario("tailings_cd")
    src = sc["source_chainage_m"]
    bg = sc["release"]["background_mg_l"]
    assert concentration(sc, src - 500, 7200) == bg                      # upstream: background only
    assert concentration(sc, None, 7200) == bg                           # off the river
    near = [concentration(sc, src + 1000, h * 3600) for h in (0.25, 1, 3)]
    assert near[0] < near[1] and near[1] > 10 * bg                        # the plume arrives
    far = sc["intakes"][0]["chainage_m"]
    assert concentration(sc, far, 1800) == pytest.approx(bg)              # not yet at the intake
    assert concentration(sc, far, 10 * 3600) > 0.005                      # later over the Cd limit


@pytest.fixture
def drill_session(store):
    s = Session(store, "zh_CN")
    yield s
    s.close()


def test_a_drill_run_with_injects_simulated_instruments_and_scorecard(drill_session, tmp_path):
    session = drill_session
    sc = scenario("tailings_cd")
    started = datetime.now(timezone.utc) - timedelta(minutes=30)
    real = session.write(lambda st: st.create_incident("真实事件", kind="tailings_leak", code="REAL-1"))
    session.write(lambda st: st.add_point(real["uuid"], 24.6, 108.3, code="R-01", role="downstream"))
    inc = session.write(lambda st: create_drill(st, sc, started.isoformat().replace("+00:00", "Z")))
    assert inc["is_drill"] == 1 and inc["code"].startswith("DRILL-")
    session.set_incident(inc["uuid"])
    river = session.store.conn.execute(
        "SELECT r.uuid FROM map_rivers r JOIN map_layers l ON l.uuid = r.layer_uuid WHERE l.incident_uuid = ?",
        (inc["uuid"],)).fetchone()[0]

    # the trainee stands 1 km below the source
    here_ch = sc["source_chainage_m"] + 1000
    lon, lat = spatial.point_at_chainage(session.store, river, here_ch)
    point = session.write(lambda st: st.add_point(inc["uuid"], lat, lon, code="DN-01", role="downstream"))
    session.set_point(point["uuid"])

    # injects: the first two are due 30 minutes in, the third (45 min) is not
    due = due_injects(session.store, session.incident, sc)
    assert [i for i, _ in due] == [0, 1]
    for i, inj in due:
        session.write(lambda st, i=i, inj=inj: deliver_inject(st, inc["uuid"], i, inj))
    assert due_injects(session.store, session.incident, sc) == []          # delivered once only
    assert [i for i, _ in due_injects(session.store, session.incident, sc,
                                      now=started + timedelta(minutes=46))] == [2]

    # two simulated instruments on ptys, read by the session's hub
    sims = DrillInstruments(sc, SCENARIO_T0, seed=3)
    ch = sims.position.set(session.store, inc["uuid"], lon, lat)
    assert ch == pytest.approx(here_ch, abs=2)
    got: list = []
    lock = threading.Lock()

    def collect(e):
        with lock:
            got.extend((r, sims.clock.seconds()) for r in e.records if r.is_data)
    session.bus.subscribe(ReadingsArrived, collect)
    ports = sims.start()
    try:
        for name, (port, profile) in ports.items():
            session.instruments.connect(DeviceConfig(f"drill-{name}", profile, port=port))
        assert wait_until(lambda: len({r.device for r, _ in got}) == 2 and len(got) >= 6, 15)
        # the failure inject silences the meter; the analyser goes on
        sims.fail("meter")
        time.sleep(0.6)
        with lock:
            before = sum(r.device == "drill-meter" for r, _ in got)
        time.sleep(1.0)
        with lock:
            after = sum(r.device == "drill-meter" for r, _ in got)
            records = list(got)
    finally:
        session.instruments.stop_readers()
        sims.stop()
    assert after == before
    analyser = [(r, t) for r, t in records if r.device == "drill-analyser"]
    meter = [(r, t) for r, t in records if r.device == "drill-meter"]
    assert analyser and meter
    for r, t in analyser:       # the device sends µg/L; the hub stores mg/L (the vocabulary's unit, exact)
        reading = next(x for x in r.readings if x.parameter == "cadmium")
        assert reading.unit == "mg/L"
        lo, hi = sorted(concentration(sc, here_ch, tt) for tt in (t - 12, t + 1))
        assert lo - 1.1e-5 <= reading.value <= hi + 1.1e-5, (reading.value, lo, hi)
    cond = sc["instruments"][1]
    for r, t in meter:
        reading = next(x for x in r.readings if x.parameter == "conductivity")
        lo, hi = sorted(cond["background"] + cond["per_mg_l"] * concentration(sc, here_ch, tt) for tt in (t - 12, t + 1))
        assert lo - 0.06 <= reading.value <= hi + 0.06, (reading.value, lo, hi)
        assert reading.value > cond["background"] + 5         # the plume shows on the meter too

    # the trainee's work, then the scorecard
    pts = {role: session.write(lambda st, role=role, c=c: st.add_point(
        inc["uuid"], *reversed(spatial.point_at_chainage(st, river, c)), role=role))
        for role, c in (("upstream_control", sc["source_chainage_m"] - 1000),
                        ("water_intake", sc["intakes"][0]["chainage_m"]))}
    src = next(p for p in session.store.list_points(inc["uuid"]) if p["role"] == "source")
    for p in (pts["upstream_control"], src, point, pts["water_intake"]):
        session.write(lambda st, p=p: st.add_sample(p["uuid"]))
    tick = tick_entry(sc["scenario"], "report", True)
    session.write(lambda st: st.log(inc["uuid"], **tick))
    from fieldapp.reports.archive import issue_report
    report, _row = session.write(lambda st: issue_report(st, session.incident, "initial", confirm_gaps=True))
    card = scorecard(session.store, inc["uuid"], sc)
    assert card.item("first_report").ok and 29 <= card.first_report_min <= 32
    assert card.item("places").ok and card.item("places").value("en") == "4 of 4"
    assert card.item("deadlines").ok                                        # issued 30 min in, 2 h allowed
    assert card.item("checklist").value("en") == f"1 of {len(card.done_steps) + len(card.skipped_steps)} " \
                                                 f"({len(card.skipped_steps)} skipped)"
    assert not card.item("checklist").ok and len(card.done_steps) == 1
    pdf = tmp_path / "scorecard.pdf"
    pdf.write_bytes(scorecard_pdf(card, "zh"))
    text = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "演练评分表" in text and "EXERCISE" in text and "4/4" in text
    assert report.report_no.startswith("DRILL-")
    drill_pdf = subprocess.run(["pdftotext", "-raw", "-", "-"], input=report.pdf, capture_output=True, check=True).stdout
    assert "EXERCISE".encode() in drill_pdf                                # the watermark on the report

    # nothing of the drill in a real export or bundle (unless chosen)
    from fieldapp.exports.tables import export_layers
    from fieldapp.sync.export import export_bundle
    with pytest.raises(ValidationError, match="is a drill"):
        export_layers(session.store, inc["uuid"])
    layers = export_layers(session.store, inc["uuid"], include_drills=True)
    assert layers["points"].rows and layers["incident"].rows[0]["is_drill"] is True
    bundle = tmp_path / "real.fieldapp"
    manifest = session.write(lambda st: export_bundle(st, bundle))
    with zipfile.ZipFile(bundle) as z:
        body = b"".join(z.read(n) for n in z.namelist())
    drill_ids = {r[0] for r in session.store.conn.execute(
        "SELECT uuid FROM sampling_points WHERE incident_uuid = ? UNION SELECT uuid FROM incident_log "
        "WHERE incident_uuid = ? UNION SELECT uuid FROM report_archive WHERE incident_uuid = ?",
        (inc["uuid"],) * 3)} | {inc["uuid"]}
    assert real["uuid"].encode() in body and not any(u.encode() in body for u in drill_ids)
    assert [i["code"] for i in manifest["incidents"]] == ["REAL-1"]
    chosen = tmp_path / "with-drills.fieldapp"
    session.write(lambda st: export_bundle(st, chosen, include_drills=True))
    with zipfile.ZipFile(chosen) as z:
        assert inc["uuid"].encode() in b"".join(z.read(n) for n in z.namelist())

    # deleted as a whole (its facts records too); the real incident untouched
    from fieldapp.store.facts import save_facts
    session.write(lambda st: save_facts(st, inc["uuid"], signatory="演练签发人"))
    counts = session.write(lambda st: delete_drill(st, inc["uuid"]))
    assert counts["incidents"] == 1 and counts["sampling_points"] == 4 and counts["report_archive"] == 1
    assert counts["incident_fact_values"] >= 1 and "plume_scenarios" in counts
    left = session.store.conn.execute(
        "SELECT (SELECT COUNT(*) FROM incidents WHERE is_drill = 1), (SELECT COUNT(*) FROM incident_log "
        "WHERE incident_uuid = ?), (SELECT COUNT(*) FROM sampling_points WHERE incident_uuid = ?)",
        (inc["uuid"], real["uuid"])).fetchone()
    assert left == (0, 0, 1)
    assert session.store.check()["integrity"] == "ok"
    with pytest.raises(ValidationError, match="only a drill"):
        session.write(lambda st: delete_drill(st, real["uuid"]))


def test_not_drill_filter_covers_every_synced_table(store):
    from fieldapp.store.migrations.m005_sync import synced_tables

    for table in synced_tables(store.conn):
        assert not_drill_sql(store.conn, table), table        # no synced table escapes the filter
