"""CLI: ``fieldapp simulate`` and ``fieldapp instruments ports|profiles|check|record|learn``.

``record`` is the headless logger: connect one device and store everything it sends into the
current incident until Ctrl-C or ``--seconds``, printing status changes and, every few seconds,
how many lines and readings are stored. ``learn`` listens to an unknown device, proposes a
profile, shows what it would read, and saves it into the user profile folder.

Every mistake (a broken profile, an unknown name, a port in use) is one line on stderr, exit 2.
"""
from __future__ import annotations

import functools
import sys
import time

from . import simulator
from .profiles import ProfileError, find_profile, load_profile, scan_profiles, user_profile_dir


def _fail(exc) -> int:
    print(f"fieldapp: error: {exc}", file=sys.stderr)
    return 2


def _one_line(fn):
    """Known mistakes become one stderr line and exit status 2, never a traceback."""
    @functools.wraps(fn)
    def run(args):
        from .connection import PortInUse
        from .learn import LearnError
        from .sim_formats import SimulatorError
        try:
            return fn(args)
        except (ProfileError, LearnError, SimulatorError, PortInUse) as exc:
            return _fail(exc)
    return run


def add_parser(subparsers, common=None) -> None:
    simulator.add_parser(subparsers)
    parents = [common] if common is not None else []
    p = subparsers.add_parser("instruments", parents=parents,
                              help="serial instruments: ports, profiles, check, record, learn a new device",
                              description=f"Device profiles: built-in ones plus yours in {user_profile_dir()}")
    sub = p.add_subparsers(dest="instruments_command", required=True)
    s = sub.add_parser("ports", help="list serial ports and the profiles their USB adapter suggests")
    s.add_argument("--profiles-dir", help="an extra folder of profiles")
    s.set_defaults(func=cmd_ports)
    s = sub.add_parser("profiles", help="list built-in and user profiles (broken files: one line each on stderr)")
    s.add_argument("--profiles-dir", help="an extra folder of profiles")
    s.set_defaults(func=cmd_profiles)
    s = sub.add_parser("check", help="validate a profile file (errors: one line on stderr, exit 2)")
    s.add_argument("file")
    s.set_defaults(func=cmd_check)
    s = sub.add_parser("record", parents=parents, help="log one device into the current incident")
    s.add_argument("profile", help="profile name or .yaml path")
    s.add_argument("--port", required=True)
    s.add_argument("--device", help="device label (default: the profile name)")
    s.add_argument("--incident", help="incident code (default: the last one used)")
    s.add_argument("--seconds", type=float, default=0, help="stop after this long (0: until Ctrl-C)")
    s.add_argument("--progress", type=float, default=5.0, help="print what is stored every N seconds")
    s.add_argument("--profiles-dir", help="an extra folder of profiles")
    s.set_defaults(func=cmd_record)
    _add_learn(sub)


def _add_learn(sub) -> None:
    s = sub.add_parser("learn", help="listen to a new device, propose a profile, preview it, save it",
                       description="Connect the cable and switch the device to continuous output (or give "
                                   "--send for a meter that answers commands). FieldApp tries common baud "
                                   "rates, shows the lines, proposes a profile and the values it would read.")
    s.add_argument("--port", required=True)
    s.add_argument("--name", default="", help="profile name (default: learned_YYYYMMDD_HHMM)")
    s.add_argument("--baud", type=int, action="append", help="baud rate to try (repeat; default: common rates)")
    s.add_argument("--seconds", type=float, default=3.0, help="listen this long per baud rate")
    s.add_argument("--send", action="append", help="command to send (e.g. GETMEAS); repeat for several")
    s.add_argument("--set", action="append", default=[], metavar="CHANNEL=PARAMETER",
                   help="name a channel's parameter (e.g. 'field 8=turbidity'); repeat")
    s.add_argument("--save", action="store_true", help="save the profile into the user profile folder")
    s.add_argument("--out", help="save to this folder instead")
    s.set_defaults(func=cmd_learn)


def _profiles(args):
    profiles, problems = scan_profiles(*([args.profiles_dir] if getattr(args, "profiles_dir", None) else []))
    for line in problems:
        print(f"fieldapp: warning: skipped {line}", file=sys.stderr)
    return profiles, problems


@_one_line
def cmd_ports(args) -> int:
    from .ports import list_serial_ports, recognise
    profiles, _problems = _profiles(args)
    ports = list_serial_ports()
    if not ports:
        print("no serial ports found")
    for port in ports:
        guess = ", ".join(recognise(port, profiles)) or "-"
        print(f"{port.device}\t{port.usb_id or '-'}\t{port.description}\tprofiles: {guess}")
    return 0


@_one_line
def cmd_profiles(args) -> int:
    profiles, problems = _profiles(args)
    for name, prof in sorted(profiles.items()):
        mode = "poll " + "/".join(prof.poll["commands"]) if prof.poll else "stream"
        mark = " [modelled format]" if prof.modelled else ""
        print(f"{name}\t{prof.record['type']}\t{mode}\t{prof.description}{mark}\t({prof.source})")
    print(f"(your own profiles: {user_profile_dir()})")
    return 2 if problems else 0


@_one_line
def cmd_check(args) -> int:
    prof = load_profile(args.file)
    print(f"ok: profile {prof.name!r} ({prof.record['type']}, {len(prof.channels)} channels)")
    return 0


def _incident(store, code: str | None):
    if not code:
        return store.last_incident()
    from fieldapp.store import StoreError

    inc = next((i for i in store.list_incidents() if code in (i["code"], i["uuid"])), None)
    if inc is None:
        raise StoreError(f"no incident with code {code}; see `fieldapp incidents`")
    return inc


class _Tally:
    """Counts what the reader delivered (for the progress lines), then hands it to the sink."""

    def __init__(self, sink):
        self.sink, self.lines, self.problems = sink, 0, 0

    def __call__(self, records) -> None:
        self.lines += sum(1 for r in records if r.is_data)
        self.problems += sum(1 for r in records if r.status in ("error", "quarantined"))
        self.sink.submit(records)


@_one_line
def cmd_record(args) -> int:
    from fieldapp.cliutil import open_store_from_args as _store

    from .connection import ConnectionManager, DeviceConfig
    from .sink import InstrumentSink

    if not args.profile.endswith((".yaml", ".yml")):
        _profiles(args)                         # a broken file nearby is warned about, not fatal
    prof = find_profile(args.profile, *([args.profiles_dir] if args.profiles_dir else []))
    store = _store(args)
    try:
        inc = _incident(store, args.incident)
        sink = InstrumentSink(store, inc["uuid"] if inc else None)
        tally = _Tally(sink)
        device = args.device or prof.name

        def show(status):
            print(f"{status.device}: {status.state} {status.reason}".rstrip(), flush=True)

        mgr = ConnectionManager(on_records=tally, on_status=show)
        mgr.add(DeviceConfig(device, prof, port=args.port))
        _run_until(args, lambda: _progress(device, tally))
        mgr.stop_all()
        sink.close()
        print(f"stored {sink.stats.raw_rows} raw records and {sink.stats.reading_rows} readings"
              + (f" into incident {inc['code']}" if inc else " (no incident open)"), flush=True)
        return 0
    finally:
        store.close()


def _progress(device: str, tally: _Tally) -> None:
    tally.sink.flush(2.0)
    st = tally.sink.stats
    print(f"{device}: {tally.lines} data lines, {st.reading_rows} readings stored"
          + (f", {tally.problems} unreadable" if tally.problems else "")
          + (f"; NOT SAVED: {st.last_error}" if st.failures else ""), flush=True)


def _run_until(args, tick) -> None:
    started = last = time.monotonic()
    try:
        while not args.seconds or time.monotonic() - started < args.seconds:
            time.sleep(0.1)
            if args.progress and time.monotonic() - last >= args.progress:
                tick()
                last = time.monotonic()
    except KeyboardInterrupt:
        pass


@_one_line
def cmd_learn(args) -> int:
    from .learn import COMMON_BAUDS, LearnError, listen, propose, save

    bauds = tuple(args.baud) if args.baud else COMMON_BAUDS
    capture = listen(args.port, bauds, args.seconds, args.send,
                     progress=lambda b: print(f"listening at {b} baud…", flush=True))
    print(f"best: {capture.baudrate} baud ({', '.join(f'{b}: {s:.0%}' for b, s in capture.tried.items())})")
    print("lines heard:")
    for line in capture.lines[:8]:
        print("  " + line.decode("cp1252", "replace"))
    name = args.name or time.strftime("learned_%Y%m%d_%H%M")
    proposal = propose(capture.lines, name, capture.baudrate, args.send)
    for item in args.set:
        channel, _, parameter = item.partition("=")
        if not parameter:
            raise LearnError(f"--set {item!r}: write CHANNEL=PARAMETER, e.g. 'field 8=turbidity'")
        proposal.rename(channel.strip(), parameter.strip())
    print("\nproposed profile:\n" + proposal.yaml())
    for note in proposal.notes:
        print(f"note: {note}")
    _show_preview(proposal, capture, args.send)
    if proposal.unnamed:
        print("not named yet (use --set CHANNEL=PARAMETER): " + ", ".join(proposal.unnamed))
    if args.save or args.out:
        path = save(proposal.profile, args.out)
        print(f"saved {path}")
    else:
        print("not saved: add --save to keep it")
    return 0


def _show_preview(proposal, capture, sent) -> None:
    from fieldapp.vocab import parameter_label

    from .learn import preview
    records = preview(proposal.profile, capture.lines, sent)
    data = [r for r in records if r.is_data]
    print(f"\npreview: {len(data)} of {len(capture.lines)} lines read into values")
    for rec in data[:3]:
        print("  " + "; ".join(f"{r.channel} -> {parameter_label(r.parameter, r.parameter, 'en')} = "
                               f"{r.text} {r.unit_orig}".rstrip() for r in rec.readings))
    bad = [r for r in records if r.status in ("error", "quarantined")]
    if bad:
        print(f"  {len(bad)} line(s) not read: {bad[0].reason}")
