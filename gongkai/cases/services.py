"""Every state change of the cases app: one function each, atomic, audited (CONTRIBUTING.md)."""

import logging
import secrets

from django.contrib.auth.hashers import check_password, make_password
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.audit.services import record, snapshot
from gongkai.organizations.models import WORK_ROLES, Membership, Organization, Role

from . import deadlines
from .models import (
    AccountStatus,
    Bulletin,
    BulletinItem,
    Case,
    CaseKind,
    CheckResult,
    Complaint,
    ComplaintStatus,
    Finding,
    NewMediaAccount,
    NewMediaCheck,
    Rating,
    Route,
    TaskAssignment,
    TaskStatus,
    Urging,
    UrgingStatus,
    WorkLog,
    WorkPlan,
    WorkTask,
)

log = logging.getLogger("gongkai.cases")

CASE_FIELDS = [
    "kind",
    "route",
    "procedure",
    "number",
    "authority",
    "applicant",
    "subject",
    "filed_on",
    "copy_received_on",
    "replied_on",
    "decision_type",
    "decided_on",
    "appeal_filed_on",
    "appeal_decision",
    "appeal_decided_on",
    "reconsideration_id",
    "application_id",
    "note",
]


class Conflict(Exception):
    """Someone else changed the record first (compare-and-swap failed)."""


def _mail(subject: str, body: str, recipients: list[str]) -> None:
    recipients = sorted({r for r in recipients if r})
    if not recipients:
        return

    def send():
        try:
            send_mail(subject, body, None, recipients)
        except Exception:  # mail trouble must not undo the recorded change
            log.exception("could not send mail %r", subject)

    transaction.on_commit(send)


def staff_emails(org: Organization, roles=WORK_ROLES) -> list[str]:
    return list(
        Membership.objects.filter(organization=org, role__in=list(roles))
        .exclude(user__email="")
        .values_list("user__email", flat=True)
    )


# ---------------------------------------------------------------- 复议 / 诉讼


def _clean_case(case: Case) -> None:
    if case.kind == CaseKind.RECONSIDERATION:
        case.route = ""
        case.appeal_filed_on = case.appeal_decided_on = None
        case.appeal_decision = ""
        case.reconsideration = None
    elif not case.route:
        raise ValidationError({"route": _("行政诉讼须选择“未经复议直接起诉”或“复议后起诉”。")})
    if case.route == Route.DIRECT:
        case.reconsideration = None
    if bool(case.decision_type) != bool(case.decided_on):
        raise ValidationError({"decided_on": _("结果和结果日期须同时填写。")})
    if bool(case.appeal_decision) != bool(case.appeal_decided_on):
        raise ValidationError({"appeal_decided_on": _("二审结果和二审裁判日期须同时填写。")})
    if case.appeal_decision and not case.appeal_filed_on:
        raise ValidationError({"appeal_filed_on": _("填写二审结果前请先填写上诉日期。")})
    if case.appeal_filed_on and not case.decided_on:
        raise ValidationError({"appeal_filed_on": _("上诉须在一审裁判之后。")})
    for field in ("copy_received_on", "decided_on"):
        value = getattr(case, field)
        if value and case.filed_on and value < case.filed_on:
            raise ValidationError({field: _("该日期不能早于受理/立案日期。")})
    if case.replied_on and case.copy_received_on and case.replied_on < case.copy_received_on:
        raise ValidationError({"replied_on": _("答复日期不能早于收到副本日期。")})


@transaction.atomic
def create_case(*, organization: Organization, data: dict, by) -> Case:
    case = Case(organization=organization, created_by=by if getattr(by, "is_authenticated", False) else None)
    for key, value in data.items():
        setattr(case, key, value)
    _clean_case(case)
    case.reply_due, _lines = deadlines.reply_due(case)
    case.save()
    record(actor=by, obj=case, action="case.created", after=snapshot(case, [*CASE_FIELDS, "reply_due"]))
    return case


@transaction.atomic
def update_case(case: Case, *, data: dict, by) -> Case:
    case = Case.objects.select_for_update().get(pk=case.pk)
    before = snapshot(case, [*CASE_FIELDS, "reply_due"])
    for key, value in data.items():
        setattr(case, key, value)
    _clean_case(case)
    case.reply_due, _lines = deadlines.reply_due(case)
    case.save()
    after = snapshot(case, [*CASE_FIELDS, "reply_due"])
    if after != before:
        record(actor=by, obj=case, action="case.updated", before=before, after=after)
    return case


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


# ---------------------------------------------------------------- 督办


def issuer_for(user, org: Organization) -> Organization | None:
    """The nearest strict ancestor of ``org`` where ``user`` is a supervisor (None: may not urge ``org``)."""
    ancestors = list(reversed(org.ancestors()))
    if user.is_superuser:
        return ancestors[0] if ancestors else None
    supervised = {m.organization_id for m in Membership.objects.filter(user=user, role=Role.SUPERVISOR)}
    for anc in ancestors:
        if anc.pk in supervised:
            return anc
    return None


@transaction.atomic
def issue_urging(
    *, organization: Organization, subject: str, reason: str, due_on, by, today, complaint=None, application=None
) -> Urging:
    issuer = issuer_for(by, organization)
    if issuer is None:
        raise ValidationError(_("您不是该机关的上级主管部门监督人员，不能督办。"))
    if due_on < today:
        raise ValidationError({"due_on": _("办理期限不能早于今天。")})
    urging = Urging(
        organization=organization,
        issuer=issuer,
        subject=subject,
        reason=reason,
        due_on=due_on,
        complaint=complaint,
        issued_on=today,
        issued_by=by,
    )
    if application is not None:
        urging.application = application
    urging.save()
    record(
        actor=by,
        obj=urging,
        action="urging.issued",
        after=snapshot(urging, ["issuer_id", "subject", "reason", "due_on", "issued_on"]),
    )
    _mail(
        _("【督办】%(s)s") % {"s": subject},
        _(
            "%(org)s：\n\n%(issuer)s对以下事项予以督办，请于%(due)s前办理并在工作台反馈办理情况。\n\n督办事项：%(s)s\n督办理由与要求：%(r)s"
        )
        % {
            "org": organization.name,
            "issuer": issuer.name,
            "due": f"{due_on:%Y年%m月%d日}",
            "s": subject,
            "r": reason,
        },
        staff_emails(organization),
    )
    return urging


def _cas(urging: Urging, expected: str, **changes) -> None:
    if not Urging.objects.filter(pk=urging.pk, status=expected).update(**changes):
        raise Conflict(_("该督办的状态已被他人更新，请刷新后再试。"))
    for key, value in changes.items():
        setattr(urging, key, value)


@transaction.atomic
def reply_urging(urging: Urging, *, text: str, by, today) -> Urging:
    """The urged agency reports what it did."""
    if urging.status != UrgingStatus.ISSUED:
        raise ValidationError(_("该督办当前不需要反馈。"))
    if not text.strip():
        raise ValidationError({"text": _("请填写办理情况。")})
    _cas(urging, UrgingStatus.ISSUED, status=UrgingStatus.REPLIED, reply=text, replied_on=today, replied_by=by)
    record(actor=by, obj=urging, action="urging.replied", after={"reply": text, "replied_on": today})
    _mail(
        _("【督办反馈】%(s)s") % {"s": urging.subject},
        _("%(org)s已反馈督办事项“%(s)s”的办理情况，请登录工作台确认。")
        % {"org": urging.organization.name, "s": urging.subject},
        staff_emails(urging.issuer, roles=[Role.SUPERVISOR]),
    )
    return urging


@transaction.atomic
def confirm_urging(urging: Urging, *, accept: bool, note: str, by, today) -> Urging:
    """The supervisor closes the urging, or sends it back with a note."""
    if urging.status != UrgingStatus.REPLIED:
        raise ValidationError(_("该督办尚未反馈办理情况，不能确认。"))
    if accept:
        _cas(
            urging,
            UrgingStatus.REPLIED,
            status=UrgingStatus.CLOSED,
            review_note=note,
            closed_on=today,
            closed_by=by,
        )
        record(actor=by, obj=urging, action="urging.closed", after={"closed_on": today, "note": note})
    else:
        if not note.strip():
            raise ValidationError({"note": _("退回时请说明理由。")})
        _cas(urging, UrgingStatus.REPLIED, status=UrgingStatus.ISSUED, review_note=note)
        record(actor=by, obj=urging, action="urging.returned", after={"note": note})
        _mail(
            _("【督办退回】%(s)s") % {"s": urging.subject},
            _("督办事项“%(s)s”的办理情况未获确认：%(n)s") % {"s": urging.subject, "n": note},
            staff_emails(urging.organization),
        )
    return urging


@transaction.atomic
def remind_urging(urging: Urging, *, today) -> bool:
    """Send one reminder for the current due date (compare-and-swap: a restart never sends twice)."""
    claimed = (
        Urging.objects.filter(pk=urging.pk, status=UrgingStatus.ISSUED)
        .exclude(reminded_for_due=urging.due_on)
        .update(reminded_for_due=urging.due_on)
    )
    if not claimed:
        return False
    overdue = today > urging.due_on
    record(actor=None, obj=urging, action="urging.reminded", after={"due_on": urging.due_on, "overdue": overdue})
    _mail(
        _("【督办提醒】%(s)s") % {"s": urging.subject},
        (
            _("督办事项“%(s)s”已超过办理期限（%(d)s），请尽快办理并反馈。")
            if overdue
            else _("督办事项“%(s)s”将于%(d)s到期，请按时办理并反馈。")
        )
        % {"s": urging.subject, "d": f"{urging.due_on:%Y年%m月%d日}"},
        staff_emails(urging.organization),
    )
    return True


# ---------------------------------------------------------------- 通报


@transaction.atomic
def create_bulletin(
    *, organization: Organization, title: str, issued_on, intro: str, closing: str, items: list, by
) -> Bulletin:
    """``items``: ``[(agency, [problem, ...]), ...]`` in the order they are listed."""
    bulletin = Bulletin.objects.create(
        organization=organization,
        title=title,
        issued_on=issued_on,
        intro=intro,
        closing=closing,
        created_by=by,
    )
    for order, (agency, problems) in enumerate(items):
        BulletinItem.objects.create(bulletin=bulletin, agency=agency, problems=list(problems), order=order)
    record(
        actor=by,
        obj=bulletin,
        action="bulletin.issued",
        after={"title": title, "issued_on": issued_on, "agencies": [a.pk for a, _p in items]},
    )
    return bulletin


# ---------------------------------------------------------------- 工作要点 / 台账


@transaction.atomic
def create_plan(*, organization: Organization, year: int, title: str, source: str, by) -> WorkPlan:
    plan = WorkPlan.objects.create(organization=organization, year=year, title=title, source=source)
    record(actor=by, obj=plan, action="plan.created", after=snapshot(plan, ["year", "title", "source"]))
    return plan


@transaction.atomic
def add_task(plan: WorkPlan, *, title: str, description: str, due_on, assignees, by) -> WorkTask:
    assignees = list(assignees)
    outside = [a for a in assignees if not a.is_within(plan.organization)]
    if outside:
        raise ValidationError(_("只能分解给本机关及下级机关。"))
    task = WorkTask.objects.create(
        plan=plan, title=title, description=description, due_on=due_on, order=plan.tasks.count() + 1
    )
    for agency in assignees:
        TaskAssignment.objects.create(task=task, organization=agency)
    record(
        actor=by,
        obj=task,
        organization=plan.organization,
        action="plan.task_added",
        after={"title": title, "due_on": due_on, "assignees": [a.pk for a in assignees]},
    )
    return task


@transaction.atomic
def update_assignment(
    assignment: TaskAssignment, *, status: str, evidence: str, evidence_url: str, completed_on, by, today
) -> TaskAssignment:
    assignment = TaskAssignment.objects.select_for_update().get(pk=assignment.pk)
    before = snapshot(assignment, ["status", "evidence", "evidence_url", "completed_on"])
    if status == TaskStatus.DONE:
        if not evidence.strip() and not evidence_url:
            raise ValidationError({"evidence": _("标记为已完成时请填写完成情况或佐证链接。")})
        completed_on = completed_on or today
    else:
        completed_on = None
    assignment.status, assignment.evidence, assignment.evidence_url = status, evidence, evidence_url
    assignment.completed_on = completed_on
    assignment.save()
    record(
        actor=by,
        obj=assignment,
        action="plan.assignment_updated",
        before=before,
        after=snapshot(assignment, ["status", "evidence", "evidence_url", "completed_on"]),
    )
    return assignment


@transaction.atomic
def log_work(*, organization: Organization, kind: str, held_on, title: str, participants, summary: str, by) -> WorkLog:
    entry = WorkLog.objects.create(
        organization=organization,
        kind=kind,
        held_on=held_on,
        title=title,
        participants=participants,
        summary=summary,
    )
    record(actor=by, obj=entry, action="ledger.logged", after=snapshot(entry, ["kind", "held_on", "title"]))
    return entry


# ---------------------------------------------------------------- 政务新媒体

ACCOUNT_FIELDS = ["platform", "name", "operator", "status", "opened_on", "closed_on", "note"]


@transaction.atomic
def save_account(*, organization: Organization, data: dict, by, account: NewMediaAccount | None = None):
    created = account is None
    account = account or NewMediaAccount(organization=organization)
    before = None if created else snapshot(account, ACCOUNT_FIELDS)
    for key in ACCOUNT_FIELDS:
        if key in data:
            setattr(account, key, data[key])
    if account.status in (AccountStatus.CLOSED, AccountStatus.MERGED) and not account.closed_on:
        raise ValidationError({"closed_on": _("已关停或已整合的账号请填写关停/整合日期。")})
    account.save()
    record(
        actor=by,
        obj=account,
        action="newmedia.account_created" if created else "newmedia.account_updated",
        before=before,
        after=snapshot(account, ACCOUNT_FIELDS),
    )
    return account


def accounts_in_operation(organization: Organization, on) -> int:
    """Accounts opened by ``on`` and not closed before it."""
    qs = NewMediaAccount.objects.filter(organization=organization).exclude(opened_on__gt=on)
    return qs.exclude(closed_on__lte=on).count()


@transaction.atomic
def record_check(
    *, organization: Organization, year: int, checked_on, result: str, problems: str, rectification: str, by
) -> NewMediaCheck:
    """The yearly 排查整治 result; "无政务新媒体" only when no account is in operation."""
    count = accounts_in_operation(organization, checked_on)
    if result == CheckResult.NONE and count:
        raise ValidationError(
            {"result": _("登记中仍有 %(n)d 个在运营的政务新媒体账号，不能记录为“无政务新媒体”。") % {"n": count}}
        )
    if result != CheckResult.NONE and not count:
        raise ValidationError({"result": _("没有在运营的账号，请记录为“无政务新媒体”，或先登记账号。")})
    if result in (CheckResult.RECTIFIED, CheckResult.PENDING) and not problems.strip():
        raise ValidationError({"problems": _("请填写发现的问题。")})
    check, created = NewMediaCheck.objects.update_or_create(
        organization=organization,
        year=year,
        defaults={
            "checked_on": checked_on,
            "result": result,
            "accounts_checked": count,
            "problems": problems,
            "rectification": rectification,
        },
    )
    record(
        actor=by,
        obj=check,
        action="newmedia.checked",
        after=snapshot(check, ["year", "checked_on", "result", "accounts_checked"]),
    )
    return check


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
