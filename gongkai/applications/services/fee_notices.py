"""信息处理费 (第四十二条; 国办函〔2020〕109号): quotes, fee notices, payment and lapse."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from gongkai.workdays.clock import Kind

from .. import clockwork, fees, letters
from ..models import (
    AgencySettings,
    ApplicantRequest,
    Application,
    FeeSchedule,
    LetterKind,
    RequestKind,
)
from ..workflow import Status
from .base import APPLICANT, SYSTEM, _audit, _claim, _close_on_lapse, _recompute

# -- 信息处理费 (第四十二条; 国办函〔2020〕109号) ----------------------------------------------------


def fee_schedule(on: date):
    row = FeeSchedule.objects.filter(effective_from__lte=on).first()
    if row is None:
        return fees.DEFAULT_PER_ITEM, fees.DEFAULT_PER_PAGE_TIERS
    return row.per_item or fees.DEFAULT_PER_ITEM, row.per_page or fees.DEFAULT_PER_PAGE_TIERS


def monthly_count(app: Application) -> int:
    """This application's ordinal among the applicant's applications to this agency in its calendar month."""
    month_start = app.received_on.replace(day=1)
    return (
        Application.objects.filter(
            organization=app.organization,
            applicant_key=app.applicant_key,
            received_on__gte=month_start,
            received_on__lte=app.received_on,
        )
        .filter(Q(received_on__lt=app.received_on) | Q(pk__lte=app.pk))
        .count()
    )


def fee_quote(app: Application, *, method: str, pages: int | None) -> fees.FeeResult:
    per_item, per_page = fee_schedule(app.received_on)
    quantity = monthly_count(app) if method == fees.PER_ITEM else (pages or 0)
    if quantity < 1:
        raise ValidationError(_("按量计收须填写页数。"))
    return fees.calculate(method, quantity, per_item_rule=per_item, per_page_tiers=per_page)


@transaction.atomic
def issue_fee_notice(app, *, method: str, pages: int | None, by, version, today):
    from gongkai.workdays import services as workdays

    if app.requests.filter(kind=RequestKind.FEE).exists():
        raise ValidationError(_("本申请已发出过收费通知。"))
    quote = fee_quote(app, method=method, pages=pages)
    if quote.amount <= 0:
        raise ValidationError(_("按109号标准本申请不收费（%(e)s）。") % {"e": quote.explanation})
    settings_ = AgencySettings.for_org(app.organization)
    pay_by = workdays.get_calendar().add_working_days(today, settings_.payment_days)
    _claim(app, version=version, to=Status.FEE_PENDING)
    req = ApplicantRequest.objects.create(
        application=app,
        kind=RequestKind.FEE,
        issued_on=today,
        respond_by=pay_by,
        text=quote.explanation,
        fee_method=method,
        fee_quantity=quote.quantity,
        fee_amount=quote.amount,
        fee_explanation=quote.explanation,
    )
    clockwork.add_event(app, Kind.FEE_NOTICE_ISSUED, today, until=pay_by)
    _recompute(app, today)
    letters.issue(
        app,
        LetterKind.FEE,
        on=today,
        values={
            "计费方式": _("按件计收") if method == fees.PER_ITEM else _("按量计收"),
            "计费说明": quote.explanation,
            "收费金额": str(quote.amount),
            "缴费期限": letters.cn_date(pay_by),
        },
    )
    _audit(
        app,
        by=by,
        action="fee_notice_issued",
        after={"amount": quote.amount, "pay_by": pay_by},
        note=_("发出收费通知：%(a)d元，缴费期限 %(d)s") % {"a": quote.amount, "d": pay_by},
    )
    return req


@transaction.atomic
def record_fee_paid(app, *, by, version, today, reference: str = ""):
    req = app.requests.filter(kind=RequestKind.FEE, outcome=ApplicantRequest.Outcome.OPEN).first()
    if req is None:
        raise ValidationError(_("没有待缴的收费通知。"))
    _claim(app, version=version, to=Status.RECEIVED)
    req.outcome, req.responded_on = ApplicantRequest.Outcome.PAID, today
    if reference:
        req.response = reference
    req.save()
    clockwork.add_event(app, Kind.FEE_PAID, today)
    _recompute(app, today)
    _audit(
        app,
        by=by,
        action="fee_paid",
        after={"status": app.status, "due_on": app.due_on},
        note=_("确认申请人已缴纳信息处理费"),
    )


@transaction.atomic
def applicant_fee_note(app, *, reference: str, today):
    """The applicant reports payment online (staff still confirm it)."""
    req = app.requests.filter(kind=RequestKind.FEE, outcome=ApplicantRequest.Outcome.OPEN).first()
    if req is None:
        raise ValidationError(_("没有待缴的收费通知。"))
    req.response, req.responded_on, req.responded_online = reference, today, True
    req.save()
    _audit(app, by=APPLICANT, action="fee_reported", note=_("申请人在线报告已缴费，待工作人员确认"))


@transaction.atomic
def lapse_fee(app, *, today, by=SYSTEM):
    """缴费期限届满未缴费: 不再处理 → 三（六）2."""
    _close_on_lapse(
        app,
        kind=RequestKind.FEE,
        today=today,
        by=by,
        not_yet=_("缴费期限尚未届满。"),
        category="other.unpaid_fee",
        close_kind=Kind.FEE_LAPSED,
        reason=_("您未在缴费期限内按收费通知要求缴纳费用，本机关不再处理该政府信息公开申请。"),
        action="fee_lapsed",
        note=_("逾期未缴费，不再处理"),
    )
