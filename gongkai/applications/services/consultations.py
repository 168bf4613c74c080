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
from ..workflow import TERMINAL, Status
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


# -- 第三十二条: disclosing over the third party's objection ------------------------------------------


def disclosure_notice_refusal(consultation) -> str | None:
    """Why no 决定公开告知书 can be issued on ``consultation`` now (None: it can).

    第三十二条: only a third party that was consulted and did not agree can be overridden, in the public interest,
    and it must be told in writing before the information is disclosed — so only while the application is open.
    """
    app = consultation.application
    if consultation.kind != Consultation.Kind.THIRD_PARTY:
        return _("决定公开告知书只发给征求过意见的第三方（第三十二条）；共同制作机关的意见按第三十四条处理。")
    if consultation.outcome == Consultation.Outcome.OPEN:
        return _("第三方的意见期限尚未结束，不能先作出决定公开的告知。")
    if consultation.outcome != Consultation.Outcome.OBJECTS:
        return _("该第三方没有提出不同意公开的意见（%(o)s），无需发出决定公开告知书。") % {
            "o": consultation.get_outcome_display()
        }
    if consultation.disclosure_letter_id is not None:
        return _("已向该第三方发出过决定公开告知书。")
    if app.status in TERMINAL:
        return _("本申请已办结（%(s)s）；决定公开告知书应在公开之前发出。") % {"s": Status(app.status).label}
    return None


@transaction.atomic
def notify_third_party_of_disclosure(consultation, *, content: str, reasons: str, by, version, today):
    """The third party objected, but the agency finds that not disclosing could seriously affect the public interest
    (第十五条、第三十二条): it decides to disclose and tells the third party in writing what and why.

    Issues the 决定公开告知书 (to the third party, not the applicant); the clock is not affected.
    """
    app = consultation.application
    refusal = disclosure_notice_refusal(consultation)
    if refusal:
        raise ValidationError(refusal)
    content, reasons = content.strip(), reasons.strip()
    errors = {}
    if not content:
        errors["content"] = _("请写明决定公开的政府信息内容。")
    if not reasons:
        errors["reasons"] = _("请写明决定公开的理由（不公开可能对公共利益造成重大影响的具体情形）。")
    if errors:
        raise ValidationError(errors)
    _claim(app, version=version)
    letter = letters.issue(
        app,
        LetterKind.THIRD_PARTY_NOTICE,
        on=today,
        values={
            "被征求意见方": consultation.party,
            "征求意见日期": letters.cn_date(consultation.sent_on),
            "收到意见日期": letters.cn_date(consultation.answered_on),
            "决定公开内容": content,
            "公开理由": reasons,
            "救济途径": letters.third_party_remedies(app),
        },
        to_applicant=False,
    )
    consultation.disclosure_content, consultation.disclosure_reasons = content, reasons
    consultation.disclosure_letter = letter
    consultation.save(update_fields=["disclosure_content", "disclosure_reasons", "disclosure_letter"])
    _audit(
        app,
        by=by,
        action="third_party_notified",
        after={"consultation": consultation.pk, "letter": letter.number},
        note=_("第三方不同意公开，本机关认为不公开可能对公共利益造成重大影响，决定公开并书面告知%(p)s（%(n)s）")
        % {"p": consultation.party, "n": letter.number},
    )
    return letter
