"""Browser: 陕州区's supervisor finds 原店镇's overdue application on the desk and urges; 原店镇 answers; closed."""

from datetime import timedelta

import pytest
from django.utils import timezone

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_supervisor_urges_an_overdue_application_and_the_town_closes_it(page, login, world):
    from gongkai.applications.testing import make_application
    from gongkai.cases.models import Urging

    yd = world["orgs"]["yuandian"]
    app, _code = make_application(yd, today=timezone.localdate() - timedelta(days=60))

    login("sz_supervisor")
    page.goto("/staff/cases/desk/")
    town = page.locator("table.desk tbody tr", has=page.locator("th", has_text="原店镇"))
    assert town.locator("td").first.inner_text().strip() == "1"
    town.locator("th a").click()
    overdue = page.locator("#overdue tr.overdue-application")
    assert overdue.count() == 1 and app.number in overdue.inner_text()
    overdue.get_by_role("link", name="督办").click()
    assert page.locator("#id_subject").input_value() == f"申请 {app.number} 逾期未答复"
    due = (timezone.localdate() + timedelta(days=3)).isoformat()
    page.fill("#id_due_on", due)
    page.get_by_role("button", name="发出督办").click()
    assert "督办已发出" in page.locator(".messages").inner_text()
    assert page.locator("#urging-status").inner_text() == "待办理"
    urging = Urging.objects.get()
    assert urging.application_id == app.pk

    page.get_by_role("button", name="退出").first.click()
    login("yd_clerk")
    page.goto("/staff/cases/urgings/")
    page.get_by_role("link", name=f"申请 {app.number} 逾期未答复").click()
    page.fill("#id_text", "已于今日作出答复并送达申请人。")
    page.get_by_role("button", name="提交反馈").click()
    assert page.locator("#urging-status").inner_text() == "已反馈，待确认"

    page.get_by_role("button", name="退出").first.click()
    login("sz_supervisor")
    page.goto(f"/staff/cases/urgings/{urging.pk}/")
    page.get_by_label("确认办结").check()
    page.fill("#id_note", "已核实。")
    page.get_by_role("button", name="提交").click()
    assert page.locator("#urging-status").inner_text() == "已办结"

    page.get_by_role("button", name="退出").first.click()
    login("yd_clerk")
    page.goto(f"/staff/cases/urgings/{urging.pk}/")
    assert page.locator("#urging-status").inner_text() == "已办结"
    assert "已于今日作出答复" in page.content()
