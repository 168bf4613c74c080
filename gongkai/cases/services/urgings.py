"""督办 (supervision orders: issue, reply, confirm or return, remind) and 通报 (bulletins)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.audit.services import record, snapshot
from gongkai.organizations.models import Membership, Organization, Role

from ..models import (
    Bulletin,
    BulletinItem,
    Urging,
    UrgingStatus,
)
from .common import Conflict, _mail, staff_emails

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
