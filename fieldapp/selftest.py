"""``fieldapp --selftest``: prove on this machine, in seconds, that every part the field needs works.

Each check uses the real parts on a throw-away store in a temporary folder (the user's data is
never touched): the store with SpatiaLite and its spatial index, toolkit search, the vocabulary's
verdict, the plume model (numpy/scipy), Chinese PDF reports with embedded fonts, offline map
rendering in QtWebEngine, the interface's translations and font, the main window with every panel,
and a serial loopback through the instrument decoder. One line per check, then a verdict; exit status 0 only when every check passed.

The Qt checks run offscreen, so the self-test also works over SSH or on a machine without a
desktop; as root (CI), Chromium's sandbox is switched off for this run, since it refuses root.
"""
from __future__ import annotations

import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path

CheckFn = Callable[["Context"], str]


class CheckFailed(Exception):
    """A check's own finding (what is wrong, in words); any other exception is reported as well."""


class Context:
    """What the checks share: the temporary folder, the store with the demo incident, the PDF."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.store = None
        self.incident: dict | None = None

    def close(self) -> None:
        if self.store is not None:
            self.store.close()


def require(condition, message: str) -> None:
    if not condition:
        raise CheckFailed(message)


def check_resources(ctx: Context) -> str:
    from fieldapp.core.resources import resource_path, resource_root, where
    from fieldapp.reports.fonts import FONT_NAME, face_path

    root = resource_root()
    wanted = [("toolkit", "pollutants.yaml"), ("toolkit", "scenarios.yaml"), ("vocab", "parameters.yaml"),
              ("reports", "grading_2014.json"), ("i18n", "fieldapp_zh_CN.qm"),
              ("web", "vendor", "leaflet-1.9.3", "leaflet.js")]
    missing = ["/".join(p) for p in wanted if not resource_path(*p).is_file()]
    require(not missing, f"missing in {root}: {', '.join(missing)}")
    font = face_path(FONT_NAME)
    require(font is not None, "the Chinese font (wqy-zenhei.ttc) is not bundled or installed")
    profiles = len(list(resource_path("instruments").glob("*.yaml")))
    return f"{where()} copy, data in {root}, {profiles} device profiles, Chinese font {font}"


def check_store(ctx: Context) -> str:
    from fieldapp.demo import create_demo_incident
    from fieldapp.maps.spatial import points_within
    from fieldapp.store import open_store

    st = ctx.store = open_store(ctx.folder / "selftest.sqlite", create=True)
    st.set_identity("自检 Self-test", "自检 Self-test", "selftest")
    ctx.incident = create_demo_incident(st)
    health = st.check()
    require(health["integrity"] == "ok" and health["spatial_index"] == "ok", f"store check: {health}")
    src = next(p for p in st.list_points(ctx.incident["uuid"]) if p["role"] == "source")
    near = {d.uuid for d in points_within(st, src["lon"], src["lat"], 5000)}
    scan = {r[0] for r in st.conn.execute(
        "SELECT uuid FROM sampling_points WHERE deleted = 0 AND PtDistWithin(geom, MakePoint(?, ?, 4326), ?, 1)",
        (src["lon"], src["lat"], 5000))}
    require(near and near == scan, f"spatial index answer {len(near)} points, full scan {len(scan)}")
    version = st.conn.execute("SELECT spatialite_version()").fetchone()[0]
    geos = st.conn.execute("SELECT geos_version()").fetchone()[0]
    return (f"SpatiaLite {version} (GEOS {geos}) {_origin(('mod_spatialite', 'libgeos_c'))}, demo incident, "
            f"{len(near)} points within 5 km found through the spatial index")


def _origin(names: tuple[str, ...]) -> str:
    """Where the loaded libraries come from (Linux: the process's memory map), e.g. "from the
    bundle" for a frozen copy that must not depend on the system's SpatiaLite."""
    from fieldapp.core.resources import frozen_dir

    try:
        maps = Path("/proc/self/maps").read_text().splitlines()
    except OSError:
        return ""
    paths = {ln.split()[-1] for ln in maps if any(n in ln.rsplit("/", 1)[-1] for n in names)}
    bundle = frozen_dir()
    if bundle is not None and paths and all(p.startswith(str(bundle)) for p in paths):
        return "loaded from the bundle"
    return "loaded from " + ", ".join(sorted(paths)) if paths else ""


def check_toolkit(ctx: Context) -> str:
    """Every pollutant of the toolkit is found first by its Chinese name, its English name and
    each CAS number, and a misspelt English name still finds it (the typo tier)."""
    from fieldapp.toolkit import load_toolkit
    from fieldapp.toolkit.search import open_search

    toolkit = load_toolkit()
    search = open_search(ctx.store.conn, toolkit)
    wrong, asked = [], 0
    for entry in toolkit.pollutants:
        queries = [entry["name"]["zh"], entry["name"]["en"]]
        queries += [c["number"] for c in entry["identity"].get("cas") or [] if c.get("number")]
        for q in queries:
            asked += 1
            hits = search.search(q, limit=3)
            if not hits or hits[0].doc_id != entry["id"]:
                wrong.append(f"{q} -> {hits[0].doc_id if hits else 'nothing'}")
    one_word = [e for e in toolkit.pollutants if e["name"]["en"].isalpha()]
    longest = max(one_word, key=lambda e: len(e["name"]["en"]))
    typo = longest["name"]["en"][:4] + longest["name"]["en"][5:]          # one letter left out
    hits = search.search(typo, limit=3)
    if not hits or hits[0].doc_id != longest["id"]:
        wrong.append(f"{typo} (typo) -> {hits[0].doc_id if hits else 'nothing'}")
    require(not wrong, f"{len(wrong)} wrong first hits: {'; '.join(wrong[:4])}")
    return f"{len(toolkit.pollutants)} pollutants each found by Chinese and English name and CAS ({asked} queries), " \
           f"and '{typo}' finds {longest['name']['zh']}"


def check_verdict(ctx: Context) -> str:
    from fieldapp.vocab import judge

    over = judge("镉", "12", "µg/L", standard="GB3838-III")
    ok = judge("Cd", "0.001", "mg/L", standard="GB3838-III")
    nd = judge("Tl", "ND", "mg/L", standard="GB5749")
    require(over.status == "exceeded" and abs((over.multiple or 0) - 1.4) < 1e-9,
            f"Cd 12 µg/L against GB 3838 III: {over.status} {over.multiple}")
    require(ok.status != "exceeded", f"Cd 0.001 mg/L: {ok.status}")
    require(nd.status == "not_detected", f"Tl ND: {nd.status}")
    return f"Cd 12 µg/L → {over.words('zh')} ({over.words('en')}); ND and below-limit values judged"


def check_plume(ctx: Context) -> str:
    from fieldapp.plume import records, service

    saved = records.load(ctx.store, ctx.incident["uuid"])
    require(saved is not None, "the demo incident has no saved forecast scenario")
    out = service.run(ctx.store, ctx.incident, saved["inputs"], saved_fit=saved["fit"])
    sections = service.to_json(out)["sections"]
    reached = [s for s in sections if s["hours"]["arrival"] is not None]
    require(reached, "the forecast reaches no downstream section")
    last = reached[-1]
    return f"front reaches {len(reached)} of {len(sections)} sections, {last['code']} after " \
           f"{last['hours']['arrival']:.1f} h (numpy/scipy)"


def check_pdf(ctx: Context) -> str:
    from fieldapp.reports.archive import make_report

    report = make_report(ctx.store, ctx.incident, "initial", "zh")
    path = ctx.folder / "initial.pdf"
    path.write_bytes(report.pdf)
    fonts = pdf_fonts(report.pdf)
    require(fonts, "the PDF names no fonts")
    embedded = sorted({name.split("+")[-1] for name, emb in fonts if emb})
    bare = [name for name, emb in fonts if not emb and name not in STANDARD_14]
    require(embedded, "no font is embedded: Chinese text would not show on another computer")
    require(not bare, f"fonts not embedded: {', '.join(bare)}")
    require(not report.replaced_chars, f"characters missing from the font: {report.replaced_chars}")
    std = sorted({name for name, emb in fonts if not emb})
    note = f"; {', '.join(std)} named but not embedded (a PDF standard font every viewer has)" if std else ""
    return f"initial report {report.report_no}: {report.pages} page(s), {len(report.pdf) // 1024} KB, " \
           f"embedded: {', '.join(embedded)}{note}"


# The 14 fonts PDF viewers must provide themselves (ISO 32000-1, 9.6.2.2): never embedded, and
# never used for Chinese.
STANDARD_14 = {"Times-Roman", "Times-Bold", "Times-Italic", "Times-BoldItalic", "Helvetica", "Helvetica-Bold",
               "Helvetica-Oblique", "Helvetica-BoldOblique", "Courier", "Courier-Bold", "Courier-Oblique",
               "Courier-BoldOblique", "Symbol", "ZapfDingbats"}


def pdf_fonts(pdf: bytes) -> list[tuple[str, bool]]:
    """(BaseFont name, embedded?) for each font dictionary of a reportlab PDF (its object
    dictionaries are plain text). Embedded subsets carry a FontFile2 (TrueType) in their
    descriptor; reportlab writes each font's descriptor as its own object."""
    import re

    objects = dict(re.findall(rb"\n(\d+) 0 obj\s*(.*?)endobj", pdf, re.S))
    found = []
    for body in objects.values():
        if b"/Type /Font" not in body or b"/BaseFont" not in body:
            continue
        name = re.search(rb"/BaseFont /([^\s/<>\[\]]+)", body).group(1).decode("latin-1")
        if b"/Subtype /Type0" in body:           # the descendant font holds the descriptor
            continue
        desc = re.search(rb"/FontDescriptor (\d+) 0 R", body)
        descriptor = objects.get(desc.group(1), b"") if desc else b""
        found.append((name, b"/FontFile" in descriptor))
    return found


def check_serial(ctx: Context) -> str:
    from fieldapp.instruments import StreamDecoder, builtin_profile
    from fieldapp.instruments.sim_formats import Faults, RecordEncoder

    profile = builtin_profile("wtw_multi")
    import random

    encoder = RecordEncoder(profile, random.Random(7), Faults())
    lines, _n, _bad = encoder.record()
    data = b"".join(lines)
    port = _loopback()
    try:
        port.write(data)
        port.flush()
        got = _read_exactly(port, len(data))
    finally:
        port.close()
    require(got == data, f"loopback returned {len(got)} of {len(data)} bytes")
    records = StreamDecoder(profile).feed(got) + StreamDecoder(profile).flush("end")
    readings = [r for rec in records if rec.is_data for r in rec.readings]
    require(readings, f"the decoder made no readings of {data!r}")
    kind = "pseudo-terminal pair" if os.name == "posix" else "pyserial loop://"
    names = ", ".join(sorted({r.parameter for r in readings})[:4])
    return f"{len(data)} bytes through a {kind}, decoded by the wtw_multi profile: {names}"


def _loopback():
    """A port whose writes come back on read: on Linux/macOS pyserial on a
    pseudo-terminal (the kernel's tty layer, as for a USB adapter) with an echo plug on the other
    end; elsewhere pyserial's loop://."""
    import serial

    if os.name != "posix":
        return serial.serial_for_url("loop://", timeout=1)
    return _PtyEcho(serial)


class _PtyEcho:
    def __init__(self, serial):
        self.master, self.slave = os.openpty()
        self.port = serial.Serial(os.ttyname(self.slave), 9600, timeout=1)

    def write(self, data: bytes) -> None:
        self.port.write(data)
        self.port.flush()
        echoed, deadline = b"", time.monotonic() + 2
        while len(echoed) < len(data) and time.monotonic() < deadline:
            echoed += os.read(self.master, len(data) - len(echoed))
        os.write(self.master, echoed)      # the plug sends back what it received

    def flush(self) -> None:
        pass

    def read(self, n: int) -> bytes:
        return self.port.read(n)

    def close(self) -> None:
        self.port.close()
        os.close(self.master)
        os.close(self.slave)


def _read_exactly(port, n: int) -> bytes:
    got, deadline = b"", time.monotonic() + 3
    while len(got) < n and time.monotonic() < deadline:
        got += port.read(n - len(got))
    return got


CHECKS: list[tuple[str, CheckFn]] = [
    ("data files", check_resources),
    ("store + SpatiaLite + spatial index", check_store),
    ("toolkit search", check_toolkit),
    ("verdict (vocabulary)", check_verdict),
    ("plume forecast", check_plume),
    ("PDF report, Chinese fonts embedded", check_pdf),
]


QT_CHECK_NAMES = ("interface translations + font", "offline map rendering", "main window with every panel")


def qt_checks() -> list[tuple[str, CheckFn]]:
    from fieldapp.ui.selftest_qt import check_interface, check_map, check_window

    return [("interface translations + font", check_interface), ("offline map rendering", check_map),
            ("main window with every panel", check_window)]


def prepare_headless_qt() -> None:
    """Offscreen Qt; WebEngine allowed as root (it refuses without its sandbox otherwise)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
    os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--disable-gpu")


def run_check(name: str, fn: CheckFn, ctx: Context, out) -> bool:
    started = time.monotonic()
    try:
        detail, ok = fn(ctx), True
    except CheckFailed as exc:
        detail, ok = str(exc), False
    except Exception as exc:
        frame = traceback.extract_tb(exc.__traceback__)[-1]
        detail, ok = f"{type(exc).__name__}: {exc} ({Path(frame.filename).name}:{frame.lineno})", False
    mark = "PASS" if ok else "FAIL"
    print(f"{mark}  {name}: {detail} ({time.monotonic() - started:.2f} s)", file=out, flush=True)
    return ok


def run(out=None) -> int:
    """Run every check; 0 when all passed, 1 otherwise."""
    out = out or sys.stdout
    prepare_headless_qt()
    print(f"FieldApp self-test on {_machine()}", file=out, flush=True)
    started = time.monotonic()
    failed: list[str] = []
    with tempfile.TemporaryDirectory(prefix="fieldapp-selftest-") as tmp:
        ctx = Context(Path(tmp))
        try:
            checks = CHECKS + [("serial loopback", check_serial)]
            for i, (name, fn) in enumerate(checks):
                if not run_check(name, fn, ctx, out):
                    failed.append(name)
                if i == 0 and failed:
                    break            # without its data files nothing else can be judged
            if failed != ["data files"]:
                for name, fn in _qt_checks_or_failure(out, failed):
                    if not run_check(name, fn, ctx, out):
                        failed.append(name)
        finally:
            ctx.close()
    total = len(CHECKS) + 1 + len(QT_CHECK_NAMES)
    took = time.monotonic() - started
    if failed:
        print(f"RESULT: FAILED — {len(failed)} of {total} checks failed ({', '.join(failed)}) in {took:.1f} s; "
              "自检未通过", file=out, flush=True)
        return 1
    print(f"RESULT: PASSED — all {total} checks passed in {took:.1f} s; 自检通过", file=out, flush=True)
    return 0


def _qt_checks_or_failure(out, failed: list[str]):
    try:
        return qt_checks()
    except Exception as exc:   # Qt itself cannot load (missing system library): say which
        print(f"FAIL  Qt: cannot load the interface libraries: {exc}", file=out, flush=True)
        failed.extend(name for name in QT_CHECK_NAMES)
        return []


def _machine() -> str:
    import platform

    return f"{platform.system()} {platform.release()} {platform.machine()}, Python {platform.python_version()}"
