"""工作要点 and 台账 (plans, tasks, assignments, the ledger) and 政务新媒体 (accounts and their checks)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.audit.services import record, snapshot
from gongkai.organizations.models import Organization

from ..models import (
    AccountStatus,
    CheckResult,
    NewMediaAccount,
    NewMediaCheck,
    TaskAssignment,
    TaskStatus,
    WorkLog,
    WorkPlan,
    WorkTask,
)

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
