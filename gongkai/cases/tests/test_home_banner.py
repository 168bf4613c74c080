"""The 督办 banner on the staff home (the cases app's ``home.py`` hook)."""

import re
from datetime import date

import pytest
import time_machine

from gongkai.cases import services
from gongkai.cases.testing import make_urging

pytestmark = pytest.mark.django_db

ISSUED_AT = "2026-04-01 10:00 +0800"


def banner(client) -> str | None:
    """The banner's HTML on the staff home, or None."""
    response = client.get("/staff/")
    assert response.status_code == 200
    m = re.search(r'<section class="banner" id="urgings-banner".*?</section>', response.content.decode(), re.S)
    return m.group(0) if m else None


def test_the_addressed_agencys_clerk_sees_the_count_the_nearest_due_date_and_a_link_to_each(orgs, users, client_for):
    with time_machine.travel(ISSUED_AT):
        later = make_urging(orgs["yuandian"], users["sz_supervisor"], subject="逾期未答复", due_on=date(2026, 4, 10))
        sooner = make_urging(orgs["yuandian"], users["sz_supervisor"], subject="指南未更新", due_on=date(2026, 4, 8))
        elsewhere = make_urging(orgs["zhangwan"], users["sz_supervisor"], subject="张湾乡事项", due_on=date(2026, 4, 3))
        html = banner(client_for("yd_clerk"))
    assert html is not None
    assert 'aria-labelledby="urgings-banner-h"' in html and '<h2 id="urgings-banner-h">' in html
    assert "您所在机关有 2 项督办待办理。" in html
    assert "下一个办理期限：2026-04-08。" in html
    assert f'href="/staff/cases/urgings/{sooner.pk}/"' in html and f'href="/staff/cases/urgings/{later.pk}/"' in html
    assert html.index("指南未更新") < html.index("逾期未答复")  # nearest first
    assert f"/staff/cases/urgings/{elsewhere.pk}/" not in html and "张湾乡事项" not in html
    assert "已逾期" not in html


def test_another_agencys_clerk_and_the_issuing_supervisor_see_no_banner(orgs, users, client_for):
    make_urging(orgs["yuandian"], users["sz_supervisor"])
    assert banner(client_for("yd_head")) is not None
    assert banner(client_for("zw_clerk")) is None
    assert banner(client_for("sz_supervisor")) is None  # urged 原店镇, not its own 陕州区


def test_the_banner_disappears_once_the_urging_is_answered_and_closed(orgs, users, client_for):
    with time_machine.travel(ISSUED_AT):
        urging = make_urging(orgs["yuandian"], users["sz_supervisor"], due_on=date(2026, 4, 10))
    yd, clerk, supervisor, today = client_for("yd_clerk"), users["yd_clerk"], users["sz_supervisor"], date(2026, 4, 2)
    with time_machine.travel("2026-04-02 10:00 +0800"):
        assert "您所在机关有 1 项督办待办理。" in banner(yd)
        services.reply_urging(urging, text="已答复申请人", by=clerk, today=today)
        assert banner(yd) is None  # answered: now it waits for the supervisor
        services.confirm_urging(urging, accept=False, note="请附答复书", by=supervisor, today=today)
        assert banner(yd) is not None  # returned to the agency: open again
        services.reply_urging(urging, text="已附答复书", by=clerk, today=today)
        services.confirm_urging(urging, accept=True, note="办结", by=supervisor, today=today)
        urging.refresh_from_db()
        assert urging.status == "closed"
        assert banner(yd) is None


def test_an_overdue_urging_is_flagged_from_the_first_minutes_after_its_due_date(orgs, users, client_for):
    with time_machine.travel(ISSUED_AT):
        make_urging(orgs["yuandian"], users["sz_supervisor"], subject="逾期未答复", due_on=date(2026, 4, 10))
    yd = client_for("yd_clerk")
    with time_machine.travel("2026-04-10 23:59 +0800"):
        html = banner(yd)
        assert "已逾期" not in html and "下一个办理期限：2026-04-10。" in html
    # 00:30 in Shanghai is still 10 April in UTC: "today" is the local date.
    with time_machine.travel("2026-04-11 00:30 +0800"):
        html = banner(yd)
    assert "其中 1 项已逾期。" in html
    assert re.search(r"逾期未答复.*2026-04-10</time> <span class=\"badge overdue\">已逾期</span>", html, re.S)
    assert "下一个办理期限" not in html  # nothing is still ahead
