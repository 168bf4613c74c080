"""Lifecycle stories under frozen time, one per path (dates use the 2026 arrangement)."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from gongkai.applications import periodic, services
from gongkai.applications.models import AgencySettings, ClockEntry, ClockState, LetterKind
from gongkai.applications.reporting import section3
from gongkai.applications.testing import make_application
from gongkai.applications.workflow import Conflict, Status
from gongkai.audit.models import AuditEntry

from .helpers import fresh, on

pytestmark = pytest.mark.django_db


def today():
    return timezone.localdate()


def decide_and_approve(app, users, category, **kw):
    services.draft_decision(app, category=category, by=users["yd_clerk"], version=app.version, today=today(), **kw)
    app = fresh(app)
    services.review_decision(
        app, approve=True, comments="", by=users["yd_reviewer"], version=app.version, today=today()
    )
    return fresh(app)


def test_it_answers_a_granted_application_within_20_working_days(orgs, users):
    with on("2026-03-02"):  # Monday, received in person
        app, code = make_application(orgs["yuandian"])
        assert app.due_on == date(2026, 3, 30)
        assert app.status == Status.RECEIVED and app.clock_state == ClockState.RUNNING
        assert app.letters.get().kind == LetterKind.RECEIPT
        assert services.code_matches(app, code)
    with on("2026-03-20"):
        app = decide_and_approve(app, users, "granted", access_instructions="以电子邮件发送至申请人邮箱")
    assert app.status == Status.ANSWERED and app.is_closed
    assert app.concluded_on == date(2026, 3, 20) and app.decision_category == "granted"
    assert app.clock_state == ClockState.CLOSED and app.due_on is None
    reply = app.letters.get(kind=LetterKind.REPLY_GRANTED)
    assert "2026年3月2日" in reply.text and "予以公开" in reply.text
    assert "六十日" in reply.text and "六个月" in reply.text and "应当先" not in reply.text
    assert reply.pdf.size > 1000 and reply.docx.size > 1000
    actions = list(AuditEntry.objects.for_object(app).values_list("action", flat=True))
    assert {"applications.registered", "applications.decision_drafted", "applications.answered"} <= set(actions)


def test_partial_disclosure_with_third_party_consultation_excludes_the_consultation_time(orgs, users):
    with on("2026-03-02"):
        app, _ = make_application(orgs["yuandian"])
    with on("2026-03-04"):
        c = services.start_consultation(
            app,
            kind="third_party",
            party="某建设公司",
            party_address="陕州区",
            matter="投标文件中的报价明细",
            by=users["yd_clerk"],
            version=app.version,
            today=today(),
        )
        app = fresh(app)
        assert app.status == Status.CONSULTING and app.clock_state == ClockState.PAUSED and app.due_on is None
        assert c.due_on == date(2026, 3, 25)
        assert app.letters.filter(kind=LetterKind.THIRD_PARTY, to_applicant=False).exists()
    with on("2026-03-10"):
        services.record_consultation_answer(
            c,
            outcome="objects",
            opinion="涉及商业秘密",
            answered_on=today(),
            by=users["yd_clerk"],
            version=app.version,
            today=today(),
        )
        app = fresh(app)
        # 18 working days were left on 03-04; counted again from 03-10 → 04-03
        assert app.status == Status.RECEIVED and app.due_on == date(2026, 4, 3)
    with on("2026-03-16"):
        with pytest.raises(ValidationError):  # 部分公开 needs the ground of the withheld part
            services.draft_decision(
                app,
                category="partial",
                reasons="x",
                access_instructions="y",
                by=users["yd_clerk"],
                version=app.version,
                today=today(),
            )
        app = decide_and_approve(
            app,
            users,
            "partial",
            partial_withheld_category="withheld.third_party",
            reasons="报价明细涉及第三方商业秘密，第三方不同意公开",
            access_instructions="可公开部分随本答复书送达",
        )
    assert app.decision_category == "partial"
    text = app.letters.get(kind=LetterKind.REPLY_PARTIAL).text
    assert "部分公开" in text and "商业秘密" in text
    assert "应当先" in text and "行政复议" in text and "六个月" in text  # 复议前置 for the withheld part


def test_correction_then_answered_restarts_the_clock(orgs, users):
    with on("2026-03-02"):
        app, _ = make_application(orgs["yuandian"])
        assert app.correction_due_on == date(2026, 3, 11)
    with on("2026-03-05"):
        services.request_correction(
            app,
            items="请写明道路名称",
            respond_by=date(2026, 3, 20),
            by=users["yd_clerk"],
            version=app.version,
            today=today(),
        )
        app = fresh(app)
        assert app.status == Status.CORRECTION and app.clock_state == ClockState.PAUSED and app.due_on is None
        with pytest.raises(ValidationError):  # 一次性告知
            services.request_correction(
                app,
                items="again",
                respond_by=date(2026, 3, 25),
                by=users["yd_clerk"],
                version=app.version,
                today=today(),
            )
    with on("2026-03-12"):
        services.submit_correction(app, response="乡道Y001", online=True, by=None, today=today())
        app = fresh(app)
        assert app.status == Status.RECEIVED and app.due_on == date(2026, 4, 10)  # 清明 04-04..06
    assert list(ClockEntry.objects.filter(application=app).values_list("kind", flat=True)) == [
        "received",
        "correction_requested",
        "correction_received",
    ]


def test_a_correction_notice_after_7_working_days_is_refused(orgs, users):
    with on("2026-03-02"):
        app, _ = make_application(orgs["yuandian"])
    with on("2026-03-12"), pytest.raises(ValidationError):
        services.request_correction(
            app, items="x", respond_by=date(2026, 3, 30), by=users["yd_clerk"], version=app.version, today=today()
        )


def test_a_lapsed_correction_ends_the_case_as_other_handling_1(orgs, users):
    with on("2026-03-02"):
        app, _ = make_application(orgs["yuandian"])
    with on("2026-03-05"):
        services.request_correction(
            app,
            items="请写明道路名称",
            respond_by=date(2026, 3, 13),
            by=users["yd_clerk"],
            version=app.version,
            today=today(),
        )
    with on("2026-03-13"):
        periodic.tick(timezone.now())
        assert fresh(app).status == Status.CORRECTION  # still the last day
    with on("2026-03-16"):
        periodic.tick(timezone.now())
        periodic.tick(timezone.now())  # a second tick changes nothing
    app = fresh(app)
    assert app.status == Status.CLOSED and app.decision_category == "other.no_correction"
    assert app.concluded_on == date(2026, 3, 16)
    assert app.letters.filter(kind=LetterKind.REPLY_OTHER).count() == 1


def test_an_extension_needs_the_heads_approval_and_happens_once(orgs, users):
    with on("2026-03-02"):
        app, _ = make_application(orgs["yuandian"])
    with on("2026-03-20"):
        with pytest.raises(ValidationError):
            services.request_extension(
                app, days=21, reason="x", by=users["yd_clerk"], version=app.version, today=today()
            )
        services.request_extension(
            app, days=20, reason="需要调阅档案", by=users["yd_clerk"], version=app.version, today=today()
        )
        app = fresh(app)
        assert app.due_on == date(2026, 3, 30)  # not yet approved
        with pytest.raises(PermissionDenied):
            services.decide_extension(app, approve=True, by=users["yd_clerk"], version=app.version, today=today())
    with on("2026-03-23"):
        services.decide_extension(app, approve=True, by=users["yd_head"], version=app.version, today=today())
        app = fresh(app)
        assert app.due_on == date(2026, 4, 28) and app.extended_days == 20
        assert "20个工作日" in app.letters.get(kind=LetterKind.EXTENSION).text
        with pytest.raises(ValidationError):
            services.request_extension(
                app, days=5, reason="x", by=users["yd_clerk"], version=app.version, today=today()
            )


def test_a_paid_fee_notice_resumes_the_clock(orgs, users):
    with on("2026-03-02"):
        app, _ = make_application(orgs["yuandian"])
    with on("2026-03-04"):
        with pytest.raises(ValidationError):  # the 1st application of the month is free 按件
            services.issue_fee_notice(
                app, method="per_item", pages=None, by=users["yd_clerk"], version=app.version, today=today()
            )
        req = services.issue_fee_notice(
            app, method="per_page", pages=150, by=users["yd_clerk"], version=app.version, today=today()
        )
        assert req.fee_amount == 1700
        app = fresh(app)
        assert app.status == Status.FEE_PENDING and app.clock_state == ClockState.PAUSED
        assert "1700" in app.letters.get(kind=LetterKind.FEE).text
    with on("2026-03-09"):
        services.record_fee_paid(app, by=users["yd_clerk"], version=app.version, today=today())
        app = fresh(app)
        assert app.status == Status.RECEIVED
        assert app.due_on == date(2026, 4, 2)  # 3 working days (5, 6, 9) excluded


def test_the_eleventh_application_of_a_month_costs_100_yuan_per_item(orgs, users):
    with on("2026-03-02"):
        apps = [make_application(orgs["yuandian"])[0] for _ in range(11)]
        quote = services.fee_quote(apps[-1], method="per_item", pages=None)
        assert quote.quantity == 11 and quote.amount == 100
        assert services.fee_quote(apps[9], method="per_item", pages=None).amount == 0


def test_an_unpaid_fee_ends_the_case_as_other_handling_2(orgs, users):
    AgencySettings.objects.update_or_create(organization=orgs["yuandian"], defaults={"payment_days": 5})
    with on("2026-03-02"):
        app, _ = make_application(orgs["yuandian"])
    with on("2026-03-04"):
        req = services.issue_fee_notice(
            app, method="per_page", pages=40, by=users["yd_clerk"], version=app.version, today=today()
        )
        assert req.respond_by == date(2026, 3, 11)
    with on("2026-03-12"):
        assert periodic.run_lapses(today()) == 1
    app = fresh(app)
    assert app.status == Status.CLOSED and app.decision_category == "other.unpaid_fee"


def test_a_repeat_application_is_declined_with_reasons(orgs, users):
    with on("2026-03-02"):
        app, _ = make_application(orgs["yuandian"])
        with pytest.raises(ValidationError):
            services.draft_decision(
                app, category="declined.repeat", reasons=" ", by=users["yd_clerk"], version=app.version, today=today()
            )
        app = decide_and_approve(app, users, "declined.repeat", reasons="本机关已于2026年2月答复相同申请")
    assert app.decision_category == "declined.repeat"
    assert "不予处理" in app.letters.get(kind=LetterKind.REPLY_DECLINED).text


def test_a_withheld_decision_carries_the_reconsideration_first_notice(orgs, users):
    with on("2026-03-02"):
        app, _ = make_application(orgs["yuandian"])
        app = decide_and_approve(app, users, "withheld.process_information", reasons="属于内部讨论记录")
    text = app.letters.get(kind=LetterKind.REPLY_WITHHELD).text
    assert "第二十三条" in text and "应当先" in text


def test_a_reviewer_can_return_a_draft_with_comments_and_the_head_reviews_where_configured(orgs, users):
    AgencySettings.objects.update_or_create(organization=orgs["yuandian"], defaults={"head_review_required": True})
    with on("2026-03-02"):
        app, _ = make_application(orgs["yuandian"])
        services.draft_decision(
            app,
            category="unable.not_held",
            reasons="经检索不存在",
            by=users["yd_clerk"],
            version=app.version,
            today=today(),
        )
        app = fresh(app)
        with pytest.raises(PermissionDenied):  # the drafter cannot approve
            services.review_decision(
                app, approve=True, comments="", by=users["yd_clerk"], version=app.version, today=today()
            )
        with pytest.raises(ValidationError):
            services.review_decision(
                app, approve=False, comments="", by=users["yd_reviewer"], version=app.version, today=today()
            )
        services.review_decision(
            app, approve=False, comments="请补充检索范围", by=users["yd_reviewer"], version=app.version, today=today()
        )
        app = fresh(app)
        assert app.status == Status.RECEIVED and app.decision_category == ""
        services.draft_decision(
            app,
            category="unable.not_held",
            reasons="经检索档案室和业务科室均不存在",
            by=users["yd_clerk"],
            version=app.version,
            today=today(),
        )
        app = fresh(app)
        services.review_decision(
            app, approve=True, comments="", by=users["yd_reviewer"], version=app.version, today=today()
        )
        app = fresh(app)
        assert app.status == Status.REVIEW and app.review_stage == "head"
        with pytest.raises(PermissionDenied):
            services.review_decision(
                app, approve=True, comments="", by=users["yd_reviewer"], version=app.version, today=today()
            )
        services.review_decision(
            app, approve=True, comments="", by=users["yd_head"], version=app.version, today=today()
        )
        assert fresh(app).status == Status.ANSWERED


def test_an_application_open_on_31_december_is_carried_over(orgs, users):
    with on("2025-12-22"):
        app, _ = make_application(orgs["yuandian"])
    with on("2026-01-12"):
        decide_and_approve(app, users, "granted", access_instructions="邮寄")
    ids = [orgs["yuandian"].pk]
    y2025, y2026 = section3(ids, 2025), section3(ids, 2026)
    assert y2025["new"] == [1, 0, 0, 0, 0, 0, 1] and y2025["carried_out"][6] == 1 and y2025["total"][6] == 0
    assert y2026["carried_in"][6] == 1 and y2026["new"][6] == 0 and y2026["granted"][0] == 1
    assert y2026["total"][6] == 1 and y2026["carried_out"][6] == 0


def test_two_clerks_acting_at_once_one_wins_and_nothing_is_half_written(orgs, users):
    with on("2026-03-02"):
        app, _ = make_application(orgs["yuandian"])
        seen_by_a, seen_by_b = fresh(app), fresh(app)
        services.request_correction(
            seen_by_a,
            items="x",
            respond_by=date(2026, 3, 20),
            by=users["yd_clerk"],
            version=seen_by_a.version,
            today=today(),
        )
        audit_before = AuditEntry.objects.count()
        with pytest.raises(Conflict):
            services.start_consultation(
                seen_by_b,
                kind="coproducer",
                party="区自然资源局",
                party_address="",
                matter="x",
                by=users["yd_head"],
                version=seen_by_b.version,
                today=today(),
            )
        assert AuditEntry.objects.count() == audit_before
        assert not fresh(app).consultations.exists() and fresh(app).status == Status.CORRECTION


def test_withdrawal_is_counted_as_other_handling_3(orgs, users):
    with on("2026-03-02"):
        app, _ = make_application(orgs["yuandian"])
        services.withdraw(app, reason="申请人书面撤回", by=users["yd_clerk"], version=app.version, today=today())
    app = fresh(app)
    assert app.status == Status.WITHDRAWN and app.decision_category == "other.other"
    assert section3([orgs["yuandian"].pk], 2026)["other.other"][6] == 1


def test_staff_split_a_multi_item_application_keeping_the_receipt_day_and_code(orgs, users):
    with on("2026-03-02"):
        app, code = make_application(orgs["yuandian"])
    with on("2026-03-04"):
        with pytest.raises(ValidationError):
            services.split(app, items=["只有一项"], by=users["yd_clerk"], version=app.version, today=today())
        parts = services.split(
            app, items=["道路合同", "", "验收报告"], by=users["yd_clerk"], version=app.version, today=today()
        )
    assert len(parts) == 1
    part = parts[0]
    assert fresh(app).description == "道路合同" and part.description == "验收报告"
    assert part.received_on == date(2026, 3, 2) and part.due_on == date(2026, 3, 30) and part.number != app.number
    assert services.code_matches(part, code)
    assert section3([orgs["yuandian"].pk], 2026)["new"][6] == 2
