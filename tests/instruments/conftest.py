"""Shared fixtures for instrument tests: profiles, an incident with a point, and helpers."""
from __future__ import annotations

from types import MappingProxyType

import pytest

from fieldapp.instruments.profiles import load_profiles

BUILTIN = sorted(load_profiles(user=False))


@pytest.fixture(scope="session")
def profiles():
    """Loaded once; read-only for tests (change a copy: dataclasses.replace)."""
    return MappingProxyType(load_profiles())


@pytest.fixture(autouse=True)
def _profiles_stay_as_loaded(request):
    """Fails a test that changed a shared profile in place (it would leak into later tests)."""
    if "profiles" not in request.fixturenames:
        yield
        return
    shared = request.getfixturevalue("profiles")
    before = {name: repr(p) for name, p in shared.items()}
    yield
    changed = [name for name, p in shared.items() if repr(p) != before[name]]
    assert not changed, f"test changed shared profiles in place: {changed}"


@pytest.fixture
def incident(store):
    inc = store.create_incident("化工厂泄漏 test spill")
    point = store.add_point(inc["uuid"], 30.59, 114.30, code="W-01", media="water")
    return inc, point
