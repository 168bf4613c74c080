"""One statutory period (n 工作日 from a start day) explained in a sentence a clerk or a judge can read.

Pure Python (no Django); every sentence is one message marked with :mod:`gongkai.i18n`.
"""

from __future__ import annotations

from datetime import date

from gongkai.i18n import clauses_text, list_text, ngettext
from gongkai.i18n import gettext as _

from .calc import WorkCalendar, fmt, holiday_label, span_text, with_weekday


def _note(note: str) -> str:
    """A free-text note (the channel of receipt, the reason of a delay…) in brackets after what it explains."""
    return _("（%(note)s）") % {"note": note}


def describe_period(start: date, days: int, due: date, calendar: WorkCalendar, *, what: str, label: str) -> str:
    """One explanation sentence for ``days`` 工作日 counted from ``start`` to ``due``.

    ``2024-09-27（星期五）收到申请，次日起算20个工作日；9月29日（星期日）调休上班计入；10月1日至7日国庆节放假不计；
    10月12日（星期六）调休上班计入；答复期限为2024-10-30（星期三）``
    """
    note = ""
    if not calendar.is_working_day(start):
        name = calendar.holiday_name(start)
        note = _("（当日为%(holiday)s假期）") % {"holiday": holiday_label(name)} if name else _("（当日为休息日）")
    values = {"day": fmt(start), "what": what, "note": note, "n": days}
    if calendar.count_start_day and calendar.is_working_day(start):
        opening = ngettext(
            "%(day)s%(what)s%(note)s，当日起算%(n)s个工作日", "%(day)s%(what)s%(note)s，当日起算%(n)s个工作日", days
        )
    else:
        opening = ngettext(
            "%(day)s%(what)s%(note)s，次日起算%(n)s个工作日", "%(day)s%(what)s%(note)s，次日起算%(n)s个工作日", days
        )
    parts = [opening % values]
    # (date, holiday span text | None, 调休 date | None), in date order; consecutive 调休 days
    # ("9月29日（星期日）、10月12日（星期六）调休上班计入") are one clause when nothing lies between them.
    items: list[tuple[date, str | None, date | None]] = []
    for a, b, names in calendar.holiday_runs(start, due):
        holiday = list_text(holiday_label(n) for n in names) if names else _("节假日")
        text = _("%(span)s%(holiday)s放假不计") % {"span": span_text(a, b, ref_year=start.year), "holiday": holiday}
        items.append((a, text, None))
    for d in calendar.makeup_days(start, due):
        items.append((d, None, d))
    items.sort(key=lambda item: item[0])
    groups: list[str | list[date]] = []
    for _on, text, makeup in items:
        if makeup is None:
            groups.append(text)
        elif groups and isinstance(groups[-1], list):
            groups[-1].append(makeup)
        else:
            groups.append([makeup])
    for group in groups:
        if isinstance(group, list):
            days_text = list_text(with_weekday(span_text(d, d, ref_year=start.year), d) for d in group)
            group = _("%(days)s调休上班计入") % {"days": days_text}
        parts.append(group)
    parts.append(_("%(label)s为%(day)s") % {"label": label, "day": fmt(due)})
    sentence = clauses_text(parts)
    if calendar.any_provisional(start, due):
        years = sorted({y for y in range(start.year, due.year + 1) if y not in calendar.loaded_years})
        sentence += _("（%(years)s年放假安排尚未录入，暂按周末和固定日期节日计算，为暂定期限）") % {
            "years": list_text(str(y) for y in years)
        }
    return sentence


def simple_deadline(
    start: date,
    days: int,
    calendar: WorkCalendar,
    *,
    what: str,
    label: str | None = None,
    counting: str = "working",
) -> tuple[date, list[str]]:
    """A plain period with no pauses: 第二十六条 主动公开 (20 工作日), 行政复议 答复 (10 工作日, 行政复议法 第四十八条),
    or a calendar-day period (``counting="calendar"``, e.g. 行政诉讼 答辩 15日, rolled to the next working day).

    ``what`` (what happened on ``start``) and ``label`` (the name of the deadline; default 期限) are put into the
    explanation as given: callers pass them translated."""
    if label is None:
        label = _("期限")
    if counting == "calendar":
        raw = start.toordinal() + days
        due = calendar.add_calendar_days(start, days)
        parts = [
            ngettext("%(day)s%(what)s，次日起算%(n)s日（自然日）", "%(day)s%(what)s，次日起算%(n)s日（自然日）", days)
            % {"day": fmt(start), "what": what, "n": days}
        ]
        if due.toordinal() != raw:
            end = date.fromordinal(raw)
            parts.append(_("%(day)s为休息日，顺延至其后第一个工作日（民事诉讼法 第八十五条）") % {"day": fmt(end)})
        parts.append(_("%(label)s为%(day)s") % {"label": label, "day": fmt(due)})
        line = clauses_text(parts)
        if calendar.any_provisional(start, due):
            line += _("（所涉年度放假安排尚未录入，为暂定期限）")
        return due, [line]
    due = calendar.add_working_days(start, days)
    return due, [describe_period(start, days, due, calendar, what=what, label=label)]
