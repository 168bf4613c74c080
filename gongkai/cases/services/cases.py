"""行政复议 and 行政诉讼 cases: register and update, with their reply/defence due dates."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.audit.services import record, snapshot
from gongkai.organizations.models import Organization

from .. import deadlines
from ..models import (
    Case,
    CaseKind,
    Route,
)

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
