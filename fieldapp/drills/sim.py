"""The simulator's scenario mode: simulated instruments whose readings follow the scenario's plume
at the trainee's position.

Each instrument is a ``fieldapp.instruments.simulator.DeviceSimulator`` (a real pty speaking a
real profile); the channels the scenario names get a value source that asks the plume model
(fieldapp.drills.plume.concentration) at the drill clock and the trainee's chainage; the others
keep the profile's own simulated values. The trainee's position is set from the point they work
at (``position.set``); the chainage is computed once there (fieldapp.maps.spatial), so the
simulator thread only reads a number.
"""
from __future__ import annotations

import random
import threading
import time
from pathlib import Path

import yaml

from fieldapp.instruments.profiles import builtin_profile, profile_from_dict
from fieldapp.instruments.sim_formats import Faults, ValueSource
from fieldapp.instruments.simulator import DeviceSimulator
from fieldapp.maps import spatial

from .plume import concentration
from .scenario import DRILL_DIR, Scenario

ANALYSER_FILE = DRILL_DIR / "drill_analyser.yaml"


class TraineePosition:
    """Where the trainee stands: a chainage along the drill's river (None: off the river)."""

    def __init__(self):
        self._lock = threading.Lock()
        self.chainage_m: float | None = None
        self.where: tuple[float, float] | None = None

    def set(self, store, incident_uuid: str, lon: float, lat: float) -> float | None:
        c = spatial.chainage(store, lon, lat, incident_uuid)
        with self._lock:
            self.chainage_m = c.chainage_m if c.method == "river" else None
            self.where = (lon, lat)
        return self.chainage_m

    def get(self) -> float | None:
        with self._lock:
            return self.chainage_m


class DrillClock:
    """Scenario seconds since the release: wall time since ``started`` (monotonic) × time scale."""

    def __init__(self, scenario_seconds_at_start: float, scale: float):
        self.t0, self.base, self.scale = time.monotonic(), scenario_seconds_at_start, scale

    def seconds(self) -> float:
        return self.base + (time.monotonic() - self.t0) * self.scale


class PlumeValue(ValueSource):
    """A channel whose value is ``offset + factor × C(trainee, now)``."""

    def __init__(self, spec: dict, rng, sc: Scenario, clock: DrillClock, position: TraineePosition,
                 factor: float, offset: float = 0.0):
        super().__init__(spec, rng)
        self.sc, self.clock, self.position, self.factor, self.offset = sc, clock, position, factor, offset

    def value(self) -> float:
        return self.offset + self.factor * concentration(self.sc, self.position.get(), self.clock.seconds())


def analyser_profile(spec: dict):
    """The drill analyser profile with the scenario's parameter and unit filled in."""
    text = ANALYSER_FILE.read_text(encoding="utf-8")
    data = yaml.safe_load(text.replace("PARAMETER", spec["parameter"]).replace("UNIT", spec["unit"]))
    data["simulate"]["values"]["value"]["decimals"] = int(spec.get("decimals", 3))
    return profile_from_dict(data, str(ANALYSER_FILE))


class DrillInstrument:
    def __init__(self, spec: dict, sc: Scenario, clock: DrillClock, position: TraineePosition,
                 link: Path | None = None, seed: int | None = None):
        self.spec, self.name = spec, spec["name"]
        if spec["profile"] == "drill_analyser":
            self.profile = analyser_profile(spec)
            token, factor, offset = "value", float(spec.get("factor", 1.0)), 0.0
        else:
            self.profile = builtin_profile(spec["profile"])
            token, factor, offset = spec["token"], float(spec["per_mg_l"]), float(spec["background"])
        self.sim = DeviceSimulator(self.profile, faults=Faults(), seed=seed, link=link)
        enc = self.sim.encoder
        base = dict(enc.sources[token].spec, noise=0.0, drift=0.0)
        enc.sources[token] = PlumeValue(base, random.Random(seed), sc, clock, position, factor, offset)
        self.token, self.failed = token, False
        self.port = ""

    def start(self) -> str:
        self.port = self.sim.start()
        return self.port

    def fail(self) -> None:
        """The inject 'instrument failure': the device goes silent (its port stays, nothing comes)."""
        self.failed = True
        self.sim.halt()

    def stop(self) -> None:
        self.sim.stop()


class DrillInstruments:
    """The scenario's simulated instruments, started together; ``ports`` names what to connect."""

    def __init__(self, sc: Scenario, scenario_seconds: float, seed: int | None = None):
        self.sc = sc
        self.position = TraineePosition()
        self.clock = DrillClock(scenario_seconds, sc.time_scale)
        self.instruments = {spec["name"]: DrillInstrument(spec, sc, self.clock, self.position, seed=seed)
                            for spec in sc["instruments"]}

    def start(self) -> dict[str, tuple[str, object]]:
        """name -> (port, profile) of every instrument, running."""
        return {name: (inst.start(), inst.profile) for name, inst in self.instruments.items()}

    def fail(self, name: str) -> None:
        if name in self.instruments:
            self.instruments[name].fail()

    def stop(self) -> None:
        for inst in self.instruments.values():
            inst.stop()
