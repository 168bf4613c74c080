"""工作要点 / 台账 and the 政务新媒体 registry, and the narrative facts they feed."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from gongkai.cases import reporting, services
from gongkai.cases.models import NewMediaCheck, TaskAssignment
from gongkai.cases.testing import make_plan

from .paging import assert_pages_through

pytestmark = pytest.mark.django_db


def test_tasks_are_handed_down_to_agencies_of_the_subtree_only(orgs, users):
    plan = make_plan(orgs["shanzhou"], [orgs["yuandian"], orgs["zhangwan"]])
    with pytest.raises(ValidationError):
        services.add_task(plan, title="x", description="", due_on=None, assignees=[orgs["smx"]], by=None)
    assert TaskAssignment.objects.filter(task__plan=plan).count() == 2


def test_the_agency_reports_progress_with_evidence(orgs, users, client_for):
    plan = make_plan(orgs["shanzhou"], [orgs["yuandian"], orgs["zhangwan"]])
    a = TaskAssignment.objects.get(task__plan=plan, organization=orgs["yuandian"])
    c = client_for("yd_clerk")
    r = c.post(f"/staff/cases/assignments/{a.pk}/", {"status": "done", "evidence": ""})
    assert r.status_code == 200 and "请填写完成情况" in r.content.decode()
    assert c.post(f"/staff/cases/assignments/{a.pk}/", {"status": "done", "evidence": "已更新指南"}).status_code == 302
    a.refresh_from_db()
    assert a.status == "done" and a.completed_on is not None
    other = TaskAssignment.objects.get(task__plan=plan, organization=orgs["zhangwan"])
    assert c.get(f"/staff/cases/assignments/{other.pk}/").status_code == 404
    # the supervisor reads but does not report for the agency
    assert client_for("sz_supervisor").post(f"/staff/cases/assignments/{a.pk}/", {"status": "todo"}).status_code == 403


def test_a_supervisor_creates_a_plan_and_hands_down_tasks(orgs, client_for):
    c = client_for("sz_supervisor")
    r = c.post("/staff/cases/plans/new/", {"year": 2024, "title": "要点分解", "source": "河南省2024年政务公开工作要点"})
    assert r.status_code == 302
    plan_url = r["Location"]
    r = c.post(
        plan_url + "tasks/",
        {"title": "更新公开指南", "description": "", "assignees": [orgs["yuandian"].pk, orgs["dayang"].pk]},
    )
    assert r.status_code == 302
    assert "更新公开指南" in client_for("yd_clerk").get("/staff/cases/plans/").content.decode()


def test_the_ledger_records_meetings_trainings_and_self_inspections(orgs, client_for):
    c = client_for("yd_clerk")
    r = c.post(
        "/staff/cases/ledger/",
        {"kind": "training", "held_on": "2024-04-18", "title": "业务培训会", "participants": 23, "summary": ""},
    )
    assert r.status_code == 302
    facts = reporting.narrative_facts(orgs["yuandian"].pk, 2024)
    assert facts["trainings"] == [{"date": date(2024, 4, 18), "title": "业务培训会", "participants": 23}]
    assert facts["meetings"] == [] and facts["self_inspections"] == []
    assert "业务培训会" not in client_for("zw_clerk").get("/staff/cases/ledger/").content.decode()


def test_no_new_media_is_a_valid_recorded_answer(orgs):
    services.record_check(
        organization=orgs["yuandian"],
        year=2024,
        checked_on=date(2024, 9, 25),
        result="none",
        problems="",
        rectification="",
        by=None,
    )
    facts = reporting.narrative_facts(orgs["yuandian"].pk, 2024)["new_media"]
    assert facts["no_new_media"] and facts["count"] == 0 and facts["text"] == "经过排查，无政务新媒体。"


def test_no_new_media_is_refused_while_an_account_operates(orgs):
    services.save_account(
        organization=orgs["zhangwan"],
        data={
            "platform": "wechat",
            "name": "张湾乡发布",
            "operator": "党政办",
            "status": "active",
            "opened_on": date(2019, 1, 1),
        },
        by=None,
    )
    with pytest.raises(ValidationError):
        services.record_check(
            organization=orgs["zhangwan"],
            year=2024,
            checked_on=date(2024, 9, 25),
            result="none",
            problems="",
            rectification="",
            by=None,
        )
    check = services.record_check(
        organization=orgs["zhangwan"],
        year=2024,
        checked_on=date(2024, 9, 25),
        result="compliant",
        problems="",
        rectification="",
        by=None,
    )
    assert check.accounts_checked == 1
    facts = reporting.narrative_facts(orgs["zhangwan"].pk, 2024)["new_media"]
    assert facts["count"] == 1 and not facts["no_new_media"] and "张湾乡发布" in facts["accounts"][0]


def test_a_closed_account_needs_its_closing_date(orgs, client_for):
    r = client_for("yd_clerk").post(
        "/staff/cases/newmedia/accounts/new/",
        {"platform": "weibo", "name": "原店微博", "operator": "党政办", "status": "closed"},
    )
    assert r.status_code == 200 and "关停/整合日期" in r.content.decode()


def test_narrative_facts_count_tasks_done(orgs, users):
    plan = make_plan(orgs["shanzhou"], [orgs["yuandian"]], year=2024)
    a = TaskAssignment.objects.get(task__plan=plan)
    services.update_assignment(
        a, status="done", evidence="已完成", evidence_url="", completed_on=None, by=None, today=date(2024, 5, 1)
    )
    tasks = reporting.narrative_facts(orgs["yuandian"].pk, 2024)["tasks"]
    assert (tasks["assigned"], tasks["done"], tasks["plans"]) == (1, 1, ["河南省政务公开工作要点"])


def test_the_narrative_text_is_drafted_from_the_records(orgs, users):
    services.log_work(
        organization=orgs["yuandian"],
        kind="training",
        held_on=date(2024, 4, 18),
        title="培训",
        participants=None,
        summary="",
        by=None,
    )
    services.log_work(
        organization=orgs["yuandian"],
        kind="meeting",
        held_on=date(2024, 3, 1),
        title="会议",
        participants=None,
        summary="",
        by=None,
    )
    text = reporting.narrative_facts(orgs["yuandian"].pk, 2024)["text"]
    assert text["work"] == "全年召开政务公开工作会议1次，开展政务公开业务培训1次。"
    assert text["complaints"] == "未收到涉及政府信息公开工作的投诉、举报。"
    assert "ratings" not in text


# ---------------------------------------------------------------- paged lists


def test_the_plan_list_pages_through_every_plan_and_every_task(orgs, client_for, two_per_page):
    plans = [make_plan(orgs["shanzhou"], [orgs["yuandian"], orgs["zhangwan"]], year=2020 + i) for i in range(5)]
    url = reverse("cases:plan-list")
    assert_pages_through(
        client_for("sz_supervisor"), url, {"show": "plans"}, [f'href="/staff/cases/plans/{p.pk}/"' for p in plans]
    )
    tasks = TaskAssignment.objects.filter(organization=orgs["yuandian"])
    assert_pages_through(
        client_for("yd_clerk"),
        url,
        {"show": "tasks"},
        [f'href="/staff/cases/assignments/{a.pk}/"' for a in tasks],
        absent=[f'href="/staff/cases/assignments/{a.pk}/"' for a in TaskAssignment.objects.exclude(pk__in=tasks)],
    )


def test_the_ledger_pages_through_every_entry_keeping_the_kind(orgs, users, client_for, two_per_page):
    def log(kind, title):
        services.log_work(
            organization=orgs["yuandian"],
            kind=kind,
            held_on=date(2025, 3, 1),
            title=title,
            participants=None,
            summary="",
            by=users["yd_clerk"],
        )

    for i in range(5):
        log("meeting", f"政务公开工作会议第{i}次")
    log("training", "业务培训")
    assert_pages_through(
        client_for("yd_clerk"),
        reverse("cases:ledger"),
        {"kind": "meeting"},
        [f"<td>政务公开工作会议第{i}次</td>" for i in range(5)],
        absent=["业务培训</td>"],
    )


def test_the_new_media_pages_page_through_every_account_and_every_check(orgs, users, client_for, two_per_page):
    accounts = [
        services.save_account(
            organization=orgs["yuandian"],
            data={"platform": "wechat", "name": f"原店镇发布{i}号", "operator": "党政办", "status": "active"},
            by=users["yd_clerk"],
        )
        for i in range(5)
    ]
    url = reverse("cases:newmedia")
    c = client_for("yd_clerk")
    assert_pages_through(c, url, {}, [f'href="/staff/cases/newmedia/accounts/{a.pk}/"' for a in accounts])
    for year in range(2020, 2025):
        NewMediaCheck.objects.create(
            organization=orgs["yuandian"],
            year=year,
            checked_on=date(year, 11, 1),
            result="none",
            problems=f"问题{year}",
        )
    assert_pages_through(c, url, {"show": "checks"}, [f"问题{year}" for year in range(2020, 2025)])


def test_a_refused_check_shows_the_checks_without_a_pager_to_a_post_only_address(orgs, client_for, two_per_page):
    for year in range(2020, 2025):
        NewMediaCheck.objects.create(
            organization=orgs["yuandian"], year=year, checked_on=date(year, 11, 1), result="none"
        )
    r = client_for("yd_clerk").post(reverse("cases:check-new"), {"year": 2025})
    assert r.status_code == 400 and 'rel="next"' not in r.content.decode()
