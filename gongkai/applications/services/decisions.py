"""Handling and answering: assignment, withdrawal, extension (第三十三条第二款), decision and review."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.organizations.access import has_role
from gongkai.organizations.models import Role
from gongkai.workdays.clock import Kind

from .. import categories, clockwork, letters
from ..models import (
    AgencySettings,
    ApplicantRequest,
    Consultation,
    LetterKind,
    RequestKind,
    Review,
)
from ..workflow import TERMINAL, Status, can_withdraw
from .base import APPLICANT, _audit, _claim, _conclude, _need_role, _recompute

# -- simple actions ------------------------------------------------------------------------------


@transaction.atomic
def assign(app, *, assignee, by, version, today):
    if app.status in TERMINAL:
        raise ValidationError(_("申请已办结，不能再指派。"))
    if assignee is not None and not has_role(assignee, app.organization, Role.CLERK, Role.REVIEWER, Role.HEAD):
        raise ValidationError(_("承办人必须是本机关的工作人员。"))
    before = app.assignee_id
    _claim(app, version=version)
    app.assignee = assignee
    app.save(update_fields=["assignee"])
    _recompute(app, today)
    _audit(
        app,
        by=by,
        action="assigned",
        before={"assignee": before},
        after={"assignee": assignee.pk if assignee else None},
        note=_("指派承办人：%(name)s") % {"name": (assignee.get_full_name() or assignee.username) if assignee else "—"},
    )


@transaction.atomic
def withdraw(app, *, reason: str, by, version, today, online: bool = False):
    """The applicant withdraws: in writing (registered by staff) or online on the status page (``by=None``).

    Counted in table 三 under （六）3 其他 in the year of withdrawal. Open requests to the applicant and open
    consultations end with it (the third party or agency is no longer waited for).
    """
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("请填写撤回理由。")})
    if not can_withdraw(app.status):
        raise ValidationError(_("本申请当前状态为“%(s)s”，已经办结，不能再撤回。") % {"s": Status(app.status).label})
    _claim(app, version=version, to=Status.WITHDRAWN)
    app.requests.filter(outcome=ApplicantRequest.Outcome.OPEN).update(outcome=ApplicantRequest.Outcome.CANCELLED)
    app.consultations.filter(outcome=Consultation.Outcome.OPEN).update(outcome=Consultation.Outcome.CANCELLED)
    _conclude(app, category="other.other", on=today, note=_("申请人撤回申请"))
    app.reasons = reason
    app.save(update_fields=["reasons"])
    _recompute(app, today)
    note = _("申请人通过网站撤回申请：%(r)s") if online else _("申请人撤回申请：%(r)s")
    _audit(
        app,
        by=by if by is not None else APPLICANT,
        action="withdrawn",
        after={"status": app.status, "online": online},
        note=note % {"r": reason},
    )


# -- extension (第三十三条第二款) ------------------------------------------------------------------


@transaction.atomic
def request_extension(app, *, days: int, reason: str, by, version, today):
    from gongkai.workdays import services as workdays

    limit = workdays.period("extension")
    if app.extended_days:
        raise ValidationError(_("答复期限只能延长一次，本申请已经延长。"))
    if not 1 <= days <= limit:
        raise ValidationError(_("延长的期限最长不得超过%(n)d个工作日。") % {"n": limit})
    if app.due_on and today > app.due_on:
        raise ValidationError(_("答复期限已过，不能再延长。"))
    _claim(app, version=version)
    app.extension_requested_days, app.extension_reason, app.extension_requested_by = days, reason, by
    app.save(update_fields=["extension_requested_days", "extension_reason", "extension_requested_by"])
    _recompute(app, today)
    _audit(
        app,
        by=by,
        action="extension_requested",
        after={"days": days},
        note=_("申请延长答复期限%(n)d个工作日，待负责人批准") % {"n": days},
    )


@transaction.atomic
def decide_extension(app, *, approve: bool, comments: str = "", by, version, today):
    """The 工作机构负责人 approves (the applicant is notified by the 延期答复告知书) or refuses."""
    _need_role(by, app.organization, Role.HEAD)
    if not app.extension_requested_days:
        raise ValidationError(_("没有待批准的延期申请。"))
    days = app.extension_requested_days
    _claim(app, version=version)
    app.extension_requested_days = 0
    app.save(update_fields=["extension_requested_days"])
    if not approve:
        _audit(app, by=by, action="extension_refused", note=_("负责人未同意延期：%(c)s") % {"c": comments})
        return
    old_due = app.due_on
    clockwork.add_event(app, Kind.EXTENDED, today, days=days, note=app.extension_reason)
    st = _recompute(app, today)
    letters.issue(
        app,
        LetterKind.EXTENSION,
        on=today,
        values={
            "延长天数": str(days),
            "延期理由": app.extension_reason,
            "原答复期限": letters.cn_date(old_due),
            "延长后答复期限": letters.cn_date(st.due_date) or _("恢复计时后另行计算"),
        },
    )
    _audit(
        app,
        by=by,
        action="extension_approved",
        before={"due_on": old_due},
        after={"due_on": app.due_on},
        note=_("负责人同意延长答复期限%(n)d个工作日，已告知申请人") % {"n": days},
    )


# -- decision and review (第三十六–三十九条; 第四十五条 审核) -------------------------------------------


def validate_decision(*, category: str, partial_withheld_category: str, reasons: str, access_instructions: str) -> dict:
    errors = {}
    if category not in {c.id for c in categories.DECIDABLE}:
        errors["category"] = _("请选择一个办理结果。")
        return errors
    cat = categories.get(category)
    if cat.family == "partial" and partial_withheld_category not in {
        c.id for c in categories.CATEGORIES if c.family == "withheld"
    }:
        errors["partial_withheld_category"] = _("部分公开须选择不予公开部分的理由类别（第三十七条）。")
    if cat.reasons_required and not reasons.strip():
        errors["reasons"] = _("此办理结果须说明理由（第三十六条第（三）项、第三十七条）。")
    if cat.access_required and not access_instructions.strip():
        errors["access_instructions"] = _("须写明获取信息的方式、途径和时间（第三十六条、第四十条）。")
    return errors


@transaction.atomic
def draft_decision(
    app,
    *,
    category: str,
    legal_basis: str = "",
    reasons: str = "",
    access_instructions: str = "",
    responsible_agency: str = "",
    partial_withheld_category: str = "",
    by,
    version,
    today,
):
    errors = validate_decision(
        category=category,
        partial_withheld_category=partial_withheld_category,
        reasons=reasons,
        access_instructions=access_instructions,
    )
    if errors:
        raise ValidationError(errors)
    if app.consultations.filter(outcome=Consultation.Outcome.OPEN).exists():
        raise ValidationError(_("征求意见尚未结束，不能作出答复。"))
    cat = categories.get(category)
    _claim(app, version=version, to=Status.REVIEW)
    if app.requests.filter(kind=RequestKind.EXPLANATION, outcome=ApplicantRequest.Outcome.OPEN).exists():
        app.requests.filter(kind=RequestKind.EXPLANATION, outcome=ApplicantRequest.Outcome.OPEN).update(
            outcome=ApplicantRequest.Outcome.LAPSED
        )
    app.decision_category = category
    app.partial_withheld_category = partial_withheld_category if cat.family == "partial" else ""
    app.legal_basis = legal_basis.strip() or cat.basis
    app.reasons, app.access_instructions, app.responsible_agency = reasons, access_instructions, responsible_agency
    app.review_stage = "reviewer"
    app.decided_by = by
    app.save(
        update_fields=[
            "decision_category",
            "partial_withheld_category",
            "legal_basis",
            "reasons",
            "access_instructions",
            "responsible_agency",
            "review_stage",
            "decided_by",
        ]
    )
    _audit(
        app,
        by=by,
        action="decision_drafted",
        after={"category": category},
        note=_("拟定答复：%(c)s，提交审核") % {"c": cat.label},
    )


@transaction.atomic
def review_decision(app, *, approve: bool, comments: str, by, version, today):
    """审核人 (then 负责人 where configured) approves — the answer is sent — or returns it with comments."""
    stage = app.review_stage or "reviewer"
    needed = (Role.REVIEWER, Role.HEAD) if stage == "reviewer" else (Role.HEAD,)
    _need_role(by, app.organization, *needed)
    if by is not None and by.pk == app.decided_by_id and not by.is_superuser:
        raise PermissionDenied(_("拟稿人不能审核自己拟定的答复。"))
    if not approve and not comments.strip():
        raise ValidationError({"comments": _("退回时须写明审核意见。")})
    Review.objects.create(
        application=app, stage=stage, approved=approve, comments=comments, by=by, category=app.decision_category
    )
    if not approve:
        _claim(app, version=version, to=Status.RECEIVED)
        app.decision_category, app.review_stage = "", ""
        app.save(update_fields=["decision_category", "review_stage"])
        _audit(app, by=by, action="decision_returned", note=_("审核退回：%(c)s") % {"c": comments})
        return
    head_needed = AgencySettings.for_org(app.organization).head_review_required
    if stage == "reviewer" and head_needed and not has_role(by, app.organization, Role.HEAD):
        _claim(app, version=version, to=Status.REVIEW)
        app.review_stage = "head"
        app.save(update_fields=["review_stage"])
        _audit(app, by=by, action="decision_reviewed", note=_("审核人同意，提交负责人审核"))
        return
    _send_decision(app, by=by, version=version, today=today)


def _send_decision(app, *, by, version, today):
    from ..models import REPLY_KIND_BY_FAMILY

    _claim(app, version=version, to=Status.ANSWERED)
    app.review_stage = ""
    app.save(update_fields=["review_stage"])
    _conclude(app, category=app.decision_category, on=today, note=str(app.category.label))
    _recompute(app, today)
    letter = letters.issue(app, REPLY_KIND_BY_FAMILY[app.category.family], on=today)
    _audit(
        app,
        by=by,
        action="answered",
        after={"status": app.status, "category": app.decision_category, "letter": letter.number},
        note=_("审核通过，答复书已送达申请人：%(c)s（%(n)s）") % {"c": app.category.label, "n": letter.number},
    )
    return letter
