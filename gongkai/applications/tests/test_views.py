"""Persona view tests: applicant, clerk, other agency's clerk, reviewer, head, supervisor."""

from datetime import date

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from gongkai.applications.models import Application, LetterKind
from gongkai.applications.testing import SAMPLE, make_application
from gongkai.applications.workflow import Status

from .helpers import fresh, on

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()


def form_data(**over):
    return {**SAMPLE, "token": "t-1", **over}


def test_the_public_files_an_application_and_gets_a_number_and_code_by_mail(orgs, django_capture_on_commit_callbacks):
    c = Client()
    url = reverse("applications_public:apply", args=[orgs["yuandian"].pk])
    with on("2026-03-02"):
        assert c.get(url).status_code == 200
        with django_capture_on_commit_callbacks(execute=True):
            r = c.post(url, form_data())
        app = Application.objects.get()
        assert r.status_code == 302 and r["Location"].endswith(f"/apply/done/{app.number}/")
        page = c.get(r["Location"]).content.decode()
    assert app.number in page and "查询码" in page
    code_mail = next(m for m in mail.outbox if app.number in m.subject and "已登记" in m.subject)
    code = code_mail.body.split("查询码：")[1].split()[0]
    assert code in page
    assert app.channel == "online" and app.received_on == date(2026, 3, 2) and app.due_on == date(2026, 3, 30)
    # the receipt letter went out as well
    assert any(m.attachments for m in mail.outbox)


def test_a_double_submit_creates_one_application(orgs):
    c = Client()
    url = reverse("applications_public:apply", args=[orgs["yuandian"].pk])
    r1 = c.post(url, form_data())
    assert "查询码" in c.get(r1["Location"]).content.decode()
    r2 = c.post(url, form_data())
    assert Application.objects.count() == 1
    assert r1.status_code == r2.status_code == 302
    assert "未重复登记" in c.get(r2["Location"]).content.decode()


def test_bad_input_is_refused_with_chinese_messages_and_keeps_what_was_typed(orgs):
    url = reverse("applications_public:apply", args=[orgs["yuandian"].pk])
    r = Client().post(url, form_data(id_number="110105194912310021", description="我想要村里的修路合同"))
    assert r.status_code == 400
    body = r.content.decode()
    assert "校验位不正确" in body and "我想要村里的修路合同" in body
    assert not Application.objects.exists()
    r = Client().post(url, form_data(applicant_type="commercial", id_type="uscc", id_number="91350100M000100Y44"))
    assert r.status_code == 400 and "统一社会信用代码校验位不正确" in r.content.decode()
    r = Client().post(url, form_data(email="", delivery="email"))
    assert r.status_code == 400 and "须填写电子邮箱" in r.content.decode()


def test_an_oversized_or_disallowed_attachment_is_refused_without_losing_the_rest(orgs, settings):
    url = reverse("applications_public:apply", args=[orgs["yuandian"].pk])
    big = SimpleUploadedFile("id.pdf", b"%PDF-1.4\n" + b"0" * (5 * 1024 * 1024 + 1), content_type="application/pdf")
    r = Client().post(url, {**form_data(), "attachments": big})
    assert r.status_code == 400 and "超过5MB" in r.content.decode()
    assert SAMPLE["description"] in r.content.decode()
    exe = SimpleUploadedFile("virus.exe", b"MZ\x90\x00", content_type="application/octet-stream")
    r = Client().post(url, {**form_data(), "attachments": exe})
    assert r.status_code == 400 and "类型不允许" in r.content.decode()
    fake = SimpleUploadedFile("id.pdf", b"not a pdf", content_type="application/pdf")
    r = Client().post(url, {**form_data(), "attachments": fake})
    assert r.status_code == 400 and "内容与文件类型不符" in r.content.decode()
    ok = SimpleUploadedFile("id.pdf", b"%PDF-1.4 fine", content_type="application/pdf")
    assert Client().post(url, {**form_data(), "attachments": ok}).status_code == 302
    assert Application.objects.get().attachments.count() == 1


def test_the_status_page_needs_number_and_code_and_lookups_are_rate_limited(orgs, settings):
    settings.GONGKAI_LOOKUP_RATE = "3/m"
    app, code = make_application(orgs["yuandian"])
    c = Client()
    status_url = reverse("applications_public:status", args=[app.number])
    assert c.get(status_url).status_code == 404
    lookup = reverse("applications_public:lookup")
    assert c.post(lookup, {"number": app.number, "code": "WRONGCODE"}).status_code == 400
    r = c.post(lookup, {"number": app.number, "code": code.lower()})
    assert r.status_code == 302 and r["Location"] == status_url
    page = c.get(status_url).content.decode()
    assert "答复期限" in page and app.number in page
    for secret in (app.id_number, app.phone, app.applicant_name, app.email):
        assert secret not in page
    c.post(lookup, {"number": app.number, "code": code})
    assert c.post(lookup, {"number": app.number, "code": code}).status_code == 429


def test_the_applicant_answers_a_correction_request_online(orgs, users):
    with on("2026-03-02"):
        app, code = make_application(orgs["yuandian"])
    clerk = Client()
    clerk.force_login(users["yd_clerk"])
    with on("2026-03-04"):
        r = clerk.post(
            reverse("applications:action", args=[app.pk, "correction"]),
            {"version": app.version, "items": "请写明道路名称", "respond_by": "2026-03-20"},
        )
        assert r.status_code == 302
    c = Client()
    c.post(reverse("applications_public:lookup"), {"number": app.number, "code": code})
    req = fresh(app).requests.get()
    with on("2026-03-06"):
        page = c.get(reverse("applications_public:status", args=[app.number])).content.decode()
        assert "请写明道路名称" in page
        r = c.post(reverse("applications_public:respond", args=[app.number, req.pk]), {f"r{req.pk}-response": ""})
        assert r.status_code == 400
        r = c.post(
            reverse("applications_public:respond", args=[app.number, req.pk]), {f"r{req.pk}-response": "乡道Y001"}
        )
        assert r.status_code == 302
    app = fresh(app)
    assert app.status == Status.RECEIVED and app.due_on == date(2026, 4, 3)


def test_the_clerk_sees_a_masked_queue_and_the_full_record(orgs, client_for):
    app, _ = make_application(orgs["yuandian"], applicant_name="欧阳明")
    c = client_for("yd_clerk")
    queue = c.get(reverse("applications:queue")).content.decode()
    assert app.number in queue and "欧**" in queue and "欧阳明" not in queue
    detail = c.get(reverse("applications:detail", args=[app.pk])).content.decode()
    assert "欧阳明" in detail and app.id_number in detail
    assert c.get(reverse("applications:queue"), {"q": "欧阳"}).content.decode().count(app.number) >= 1


def test_another_agencys_clerk_gets_404(orgs, client_for):
    app, _ = make_application(orgs["yuandian"])
    c = client_for("zw_clerk")
    assert c.get(reverse("applications:detail", args=[app.pk])).status_code == 404
    r = c.post(reverse("applications:action", args=[app.pk, "withdraw"]), {"version": app.version, "reason": "x"})
    assert r.status_code == 404
    assert fresh(app).status == Status.RECEIVED
    assert app.number not in c.get(reverse("applications:queue"), {"bucket": "all"}).content.decode()


def test_the_supervisor_reads_without_personal_data_and_cannot_act(orgs, client_for):
    app, _ = make_application(orgs["yuandian"], applicant_name="欧阳明")
    c = client_for("sz_supervisor")
    page = c.get(reverse("applications:detail", args=[app.pk])).content.decode()
    assert app.number in page and "欧阳明" not in page and app.id_number not in page and app.phone not in page
    r = c.post(reverse("applications:action", args=[app.pk, "withdraw"]), {"version": app.version, "reason": "x"})
    assert r.status_code == 403


def test_bad_action_input_gives_400_and_a_stale_page_gives_a_conflict(orgs, client_for):
    app, _ = make_application(orgs["yuandian"])
    c = client_for("yd_clerk")
    url = reverse("applications:action", args=[app.pk, "decide"])
    r = c.post(url, {"version": app.version, "category": "withheld.third_party", "reasons": ""})
    assert r.status_code == 400 and "须说明理由" in r.content.decode()
    ok = {"version": app.version, "category": "granted", "access_instructions": "电子邮件发送"}
    assert c.post(url, ok).status_code == 302
    r = c.post(reverse("applications:action", args=[app.pk, "withdraw"]), {"version": app.version, "reason": "x"})
    assert r.status_code == 409 and "已被其他人处理" in r.content.decode()
    assert fresh(app).status == Status.REVIEW


def test_the_reviewer_approves_and_the_head_approves_an_extension(orgs, users, client_for):
    with on("2026-03-02"):
        app, _ = make_application(orgs["yuandian"])
        clerk, reviewer, head = client_for("yd_clerk"), client_for("yd_reviewer"), client_for("yd_head")
        clerk.post(
            reverse("applications:action", args=[app.pk, "extension_request"]),
            {"version": app.version, "days": 10, "reason": "档案调阅"},
        )
        app = fresh(app)
        assert "extension_approve" not in clerk.get(reverse("applications:detail", args=[app.pk])).content.decode()
        assert "action-extension_approve" in head.get(reverse("applications:detail", args=[app.pk])).content.decode()
        assert (
            clerk.post(
                reverse("applications:action", args=[app.pk, "extension_approve"]),
                {"version": app.version, "approve": "1"},
            ).status_code
            == 403
        )
        assert (
            head.post(
                reverse("applications:action", args=[app.pk, "extension_approve"]),
                {"version": app.version, "approve": "1"},
            ).status_code
            == 302
        )
        app = fresh(app)
        assert app.extended_days == 10 and app.due_on == date(2026, 4, 14)
        clerk.post(
            reverse("applications:action", args=[app.pk, "decide"]),
            {"version": app.version, "category": "granted", "access_instructions": "邮寄"},
        )
        app = fresh(app)
        assert "action-review" not in clerk.get(reverse("applications:detail", args=[app.pk])).content.decode()
        r = reviewer.post(
            reverse("applications:action", args=[app.pk, "review"]), {"version": app.version, "approve": "1"}
        )
        assert r.status_code == 302
        app = fresh(app)
        assert app.status == Status.ANSWERED
        letter = app.letters.get(kind=LetterKind.REPLY_GRANTED)
        r = reviewer.get(reverse("applications:letter-pdf", args=[letter.pk]))
        assert r.status_code == 200 and b"".join(r.streaming_content).startswith(b"%PDF")


def test_staff_register_a_letter_with_the_signing_date_as_receipt_day(orgs, client_for):
    c = client_for("yd_clerk")
    url = reverse("applications:register")
    data = {**SAMPLE, "organization": orgs["yuandian"].pk, "channel": "post_signed", "submitted_on": "2026-03-02"}
    with on("2026-03-06"):
        r = c.post(url, data)
        assert r.status_code == 400 and "签收日期" in r.content.decode()
        r = c.post(url, {**data, "signed_on": "2026-03-04"})
    assert r.status_code == 302
    app = Application.objects.get()
    assert app.received_on == date(2026, 3, 4) and app.channel == "post_signed" and "签收之日" in app.receipt_rule


def test_a_clerk_edits_a_letter_template_but_cannot_drop_the_remedies(orgs, client_for):
    c = client_for("yd_clerk")
    url = reverse("applications:template-edit", args=[orgs["yuandian"].pk, "reply_granted"])
    assert c.get(url).status_code == 200
    r = c.post(url, {"title": "答复书", "body": "{申请人}：{决定} {法律依据} {获取方式} {收到申请之日}"})
    assert r.status_code == 400 and "救济途径" in r.content.decode()
    body = "{申请人}：本机关于{收到申请之日}收到申请。{决定}。{法律依据}。{获取方式}。{救济途径}（原店镇）"
    assert c.post(url, {"title": "答复书", "body": body}).status_code == 302
    app, _ = make_application(orgs["yuandian"])
    from django.utils import timezone

    from gongkai.applications import services

    services.draft_decision(
        app, category="granted", access_instructions="邮寄", by=None, version=app.version, today=timezone.localdate()
    )
    app = fresh(app)
    services.review_decision(app, approve=True, comments="", by=None, version=app.version, today=timezone.localdate())
    assert "（原店镇）" in fresh(app).letters.get(kind=LetterKind.REPLY_GRANTED).text
    assert client_for("zw_clerk").get(url).status_code == 404


def test_personal_data_never_reaches_the_audit_trail_and_closed_ones_offer_a_rating(orgs, users):
    import json

    from django.utils import timezone

    from gongkai.applications import services
    from gongkai.audit.models import AuditEntry

    app, code = make_application(orgs["yuandian"], applicant_name="欧阳明")
    services.request_correction(
        app,
        items="请补充",
        respond_by=date(2099, 1, 1),
        by=users["yd_clerk"],
        version=app.version,
        today=timezone.localdate(),
    )
    services.withdraw(
        fresh(app), reason="撤回", by=users["yd_clerk"], version=fresh(app).version, today=timezone.localdate()
    )
    rows = AuditEntry.objects.for_object(app)
    dump = json.dumps([[r.object_repr, r.before, r.after, r.note] for r in rows], ensure_ascii=False)
    for secret in ("欧阳明", app.id_number, app.phone, app.email, app.address):
        assert secret not in dump
    c = Client()
    c.post(reverse("applications_public:lookup"), {"number": app.number, "code": code})
    page = c.get(reverse("applications_public:status", args=[app.number])).content.decode()
    assert "评价本次办理" in page and f"number={app.number}" in page


def test_the_clerk_splits_an_application_from_its_page(orgs, client_for):
    app, _ = make_application(orgs["yuandian"])
    c = client_for("yd_clerk")
    url = reverse("applications:action", args=[app.pk, "split"])
    assert c.post(url, {"version": app.version, "items": "只有一行"}).status_code == 400
    r = c.post(url, {"version": app.version, "items": "道路合同\n验收报告\n资金明细"})
    assert r.status_code == 302
    assert Application.objects.filter(organization=orgs["yuandian"]).count() == 3


def test_the_form_shows_likely_catalogue_matches_before_filing(orgs, users):
    from gongkai.publications.test_support import make_publication, publish_through_review

    pub = make_publication(orgs["yuandian"], by=users["yd_clerk"], title="原店镇2025年农村低保资格认定结果公示")
    publish_through_review(pub, users)
    url = reverse("applications_public:apply", args=[orgs["yuandian"].pk])
    c = Client()
    r = c.post(url, form_data(description="我想了解农村低保资格认定结果"))
    assert r.status_code == 200 and "可能已经主动公开" in r.content.decode()
    assert pub.title in r.content.decode() and not Application.objects.exists()
    assert c.post(url, form_data(description="我想了解农村低保资格认定结果", confirmed="1")).status_code == 302
    assert Application.objects.count() == 1


def test_only_the_head_changes_the_agency_settings(orgs, client_for):
    from gongkai.applications.models import AgencySettings

    url = reverse("applications:settings", args=[orgs["yuandian"].pk])
    data = {
        "head_review_required": "on",
        "payment_days": 15,
        "correction_days": 10,
        "heavy_applicant_threshold": 10,
        "same_request_threshold": 3,
    }
    assert client_for("yd_clerk").get(url).status_code == 200
    assert client_for("yd_clerk").post(url, data).status_code == 403
    assert client_for("zw_head").post(url, data).status_code == 404
    assert client_for("yd_head").post(url, {**data, "payment_days": ""}).status_code == 400
    assert client_for("yd_head").post(url, data).status_code == 302
    s = AgencySettings.for_org(orgs["yuandian"])
    assert s.head_review_required and s.payment_days == 15


def test_the_queue_pages_through_every_application_keeping_the_filters(orgs, client_for, monkeypatch):
    from gongkai import pagination

    monkeypatch.setattr(pagination, "PER_PAGE", 2)
    apps = [make_application(orgs["yuandian"])[0] for _ in range(5)]
    c = client_for("yd_clerk")
    seen = []
    for n in (1, 2, 3):
        page = c.get(reverse("applications:queue"), {"bucket": "all", "q": "HA", "page": n}).content.decode()
        seen += [a.number for a in apps if a.number in page]
        assert f"第 {n} / 3 页，共 5 条" in page
    assert sorted(seen) == sorted(a.number for a in apps)  # each once: no row repeated or skipped
    second = c.get(reverse("applications:queue"), {"bucket": "all", "q": "HA", "page": 2}).content.decode()
    assert "?bucket=all&amp;q=HA&amp;page=3" in second and "?bucket=all&amp;q=HA&amp;page=1" in second


def test_the_due_soon_bucket_takes_its_window_from_the_link(orgs, client_for):
    """The clerk's queue looks 3 working days ahead (the reminders' window); the supervision desk links with 5."""
    with on("2026-11-23"):  # a Monday, no holiday near
        app = make_application(orgs["yuandian"], today=date(2026, 10, 30))[0]
        assert app.due_on == date(2026, 11, 27)  # 4 working days after today
        c = client_for("yd_clerk")
        three = c.get(reverse("applications:queue"), {"bucket": "soon"}).content.decode()
        assert app.number not in three and "3个工作日内到期" in three
        five = c.get(reverse("applications:queue"), {"bucket": "soon", "within": 5}).content.decode()
        assert app.number in five and "5个工作日内到期" in five
        assert '<input type="hidden" name="within" value="5">' in five  # the filter form keeps the window
        fallback = c.get(reverse("applications:queue"), {"bucket": "soon", "within": "99"}).content.decode()
        assert app.number not in fallback and "3个工作日内到期" in fallback


def test_a_supervisor_filters_the_queue_by_an_agency_and_everything_below_it(orgs, client_for):
    a = make_application(orgs["yuandian"])[0]
    b = make_application(orgs["zhangwan"])[0]
    url = reverse("applications:queue")
    sup = client_for("sz_supervisor")
    own = sup.get(url, {"org": orgs["shanzhou"].pk}).content.decode()  # the district government's own: none
    assert a.number not in own and b.number not in own
    below = sup.get(url, {"org": orgs["shanzhou"].pk, "sub": "1"}).content.decode()
    assert a.number in below and b.number in below and 'name="sub" value="1" checked' in below
    one = sup.get(url, {"org": orgs["zhangwan"].pk, "sub": "1"}).content.decode()
    assert b.number in one and a.number not in one
    # a clerk cannot widen the queue with the filter: 张湾乡 is not theirs
    assert b.number not in client_for("yd_clerk").get(url, {"org": orgs["zhangwan"].pk, "sub": "1"}).content.decode()
    assert b.number not in client_for("yd_clerk").get(url, {"org": orgs["shanzhou"].pk, "sub": "1"}).content.decode()
