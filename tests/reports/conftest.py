"""One demo store per module: building the demo incident takes a second or two."""
from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    from fieldapp.demo import create_demo_incident
    from fieldapp.store import open_store

    st = open_store(tmp_path_factory.mktemp("rep") / "demo.sqlite", create=True)
    st.set_identity("某县生态环境监测站", "应急一队", "laptop-01", ["张三"])
    inc = create_demo_incident(st)
    yield st, inc
    st.close()



@pytest.fixture(scope="module")
def benzene(tmp_path_factory):
    """The second, hand-made incident (tests/reports/benzene.py): air point, pH both ways, map-only intake."""
    from benzene import add_intake_site, create_benzene_incident
    from fieldapp.store import open_store

    st = open_store(tmp_path_factory.mktemp("bz") / "bz.sqlite", create=True)
    st.set_identity("某市生态环境监测站", "应急二队", "laptop-02", ["李四"])
    inc = create_benzene_incident(st)
    add_intake_site(st, inc["uuid"])
    yield st, inc
    st.close()
