"""CLI: ``fieldapp simulate`` and ``fieldapp instruments ports|profiles|check|record``.

``record`` is the headless logger: connect one device and store everything it sends into the
current incident until Ctrl-C or ``--seconds``, printing status changes as they happen.
"""
from __future__ import annotations

import time

from . import simulator
from .profiles import ProfileError, load_profile, load_profiles


def add_parser(subparsers, common=None) -> None:
    simulator.add_parser(subparsers)
    parents = [common] if common is not None else []
    p = subparsers.add_parser("instruments", parents=parents,
                              help="serial instruments: list ports and profiles, check a profile, record")
    sub = p.add_subparsers(dest="instruments_command", required=True)
    s = sub.add_parser("ports", help="list serial ports and the profiles their USB adapter suggests")
    s.add_argument("--profiles-dir")
    s.set_defaults(func=cmd_ports)
    s = sub.add_parser("profiles", help="list built-in and user profiles")
    s.add_argument("--profiles-dir")
    s.set_defaults(func=cmd_profiles)
    s = sub.add_parser("check", help="validate a user profile file")
    s.add_argument("file")
    s.set_defaults(func=cmd_check)
    s = sub.add_parser("record", parents=parents, help="log one device into the current incident")
    s.add_argument("profile", help="profile name or .yaml path")
    s.add_argument("--port", required=True)
    s.add_argument("--device", help="device label (default: the profile name)")
    s.add_argument("--incident", help="incident code (default: the last one used)")
    s.add_argument("--seconds", type=float, default=0, help="stop after this long (0: until Ctrl-C)")
    s.add_argument("--profiles-dir")
    s.set_defaults(func=cmd_record)


def _profiles(args):
    return load_profiles(*([args.profiles_dir] if getattr(args, "profiles_dir", None) else []))


def cmd_ports(args) -> int:
    from .ports import list_serial_ports, recognise
    profiles = _profiles(args)
    ports = list_serial_ports()
    if not ports:
        print("no serial ports found")
    for port in ports:
        guess = ", ".join(recognise(port, profiles)) or "-"
        print(f"{port.device}\t{port.usb_id or '-'}\t{port.description}\tprofiles: {guess}")
    return 0


def cmd_profiles(args) -> int:
    for name, prof in sorted(_profiles(args).items()):
        mode = "poll " + "/".join(prof.poll["commands"]) if prof.poll else "stream"
        print(f"{name}\t{prof.record['type']}\t{mode}\t{prof.description}\t({prof.source})")
    return 0


def cmd_check(args) -> int:
    try:
        prof = load_profile(args.file)
    except ProfileError as exc:
        print(f"fieldapp: error: {exc}")
        return 2
    print(f"ok: profile {prof.name!r} ({prof.record['type']}, {len(prof.channels)} channels)")
    return 0


def cmd_record(args) -> int:
    from fieldapp.cliutil import open_store_from_args as _store

    from .connection import ConnectionManager, DeviceConfig
    from .sink import InstrumentSink

    prof = simulator._resolve_profile(args.profile, getattr(args, "profiles_dir", None))
    store = _store(args)
    try:
        inc = None
        if args.incident:
            inc = next((i for i in store.list_incidents() if args.incident in (i["code"], i["uuid"])), None)
            if inc is None:
                print(f"fieldapp: error: no incident with code {args.incident}")
                return 2
        else:
            inc = store.last_incident()
        sink = InstrumentSink(store, inc["uuid"] if inc else None)
        device = args.device or prof.name
        def show(status):
            print(f"{status.device}: {status.state} {status.reason}".rstrip(), flush=True)

        mgr = ConnectionManager(on_records=sink, on_status=show)
        mgr.add(DeviceConfig(device, prof, port=args.port))
        started = time.monotonic()
        try:
            while not args.seconds or time.monotonic() - started < args.seconds:
                time.sleep(0.1)
        except KeyboardInterrupt:
            pass
        mgr.stop_all()
        sink.close()
        print(f"stored {sink.stats.raw_rows} raw records and {sink.stats.reading_rows} readings"
              + (f" into incident {inc['code']}" if inc else " (no incident open)"), flush=True)
        return 0
    finally:
        store.close()
