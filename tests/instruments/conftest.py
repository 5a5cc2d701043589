"""Shared fixtures for instrument tests: profiles, an incident with a point, and helpers."""
from __future__ import annotations

import pytest

from fieldapp.instruments.profiles import load_profiles

BUILTIN = sorted(load_profiles())


@pytest.fixture(scope="session")
def profiles():
    return load_profiles()


@pytest.fixture
def incident(store):
    inc = store.create_incident("化工厂泄漏 test spill")
    point = store.add_point(inc["uuid"], 30.59, 114.30, code="W-01", media="water")
    return inc, point
