"""Letters from editable templates: text with ``{占位符}`` → PDF (WeasyPrint) and DOCX, stored on the application."""

import logging
import re
import threading
from contextlib import contextmanager
from datetime import date

from django.core.files.base import ContentFile
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F
from django.utils.html import escape
from django.utils.translation import gettext as _

from gongkai.documents import docx as docx_helpers
from gongkai.documents.pdf import html_to_pdf

from . import categories
from .letter_defaults import DEFAULTS
from .models import AgencySettings, Application, Counter, Letter, LetterKind, LetterTemplate

log = logging.getLogger("gongkai.applications")
PLACEHOLDER = re.compile(r"\{([^{}\s]{1,20})\}")
COMMON = [
    "申请人",
    "申请编号",
    "收到申请之日",
    "收到申请之日认定",
    "申请内容",
    "机关名称",
    "机关地址",
    "联系电话",
    "日期",
    "文号",
]
PLACEHOLDERS = {
    LetterKind.RECEIPT: COMMON + ["答复期限"],
    LetterKind.CORRECTION: COMMON + ["补正事项", "补正期限"],
    LetterKind.EXTENSION: COMMON + ["延长天数", "延期理由", "原答复期限", "延长后答复期限"],
    LetterKind.THIRD_PARTY: COMMON + ["被征求意见方", "征求意见事项", "意见期限"],
    # To the third party: the applicant's name is not theirs to know.
    LetterKind.THIRD_PARTY_NOTICE: [p for p in COMMON if p != "申请人"]
    + ["被征求意见方", "征求意见日期", "收到意见日期", "决定公开内容", "公开理由", "救济途径"],
    LetterKind.COPRODUCER: COMMON + ["被征求意见方", "征求意见事项", "意见期限"],
    LetterKind.EXPLANATION: COMMON + ["说明事项", "说明期限"],
    LetterKind.DELAY: COMMON + ["延迟答复期限", "延迟理由"],
    LetterKind.FEE: COMMON + ["计费方式", "计费说明", "收费金额", "缴费期限"],
}
REPLY_FIELDS = ["决定", "法律依据", "理由", "获取方式", "负责机关", "救济途径"]
for _kind in LetterKind:
    if _kind.value.startswith("reply_"):
        PLACEHOLDERS[_kind] = COMMON + REPLY_FIELDS

# Mandatory elements (regulation.md §5): a template missing one of these cannot be saved.
REQUIRED = {
    LetterKind.RECEIPT: ["申请编号", "收到申请之日"],
    LetterKind.CORRECTION: ["收到申请之日", "补正事项", "补正期限"],
    LetterKind.EXTENSION: ["收到申请之日", "延长天数", "延长后答复期限"],
    LetterKind.THIRD_PARTY: ["征求意见事项", "意见期限"],
    LetterKind.THIRD_PARTY_NOTICE: ["被征求意见方", "决定公开内容", "公开理由", "救济途径"],
    LetterKind.COPRODUCER: ["征求意见事项", "意见期限"],
    LetterKind.EXPLANATION: ["说明事项", "说明期限"],
    LetterKind.DELAY: ["延迟答复期限"],
    LetterKind.FEE: ["计费说明", "收费金额", "缴费期限"],
    LetterKind.REPLY_GRANTED: ["收到申请之日", "决定", "法律依据", "获取方式", "救济途径"],
    LetterKind.REPLY_PARTIAL: ["收到申请之日", "决定", "法律依据", "理由", "获取方式", "救济途径"],
    LetterKind.REPLY_WITHHELD: ["收到申请之日", "决定", "法律依据", "理由", "救济途径"],
    LetterKind.REPLY_UNABLE: ["收到申请之日", "决定", "法律依据", "理由", "负责机关", "救济途径"],
    LetterKind.REPLY_DECLINED: ["收到申请之日", "决定", "法律依据", "理由", "救济途径"],
    LetterKind.REPLY_OTHER: ["收到申请之日", "决定", "法律依据", "救济途径"],
}

REVIEW_FIRST_SINCE = date(2024, 1, 1)  # 行政复议法（2023修订）施行


def template_problems(kind: str, body: str) -> list[str]:
    used = set(PLACEHOLDER.findall(body))
    allowed = set(PLACEHOLDERS[kind])
    problems = [_("未知的占位符：{%(name)s}") % {"name": n} for n in sorted(used - allowed)]
    problems += [_("缺少必备内容：{%(name)s}") % {"name": n} for n in REQUIRED[kind] if n not in used]
    return problems


def ensure_defaults() -> None:
    for kind, (title, body, source) in DEFAULTS.items():
        LetterTemplate.objects.get_or_create(
            organization=None, kind=kind, defaults={"title": title, "body": body, "source": source}
        )


def template_for(org, kind: str) -> LetterTemplate:
    tpl = LetterTemplate.objects.filter(organization=org, kind=kind).first()
    if tpl is None:
        tpl = LetterTemplate.objects.filter(organization__isnull=True, kind=kind).first()
    if tpl is None:
        ensure_defaults()
        tpl = LetterTemplate.objects.get(organization__isnull=True, kind=kind)
    return tpl


def cn_date(d: date | None) -> str:
    return f"{d.year}年{d.month}月{d.day}日" if d else ""


def remedies(app: Application, on: date) -> str:
    """行政复议 60 日 / 行政诉讼 6 个月, and the 复议前置 notice for 不予公开 under 第十四–十六条 (2024-01-01 on)."""
    body = AgencySettings.for_org(app.organization).reconsideration_body_name()
    normal = (
        f"如对本答复不服，可以自收到本答复之日起六十日内向{body}申请行政复议（《中华人民共和国行政复议法》第二十条），"
        "或者自收到本答复之日起六个月内依法向人民法院提起行政诉讼（《中华人民共和国行政诉讼法》第四十六条）。"
    )
    cat = app.category
    withheld_first = False
    if cat is not None and on >= REVIEW_FIRST_SINCE:
        if cat.review_first:
            withheld_first = True
        elif cat.family == "partial" and app.partial_withheld_category:
            withheld_first = categories.get(app.partial_withheld_category).review_first
    if not withheld_first:
        return normal
    first = (
        "根据《中华人民共和国行政复议法》第二十三条第一款第（四）项、第二款的规定，对本机关不予公开的决定不服的，"
        f"应当先自收到本答复之日起六十日内向{body}申请行政复议；对行政复议决定不服的，"
        "可以自收到行政复议决定书之日起十五日内依法向人民法院提起行政诉讼（《中华人民共和国行政诉讼法》第四十五条）。"
    )
    if cat.family == "partial":
        return (
            "对本答复中予以公开的部分不服的，可以自收到本答复之日起六十日内向"
            f"{body}申请行政复议，或者自收到本答复之日起六个月内依法向人民法院提起行政诉讼。"
            + "对不予公开的部分，"
            + first
        )
    return first


def third_party_remedies(app: Application) -> str:
    """The third party's remedies against the decision to disclose (第三十二条): 行政复议 60 日 or 行政诉讼 6 个月.

    No 复议前置: 行政复议法 第二十三条第一款第（四）项 covers only decisions not to disclose.
    """
    body = AgencySettings.for_org(app.organization).reconsideration_body_name()
    return (
        f"如对本机关决定公开的决定不服，可以自收到本告知书之日起六十日内向{body}申请行政复议"
        "（《中华人民共和国行政复议法》第二十条），或者自收到本告知书之日起六个月内依法向人民法院提起行政诉讼"
        "（《中华人民共和国行政诉讼法》第四十六条）。"
    )


def base_values(app: Application, on: date) -> dict:
    org = app.organization
    return {
        "申请人": app.applicant_name,
        "申请编号": app.number,
        "收到申请之日": cn_date(app.received_on),
        "收到申请之日认定": app.receipt_rule,
        "申请内容": app.description,
        "机关名称": org.name,
        "机关地址": org.address or "—",
        "联系电话": org.phone or "—",
        "日期": cn_date(on),
    }


def decision_values(app: Application, on: date) -> dict:
    cat = app.category
    decision = str(cat.label)
    if cat.family == "partial" and app.partial_withheld_category:
        decision += "（不予公开部分：" + str(categories.get(app.partial_withheld_category).label).split("：")[-1] + "）"
    responsible = ""
    if app.responsible_agency:
        responsible = f"\n\n负责公开该政府信息的行政机关及联系方式：{app.responsible_agency}"
    elif cat.id == "unable.not_held":
        responsible = "\n\n经检索，本机关不掌握该政府信息，无法确定负责公开的行政机关。"
    access = app.access_instructions
    if cat.family == "declined" and access:
        access = f"\n\n获取途径：{access}"
    return {
        "决定": decision,
        "法律依据": app.legal_basis or cat.basis,
        "理由": app.reasons,
        "获取方式": access,
        "负责机关": responsible,
        "救济途径": remedies(app, on),
    }


def render(body: str, values: dict) -> str:
    return PLACEHOLDER.sub(lambda m: str(values.get(m.group(1), m.group(0))), body)


def next_number(org, year: int) -> str:
    counter, _created = Counter.objects.get_or_create(organization=org, year=year, kind="letter")
    Counter.objects.filter(pk=counter.pk).update(last=F("last") + 1)
    counter.refresh_from_db()
    prefix = AgencySettings.for_org(org).letter_prefix or f"{org.display_name}政信公开"
    return f"{prefix}〔{year}〕{counter.last}号"


def to_html(title: str, number: str, text: str) -> str:
    paras = "".join(f"<p>{escape(p).replace(chr(10), '<br>')}</p>" for p in text.split("\n\n"))
    return (
        "<!DOCTYPE html><html lang='zh-CN'><head><meta charset='utf-8'><style>"
        "h1{text-align:center;font-size:18pt;margin-bottom:4pt} .no{text-align:center;margin-top:0}"
        "p{text-indent:0;margin:0 0 8pt}</style></head><body>"
        f"<h1>{escape(title)}</h1><p class='no'>{escape(number)}</p>{paras}</body></html>"
    )


def to_docx(title: str, number: str, text: str) -> bytes:
    doc = docx_helpers.new_document()
    docx_helpers.add_title(doc, title)
    p = doc.add_paragraph(number)
    p.alignment = 1
    for para in text.split("\n\n"):
        doc.add_paragraph(para)
    return docx_helpers.to_bytes(doc)


def issue(app: Application, kind: str, *, on: date, values: dict | None = None, to_applicant: bool = True) -> Letter:
    """Render, number and store one letter (call inside the action's transaction)."""
    tpl = template_for(app.organization, kind)
    all_values = base_values(app, on)
    if kind.startswith("reply_"):
        all_values.update(decision_values(app, on))
    all_values.update(values or {})
    number = next_number(app.organization, on.year)
    all_values["文号"] = number
    text = render(tpl.body, all_values)
    letter = Letter(
        application=app, kind=kind, number=number, title=tpl.title, text=text, issued_on=on, to_applicant=to_applicant
    )
    if getattr(_state, "defer", False):
        letter.save()  # files are rendered on first download (see ensure_files)
    else:
        _render_files(letter)
    if to_applicant and app.email:
        transaction.on_commit(lambda: email_letter(letter.pk))
    return letter


_state = threading.local()


@contextmanager
def deferred_files():
    """Render PDF/DOCX lazily (bulk demo data); downloads call :func:`ensure_files`."""
    _state.defer = True
    try:
        yield
    finally:
        _state.defer = False


def _render_files(letter: Letter) -> None:
    app = letter.application
    stem = f"{app.number}-{letter.kind}-{letter.pk or Letter.objects.filter(application=app).count() + 1}"
    letter.pdf.save(
        f"{stem}.pdf", ContentFile(html_to_pdf(to_html(letter.title, letter.number, letter.text))), save=False
    )
    letter.docx.save(f"{stem}.docx", ContentFile(to_docx(letter.title, letter.number, letter.text)), save=False)
    letter.save()


def ensure_files(letter: Letter) -> Letter:
    if not letter.pdf or not letter.docx:
        _render_files(letter)
    return letter


def email_letter(letter_id: int) -> None:
    letter = Letter.objects.select_related("application__organization").get(pk=letter_id)
    app = letter.application
    ensure_files(letter)
    msg = EmailMessage(
        subject=f"{letter.title}（{app.number}）",
        body=_(
            "您好：\n\n%(org)s就您的政府信息公开申请（编号 %(no)s）出具了《%(title)s》，见附件。\n"
            "您也可以凭申请编号和查询码在网站上查询和下载。\n\n%(org)s"
        )
        % {"org": app.organization.name, "no": app.number, "title": letter.title},
        to=[app.email],
    )
    with letter.pdf.open("rb") as f:
        msg.attach(f"{letter.title}.pdf", f.read(), "application/pdf")
    try:
        msg.send()
    except OSError:  # a mail server outage must not lose the letter; it stays downloadable
        log.exception("could not e-mail letter %s", letter_id)
