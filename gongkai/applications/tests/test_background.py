"""Reminders, lapses, signals and the report counts."""

from datetime import date

import pytest
from django.core import mail
from django.utils import timezone

from gongkai.applications import insights, periodic, services
from gongkai.applications.reporting import ROW_IDS, section3, section3_records
from gongkai.applications.testing import make_application
from gongkai.audit.models import AuditEntry

from .helpers import fresh, on

pytestmark = pytest.mark.django_db


def test_reminders_go_to_clerk_and_supervisors_once_per_deadline(orgs, users):
    with on("2026-03-02"):
        app, _ = make_application(orgs["yuandian"])  # due 2026-03-30
    with on("2026-03-24"):
        assert periodic.tick(timezone.now()) == 0  # 4 working days left
    with on("2026-03-25"):
        assert periodic.tick(timezone.now()) == 1
        sent = {addr for m in mail.outbox for addr in m.to}
        assert {users["yd_clerk"].email, users["sz_supervisor"].email, users["smx_supervisor"].email} <= sent
        assert users["zw_clerk"].email not in sent
        assert periodic.tick(timezone.now()) == 0  # once per deadline, even after a restart
    with on("2026-03-31"):
        mail.outbox.clear()
        assert periodic.tick(timezone.now()) == 1
        assert all("已超期" in m.subject for m in mail.outbox)
        assert periodic.tick(timezone.now()) == 0
    assert fresh(app).reminded_overdue_for == date(2026, 3, 30)
    assert AuditEntry.objects.for_object(app).filter(action="applications.reminder_overdue").count() == 1


def test_a_new_deadline_after_an_extension_is_reminded_again(orgs, users):
    with on("2026-03-02"):
        app, _ = make_application(orgs["yuandian"])
    with on("2026-03-25"):
        periodic.tick(timezone.now())
        services.request_extension(
            app, days=5, reason="x", by=users["yd_clerk"], version=fresh(app).version, today=timezone.localdate()
        )
        services.decide_extension(
            fresh(app), approve=True, by=users["yd_head"], version=fresh(app).version, today=timezone.localdate()
        )
        assert fresh(app).due_on == date(2026, 4, 7)
    with on("2026-04-01"):
        assert periodic.send_reminders(timezone.localdate()) == 1


def test_a_silent_third_party_resumes_the_clock_when_its_window_ends(orgs, users):
    with on("2026-03-02"):
        app, _ = make_application(orgs["yuandian"])
        c = services.start_consultation(
            app,
            kind="third_party",
            party="某公司",
            party_address="",
            matter="x",
            by=users["yd_clerk"],
            version=app.version,
            today=timezone.localdate(),
        )
        assert c.due_on == date(2026, 3, 23)
    with on("2026-03-24"):
        periodic.tick(timezone.now())
    app = fresh(app)
    assert app.status == "received" and app.consultations.get().outcome == "lapsed"
    # 20 working days, minus nothing used before 03-02, restart from 03-23: 04-21 (清明 04-06)
    assert app.due_on == date(2026, 4, 21)


def test_signals_flag_repeats_heavy_applicants_and_common_requests(orgs, users):
    yd = orgs["yuandian"]
    with on("2026-03-02"):
        first, _ = make_application(yd, description="原店镇2025年村道建设项目合同")
        services.draft_decision(
            first,
            category="granted",
            access_instructions="邮寄",
            by=users["yd_clerk"],
            version=first.version,
            today=timezone.localdate(),
        )
        services.review_decision(
            fresh(first),
            approve=True,
            comments="",
            by=users["yd_reviewer"],
            version=fresh(first).version,
            today=timezone.localdate(),
        )
        again, _ = make_application(yd, description="原店镇2025年村道建设项目的合同")
        kinds = {h.kind for h in insights.hints_for(again)}
        assert "repeat" in kinds and "heavy" not in kinds and "proactive" not in kinds
        for i in range(9):
            make_application(yd, description=f"其他事项{i}号文件")
        assert "heavy" in {h.kind for h in insights.hints_for(fresh(again))}
        make_application(yd, id_number="11010519900307001X", description="原店镇2025年村道建设项目合同")
        last, _ = make_application(yd, id_number="110105198001010030", description="原店镇2025年村道建设项目合同")
        assert "proactive" in {h.kind for h in insights.hints_for(last)}


def test_section3_balances_and_drills_down(orgs, users):
    yd, zw = orgs["yuandian"], orgs["zhangwan"]
    with on("2025-12-29"):
        make_application(yd, applicant_type="commercial", id_type="uscc", id_number="91350100M000100Y43")
        make_application(zw)
    with on("2026-02-02"):
        a, _ = make_application(yd)
        services.withdraw(a, reason="x", by=users["yd_clerk"], version=a.version, today=timezone.localdate())
    s = section3([yd.pk], 2026)
    assert set(s) == set(ROW_IDS)
    for c in range(7):
        assert s["new"][c] + s["carried_in"][c] == s["total"][c] + s["carried_out"][c]
    assert s["carried_in"] == [0, 1, 0, 0, 0, 0, 1] and s["other.other"] == [1, 0, 0, 0, 0, 0, 1]
    assert [x.pk for x in section3_records([yd.pk], 2026, "other.other", 6)] == [a.pk]
    assert section3_records([yd.pk], 2026, "carried_in", 1).count() == 1
    assert section3_records([yd.pk], 2026, "carried_in", 0).count() == 0
    assert section3([yd.pk, zw.pk], 2025)["new"][6] == 2
    assert section3([yd.pk], 2024)["new"][6] == 0


def test_a_silent_co_producer_is_deemed_to_agree(orgs, users):
    from gongkai.applications import clockwork

    with on("2026-03-02"):
        app, _ = make_application(orgs["yuandian"])
        services.start_consultation(
            app,
            kind="coproducer",
            party="陕州区自然资源局",
            party_address="",
            matter="x",
            by=users["yd_clerk"],
            version=app.version,
            today=timezone.localdate(),
        )
        assert fresh(app).letters.filter(kind="coproducer", to_applicant=False).exists()
    with on("2026-03-24"):
        periodic.tick(timezone.now())
        st = clockwork.state_of(fresh(app), today=timezone.localdate())
    assert any("视为同意公开" in line for line in st.explanation)
    assert fresh(app).status == "received"


def test_a_calendar_change_moves_stored_deadlines(orgs, users):
    from gongkai.workdays import services as workdays

    with on("2026-03-02"):
        app, _ = make_application(orgs["yuandian"])
        assert app.due_on == date(2026, 3, 30)
        rows = workdays.parse_days("2026-03-20,holiday,临时放假")
        change = workdays.import_days(rows=rows, by=users["admin"], today=timezone.localdate())
    assert fresh(app).due_on == date(2026, 3, 31)
    assert any(c.obj.pk == app.pk and c.new_due == date(2026, 3, 31) for c in change.changed)
