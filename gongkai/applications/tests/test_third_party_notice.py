"""第三十二条: the third party objected, the agency discloses in the public interest and tells it in writing."""

import io
from datetime import date

import docx
import pypdfium2
import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from gongkai.applications import letters, services
from gongkai.applications.letter_defaults import DEFAULTS
from gongkai.applications.models import Consultation, Letter, LetterKind
from gongkai.applications.testing import make_application
from gongkai.applications.workflow import Status
from gongkai.audit.models import AuditEntry

from .helpers import fresh, on

pytestmark = pytest.mark.django_db
PARTY = "三门峡某建筑工程有限公司"
CONTENT = "原店镇2025年村道建设项目施工合同（含合同价款）"
REASONS = "该项目使用财政资金，合同价款关系村民切身利益，不公开将影响公众对财政资金使用的监督"


def consulted(orgs, users, *, kind=Consultation.Kind.THIRD_PARTY, outcome=Consultation.Outcome.OBJECTS):
    """An application whose consultation (sent 2026-03-04) ended with ``outcome`` (None: still open)."""
    clerk = users["yd_clerk"]
    with on("2026-03-02"):
        app, code = make_application(orgs["yuandian"], applicant_name="欧阳明")
    with on("2026-03-04"):
        c = services.start_consultation(
            app, kind=kind, party=PARTY, party_address="", matter=CONTENT, by=clerk, version=app.version, today=today()
        )
    if outcome in (Consultation.Outcome.AGREES, Consultation.Outcome.OBJECTS):
        with on("2026-03-11"):
            app = fresh(app)
            services.record_consultation_answer(
                c,
                outcome=outcome,
                opinion="涉及商业秘密",
                answered_on=date(2026, 3, 10),
                by=clerk,
                version=app.version,
                today=today(),
            )
    elif outcome == Consultation.Outcome.LAPSED:
        with on("2026-04-01"):
            services.lapse_consultation(Consultation.objects.get(pk=c.pk), today=today())
    return fresh(app), Consultation.objects.get(pk=c.pk), code


def today():
    return timezone.localdate()


def notify(c, users, **over):
    app = fresh(c.application)
    kw = {"content": CONTENT, "reasons": REASONS, "by": users["yd_clerk"], "version": app.version, "today": today()}
    return services.notify_third_party_of_disclosure(Consultation.objects.get(pk=c.pk), **{**kw, **over})


def notices(app):
    return AuditEntry.objects.for_object(app).filter(action="applications.third_party_notified")


def test_the_letter_states_the_decision_the_reasons_the_articles_and_the_remedies(orgs, users):
    app, c, _ = consulted(orgs, users)
    outbox = len(mail.outbox)
    with on("2026-03-16"):
        letter = notify(c, users)
    text = letter.text
    assert letter.kind == LetterKind.THIRD_PARTY_NOTICE and not letter.to_applicant
    assert text.startswith(f"{PARTY}：")
    assert "2026年3月4日" in text and "2026年3月10日" in text  # consulted on / objection received on
    assert "不同意公开" in text and "不公开可能对公共利益造成重大影响" in text
    assert "决定予以公开" in text and f"决定公开的政府信息内容：{CONTENT}" in text
    assert f"决定公开的理由：{REASONS}" in text
    assert "第十五条" in text and "第三十二条" in text
    assert "六十日" in text and "三门峡市陕州区人民政府申请行政复议" in text  # a 乡镇's 复议机关: the county
    assert "六个月" in text and "行政诉讼" in text and "应当先" not in text  # no 复议前置 for a decision to disclose
    assert "欧阳明" not in text  # the applicant's name is not the third party's business
    assert letter.number.startswith("原店镇政信公开〔2026〕") and letter.issued_on == date(2026, 3, 16)
    c = Consultation.objects.get(pk=c.pk)
    assert c.disclosure_letter == letter and c.disclosure_content == CONTENT and c.disclosure_reasons == REASONS
    after = fresh(app)
    assert after.status == app.status == Status.RECEIVED and after.version == app.version + 1
    assert after.due_on == app.due_on  # the clock is not affected
    (row,) = notices(app)
    assert row.actor == users["yd_clerk"] and PARTY in row.note and letter.number in row.note
    assert len(mail.outbox) == outbox  # nothing is e-mailed to the applicant


def test_the_default_template_is_data_with_its_legal_source_and_its_required_parts():
    title, body, source = DEFAULTS[LetterKind.THIRD_PARTY_NOTICE]
    assert "第三十二条" in source and "第十五条" in source
    assert letters.template_problems(LetterKind.THIRD_PARTY_NOTICE, body) == []
    tpl = letters.template_for(None, LetterKind.THIRD_PARTY_NOTICE)
    assert (tpl.title, tpl.body, tpl.source) == (title, body, source)
    for part in ("救济途径", "公开理由", "决定公开内容"):
        problems = letters.template_problems(LetterKind.THIRD_PARTY_NOTICE, body.replace("{" + part + "}", ""))
        assert any(part in p for p in problems)
    assert letters.template_problems(LetterKind.THIRD_PARTY_NOTICE, body + "{申请人}")


@pytest.mark.parametrize(
    ("kind", "outcome", "message"),
    [
        (Consultation.Kind.THIRD_PARTY, Consultation.Outcome.AGREES, "没有提出不同意公开的意见"),
        (Consultation.Kind.THIRD_PARTY, Consultation.Outcome.LAPSED, "没有提出不同意公开的意见"),
        (Consultation.Kind.THIRD_PARTY, None, "意见期限尚未结束"),
        (Consultation.Kind.COPRODUCER, Consultation.Outcome.OBJECTS, "只发给征求过意见的第三方"),
    ],
    ids=["agreed", "silent", "still-open", "co-producer-not-a-third-party"],
)
def test_it_is_refused_unless_a_consulted_third_party_objected(orgs, users, kind, outcome, message):
    app, c, _ = consulted(orgs, users, kind=kind, outcome=outcome)
    with pytest.raises(ValidationError) as exc:
        notify(c, users)
    assert message in " ".join(exc.value.messages)
    assert not Letter.objects.filter(kind=LetterKind.THIRD_PARTY_NOTICE).exists()
    assert not notices(app).exists() and fresh(app).version == app.version


def test_it_is_issued_once_only_while_the_application_is_open_and_needs_reasons(orgs, users):
    app, c, _ = consulted(orgs, users)
    with pytest.raises(ValidationError) as exc:
        notify(c, users, reasons="  ")
    assert "reasons" in exc.value.message_dict
    notify(c, users)
    with pytest.raises(ValidationError, match="已向该第三方发出过"):
        notify(c, users)
    other, c2, _ = consulted(orgs, users)
    services.withdraw(other, reason="撤回", by=users["yd_clerk"], version=other.version, today=today())
    with pytest.raises(ValidationError, match="应在公开之前发出"):
        notify(c2, users)
    assert Letter.objects.filter(kind=LetterKind.THIRD_PARTY_NOTICE).count() == 1


def test_staff_issue_it_from_the_application_page_and_download_pdf_and_docx(orgs, users, client_for):
    app, c, code = consulted(orgs, users)
    clerk = client_for("yd_clerk")
    detail_url = reverse("applications:detail", args=[app.pk])
    url = reverse("applications:consult-disclose", args=[c.pk])
    page = clerk.get(detail_url).content.decode()
    assert url in page and "决定公开并书面告知第三方" in page
    assert clerk.get(url).status_code == 405
    r = clerk.post(url, {"version": app.version, "content": CONTENT, "reasons": ""})
    assert r.status_code == 400 and CONTENT in r.content.decode()  # what was typed is kept
    assert (
        client_for("zw_clerk").post(url, {"version": app.version, "content": CONTENT, "reasons": REASONS}).status_code
        == 404
    )
    r = clerk.post(url, {"version": app.version - 1, "content": CONTENT, "reasons": REASONS})  # a stale page
    assert r.status_code == 409 and "已被其他人处理" in r.content.decode() and REASONS in r.content.decode()
    with on("2026-03-16"):
        r = clerk.post(url, {"version": app.version, "content": CONTENT, "reasons": REASONS})
    assert r.status_code == 302 and r["Location"] == detail_url
    letter = Consultation.objects.get(pk=c.pk).disclosure_letter
    page = clerk.get(detail_url).content.decode()
    assert url not in page  # issued once
    assert "已于 2026-03-16 出具决定公开告知书" in page and letter.number in page
    assert "决定公开并书面告知" in page  # the audit row is in the history
    pdf = clerk.get(reverse("applications:letter-pdf", args=[letter.pk]))
    assert pdf.status_code == 200 and pdf["Content-Disposition"].startswith("attachment")
    doc = pypdfium2.PdfDocument(b"".join(pdf.streaming_content))
    pdf_text = "".join("".join(doc[i].get_textpage().get_text_range().split()) for i in range(len(doc)))
    assert "决定予以公开" in pdf_text and "第三十二条" in pdf_text and "行政复议" in pdf_text
    word = clerk.get(reverse("applications:letter-docx", args=[letter.pk]))
    assert word.status_code == 200
    paragraphs = [p.text for p in docx.Document(io.BytesIO(b"".join(word.streaming_content))).paragraphs]
    assert any(REASONS in p for p in paragraphs) and any("行政诉讼" in p for p in paragraphs)
    # the applicant's status page does not list the letter to the third party
    public = Client()
    public.post(reverse("applications_public:lookup"), {"number": app.number, "code": code})
    assert letter.number not in public.get(reverse("applications_public:status", args=[app.number])).content.decode()


def test_a_refused_request_from_the_page_gives_a_message_and_no_letter(orgs, users, client_for):
    app, c, _ = consulted(orgs, users, outcome=Consultation.Outcome.AGREES)
    clerk = client_for("yd_clerk")
    url = reverse("applications:consult-disclose", args=[c.pk])
    assert url not in clerk.get(reverse("applications:detail", args=[app.pk])).content.decode()
    r = clerk.post(url, {"version": app.version, "content": CONTENT, "reasons": REASONS})
    assert r.status_code == 400
    body = r.content.decode()
    assert "没有提出不同意公开的意见" in body and REASONS in body
    assert not Letter.objects.filter(kind=LetterKind.THIRD_PARTY_NOTICE).exists()
