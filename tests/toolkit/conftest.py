"""Fixtures for toolkit tests: the parsed data documents (deep-copied per test so tests may break them)."""

from __future__ import annotations

import copy

import pytest
import yaml

from fieldapp.toolkit.data import POLLUTANTS_FILE, RESOURCE_DIR, SCENARIOS_FILE, load_toolkit

_DOCS = {
    name: yaml.safe_load((RESOURCE_DIR / name).read_text(encoding="utf-8"))
    for name in (POLLUTANTS_FILE, SCENARIOS_FILE)
}


@pytest.fixture
def docs():
    """(pollutant_doc, scenario_doc), fresh copies."""
    return copy.deepcopy(_DOCS[POLLUTANTS_FILE]), copy.deepcopy(_DOCS[SCENARIOS_FILE])


@pytest.fixture(scope="session")
def toolkit():
    return load_toolkit()


@pytest.fixture(scope="session")
def searcher(toolkit):
    from fieldapp.toolkit.search import open_search

    return open_search(None, toolkit)
