"""What the agency asks of the applicant: 补正 (第三十条), reasons for 大量、频繁 requests and 延迟答复 (第三十五条)."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.workdays.clock import Kind

from .. import clockwork, letters
from ..models import (
    ApplicantRequest,
    Attachment,
    LetterKind,
    RequestKind,
)
from ..workflow import Status
from .base import APPLICANT, SYSTEM, _audit, _claim, _close_on_lapse, _recompute

# -- 补正 (第三十条) -------------------------------------------------------------------------------


@transaction.atomic
def request_correction(app, *, items: str, respond_by: date, by, version, today):
    if app.requests.filter(kind=RequestKind.CORRECTION).exists():
        raise ValidationError(_("第三十条要求一次性告知补正，本申请已告知过补正。"))
    st = clockwork.state_of(app, today=today)
    if st.correction_due and today > st.correction_due:
        raise ValidationError(
            _("补正告知应自收到申请之日起7个工作日内（%(d)s前）发出，已超过期限。") % {"d": st.correction_due}
        )
    if respond_by <= today:
        raise ValidationError(_("补正期限应晚于今天。"))
    _claim(app, version=version, to=Status.CORRECTION)
    req = ApplicantRequest.objects.create(
        application=app, kind=RequestKind.CORRECTION, issued_on=today, respond_by=respond_by, text=items
    )
    clockwork.add_event(app, Kind.CORRECTION_REQUESTED, today, until=respond_by)
    _recompute(app, today)
    letters.issue(
        app, LetterKind.CORRECTION, on=today, values={"补正事项": items, "补正期限": letters.cn_date(respond_by)}
    )
    _audit(
        app,
        by=by,
        action="correction_requested",
        after={"status": app.status, "respond_by": respond_by},
        note=_("告知申请人补正，补正期限至 %(d)s") % {"d": respond_by},
    )
    return req


@transaction.atomic
def submit_correction(app, *, response: str, files=(), online: bool, by, version=None, today):
    """The corrected application arrives (online on the status page, or on paper registered by staff)."""
    req = app.requests.filter(kind=RequestKind.CORRECTION, outcome=ApplicantRequest.Outcome.OPEN).first()
    if req is None:
        raise ValidationError(_("没有待补正的事项。"))
    _claim(app, version=version, to=Status.RECEIVED)
    req.response, req.responded_on, req.responded_online = response, today, online
    req.outcome = ApplicantRequest.Outcome.ANSWERED
    req.save()
    for f in files or []:
        Attachment.objects.create(
            application=app, file=f, name=f.name[:200], size=f.size, content_type=getattr(f, "content_type", "") or ""
        )
    clockwork.add_event(app, Kind.CORRECTION_RECEIVED, today)
    _recompute(app, today)
    _audit(
        app,
        by=by if by is not None else APPLICANT,
        action="correction_received",
        after={"status": app.status, "due_on": app.due_on},
        note=_("收到补正的申请，答复期限重新计算至 %(d)s") % {"d": app.due_on},
    )


@transaction.atomic
def lapse_correction(app, *, today, by=SYSTEM):
    """补正期限届满未补正: 视为放弃申请 → 三（六）1."""
    _close_on_lapse(
        app,
        kind=RequestKind.CORRECTION,
        today=today,
        by=by,
        not_yet=_("补正期限尚未届满。"),
        category="other.no_correction",
        close_kind=Kind.CORRECTION_LAPSED,
        reason=_("您未在补正期限内补正，视为放弃申请，本机关不再处理该政府信息公开申请。"),
        action="correction_lapsed",
        note=_("补正期限届满未补正，视为放弃申请"),
    )


# -- 第三十五条 -------------------------------------------------------------------------------------


@transaction.atomic
def request_explanation(app, *, text: str, respond_by: date, by, version, today):
    if respond_by <= today:
        raise ValidationError(_("说明期限应晚于今天。"))
    _claim(app, version=version, to=Status.EXPLANATION)
    ApplicantRequest.objects.create(
        application=app, kind=RequestKind.EXPLANATION, issued_on=today, respond_by=respond_by, text=text
    )
    letters.issue(
        app, LetterKind.EXPLANATION, on=today, values={"说明事项": text, "说明期限": letters.cn_date(respond_by)}
    )
    _audit(
        app,
        by=by,
        action="explanation_requested",
        after={"status": app.status},
        note=_("要求申请人说明理由（第三十五条）"),
    )


@transaction.atomic
def submit_explanation(app, *, response: str, online: bool, by, version=None, today):
    req = app.requests.filter(kind=RequestKind.EXPLANATION, outcome=ApplicantRequest.Outcome.OPEN).first()
    if req is None:
        raise ValidationError(_("没有待说明的事项。"))
    _claim(app, version=version, to=Status.RECEIVED)
    req.response, req.responded_on, req.responded_online = response, today, online
    req.outcome = ApplicantRequest.Outcome.ANSWERED
    req.save()
    _recompute(app, today)
    _audit(app, by=by if by is not None else APPLICANT, action="explanation_received", note=_("收到申请人的说明"))


@transaction.atomic
def set_delay(app, *, until: date, reason: str, by, version, today):
    """第三十五条: reasons accepted but the answer needs more time — a reasonable delay."""
    if app.due_on and until <= app.due_on:
        raise ValidationError(_("延迟答复期限应晚于现有答复期限（%(d)s）。") % {"d": app.due_on})
    _claim(app, version=version)
    clockwork.add_event(app, Kind.DELAY_SET, today, until=until, note=reason)
    _recompute(app, today)
    letters.issue(app, LetterKind.DELAY, on=today, values={"延迟答复期限": letters.cn_date(until), "延迟理由": reason})
    _audit(
        app,
        by=by,
        action="delay_set",
        after={"due_on": app.due_on},
        note=_("确定延迟答复期限至 %(d)s（第三十五条）") % {"d": until},
    )
