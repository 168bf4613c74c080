"""Statutory clocks: replay a case's events into its deadlines, with a step-by-step Chinese explanation.

Pure Python (no Django). Rules implemented (《政府信息公开条例》):

* 第三十三条: reply within ``reply_days`` (20) 工作日 of 收到申请之日 (第三十一条 decides which day that is; the
  caller records it as the RECEIVED event's date and may name the channel in ``note``); one extension of at most
  ``max_extension_days`` (20) with the 工作机构负责人's approval.
* 第三十条: the 补正告知 must go out within ``correction_notice_days`` (7) 工作日 of receipt; while the applicant
  corrects, the reply clock waits; it restarts in full from the day the corrected application is received. An
  unexcused lapse ends the case (视为放弃申请).
* 第三十三条第三款 / 第三十二条 / 第三十四条: time spent consulting a third party or a co-producing agency is not
  counted. Model (spec §1.5 [I]): the clock pauses after the day the 征求意见书 is sent and resumes on the day the
  opinion arrives or the ``consultation_days`` (15) 工作日 window ends, whichever is first. The working days in
  (sent, resumed] are excluded.
* 第三十五条: a reasonable delay (``until`` date, or ``days`` more 工作日) replaces the due date.
* 信息处理费 (国办函〔2020〕109号, payment period [U]): with ``fee_pauses`` the clock pauses from the fee notice
  until payment; non-payment ends the case.

Invalid events never crash a replay: they are ignored and reported in ``warnings`` (and the explanation).

Every sentence is one message marked with :mod:`gongkai.i18n` (named placeholders, translated before it is
formatted), so the explanation follows the active language; untranslated, it is the Chinese of the law.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from gongkai.i18n import gettext as _
from gongkai.i18n import gettext_noop, ngettext

from .calc import WorkCalendar, fmt
from .periods import _note, describe_period, simple_deadline
from .receipt import CHANNEL_LABELS, Channel, receipt_date

__all__ = [
    "CHANNEL_LABELS",
    "Channel",
    "ClockEvent",
    "ClockRule",
    "ClockState",
    "Kind",
    "describe_period",
    "receipt_date",
    "replay",
    "simple_deadline",
]


class Kind(StrEnum):
    RECEIVED = "received"
    CORRECTION_REQUESTED = "correction_requested"
    CORRECTION_RECEIVED = "correction_received"
    CORRECTION_LAPSED = "correction_lapsed"
    THIRD_PARTY_SENT = "third_party_sent"
    THIRD_PARTY_ANSWERED = "third_party_answered"
    THIRD_PARTY_LAPSED = "third_party_lapsed"
    COPRODUCER_SENT = "coproducer_sent"
    COPRODUCER_ANSWERED = "coproducer_answered"
    COPRODUCER_LAPSED = "coproducer_lapsed"
    EXTENDED = "extended"
    DELAY_SET = "delay_set"
    FEE_NOTICE_ISSUED = "fee_notice_issued"
    FEE_PAID = "fee_paid"
    FEE_LAPSED = "fee_lapsed"
    CLOSED = "closed"


@dataclass(frozen=True)
class ClockEvent:
    kind: Kind
    on: date
    days: int | None = None
    until: date | None = None
    note: str = ""


@dataclass(frozen=True)
class ClockRule:
    reply_days: int = 20
    correction_notice_days: int = 7
    consultation_days: int = 15
    max_extension_days: int = 20
    fee_pauses: bool = True


RUNNING, PAUSED, CLOSED = "running", "paused", "closed"


@dataclass
class ClockState:
    state: str
    due_date: date | None
    correction_due: date | None
    days_left: int | None
    overdue: bool
    provisional: bool
    explanation: list[str]
    warnings: list[str] = field(default_factory=list)
    pause_reason: str = ""  # "correction" | "third_party" | "coproducer" | "fee" while paused
    pause_until: date | None = None  # end of the consultation window / 补正期限 / 缴费期限, when known
    closed_on: date | None = None
    extended_days: int = 0
    received_on: date | None = None


_CONSULT = {
    Kind.THIRD_PARTY_SENT: ("third_party", "sent"),
    Kind.THIRD_PARTY_ANSWERED: ("third_party", "answered"),
    Kind.THIRD_PARTY_LAPSED: ("third_party", "lapsed"),
    Kind.COPRODUCER_SENT: ("coproducer", "sent"),
    Kind.COPRODUCER_ANSWERED: ("coproducer", "answered"),
    Kind.COPRODUCER_LAPSED: ("coproducer", "lapsed"),
}
# (who is consulted, the articles): untranslated, translate where used.
_CONSULT_LABEL = {
    "third_party": (gettext_noop("第三方"), gettext_noop("第三十二条、第三十三条第三款")),
    "coproducer": (gettext_noop("共同制作机关"), gettext_noop("第三十四条、第三十三条第三款")),
}


class _Replay:
    def __init__(self, calendar: WorkCalendar, rule: ClockRule, today: date):
        self.cal = calendar
        self.rule = rule
        self.today = today
        self.lines: list[str] = []
        self.warnings: list[str] = []
        self.state = RUNNING
        self.received: date | None = None
        self.due: date | None = None
        self.correction_due: date | None = None
        self.correction_sent = False
        self.remaining: int | None = None  # frozen working days while paused
        self.paused_on: date | None = None
        self.pauses: dict[str, date | None] = {}  # reason -> window end (None: open-ended)
        self.expired: dict[str, date] = {}  # consultations resumed automatically at the end of their window
        self.extended = 0
        self.closed_on: date | None = None
        self.late = False
        self.dates_used: list[date] = []

    # -- helpers ---------------------------------------------------------------------------------

    def warn(self, text: str) -> None:
        self.warnings.append(text)
        self.lines.append(_("注意：%(warning)s") % {"warning": text})

    def pause(self, reason: str, on: date, until: date | None) -> None:
        if not self.pauses:
            self.remaining = self.cal.working_days_between(on, self.due)
            self.paused_on = on
            self.state = PAUSED
        self.pauses[reason] = until

    def resume(self, reason: str, on: date) -> None:
        self.pauses.pop(reason, None)
        if self.pauses:
            return
        used = self.cal.working_days_between(self.paused_on, on)
        new_due = self.cal.add_working_days(on, self.remaining)
        self.lines.append(
            _(
                "自%(paused)s次日至%(resumed)s（%(used)s个工作日）不计入答复期限，"
                "自%(resumed)s次日起继续计算剩余%(remaining)s个工作日，答复期限为%(due)s"
            )
            % {
                "paused": fmt(self.paused_on),
                "resumed": fmt(on),
                "used": used,
                "remaining": self.remaining,
                "due": fmt(new_due),
            }
        )
        self.due = new_due
        self.dates_used.append(new_due)
        self.state = RUNNING
        self.remaining = None
        self.paused_on = None

    def expire_consultations(self, before: date) -> None:
        """Consultation windows that ended before ``before`` resume the clock on their last day."""
        while True:
            open_windows = [(end, r) for r, end in self.pauses.items() if r in _CONSULT_LABEL and end is not None]
            due = [(end, r) for end, r in open_windows if end < before]
            if not due:
                return
            end, reason = min(due)
            who = _(_CONSULT_LABEL[reason][0])
            self.lines.append(_("%(day)s征求%(who)s意见的期限届满，未收到意见") % {"day": fmt(end), "who": who})
            self.expired[reason] = end
            self.resume(reason, end)

    # -- events ----------------------------------------------------------------------------------

    def apply(self, ev: ClockEvent) -> None:
        cal, rule = self.cal, self.rule
        if self.state == CLOSED:
            self.warn(_("%(day)s的事项发生在办结之后，不影响期限") % {"day": fmt(ev.on)})
            return
        if ev.kind == Kind.RECEIVED:
            if self.received is not None:
                self.warn(_("重复登记收到申请（%(day)s），已忽略") % {"day": ev.on.isoformat()})
                return
            self.received = ev.on
            what = _("收到申请%(note)s") % {"note": _note(ev.note) if ev.note else ""}
            self.due, lines = simple_deadline(ev.on, rule.reply_days, cal, what=what, label=_("答复期限"))
            self.lines.extend(lines)
            self.correction_due = cal.add_working_days(ev.on, rule.correction_notice_days)
            n = rule.correction_notice_days
            self.lines.append(
                ngettext(
                    "如需补正，应于%(day)s前一次性告知申请人（第三十条，%(n)s个工作日）",
                    "如需补正，应于%(day)s前一次性告知申请人（第三十条，%(n)s个工作日）",
                    n,
                )
                % {"day": fmt(self.correction_due), "n": n}
            )
            self.dates_used += [self.due, self.correction_due]
            return
        if self.received is None:
            self.warn(_("%(day)s的事项早于收到申请，已忽略") % {"day": fmt(ev.on)})
            return

        if ev.kind == Kind.CORRECTION_REQUESTED:
            if self.correction_sent:
                self.warn(_("第三十条要求一次性告知补正，重复的补正告知不再中止期限"))
                return
            self.correction_sent = True
            if ev.on > self.correction_due:
                n = rule.correction_notice_days
                self.warn(
                    ngettext(
                        "补正告知于%(day)s发出，已超过第三十条规定的%(n)s个工作日（应于%(due)s前）",
                        "补正告知于%(day)s发出，已超过第三十条规定的%(n)s个工作日（应于%(due)s前）",
                        n,
                    )
                    % {"day": fmt(ev.on), "n": n, "due": fmt(self.correction_due)}
                )
            if ev.until:
                self.lines.append(
                    _("%(day)s告知申请人补正，补正期限至%(until)s；答复期限自收到补正的申请之日起重新计算（第三十条）")
                    % {"day": fmt(ev.on), "until": fmt(ev.until)}
                )
            else:
                self.lines.append(
                    _("%(day)s告知申请人补正；答复期限自收到补正的申请之日起重新计算（第三十条）") % {"day": fmt(ev.on)}
                )
            self.pauses.clear()
            self.state = PAUSED
            self.paused_on = ev.on
            self.remaining = rule.reply_days + self.extended
            self.pauses["correction"] = ev.until
        elif ev.kind == Kind.CORRECTION_RECEIVED:
            if "correction" not in self.pauses:
                self.warn(_("%(day)s收到补正，但此前未告知补正，已忽略") % {"day": fmt(ev.on)})
                return
            self.pauses.clear()
            self.state = RUNNING
            self.remaining = None
            self.paused_on = None
            days = rule.reply_days + self.extended
            self.due, lines = simple_deadline(ev.on, days, cal, what=_("收到补正的申请"), label=_("答复期限"))
            self.lines.extend(lines)
            self.dates_used.append(self.due)
        elif ev.kind == Kind.CORRECTION_LAPSED:
            if "correction" not in self.pauses:
                self.warn(_("%(day)s登记补正逾期，但此前未告知补正，已忽略") % {"day": fmt(ev.on)})
                return
            self.lines.append(
                _("%(day)s申请人无正当理由逾期不补正，视为放弃申请，不再处理（第三十条）") % {"day": fmt(ev.on)}
            )
            self.close(ev.on, count_overdue=False)
        elif ev.kind in _CONSULT:
            reason, step = _CONSULT[ev.kind]
            who, basis = (_(text) for text in _CONSULT_LABEL[reason])
            if step == "sent":
                if reason in self.pauses:
                    self.warn(_("征求%(who)s意见尚未结束，重复发出不另行中止") % {"who": who})
                    return
                if "correction" in self.pauses:
                    self.warn(_("补正期间征求%(who)s意见不另行中止期限") % {"who": who})
                    return
                window = ev.until or cal.add_working_days(ev.on, rule.consultation_days)
                n = rule.consultation_days
                self.lines.append(
                    ngettext(
                        "%(day)s书面征求%(who)s意见，意见期限%(n)s个工作日至%(until)s；"
                        "征求意见所需时间不计算在答复期限内（%(basis)s）",
                        "%(day)s书面征求%(who)s意见，意见期限%(n)s个工作日至%(until)s；"
                        "征求意见所需时间不计算在答复期限内（%(basis)s）",
                        n,
                    )
                    % {"day": fmt(ev.on), "who": who, "n": n, "until": fmt(window), "basis": basis}
                )
                self.pause(reason, ev.on, window)
                self.dates_used.append(window)
            else:
                expired = self.expired.pop(reason, None)
                if reason not in self.pauses and expired is None:
                    self.warn(
                        _("%(day)s登记%(who)s意见，但没有进行中的征求意见，已忽略") % {"day": fmt(ev.on), "who": who}
                    )
                    return
                values = {"day": fmt(ev.on), "who": who}
                if step == "answered":
                    self.lines.append(_("%(day)s收到%(who)s意见") % values)
                elif reason == "coproducer":
                    self.lines.append(_("%(day)s%(who)s逾期未提出意见，视为同意公开（第三十四条）") % values)
                else:
                    self.lines.append(
                        _("%(day)s%(who)s逾期未提出意见，由本机关依法决定是否公开（第三十二条）") % values
                    )
                if expired is None:
                    self.resume(reason, ev.on)
                else:
                    self.lines.append(_("征求意见期限已于%(day)s届满，其后时间计入答复期限") % {"day": fmt(expired)})
        elif ev.kind == Kind.EXTENDED:
            days = ev.days if ev.days is not None else rule.max_extension_days
            if self.extended:
                self.warn(_("答复期限只能延长一次（第三十三条），本次延长未计入"))
                return
            if days <= 0 or days > rule.max_extension_days:
                n = rule.max_extension_days
                self.warn(
                    ngettext(
                        "延长期限最长不得超过%(n)s个工作日（第三十三条），本次延长未计入",
                        "延长期限最长不得超过%(n)s个工作日（第三十三条），本次延长未计入",
                        n,
                    )
                    % {"n": n}
                )
                return
            self.extended = days
            if self.state == PAUSED:
                self.remaining += days
                self.lines.append(
                    ngettext(
                        "%(day)s经工作机构负责人同意延长答复期限%(n)s个工作日（第三十三条），恢复计算后一并计入",
                        "%(day)s经工作机构负责人同意延长答复期限%(n)s个工作日（第三十三条），恢复计算后一并计入",
                        days,
                    )
                    % {"day": fmt(ev.on), "n": days}
                )
                return
            if ev.on > self.due:
                self.warn(
                    _("延长决定于%(day)s作出，已在原答复期限%(due)s之后") % {"day": fmt(ev.on), "due": fmt(self.due)}
                )
            old = self.due
            self.due = cal.add_working_days(old, days)
            self.lines.append(
                ngettext(
                    "%(day)s经工作机构负责人同意并告知申请人，答复期限延长%(n)s个工作日（第三十三条）",
                    "%(day)s经工作机构负责人同意并告知申请人，答复期限延长%(n)s个工作日（第三十三条）",
                    days,
                )
                % {"day": fmt(ev.on), "n": days}
            )
            self.lines.append(
                describe_period(old, days, self.due, cal, what=_("原答复期限届满"), label=_("延长后的答复期限"))
            )
            self.dates_used.append(self.due)
        elif ev.kind == Kind.DELAY_SET:
            if ev.until is None and not ev.days:
                self.warn(_("第三十五条延迟答复需写明合理期限（日期或工作日数），已忽略"))
                return
            if self.state == PAUSED:
                self.warn(_("期限中止期间不能确定延迟答复期限，已忽略"))
                return
            note = _note(ev.note) if ev.note else ""
            if ev.until is not None:
                new_due = ev.until
                self.lines.append(
                    _("%(day)s依第三十五条确定延迟答复的合理期限，答复期限为%(due)s%(note)s")
                    % {"day": fmt(ev.on), "due": fmt(new_due), "note": note}
                )
            else:
                new_due = cal.add_working_days(self.due, ev.days)
                self.lines.append(
                    ngettext(
                        "%(day)s依第三十五条延迟答复%(n)s个工作日，答复期限为%(due)s%(note)s",
                        "%(day)s依第三十五条延迟答复%(n)s个工作日，答复期限为%(due)s%(note)s",
                        ev.days,
                    )
                    % {"day": fmt(ev.on), "n": ev.days, "due": fmt(new_due), "note": note}
                )
            self.due = new_due
            self.dates_used.append(new_due)
        elif ev.kind == Kind.FEE_NOTICE_ISSUED:
            values = {"day": fmt(ev.on), "until": fmt(ev.until) if ev.until else ""}
            if not rule.fee_pauses:
                if ev.until:
                    text = _("%(day)s发出信息处理费收费通知，缴费期限至%(until)s（按设置不中止答复期限）")
                else:
                    text = _("%(day)s发出信息处理费收费通知（按设置不中止答复期限）")
                self.lines.append(text % values)
                return
            if "fee" in self.pauses:
                self.warn(_("收费通知已发出，重复通知不另行中止"))
                return
            if ev.until:
                text = _("%(day)s发出信息处理费收费通知，缴费期限至%(until)s；缴费期间不计入答复期限（按本机关设置）")
            else:
                text = _("%(day)s发出信息处理费收费通知；缴费期间不计入答复期限（按本机关设置）")
            self.lines.append(text % values)
            self.pause("fee", ev.on, ev.until)
        elif ev.kind == Kind.FEE_PAID:
            if rule.fee_pauses and "fee" not in self.pauses:
                self.warn(_("%(day)s登记缴费，但没有待缴的收费通知，已忽略") % {"day": fmt(ev.on)})
                return
            self.lines.append(_("%(day)s申请人缴纳信息处理费") % {"day": fmt(ev.on)})
            if rule.fee_pauses:
                self.resume("fee", ev.on)
        elif ev.kind == Kind.FEE_LAPSED:
            self.lines.append(_("%(day)s申请人逾期未按收费通知要求缴纳费用，不再处理其申请") % {"day": fmt(ev.on)})
            self.close(ev.on, count_overdue=False)
        elif ev.kind == Kind.CLOSED:
            note = _note(ev.note) if ev.note else ""
            if self.state == RUNNING and ev.on > self.due:
                late = self.cal.working_days_between(self.due, ev.on)
                self.lines.append(
                    ngettext(
                        "%(day)s办结%(note)s，超过答复期限%(n)s个工作日",
                        "%(day)s办结%(note)s，超过答复期限%(n)s个工作日",
                        late,
                    )
                    % {"day": fmt(ev.on), "note": note, "n": late}
                )
                self.close(ev.on, count_overdue=True)
            else:
                self.lines.append(_("%(day)s办结%(note)s，在答复期限内") % {"day": fmt(ev.on), "note": note})
                self.close(ev.on, count_overdue=False)

    def close(self, on: date, *, count_overdue: bool) -> None:
        self.closed_on = on
        self.late = count_overdue
        self.state = CLOSED
        self.pauses.clear()

    # -- result ----------------------------------------------------------------------------------

    def result(self) -> ClockState:
        cal, today = self.cal, self.today
        provisional = any(cal.is_provisional(d) for d in self.dates_used)
        if self.received is not None and self.due is not None:
            provisional = provisional or cal.any_provisional(self.received, self.due)
        common = dict(
            correction_due=self.correction_due,
            provisional=provisional,
            explanation=self.lines,
            warnings=self.warnings,
            extended_days=self.extended,
            received_on=self.received,
        )
        if self.received is None:
            return ClockState(state=RUNNING, due_date=None, days_left=None, overdue=False, **common, closed_on=None)
        if self.state == CLOSED:
            return ClockState(
                state=CLOSED,
                due_date=self.due,
                days_left=None,
                overdue=self.late,
                closed_on=self.closed_on,
                **common,
            )
        if self.state == PAUSED:
            reason = next(iter(self.pauses), "")
            if "correction" in self.pauses:
                reason = "correction"
            until = self.pauses.get(reason)
            self.lines.append(
                ngettext(
                    "截至%(day)s，答复期限中止，剩余%(n)s个工作日待恢复后计算",
                    "截至%(day)s，答复期限中止，剩余%(n)s个工作日待恢复后计算",
                    self.remaining,
                )
                % {"day": fmt(today), "n": self.remaining}
            )
            return ClockState(
                state=PAUSED,
                due_date=None,
                days_left=self.remaining,
                overdue=False,
                pause_reason=reason,
                pause_until=until,
                **common,
            )
        days_left = cal.working_days_between(today, self.due)
        overdue = today > self.due
        if overdue:
            self.lines.append(
                ngettext(
                    "截至%(day)s，已超过答复期限%(n)s个工作日",
                    "截至%(day)s，已超过答复期限%(n)s个工作日",
                    -days_left,
                )
                % {"day": fmt(today), "n": -days_left}
            )
        else:
            self.lines.append(
                ngettext(
                    "截至%(day)s，距答复期限还有%(n)s个工作日",
                    "截至%(day)s，距答复期限还有%(n)s个工作日",
                    days_left,
                )
                % {"day": fmt(today), "n": days_left}
            )
        return ClockState(state=RUNNING, due_date=self.due, days_left=days_left, overdue=overdue, **common)


def replay(
    events: list[ClockEvent], calendar: WorkCalendar, *, today: date, rule: ClockRule = ClockRule()
) -> ClockState:
    """Replay ``events`` (any order; same-day events keep their given order) into the clock's state on ``today``.

    Events dated after ``today`` are ignored (a clock cannot know the future).
    """
    run = _Replay(calendar, rule, today)
    for ev in sorted((e for e in events if e.on <= today), key=lambda e: e.on):
        run.expire_consultations(ev.on)
        run.apply(ev)
    if run.state != CLOSED:
        run.expire_consultations(today)
    return run.result()
