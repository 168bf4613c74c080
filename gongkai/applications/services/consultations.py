"""Consulting third parties (第三十二条) and co-producing agencies (第三十四条)."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.workdays.clock import Kind

from .. import clockwork, letters
from ..models import (
    Consultation,
    LetterKind,
)
from ..workflow import Status
from .base import SYSTEM, _audit, _claim, _recompute

# -- consultations (第三十二条、第三十四条) ----------------------------------------------------------


@transaction.atomic
def start_consultation(app, *, kind: str, party: str, party_address: str, matter: str, by, version, today):
    from gongkai.workdays import services as workdays

    if app.consultations.filter(kind=kind, outcome=Consultation.Outcome.OPEN).exists():
        raise ValidationError(_("同类征求意见尚未结束。"))
    _claim(app, version=version, to=Status.CONSULTING)
    cal = workdays.get_calendar()
    due = cal.add_working_days(today, workdays.period("consultation"))
    c = Consultation.objects.create(
        application=app, kind=kind, party=party, party_address=party_address, matter=matter, sent_on=today, due_on=due
    )
    sent = Kind.THIRD_PARTY_SENT if kind == Consultation.Kind.THIRD_PARTY else Kind.COPRODUCER_SENT
    clockwork.add_event(app, sent, today, until=due, note=party)
    _recompute(app, today)
    letter_kind = LetterKind.THIRD_PARTY if kind == Consultation.Kind.THIRD_PARTY else LetterKind.COPRODUCER
    letters.issue(
        app,
        letter_kind,
        on=today,
        values={"被征求意见方": party, "征求意见事项": matter, "意见期限": letters.cn_date(due)},
        to_applicant=False,
    )
    _audit(
        app,
        by=by,
        action="consultation_started",
        after={"status": app.status},
        note=_("%(k)s：%(p)s，意见期限 %(d)s") % {"k": c.get_kind_display(), "p": party, "d": due},
    )
    return c


def _close_consultation(app, c, *, outcome, opinion, on, by, version, today, lapsed=False):
    third = c.kind == Consultation.Kind.THIRD_PARTY
    others_open = app.consultations.filter(outcome=Consultation.Outcome.OPEN).exclude(pk=c.pk).exists()
    _claim(app, version=version, to=Status.CONSULTING if others_open else Status.RECEIVED)
    c.outcome, c.opinion, c.answered_on = outcome, opinion, on
    c.save()
    if lapsed:
        kind = Kind.THIRD_PARTY_LAPSED if third else Kind.COPRODUCER_LAPSED
    else:
        kind = Kind.THIRD_PARTY_ANSWERED if third else Kind.COPRODUCER_ANSWERED
    clockwork.add_event(app, kind, on)
    _recompute(app, today)
    _audit(
        app,
        by=by,
        action="consultation_closed",
        after={"status": app.status, "due_on": app.due_on},
        note=_("%(p)s：%(o)s") % {"p": c.party, "o": c.get_outcome_display()},
    )


@transaction.atomic
def record_consultation_answer(consultation, *, outcome: str, opinion: str, answered_on: date, by, version, today):
    app = consultation.application
    if consultation.outcome != Consultation.Outcome.OPEN:
        raise ValidationError(_("该征求意见已结束。"))
    if answered_on > today or answered_on < consultation.sent_on:
        raise ValidationError(_("收到意见的日期应在发出日期和今天之间。"))
    _close_consultation(
        app, consultation, outcome=outcome, opinion=opinion, on=answered_on, by=by, version=version, today=today
    )


@transaction.atomic
def lapse_consultation(consultation, *, today, by=SYSTEM):
    app = consultation.application
    if consultation.outcome != Consultation.Outcome.OPEN or consultation.due_on >= today:
        raise ValidationError(_("意见期限尚未届满。"))
    # 第三十四条: co-producer silence = 视为同意公开; 第三十二条: third-party silence = the agency decides.
    _close_consultation(
        app,
        consultation,
        outcome=Consultation.Outcome.LAPSED,
        opinion="",
        on=consultation.due_on,
        by=by,
        version=None,
        today=today,
        lapsed=True,
    )
