"""The applicant withdraws online on the status page (撤回申请), through the same service staff use."""

import re
from datetime import date

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from gongkai.applications import periodic, services
from gongkai.applications.models import ApplicantRequest, ClockState, Consultation
from gongkai.applications.reporting import section3, section3_records
from gongkai.applications.testing import make_application
from gongkai.applications.workflow import Status
from gongkai.audit.models import AuditEntry
from gongkai.workdays.clock import Kind

from .helpers import fresh, on

pytestmark = pytest.mark.django_db
REASON = "已通过其他途径获得该信息"


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()


def signed_in(app, code) -> Client:
    c = Client()
    assert c.post(reverse("applications_public:lookup"), {"number": app.number, "code": code}).status_code == 302
    return c


def withdraw_url(app):
    return reverse("applications_public:withdraw", args=[app.number])


def status_url(app):
    return reverse("applications_public:status", args=[app.number])


def post(c, app, **data):
    fields = {"reason": REASON, "confirm": "on", **data}
    return c.post(withdraw_url(app), {f"withdraw-{k}": v for k, v in fields.items() if v is not None})


def withdrawals(app):
    return AuditEntry.objects.for_object(app).filter(action="applications.withdrawn")


def test_the_applicant_withdraws_online_and_the_clock_stops(orgs, client_for):
    with on("2026-03-02"):
        app, code = make_application(orgs["yuandian"])
    c = signed_in(app, code)
    with on("2026-03-05"):
        page = c.get(status_url(app)).content.decode()
        assert withdraw_url(app) in page and "csrfmiddlewaretoken" in page and "撤回理由" in page
        r = post(c, app)
        assert r.status_code == 302 and r["Location"] == status_url(app)
        page = c.get(r["Location"]).content.decode()
    assert "已于 2026-03-05 撤回，本机关不再办理" in page  # the flash message
    assert 'id="withdrawn-notice"' in page and "已撤回" in page
    assert withdraw_url(app) not in page  # no second withdrawal offered
    app = fresh(app)
    assert app.status == Status.WITHDRAWN and app.concluded_on == date(2026, 3, 5)
    assert app.decision_category == "other.other" and app.reasons == REASON
    assert app.due_on is None and app.clock_state == ClockState.CLOSED
    assert app.clock_entries.last().kind == Kind.CLOSED
    (row,) = withdrawals(app)
    assert row.actor is None and row.actor_label == "申请人"
    assert row.after == {"status": "withdrawn", "online": True} and REASON in row.note
    detail = client_for("yd_clerk").get(reverse("applications:detail", args=[app.pk])).content.decode()
    assert f"申请人 · 申请人通过网站撤回申请：{REASON}" in detail


def test_the_form_goes_through_csrf_and_works_without_javascript(orgs):
    app, code = make_application(orgs["yuandian"])
    c = Client(enforce_csrf_checks=True)

    def token(page, after=""):
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.split(after)[-1] if after else page).group(
            1
        )

    lookup = reverse("applications_public:lookup")
    page = c.get(lookup).content.decode()
    c.post(lookup, {"number": app.number, "code": code, "csrfmiddlewaretoken": token(page)})
    page = c.get(status_url(app)).content.decode()
    assert post(c, app).status_code == 403  # no token: refused by Django's CSRF check
    assert fresh(app).status == Status.RECEIVED
    r = c.post(
        withdraw_url(app),
        {"csrfmiddlewaretoken": token(page, 'id="withdraw"'), "withdraw-reason": REASON, "withdraw-confirm": "on"},
    )
    assert r.status_code == 302 and fresh(app).status == Status.WITHDRAWN
    assert c.get(withdraw_url(app)).status_code == 405


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"reason": ""}, "请填写撤回理由。"),
        ({"reason": "   "}, "请填写撤回理由。"),
        ({"confirm": None}, "请勾选确认后再提交撤回。"),
    ],
)
def test_missing_reason_or_confirmation_is_refused_and_keeps_what_was_typed(orgs, data, message):
    app, code = make_application(orgs["yuandian"])
    c = signed_in(app, code)
    r = post(c, app, **data)
    assert r.status_code == 400
    body = r.content.decode()
    assert message in body
    if data.get("reason") is None:
        assert REASON in body  # the typed reason is still in the form
    assert fresh(app).status == Status.RECEIVED and not withdrawals(app).exists()


def test_an_answered_application_cannot_be_withdrawn(orgs, users):
    app, code = make_application(orgs["yuandian"])
    today = timezone.localdate()
    services.draft_decision(
        app, category="granted", access_instructions="见附件", by=users["yd_clerk"], version=app.version, today=today
    )
    app = fresh(app)
    services.review_decision(app, approve=True, comments="", by=users["yd_reviewer"], version=app.version, today=today)
    assert fresh(app).status == Status.ANSWERED
    c = signed_in(app, code)
    assert withdraw_url(app) not in c.get(status_url(app)).content.decode()
    r = post(c, app)
    assert r.status_code == 409
    body = r.content.decode()
    assert "已经办结，不能再撤回" in body and REASON in body
    app = fresh(app)
    assert app.status == Status.ANSWERED and app.decision_category == "granted"
    assert not withdrawals(app).exists()


def test_a_page_left_open_while_staff_record_the_withdrawal_gets_a_message_not_an_error(orgs, users):
    app, code = make_application(orgs["yuandian"])
    c = signed_in(app, code)
    assert withdraw_url(app) in c.get(status_url(app)).content.decode()
    services.withdraw(app, reason="书面撤回", by=users["yd_clerk"], version=app.version, today=timezone.localdate())
    r = post(c, app)
    assert r.status_code == 409 and "已经办结，不能再撤回" in r.content.decode()
    assert withdrawals(app).count() == 1 and fresh(app).reasons == "书面撤回"


def test_without_the_session_the_code_is_asked_again_and_checked_like_the_lookup(orgs, settings):
    settings.GONGKAI_LOOKUP_RATE = "3/m"
    app, code = make_application(orgs["yuandian"])
    other, _ = make_application(orgs["yuandian"], description="另一件申请")
    c = Client()  # never looked up: no grant in this session
    r = post(c, app)
    assert r.status_code == 403
    body = r.content.decode()
    assert "请输入查询码后再提交撤回" in body and REASON in body and 'name="withdraw-code"' in body
    assert app.description not in body  # nothing about the application is shown without the code
    r = post(c, app, code="WRONGCODE")
    assert r.status_code == 400 and "申请编号或查询码不正确" in r.content.decode() and REASON in r.content.decode()
    r = post(c, other, code=code)  # the right code for another application
    assert r.status_code == 400
    r = Client().post(
        reverse("applications_public:withdraw", args=["NO-SUCH-0001"]),
        {"withdraw-code": code, "withdraw-reason": REASON, "withdraw-confirm": "on"},
    )
    assert r.status_code == 400 and "申请编号或查询码不正确" in r.content.decode()
    r = post(c, app, code=code)  # 4th code check this minute: the lookup's limit applies
    assert r.status_code == 429 and "查询过于频繁" in r.content.decode() and REASON in r.content.decode()
    assert fresh(app).status == Status.RECEIVED and fresh(other).status == Status.RECEIVED
    cache.clear()
    r = post(c, app, code=code.lower())
    assert r.status_code == 302 and fresh(app).status == Status.WITHDRAWN
    assert c.get(status_url(app)).status_code == 200  # the right code also opened the status page


def test_withdrawal_ends_open_requests_and_consultations_so_the_worker_skips_them(orgs, users):
    with on("2026-03-02"):
        app, code = make_application(orgs["yuandian"])
        c = services.start_consultation(
            app,
            kind=Consultation.Kind.THIRD_PARTY,
            party="某建筑公司",
            party_address="",
            matter="中标合同",
            by=users["yd_clerk"],
            version=app.version,
            today=timezone.localdate(),
        )
    with on("2026-03-04"):
        assert post(signed_in(app, code), app).status_code == 302
    assert fresh(app).status == Status.WITHDRAWN
    assert Consultation.objects.get(pk=c.pk).outcome == Consultation.Outcome.CANCELLED
    with on("2026-05-04"):  # long after the 15 working days of the consultation
        assert periodic.tick(timezone.now()) == 0
    assert fresh(app).status == Status.WITHDRAWN


def test_an_open_correction_request_is_cancelled(orgs, users):
    app, code = make_application(orgs["yuandian"])
    services.request_correction(
        app,
        items="请写明道路名称",
        respond_by=date(2099, 1, 1),
        by=users["yd_clerk"],
        version=app.version,
        today=timezone.localdate(),
    )
    assert post(signed_in(app, code), app).status_code == 302
    assert fresh(app).requests.get().outcome == ApplicantRequest.Outcome.CANCELLED


def test_withdrawn_applications_count_in_table_3_row_6_3_other_in_the_year_of_withdrawal(orgs, users):
    """Table 三 has no 撤回 row; a withdrawal ends the case without an answer → （六）其他处理 3.其他.

    It is counted once, in the year it was withdrawn, in the applicant's column, and is no longer carried over.
    """
    yd = orgs["yuandian"]
    with on("2025-12-29"):
        late, late_code = make_application(
            yd, applicant_type="commercial", id_type="uscc", id_number="91350100M000100Y43"
        )
    with on("2026-01-05"):
        assert post(signed_in(late, late_code), late).status_code == 302
    with on("2026-02-02"):
        online, online_code = make_application(yd)
        by_staff, _ = make_application(yd, description="另一件")
        kept, _ = make_application(yd, description="继续办理的申请")
    with on("2026-02-03"):
        assert post(signed_in(online, online_code), online).status_code == 302
        services.withdraw(
            by_staff, reason="书面撤回", by=users["yd_clerk"], version=by_staff.version, today=timezone.localdate()
        )
    y2025 = section3([yd.pk], 2025)
    assert y2025["carried_out"] == [0, 1, 0, 0, 0, 0, 1]  # still open on 31 Dec 2025
    assert y2025["other.other"] == [0] * 7
    s = section3([yd.pk], 2026)
    assert s["carried_in"] == [0, 1, 0, 0, 0, 0, 1]
    assert s["new"] == [3, 0, 0, 0, 0, 0, 3]
    assert s["other.other"] == [2, 1, 0, 0, 0, 0, 3]  # 自然人 2 (online + on paper), 商业企业 1
    assert s["total"] == [2, 1, 0, 0, 0, 0, 3]
    assert s["carried_out"] == [1, 0, 0, 0, 0, 0, 1]  # only the application still being handled
    for row in ("other.no_correction", "other.unpaid_fee"):
        assert s[row] == [0] * 7
    for col in range(7):
        assert s["new"][col] + s["carried_in"][col] == s["total"][col] + s["carried_out"][col]
    assert {a.pk for a in section3_records([yd.pk], 2026, "other.other", 6)} == {late.pk, online.pk, by_staff.pk}
    assert kept.pk in {a.pk for a in section3_records([yd.pk], 2026, "carried_out", 6)}
