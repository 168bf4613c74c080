"""投诉、举报 (条例 第四十七条、第五十一条) and 评议 (the applicant's rating of a closed application)."""

import secrets

from django.contrib.auth.hashers import check_password, make_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.audit.services import record, snapshot
from gongkai.organizations.models import WORK_ROLES, Organization, Role

from ..models import (
    Complaint,
    ComplaintStatus,
    Finding,
    Rating,
)
from .common import _mail, staff_emails

# ---------------------------------------------------------------- 投诉、举报


def supervising_office_for(org: Organization) -> Organization:
    """Where a complaint about ``org`` goes: its 主管部门 (the parent), or itself at the top (第五十一条)."""
    return org.supervising_office or org


def _new_number(today) -> str:
    for _attempt in range(20):
        number = f"TS{today:%Y%m%d}-{secrets.token_hex(3).upper()}"
        if not Complaint.objects.filter(number=number).exists():
            return number
    raise RuntimeError("could not allocate a complaint number")


def _query_code() -> str:
    return f"{secrets.randbelow(10**8):08d}"


@transaction.atomic
def register_complaint(
    *,
    subject_organization: Organization,
    category: str,
    content: str,
    complainant_name: str,
    received_on,
    by,
    kind: str = "complaint",
    channel: str = "online",
    application_number: str = "",
    complainant_phone: str = "",
    complainant_email: str = "",
    complainant_address: str = "",
) -> tuple[Complaint, str]:
    """Record a complaint (public form: ``by=None``; staff entry: the clerk). Returns it and its 查询码."""
    code = _query_code()
    complaint = Complaint.objects.create(
        number=_new_number(received_on),
        query_code_hash=make_password(code),
        organization=supervising_office_for(subject_organization),
        subject_organization=subject_organization,
        kind=kind,
        category=category,
        channel=channel,
        content=content,
        application_number=application_number,
        complainant_name=complainant_name,
        complainant_phone=complainant_phone,
        complainant_email=complainant_email,
        complainant_address=complainant_address,
        received_on=received_on,
    )
    # The audit row leaves out the complainant's personal data.
    record(
        actor=by if by is not None else "公众",
        obj=complaint,
        action="complaint.registered",
        after=snapshot(complaint, ["number", "subject_organization_id", "kind", "category", "channel", "received_on"]),
    )
    _mail(
        _("收到投诉举报 %(n)s") % {"n": complaint.number},
        _("%(org)s：收到关于%(subject)s的%(kind)s（编号 %(n)s），请登录工作台办理。")
        % {
            "org": complaint.organization.name,
            "subject": subject_organization.name,
            "kind": complaint.get_kind_display(),
            "n": complaint.number,
        },
        staff_emails(complaint.organization, roles=[*WORK_ROLES, Role.SUPERVISOR]),
    )
    return complaint, code


def find_complaint(number: str, code: str) -> Complaint | None:
    complaint = Complaint.objects.filter(number=number.strip().upper()).first()
    if complaint is None or not check_password(code.strip(), complaint.query_code_hash):
        return None
    return complaint


@transaction.atomic
def record_finding(complaint: Complaint, *, finding: str, measure: str, note: str, by, today) -> Complaint:
    """查证属实 → 督促整改 / 通报批评; 不属实 (条例 第四十七条第二款)."""
    complaint = Complaint.objects.select_for_update().get(pk=complaint.pk)
    if complaint.status == ComplaintStatus.ANSWERED:
        raise ValidationError(_("该投诉举报已答复，不能再修改查证结论。"))
    if finding == Finding.FOUNDED and not measure:
        raise ValidationError({"measure": _("查证属实的，应当予以督促整改或者通报批评（条例第四十七条）。")})
    if finding == Finding.UNFOUNDED:
        measure = ""
    if not note.strip():
        raise ValidationError({"note": _("请填写查证情况。")})
    before = snapshot(complaint, ["status", "finding", "measure", "found_on"])
    complaint.finding, complaint.measure, complaint.finding_note = finding, measure, note
    complaint.found_on = today
    complaint.status = ComplaintStatus.FOUND
    complaint.save()
    record(
        actor=by,
        obj=complaint,
        action="complaint.finding_recorded",
        before=before,
        after=snapshot(complaint, ["status", "finding", "measure", "found_on"]),
    )
    return complaint


@transaction.atomic
def reply_to_complaint(complaint: Complaint, *, text: str, by, today) -> Complaint:
    complaint = Complaint.objects.select_for_update().get(pk=complaint.pk)
    if complaint.status != ComplaintStatus.FOUND:
        raise ValidationError(_("请先记录查证结论，再答复投诉举报人。"))
    if not text.strip():
        raise ValidationError({"text": _("请填写答复内容。")})
    complaint.reply, complaint.replied_on = text, today
    complaint.status = ComplaintStatus.ANSWERED
    complaint.save()
    record(actor=by, obj=complaint, action="complaint.answered", after={"replied_on": today})
    _mail(
        _("您的投诉举报 %(n)s 已答复") % {"n": complaint.number},
        _("%(name)s：\n\n您提交的投诉举报（编号 %(n)s）已办理完毕，答复如下：\n\n%(reply)s\n\n%(org)s\n%(date)s")
        % {
            "name": complaint.complainant_name,
            "n": complaint.number,
            "reply": text,
            "org": complaint.organization.name,
            "date": f"{today:%Y年%m月%d日}",
        },
        [complaint.complainant_email],
    )
    return complaint


# ---------------------------------------------------------------- 评议


def find_application(number: str, code: str):
    """The application with this number whose 查询码 matches (the applications app's own check), or None."""
    from gongkai.applications.models import Application
    from gongkai.applications.services import code_matches

    application = Application.objects.filter(number=number.strip().upper()).first()
    if application is None:
        application = Application.objects.filter(number=number.strip()).first()
    if application is None or not code_matches(application, code):
        return None
    return application


@transaction.atomic
def rate_application(*, application, score: str, comment: str, today) -> Rating:
    """The applicant's 评议 of a closed application; a second rating replaces the first."""
    if not application.is_closed:
        raise ValidationError(_("申请办结后才能评价。"))
    rating, created = Rating.objects.update_or_create(
        application=application,
        defaults={
            "organization_id": application.organization_id,
            "score": score,
            "comment": comment,
            "rated_on": today,
        },
    )
    record(
        actor="申请人",
        obj=rating,
        action="rating.created" if created else "rating.changed",
        after={"score": score, "rated_on": today},
    )
    return rating
