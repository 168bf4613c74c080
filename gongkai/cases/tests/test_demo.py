"""The demo data: every screen has something, and 原店镇 2024 matches the seed report."""

import pytest

from gongkai.cases import demo, reporting
from gongkai.cases.models import Bulletin, Case, Complaint, NewMediaAccount, Rating, Urging, WorkLog, WorkPlan

pytestmark = pytest.mark.django_db


def test_the_demo_loads_twice_and_matches_the_seed(world, client_for):
    demo.load(world)
    counts = [
        m.objects.count() for m in (Case, Complaint, Urging, Bulletin, WorkPlan, WorkLog, NewMediaAccount, Rating)
    ]
    assert all(counts), counts
    demo.load(world)
    assert counts == [
        m.objects.count() for m in (Case, Complaint, Urging, Bulletin, WorkPlan, WorkLog, NewMediaAccount, Rating)
    ]
    yd = world["orgs"]["yuandian"].pk
    assert reporting.section4([yd], 2024) == [0] * 15
    facts = reporting.narrative_facts(yd, 2024)
    assert facts["new_media"]["no_new_media"] and facts["new_media"]["text"] == "经过排查，无政务新媒体。"
    assert facts["trainings"] and facts["meetings"] and facts["self_inspections"]
    district = [o.pk for o in world["orgs"].values()]
    assert sum(reporting.section4(district, 2024)) > 0
    for user, url in [
        ("sz_supervisor", "/staff/cases/desk/"),
        ("sz_supervisor", "/staff/cases/bulletins/"),
        ("sz_supervisor", "/staff/cases/ratings/"),
        ("yd_clerk", "/staff/cases/"),
        ("yd_clerk", "/staff/cases/complaints/"),
        ("yd_clerk", "/staff/cases/urgings/"),
        ("yd_clerk", "/staff/cases/plans/"),
        ("yd_clerk", "/staff/cases/ledger/"),
        ("yd_clerk", "/staff/cases/newmedia/"),
    ]:
        r = client_for(user).get(url)
        assert r.status_code == 200, url
        assert "暂无" not in r.content.decode(), url
