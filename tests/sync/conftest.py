"""Fixtures for sync tests: three laptops (real store files) that trust each other, and team A's data."""
from __future__ import annotations

import pytest
from sync_helpers import copy_laptops, make_laptop, trust_each_other


@pytest.fixture(scope="session")
def laptop_templates(tmp_path_factory):
    """Made once: creating a SpatiaLite store takes ~0.2 s, copying its file takes ~1 ms."""
    d = tmp_path_factory.mktemp("laptops")
    stores = [make_laptop(d / "a.sqlite", "应急一队", "laptop-a"), make_laptop(d / "b.sqlite", "应急二队", "laptop-b"),
              make_laptop(d / "w.sqlite", "部工作组", "laptop-w")]
    trust_each_other(*stores)
    for s in stores:
        s.close()
    return [d / "a.sqlite", d / "b.sqlite", d / "w.sqlite"]


@pytest.fixture
def laptops(tmp_path, laptop_templates):
    """Team A and B in the field, W the working group; everyone trusts everyone."""
    a, b, w = copy_laptops(laptop_templates, tmp_path)
    yield a, b, w
    for s in (a, b, w):
        s.close()


@pytest.fixture
def team_a_data(laptops):
    a = laptops[0]
    inc = a.create_incident("尾矿库泄漏 tailings leak", "2026-11-01 08:00", code="T-01")
    p1 = a.add_point(inc["uuid"], 24.65, 108.20, role="source", name="排口")
    p2 = a.add_point(inc["uuid"], 24.60, 108.25, role="downstream", name="下游断面")
    s1 = a.add_sample(p1["uuid"], collected_by="张三")
    a.add_custody_event(s1["uuid"], "张三", "实验室", new_status="in_transit")
    a.add_measurement(p1["uuid"], "Cd", "0.012", "mg/L")
    a.add_measurement(p2["uuid"], "Pb", "<0.001", "mg/L")
    return inc, p1, p2, s1
