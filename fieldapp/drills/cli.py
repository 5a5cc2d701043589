"""`fieldapp drill …`: the scenario files, and the simulator's scenario mode on its own (ports a
team can point any tool at, e.g. to rehearse without the window)."""
from __future__ import annotations

import time

from fieldapp.cliutil import fail


def add_parser(subparsers, common=None):
    p = subparsers.add_parser("drill", help="drill scenarios and their simulated instruments",
                              description="List the drill scenarios, or run a scenario's simulated instruments "
                                          "on virtual serial ports (readings follow its plume at --chainage).")
    sub = p.add_subparsers(dest="drill_command", required=True)
    sub.add_parser("list", help="the drill scenarios").set_defaults(func=cmd_list)
    r = sub.add_parser("simulate", help="run a scenario's instruments on ptys; prints their ports")
    r.add_argument("scenario", help="scenario id (see `fieldapp drill list`)")
    r.add_argument("--chainage", type=float, required=True, help="where the trainee stands, metres along the river")
    r.add_argument("--at", type=float, default=3600, help="scenario seconds since the release (default 3600)")
    r.add_argument("--seconds", type=float, default=0, help="stop after this long (0: until Ctrl-C)")
    r.set_defaults(func=cmd_simulate)
    return p


def cmd_list(args) -> int:
    from .scenario import scenarios

    for sid, sc in scenarios().items():
        print(f"{sid}\t{sc['scenario']}\t{sc.name('zh')}\t{sc.name('en')}")
    return 0


def cmd_simulate(args) -> int:
    from .scenario import ScenarioError, scenario
    from .sim import DrillInstruments

    try:
        sc = scenario(args.scenario)
    except ScenarioError as exc:
        return fail(str(exc))
    sims = DrillInstruments(sc, args.at)
    sims.position.chainage_m = args.chainage
    for name, (port, profile) in sims.start().items():
        print(f"{name}\t{port}\t{profile.name}", flush=True)
    started = time.monotonic()
    try:
        while not args.seconds or time.monotonic() - started < args.seconds:
            time.sleep(0.1)
    except KeyboardInterrupt:
        pass
    finally:
        sims.stop()
    return 0
