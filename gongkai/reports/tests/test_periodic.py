from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail

from gongkai.audit.models import AuditEntry
from gongkai.reports import periodic, schedule
from gongkai.reports.models import ReportDeadline, ReportReminder

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Asia/Shanghai")


def _at(y, m, d):
    return datetime(y, m, d, 9, 0, tzinfo=TZ)


def test_it_reminds_each_organization_once_before_its_deadline(world, settings, django_capture_on_commit_callbacks):
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    orgs = world["orgs"]
    with time_machine.travel(_at(2026, 1, 10)):
        assert periodic.tick(_at(2026, 1, 10)) == 0  # 21 days before 2026-01-31: too early
    with time_machine.travel(_at(2026, 1, 20)), django_capture_on_commit_callbacks(execute=True):
        sent = periodic.tick(_at(2026, 1, 20))
        # Townships and departments are due 1月31日; governments (province/city/county) 3月31日.
        due_in_january = [o for o in orgs.values() if o.level in ("township", "department")]
        assert sent == len(due_in_january)
        assert periodic.tick(_at(2026, 1, 20)) == 0  # a restart does not send again
    assert ReportReminder.objects.filter(organization=orgs["yuandian"], year=2025, days_before=14).exists()
    yd_mail = [m for m in mail.outbox if "yd_clerk@example.gov.cn" in m.to]
    assert len(yd_mail) == 1 and "2026年01月31日" in yd_mail[0].subject
    assert AuditEntry.objects.filter(action="report.deadline_reminder", organization=orgs["yuandian"]).count() == 1
    with time_machine.travel(_at(2026, 1, 29)):
        assert periodic.tick(_at(2026, 1, 29)) == len(due_in_january)  # the 3-day reminder
    with time_machine.travel(_at(2026, 2, 2)):
        assert periodic.tick(_at(2026, 2, 2)) == 0  # past the deadline: the supervisor's desk shows it
    with time_machine.travel(_at(2026, 3, 20)):
        assert periodic.tick(_at(2026, 3, 20)) == len(orgs) - len(due_in_january)  # governments, 11 days ahead


def test_deadlines_are_data_per_level_and_per_organization(world):
    orgs = world["orgs"]
    ReportDeadline.objects.filter(level="township").update(month=1, day=20)
    ReportDeadline.objects.create(organization=orgs["zhangwan"], month=2, day=10, remind_days="5")
    assert schedule.due_date(orgs["yuandian"], 2025).isoformat() == "2026-01-20"
    assert schedule.due_date(orgs["zhangwan"], 2025).isoformat() == "2026-02-10"
    assert schedule.due_date(orgs["szfgw"], 2025).isoformat() == "2026-01-31"  # 条例 第四十九条第一款
    assert schedule.due_date(orgs["shanzhou"], 2025).isoformat() == "2026-03-31"  # 本级政府: 第二款


def test_no_reminder_once_the_report_is_published(world):
    from gongkai.reports import services

    from .test_workflow import _fill, _publish, _yearly_figures

    orgs, users = world["orgs"], world["users"]
    _yearly_figures(orgs["yuandian"], users["yd_clerk"], 2025)
    r = services.create_report(organization=orgs["yuandian"], year=2025, by=users["yd_clerk"])
    from datetime import date

    _publish(_fill(r.open_version(), users["yd_clerk"]), users, on=date(2026, 1, 5), override_reason="测试")
    with time_machine.travel(_at(2026, 1, 20)):
        periodic.tick(_at(2026, 1, 20))
    assert not ReportReminder.objects.filter(organization=orgs["yuandian"]).exists()
    assert ReportReminder.objects.filter(organization=orgs["zhangwan"]).exists()


def test_an_administrator_edits_deadlines_in_the_admin(world, client_for):
    c = client_for("admin")
    rule = ReportDeadline.objects.get(level="township")
    resp = c.get(f"/admin/reports/reportdeadline/{rule.pk}/change/")
    assert resp.status_code == 200 and "remind_days" in resp.content.decode()
    assert c.get("/admin/reports/report/").status_code == 200
