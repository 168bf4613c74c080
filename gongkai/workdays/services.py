"""The Django layer over the pure calendar: the cached calendar, periods as data, calendar changes and recalculation."""

from __future__ import annotations

import logging
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date
from typing import Any, NamedTuple

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.audit.services import entry as audit_entry
from gongkai.audit.services import record, record_many, snapshot
from gongkai.hooks import app_modules
from gongkai.i18n import source_text

from . import calc
from .clock import ClockRule
from .models import CalendarDay, CalendarYear, DayKind, DeadlineRule, RuleKind

log = logging.getLogger(__name__)

# Used only when a DeadlineRule row is missing (e.g. deleted by mistake); the seeded rows are the source of truth.
DEFAULT_PERIODS = {
    RuleKind.REPLY: 20,
    RuleKind.EXTENSION: 20,
    RuleKind.CORRECTION_NOTICE: 7,
    RuleKind.CONSULTATION: 15,
    RuleKind.PUBLICATION: 20,
    RuleKind.RECONSIDERATION_REPLY: 10,
    RuleKind.RECONSIDERATION_REPLY_SIMPLIFIED: 5,
    RuleKind.LITIGATION_DEFENCE: 15,
}

RECHECK_SECONDS = 10.0
_cached: tuple[float, Any, calc.WorkCalendar] | None = None


class Changed(NamedTuple):
    """One recomputed deadline, as returned by every app's ``deadlines.recompute_all``."""

    obj: Any
    old_due: date | None
    new_due: date | None


# -- the calendar -------------------------------------------------------------------------------


def build_calendar() -> calc.WorkCalendar:
    """A fresh calendar from the tables (no cache)."""
    years = {y.year: y for y in CalendarYear.objects.all()}
    if not years:
        # An empty table (a flushed test database, a DB created without migrations' data): use the shipped file.
        return calc.WorkCalendar.from_data(
            calc.load_data(), count_start_day=getattr(settings, "GONGKAI_WORKDAYS_COUNT_START_DAY", False)
        )
    loaded = {y for y, row in years.items() if row.loaded}
    rows = [
        (d, kind, name)
        for d, kind, name, year in CalendarDay.objects.values_list("date", "kind", "name", "arrangement__year")
        if year in loaded
    ]
    arrangements = {
        y: calc.Arrangement(
            y,
            title=row.title,
            number=row.number,
            published=row.published_on.isoformat() if row.published_on else "",
            url=row.source_url,
            note=row.note,
        )
        for y, row in years.items()
        if row.loaded
    }
    return calc.WorkCalendar.from_days(
        rows,
        loaded,
        arrangements=arrangements,
        count_start_day=getattr(settings, "GONGKAI_WORKDAYS_COUNT_START_DAY", False),
    )


def _token():
    """Changes whenever any arrangement or day changes (day edits touch their year's ``updated_at``)."""
    agg = CalendarYear.objects.aggregate(n=Count("pk"), last=Max("updated_at"))
    return (agg["n"], agg["last"])


def get_calendar() -> calc.WorkCalendar:
    """The calendar, built once per process.

    Edits in this process invalidate it at once (signals + services); edits made by another process (the
    worker, another web process) are noticed within ``RECHECK_SECONDS`` through a cheap aggregate query.
    """
    global _cached
    now = time.monotonic()
    if _cached is not None and now - _cached[0] < RECHECK_SECONDS:
        return _cached[2]
    token = _token()
    if _cached is None or _cached[1] != token:
        _cached = (now, token, build_calendar())
    else:
        _cached = (now, token, _cached[2])
    return _cached[2]


def invalidate_calendar() -> None:
    global _cached
    _cached = None


# -- periods as data ----------------------------------------------------------------------------


# The DeadlineRule table as read once by :func:`rules_snapshot`: kind → rules, latest ``effective_from`` first.
_snapshot: ContextVar[dict[str, list[DeadlineRule]] | None] = ContextVar("gongkai_deadline_rules", default=None)


@contextmanager
def rules_snapshot() -> Iterator[None]:
    """Within the block, :func:`deadline_rule` (and so :func:`period`, :func:`clock_rule`) reads one copy of the
    DeadlineRule table instead of querying on every call: a recalculation pass replays thousands of clocks,
    each asking for four periods. Use it only inside one transaction, which is where the copy stays true."""
    table: dict[str, list[DeadlineRule]] = {}
    for rule in DeadlineRule.objects.order_by("kind", "-effective_from"):
        table.setdefault(rule.kind, []).append(rule)
    token = _snapshot.set(table)
    try:
        yield
    finally:
        _snapshot.reset(token)


def deadline_rule(kind: str, on: date | None = None) -> DeadlineRule | None:
    """The DeadlineRule in force on ``on`` (default today)."""
    on = on or timezone.localdate()
    table = _snapshot.get()
    if table is None:
        return DeadlineRule.objects.filter(kind=kind, effective_from__lte=on).order_by("-effective_from").first()
    return next((rule for rule in table.get(kind, ()) if rule.effective_from <= on), None)


def period(kind: str, on: date | None = None) -> int:
    """A statutory period in days (working or calendar, see ``deadline_rule(kind).counting``)."""
    rule = deadline_rule(kind, on)
    if rule is not None:
        return rule.days
    if kind not in DEFAULT_PERIODS:
        raise KeyError(kind)
    log.warning("No DeadlineRule for %s; using the statutory default", kind)
    return DEFAULT_PERIODS[kind]


def clock_rule(on: date | None = None) -> ClockRule:
    """The ClockRule for applications received on ``on``; the 信息处理费 pause is a setting ([U] in the spec)."""
    return ClockRule(
        reply_days=period(RuleKind.REPLY, on),
        correction_notice_days=period(RuleKind.CORRECTION_NOTICE, on),
        consultation_days=period(RuleKind.CONSULTATION, on),
        max_extension_days=period(RuleKind.EXTENSION, on),
        fee_pauses=getattr(settings, "GONGKAI_FEE_NOTICE_PAUSES_CLOCK", True),
    )


def replay_events(events: list, *, today: date | None = None, rule: ClockRule | None = None):
    """``clock.replay`` with the current calendar and the rules in force on the receipt date."""
    from .clock import Kind, replay

    received = next((e.on for e in events if e.kind == Kind.RECEIVED), None)
    return replay(
        events,
        get_calendar(),
        today=today or timezone.localdate(),
        rule=rule or clock_rule(received),
    )


# -- calendar changes ---------------------------------------------------------------------------


class ImportError_(ValueError):  # noqa: N801 - avoid shadowing the builtin ImportError
    """Bad lines in an import; ``errors`` is a list of Chinese messages, one per bad line."""

    def __init__(self, errors: list[str]):
        super().__init__("\n".join(errors))
        self.errors = errors


KIND_WORDS = {
    "holiday": DayKind.HOLIDAY,
    "放假": DayKind.HOLIDAY,
    "休": DayKind.HOLIDAY,
    "workday": DayKind.WORKDAY,
    "work": DayKind.WORKDAY,
    "上班": DayKind.WORKDAY,
    "调休上班": DayKind.WORKDAY,
    "班": DayKind.WORKDAY,
}


@dataclass(frozen=True)
class DayRow:
    date: date
    kind: str
    name: str


def parse_days(text: str, *, year: int | None = None) -> list[DayRow]:
    """Parse lines ``2027-01-01,holiday,元旦`` / ``2027-02-07,workday,春节调休`` (comma, tab or 、/，).

    Blank lines and lines starting with ``#`` are skipped. Raises :class:`ImportError_` listing every bad line.
    """
    rows: list[DayRow] = []
    errors: list[str] = []
    seen: dict[date, int] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip().lstrip("\ufeff")
        if not line or line.startswith("#"):
            continue
        parts = [p.strip() for p in line.replace("\t", ",").replace("，", ",").split(",")]
        if len(parts) != 3 or not all(parts):
            errors.append(_("第%(n)d行：应为“日期,类型,名称”三项，如 2027-01-01,holiday,元旦") % {"n": number})
            continue
        day_text, kind_text, name = parts
        try:
            day = date.fromisoformat(day_text)
        except ValueError:
            errors.append(_("第%(n)d行：“%(v)s”不是有效日期（格式 YYYY-MM-DD）") % {"n": number, "v": day_text})
            continue
        kind = KIND_WORDS.get(kind_text.lower())
        if kind is None:
            errors.append(
                _("第%(n)d行：类型“%(v)s”无效，应为 holiday（放假）或 workday（调休上班）")
                % {"n": number, "v": kind_text}
            )
            continue
        if year is not None and day.year != year:
            errors.append(_("第%(n)d行：%(d)s 不属于%(y)d年") % {"n": number, "d": day_text, "y": year})
            continue
        if not calc.MIN_YEAR <= day.year <= calc.MAX_YEAR:
            errors.append(
                _("第%(n)d行：年份超出范围（%(a)d–%(b)d）") % {"n": number, "a": calc.MIN_YEAR, "b": calc.MAX_YEAR}
            )
            continue
        if kind == DayKind.WORKDAY and day.weekday() < 5:
            errors.append(
                _("第%(n)d行：%(d)s 是工作日（周一至周五），无需登记为调休上班") % {"n": number, "d": day_text}
            )
            continue
        if len(name) > 50:
            errors.append(_("第%(n)d行：名称过长（最多50字）") % {"n": number})
            continue
        if day in seen:
            errors.append(_("第%(n)d行：%(d)s 与第%(m)d行重复") % {"n": number, "d": day_text, "m": seen[day]})
            continue
        seen[day] = number
        rows.append(DayRow(day, kind, name))
    if errors:
        raise ImportError_(errors)
    if not rows:
        raise ImportError_([_("没有可导入的日期")])
    return rows


@dataclass
class CalendarChange:
    arrangements: list[CalendarYear]
    changed: list[Changed]


@transaction.atomic
def save_arrangement(
    *,
    year: int,
    days: list[DayRow],
    by,
    title: str = "",
    number: str = "",
    published_on: date | None = None,
    source_url: str = "",
    note: str = "",
    today: date | None = None,
) -> CalendarChange:
    """Enter (or replace) one year's arrangement and recompute every open deadline."""
    wrong = [r for r in days if r.date.year != year]
    if wrong:
        raise ImportError_([_("%(d)s 不属于%(y)d年") % {"d": r.date.isoformat(), "y": year} for r in wrong])
    arrangement = CalendarYear.objects.filter(year=year).first()
    before = None
    if arrangement is not None:
        before = snapshot(arrangement, ["title", "number", "published_on", "source_url", "loaded"])
        before["days"] = [[d.isoformat(), k, n] for d, k, n in arrangement.days.values_list("date", "kind", "name")]
    else:
        arrangement = CalendarYear(year=year)
    arrangement.title = title
    arrangement.number = number
    arrangement.published_on = published_on
    arrangement.source_url = source_url
    arrangement.note = note
    arrangement.loaded = True
    arrangement.save()
    arrangement.days.all().delete()
    CalendarDay.objects.bulk_create(
        [CalendarDay(arrangement=arrangement, date=r.date, kind=r.kind, name=r.name) for r in days]
    )
    after = snapshot(arrangement, ["title", "number", "published_on", "source_url", "loaded"])
    after["days"] = [[r.date.isoformat(), r.kind, r.name] for r in sorted(days, key=lambda r: r.date)]
    record(
        actor=by,
        obj=arrangement,
        action="workdays.arrangement_saved" if before else "workdays.arrangement_created",
        before=before,
        after=after,
        organization=None,
        note=_("%(y)d年放假安排（%(n)d个日期）") % {"y": year, "n": len(days)},
    )
    return CalendarChange([arrangement], _after_calendar_change(by=by, today=today))


@transaction.atomic
def import_days(*, rows: list[DayRow], by, today: date | None = None) -> CalendarChange:
    """Add or update the listed dates (other dates of those years are kept); recompute every open deadline.

    A year not yet in the table is created as a loaded arrangement (its title can be completed on the form).
    The caller parses with :func:`parse_days` first, so nothing is saved when any line is bad.
    """
    by_year: dict[int, list[DayRow]] = {}
    for r in rows:
        by_year.setdefault(r.date.year, []).append(r)
    arrangements = []
    for year, year_rows in sorted(by_year.items()):
        arrangement, created = CalendarYear.objects.get_or_create(year=year, defaults={"loaded": True})
        existing = {
            d: [d.isoformat(), k, n]
            for d, k, n in CalendarDay.objects.filter(date__in=[r.date for r in year_rows]).values_list(
                "date", "kind", "name"
            )
        }
        for r in year_rows:
            CalendarDay.objects.update_or_create(
                date=r.date, defaults={"arrangement": arrangement, "kind": r.kind, "name": r.name}
            )
        if not arrangement.loaded:
            arrangement.loaded = True
        arrangement.save()
        record(
            actor=by,
            obj=arrangement,
            action="workdays.days_imported",
            before={"days": sorted(existing.values())} if existing else None,
            after={"days": [[r.date.isoformat(), r.kind, r.name] for r in sorted(year_rows, key=lambda r: r.date)]},
            organization=None,
            note=_("导入%(y)d年放假安排（%(n)d个日期）") % {"y": year, "n": len(year_rows)},
        )
        arrangements.append(arrangement)
    return CalendarChange(arrangements, _after_calendar_change(by=by, today=today))


def _after_calendar_change(*, by, today: date | None) -> list[Changed]:
    invalidate_calendar()
    transaction.on_commit(invalidate_calendar)
    return recompute_open_deadlines(by=by, today=today, calendar=build_calendar())


def deadline_hooks() -> list:
    """Every installed app's ``deadlines`` module (apps without one are skipped)."""
    return [m for m in app_modules("deadlines") if hasattr(m, "recompute_all")]


@transaction.atomic
def recompute_open_deadlines(*, by, today: date | None = None, calendar: calc.WorkCalendar | None = None) -> list:
    """Call every app's ``deadlines.recompute_all`` in one pass; audit each changed due date.

    Returns the list of :class:`Changed` (only items whose date actually changed). The hooks run with one
    snapshot of the period table and without translating the explanations they discard (a province holds
    tens of thousands of open items; see docs/performance.md "Recalculation").
    """
    calendar = calendar or get_calendar()
    today = today or timezone.localdate()
    changed: list[Changed] = []
    with rules_snapshot(), source_text():
        for module in deadline_hooks():
            for item in module.recompute_all(calendar=calendar, today=today, by=by) or []:
                item = Changed(*item) if not isinstance(item, Changed) else item
                if item.old_due != item.new_due:
                    changed.append(item)
    note = _("放假安排变更后重新计算期限")
    record_many(
        [
            audit_entry(
                actor=by,
                obj=item.obj,
                action="workdays.deadline_recomputed",
                before={"due": item.old_due},
                after={"due": item.new_due},
                note=note,
            )
            for item in changed
        ]
    )
    return changed


def save_changed(model, rows: list, fields: list[str]) -> None:
    """Write ``fields`` of ``rows`` with one UPDATE per distinct set of values (at most 1,000 ids each).

    After a calendar change most rows share a few new due dates, so this is a handful of UPDATEs where
    ``bulk_update`` builds one CASE branch per row and field (5 s against 0.2 s for 8,000 rows, measured with
    bench/recompute.py). For the ``deadlines.recompute_all`` hooks; the caller holds the transaction.
    """
    groups: dict[tuple, list] = defaultdict(list)
    for row in rows:
        groups[tuple(getattr(row, name) for name in fields)].append(row.pk)
    for values, ids in groups.items():
        for i in range(0, len(ids), 1000):
            model._base_manager.filter(pk__in=ids[i : i + 1000]).update(**dict(zip(fields, values, strict=True)))


def describe(obj) -> str:
    """A short label for a changed item in the staff list."""
    return str(obj)
