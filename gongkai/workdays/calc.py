"""Working-day arithmetic for Chinese government deadlines. Pure Python: no Django, no clock reads.

A working day is Monday–Friday unless declared a holiday (放假), plus any weekend day declared a
调休 working day (上班), per the yearly 国务院办公厅关于XXXX年部分节假日安排的通知.

Convention (民事诉讼法 第八十五条 "期间开始的时和日，不计算在期间内"): the start day is not counted,
so ``add_working_days(d, 20)`` is the 20th working day after ``d``. ``count_start_day=True`` counts
the start day itself when it is a working day.

Every call is O(1)/O(log n): the constructor precomputes, over the supported range of years, a
table of working days (sorted list of dates) and a cumulative count per calendar day; spans of
holidays for explanations are found with ``bisect``.

Years without a loaded arrangement are *provisional*: weekends plus the fixed-date holidays of
《全国年节及纪念日放假办法》 (元旦 1月1日; 劳动节 5月1日、2日; 国庆节 10月1日至3日) and 清明节 (a solar
term, computed by formula), with 第六条 补假 on the following weekdays when one of them falls on a
weekend. The lunar holidays (春节、端午节、中秋节) are **not** included for provisional years: computing
the lunar calendar needs tables we do not ship. A provisional date is therefore possibly too early,
and is shown as 暂定 until the year's notice is loaded.

User-visible text (weekday and holiday names, date spans, errors) is marked with :mod:`gongkai.i18n` and translated
when it is produced (module-level names are translated at use); the Chinese output is the untranslated text.
"""

from __future__ import annotations

import json
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from gongkai.i18n import gettext as _
from gongkai.i18n import gettext_noop

# Chinese names (data for templates); weekday_name() translates.
WEEKDAYS = (
    gettext_noop("星期一"),
    gettext_noop("星期二"),
    gettext_noop("星期三"),
    gettext_noop("星期四"),
    gettext_noop("星期五"),
    gettext_noop("星期六"),
    gettext_noop("星期日"),
)
DATA_FILE = Path(__file__).with_name("data") / "arrangements.json"
MIN_YEAR = 2000
MAX_YEAR = 2099

HOLIDAY = "holiday"
WORKDAY = "workday"


class OutOfRange(ValueError):
    """A date outside the years the calendar covers."""


def _out_of_range(d: date, calendar: WorkCalendar) -> OutOfRange:
    return OutOfRange(
        _("%(date)s 超出日历范围（%(first)s–%(last)s年）")
        % {"date": d.isoformat(), "first": calendar.min_year, "last": calendar.max_year}
    )


def weekday_name(d: date) -> str:
    return _(WEEKDAYS[d.weekday()])


def with_weekday(day: str, d: date) -> str:
    """``day`` (a date already written out) followed by ``d``'s weekday: ``2024-09-27（星期五）``, ``9月29日（星期日）``."""
    return _("%(date)s（%(weekday)s）") % {"date": day, "weekday": weekday_name(d)}


def fmt(d: date) -> str:
    """``2024-09-27（星期五）``"""
    return with_weekday(d.isoformat(), d)


def holiday_label(name: str) -> str:
    """A holiday or 调休 name (data: the notice's wording, or a provisional name below) in the active language."""
    return _(name) if name else name


# The names the shipped arrangements and the provisional calendar use, so that makemessages offers them for
# translation (names are data: a name not listed here is shown as entered).
HOLIDAY_NAMES = (
    gettext_noop("元旦"),
    gettext_noop("春节"),
    gettext_noop("清明节"),
    gettext_noop("劳动节"),
    gettext_noop("端午节"),
    gettext_noop("中秋节"),
    gettext_noop("国庆节"),
    gettext_noop("元旦调休"),
    gettext_noop("春节调休"),
    gettext_noop("清明节调休"),
    gettext_noop("劳动节调休"),
    gettext_noop("端午节调休"),
    gettext_noop("中秋节调休"),
    gettext_noop("国庆节调休"),
)


def qingming(year: int) -> date:
    """清明 (solar term) for 2001–2099: day = int(Y×0.2422 + 4.81) − int(Y/4), Y = year mod 100."""
    y = year % 100
    return date(year, 4, int(y * 0.2422 + 4.81) - y // 4)


def provisional_holidays(year: int) -> dict[date, str]:
    """Holidays of a year with no loaded arrangement (see module docstring)."""
    # (dates, name, name of its 补假 days); names are stored untranslated and translated where shown.
    blocks = [
        ([date(year, 1, 1)], gettext_noop("元旦"), gettext_noop("元旦补假")),
        ([qingming(year)], gettext_noop("清明节"), gettext_noop("清明节补假")),
        ([date(year, 5, 1), date(year, 5, 2)], gettext_noop("劳动节"), gettext_noop("劳动节补假")),
        ([date(year, 10, 1), date(year, 10, 2), date(year, 10, 3)], gettext_noop("国庆节"), gettext_noop("国庆节补假")),
    ]
    days: dict[date, str] = {}
    for block, name, _makeup in blocks:
        for d in block:
            days[d] = name
    for block, _name, makeup in blocks:
        # 第六条: a full-population holiday on a Saturday/Sunday is made up on the next weekdays.
        owed = sum(1 for d in block if d.weekday() >= 5)
        d = block[-1]
        while owed:
            d += timedelta(days=1)
            if d.weekday() < 5 and d not in days:
                days[d] = makeup
                owed -= 1
    return days


@dataclass(frozen=True)
class Arrangement:
    """One year's notice: where the holiday/调休 dates come from."""

    year: int
    title: str = ""
    number: str = ""
    published: str = ""
    url: str = ""
    note: str = ""


class WorkCalendar:
    """Working days over ``min_year``–``max_year``; dates outside raise :class:`OutOfRange`."""

    def __init__(
        self,
        holidays: Mapping[date, str] | Iterable[date] = (),
        makeup_workdays: Mapping[date, str] | Iterable[date] = (),
        loaded_years: Iterable[int] = (),
        *,
        count_start_day: bool = False,
        min_year: int = MIN_YEAR,
        max_year: int = MAX_YEAR,
        arrangements: Mapping[int, Arrangement] | None = None,
    ):
        if not isinstance(holidays, Mapping):
            holidays = {d: "" for d in holidays}
        if not isinstance(makeup_workdays, Mapping):
            makeup_workdays = {d: "" for d in makeup_workdays}
        self.loaded_years = frozenset(loaded_years)
        self.count_start_day = count_start_day
        self.min_year, self.max_year = min_year, max_year
        self.arrangements = dict(arrangements or {})
        self.first = date(min_year, 1, 1)
        self.last = date(max_year, 12, 31)

        names: dict[date, str] = {}
        makeup: dict[date, str] = {}
        for year in range(min_year, max_year + 1):
            if year not in self.loaded_years:
                names.update(provisional_holidays(year))
        for d, name in holidays.items():
            if d.year in self.loaded_years:
                names[d] = name
        for d, name in makeup_workdays.items():
            if d.year in self.loaded_years:
                makeup[d] = name
                names.pop(d, None)
        self._names = names
        self._makeup = makeup
        self._holiday_dates = sorted(names)
        self._makeup_dates = sorted(makeup)

        base = self.first.toordinal()
        self._base = base
        n = self.last.toordinal() - base + 1
        work = bytearray(n)
        cum = [0] * n  # cum[i] = working days in [first, first + i]
        dates: list[date] = []
        # by_date[d] + n is the index in ``dates`` of the n-th working day after d (n >= 1).
        by_date: dict[date, int] = {}
        shift = 1 if count_start_day else 0
        count = 0
        d = self.first
        one = timedelta(days=1)
        for i in range(n):
            if (d.weekday() < 5 and d not in names) or d in makeup:
                work[i] = 1
                count += 1
                dates.append(d)
                by_date[d] = count - 1 - shift
            else:
                by_date[d] = count - 1
            cum[i] = count
            d += one
        self._work = bytes(work)
        self._cum = cum
        self._dates = dates
        general = self._add_general

        # The hot path: one dict lookup keyed by the date itself (no toordinal() call, no range check: a date
        # outside the table, or a datetime, misses the dict and takes the general path) and one list index.
        def add_working_days(start: date, n: int, _dates=dates, _by_date=by_date) -> date:
            if n > 0:
                try:
                    return _dates[_by_date[start] + n]
                except LookupError:
                    pass
            return general(start, n)

        add_working_days.__doc__ = WorkCalendar.add_working_days.__doc__
        self.add_working_days = add_working_days

    # -- construction helpers -------------------------------------------------------------------

    @classmethod
    def from_days(cls, days: Iterable[tuple[date, str, str]], loaded_years: Iterable[int], **kwargs) -> WorkCalendar:
        """From ``(date, "holiday"|"workday", name)`` rows."""
        holidays, makeup = {}, {}
        for d, kind, name in days:
            (holidays if kind == HOLIDAY else makeup)[d] = name
        return cls(holidays, makeup, loaded_years, **kwargs)

    @classmethod
    def from_data(cls, data: Mapping, **kwargs) -> WorkCalendar:
        """From the structure of ``data/arrangements.json``."""
        rows, arrangements = [], {}
        for year_text, info in data["years"].items():
            year = int(year_text)
            arrangements[year] = Arrangement(
                year,
                **{k: info.get(k, "") for k in ("title", "number", "published", "url", "note")},
            )
            rows.extend((date.fromisoformat(d), kind, name) for d, kind, name in info["days"])
        return cls.from_days(rows, arrangements, arrangements=arrangements, **kwargs)

    # -- queries ----------------------------------------------------------------------------------

    def _index(self, d: date) -> int:
        i = d.toordinal() - self._base
        if i < 0 or i >= len(self._work):
            raise _out_of_range(d, self)
        return i

    def is_working_day(self, d: date) -> bool:
        return bool(self._work[self._index(d)])

    def add_working_days(self, start: date, n: int) -> date:
        """The ``n``-th working day after ``start`` (``start`` itself counted only with ``count_start_day``).

        ``n == 0`` returns ``start``; a negative ``n`` counts backwards (the n-th working day before).
        (Each instance replaces this method by a faster closure over its tables, see ``__init__``.)
        """
        return self._add_general(start, n)

    def _add_general(self, start: date, n: int) -> date:
        i = start.toordinal() - self._base
        if i < 0 or i >= len(self._cum):
            raise _out_of_range(start, self)
        if n > 0:
            k = self._cum[i] + n - 1  # index of the n-th working day after start
            if self.count_start_day and self._work[i]:
                k -= 1
        elif n < 0:
            k = self._cum[i] - self._work[i] + n  # working days strictly before start, then back n
        else:
            return start
        if k < 0 or k >= len(self._dates):
            raise OutOfRange(
                _("%(date)s 加 %(n)s 个工作日超出日历范围（%(first)s–%(last)s年）")
                % {"date": start.isoformat(), "n": n, "first": self.min_year, "last": self.max_year}
            )
        return self._dates[k]

    def working_days_between(self, a: date, b: date) -> int:
        """Working days in ``(a, b]`` (``[a, b]`` with ``count_start_day``); negative if ``b < a``."""
        if b < a:
            return -self.working_days_between(b, a)
        i, j = self._index(a), self._index(b)
        count = self._cum[j] - self._cum[i]
        if self.count_start_day:
            count += self._work[i]
        return count

    def next_working_day(self, d: date) -> date:
        """The first working day strictly after ``d``."""
        k = self._cum[self._index(d)]
        if k >= len(self._dates):
            raise OutOfRange(_("%(date)s 之后没有日历范围内的工作日") % {"date": d.isoformat()})
        return self._dates[k]

    def previous_working_day(self, d: date) -> date:
        """The last working day strictly before ``d``."""
        i = self._index(d)
        k = self._cum[i] - self._work[i] - 1
        if k < 0:
            raise OutOfRange(_("%(date)s 之前没有日历范围内的工作日") % {"date": d.isoformat()})
        return self._dates[k]

    def roll_forward(self, d: date) -> date:
        """``d`` if it is a working day, else the next working day (民事诉讼法 第八十五条 期间届满日顺延)."""
        return d if self.is_working_day(d) else self.next_working_day(d)

    def add_calendar_days(self, start: date, n: int) -> date:
        """A period in calendar days (e.g. 行政诉讼 答辩 15日); a last day that is not a working day rolls forward."""
        return self.roll_forward(start + timedelta(days=n))

    def is_provisional(self, d: date) -> bool:
        """``d``'s year has no loaded 国务院 arrangement."""
        return d.year not in self.loaded_years

    def any_provisional(self, a: date, b: date) -> bool:
        lo, hi = min(a, b), max(a, b)
        return any(y not in self.loaded_years for y in range(lo.year, hi.year + 1))

    def holiday_name(self, d: date) -> str | None:
        """The name of the holiday ``d`` belongs to (``"国庆节"``), or None (also for 调休 working days)."""
        return self._names.get(d)

    def makeup_name(self, d: date) -> str | None:
        """For a 调休 working day, its label (``"国庆节调休"``); else None."""
        return self._makeup.get(d)

    def day_kind(self, d: date) -> str:
        """``"holiday"``, ``"workday"`` (调休上班), ``"weekend"`` or ``"weekday"``."""
        if d in self._makeup:
            return WORKDAY
        if d in self._names:
            return HOLIDAY
        return "weekend" if d.weekday() >= 5 else "weekday"

    def holiday_spans(self, a: date, b: date) -> list[tuple[date, date, str]]:
        """Runs of consecutive holiday dates within ``(a, b]``, as ``(first, last, names joined by 、)``."""
        return [(first, last, "、".join(names)) for first, last, names in self.holiday_runs(a, b)]

    def holiday_runs(self, a: date, b: date) -> list[tuple[date, date, list[str]]]:
        """Runs of consecutive holiday dates within ``(a, b]``, as ``(first, last, [distinct names])``."""
        lo = bisect_right(self._holiday_dates, a)
        hi = bisect_right(self._holiday_dates, b)
        spans: list[tuple[date, date, list[str]]] = []
        first = last = None
        names: list[str] = []
        for d in self._holiday_dates[lo:hi]:
            if last is not None and (d - last).days == 1:
                last = d
            else:
                if first is not None:
                    spans.append((first, last, names))
                first = last = d
                names = []
            name = self._names[d]
            if name and name not in names:
                names.append(name)
        if first is not None:
            spans.append((first, last, names))
        return spans

    def makeup_days(self, a: date, b: date) -> list[date]:
        """调休 working days within ``(a, b]``."""
        return self._makeup_dates[bisect_right(self._makeup_dates, a) : bisect_right(self._makeup_dates, b)]

    def days_in_year(self, year: int) -> list[tuple[date, str, str]]:
        """The entries of one year: ``(date, "holiday"|"workday", name)`` sorted by date."""
        lo, hi = date(year, 1, 1), date(year, 12, 31)
        rows = [(d, HOLIDAY, self._names[d]) for d in self._holiday_dates[bisect_left(self._holiday_dates, lo) :]]
        rows = [r for r in rows if r[0] <= hi]
        rows += [(d, WORKDAY, self._makeup[d]) for d in self.makeup_days(lo - timedelta(days=1), hi)]
        return sorted(rows)

    def working_days_in_year(self, year: int) -> int:
        end = self._cum[self._index(date(year, 12, 31))]
        return end - (self._cum[self._index(date(year - 1, 12, 31))] if year > self.min_year else 0)


def load_data(path: Path = DATA_FILE) -> dict:
    with open(path, encoding="utf-8") as f:
        return json.load(f)


_default: WorkCalendar | None = None


def default_calendar() -> WorkCalendar:
    """The shipped 2019–2026 arrangements (no database). The Django layer uses the editable tables instead."""
    global _default
    if _default is None:
        _default = WorkCalendar.from_data(load_data())
    return _default


def span_text(first: date, last: date, *, ref_year: int | None = None) -> str:
    """``10月1日至7日`` / ``1月28日至2月4日`` / ``6月10日``; the year is written when it differs from ``ref_year``."""
    values = {
        "year": first.year,
        "month": first.month,
        "day": first.day,
        "year2": last.year,
        "month2": last.month,
        "day2": last.day,
    }
    with_year = ref_year is not None and first.year != ref_year
    if first == last:
        if with_year:
            return _("%(year)s年%(month)s月%(day)s日") % values
        return _("%(month)s月%(day)s日") % values
    if first.year != last.year:
        return _("%(year)s年%(month)s月%(day)s日至%(year2)s年%(month2)s月%(day2)s日") % values
    if first.month == last.month:
        if with_year:
            return _("%(year)s年%(month)s月%(day)s日至%(day2)s日") % values
        return _("%(month)s月%(day)s日至%(day2)s日") % values
    if with_year:
        return _("%(year)s年%(month)s月%(day)s日至%(month2)s月%(day2)s日") % values
    return _("%(month)s月%(day)s日至%(month2)s月%(day2)s日") % values
