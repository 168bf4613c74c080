"""Pure calendar arithmetic: the spec's vectors (regulation.md §4) and edge cases. No database."""

from datetime import date, datetime

import pytest

from gongkai.workdays.calc import (
    OutOfRange,
    WorkCalendar,
    default_calendar,
    load_data,
    provisional_holidays,
    qingming,
    span_text,
)

D = date.fromisoformat
CAL = default_calendar()

# received, +7, +15, +20, +40 (regulation.md §4 "Test vectors")
VECTORS = [
    ("2024-09-27", "2024-10-12", "2024-10-23", "2024-10-30", "2024-11-27"),
    ("2024-01-26", "2024-02-05", "2024-02-21", "2024-02-28", "2024-03-27"),
    ("2025-01-20", "2025-02-05", "2025-02-14", "2025-02-21", "2025-03-21"),
    ("2025-09-26", "2025-10-13", "2025-10-23", "2025-10-30", "2025-11-27"),
    ("2026-02-10", "2026-02-26", "2026-03-09", "2026-03-16", "2026-04-14"),
]
ADD_CASES = [(v[0], n, v[i + 1]) for v in VECTORS for i, n in enumerate((7, 15, 20, 40))]


@pytest.mark.parametrize(("start", "n", "expected"), ADD_CASES)
def test_it_matches_the_spec_vectors(start, n, expected):
    assert CAL.add_working_days(D(start), n) == D(expected)
    assert CAL.working_days_between(D(start), D(expected)) == n


@pytest.mark.parametrize(("year", "count"), [(2024, 251), (2025, 248), (2026, 248)])
def test_it_counts_the_working_days_of_each_year(year, count):
    assert CAL.working_days_in_year(year) == count
    assert (
        sum(
            CAL.is_working_day(date.fromordinal(o))
            for o in range(D(f"{year}-01-01").toordinal(), D(f"{year}-12-31").toordinal() + 1)
        )
        == count
    )


@pytest.mark.parametrize(
    ("day", "working"),
    [
        ("2024-10-12", True),  # 调休 Saturday (国庆节)
        ("2024-09-29", True),  # 调休 Sunday
        ("2024-10-01", False),  # 国庆节
        ("2024-10-07", False),  # 国庆节 Monday
        ("2024-02-09", True),  # 2024 除夕: officially a working day ("鼓励"休息 only)
        ("2025-01-28", False),  # 2025 除夕: a holiday under the 2024 revision
        ("2024-10-05", False),  # Saturday inside the holiday
        ("2024-10-19", False),  # ordinary Saturday
        ("2024-10-18", True),  # ordinary Friday
        ("2026-01-04", True),  # 元旦调休 Sunday
        ("2026-02-28", True),  # 春节调休 Saturday after the holiday
    ],
)
def test_it_knows_which_days_are_working_days(day, working):
    assert CAL.is_working_day(D(day)) is working


def test_a_friday_before_national_day_runs_over_the_holiday():
    # Friday 2025-09-26: next working day is the 调休 Sunday 09-28, then 09-29, 09-30, then 10-09.
    assert CAL.next_working_day(D("2025-09-26")) == D("2025-09-28")
    assert CAL.add_working_days(D("2025-09-26"), 3) == D("2025-09-30")
    assert CAL.add_working_days(D("2025-09-26"), 4) == D("2025-10-09")


def test_a_start_on_a_non_working_day_counts_from_the_next_working_day():
    # Received on 国庆 day 1: day 1 of the period is the first working day after the holiday.
    assert CAL.add_working_days(D("2024-10-01"), 1) == D("2024-10-08")
    assert CAL.add_working_days(D("2024-10-05"), 1) == D("2024-10-08")
    assert CAL.add_working_days(D("2024-10-06"), 20) == CAL.add_working_days(D("2024-10-01"), 20)


def test_n_zero_returns_the_start_day():
    assert CAL.add_working_days(D("2024-10-01"), 0) == D("2024-10-01")
    assert CAL.working_days_between(D("2024-10-01"), D("2024-10-01")) == 0


def test_it_crosses_year_boundaries():
    # 2024-12-31 (Tue) + 1 → 2025-01-02 (元旦 on Wed 01-01)
    assert CAL.add_working_days(D("2024-12-31"), 1) == D("2025-01-02")
    # 2025-12-31 (Wed) + 1 → 2026-01-05 (元旦 01-01..03 off; 01-04 Sunday is a 调休 working day)
    assert CAL.add_working_days(D("2025-12-31"), 1) == D("2026-01-04")
    assert CAL.working_days_between(D("2025-12-31"), D("2026-01-05")) == 2


def test_negative_counts_go_backwards_and_between_is_signed():
    assert CAL.add_working_days(D("2024-10-08"), -1) == D("2024-09-30")
    assert CAL.add_working_days(D("2024-10-30"), -20) == D("2024-09-27")
    assert CAL.working_days_between(D("2024-10-30"), D("2024-09-27")) == -20


def test_previous_and_roll_forward():
    assert CAL.previous_working_day(D("2024-10-08")) == D("2024-09-30")
    assert CAL.roll_forward(D("2024-10-05")) == D("2024-10-08")
    assert CAL.roll_forward(D("2024-10-08")) == D("2024-10-08")


def test_calendar_day_periods_roll_forward_off_holidays():
    # 行政诉讼 答辩 15日: 2024-09-20 + 15 = 10-05 (holiday) → 10-08
    assert CAL.add_calendar_days(D("2024-09-20"), 15) == D("2024-10-08")
    assert CAL.add_calendar_days(D("2024-09-10"), 15) == D("2024-09-25")


def test_counting_the_start_day_is_a_setting():
    cal = WorkCalendar.from_data(load_data(), count_start_day=True)
    assert cal.add_working_days(D("2024-09-27"), 20) == D("2024-10-29")
    assert cal.working_days_between(D("2024-09-27"), D("2024-10-29")) == 20
    # a non-working start day is never counted
    assert cal.add_working_days(D("2024-10-01"), 1) == D("2024-10-08")


def test_holiday_names_for_explanations():
    assert CAL.holiday_name(D("2024-10-03")) == "国庆节"
    assert CAL.holiday_name(D("2025-01-29")) == "春节"
    assert CAL.holiday_name(D("2024-10-12")) is None
    assert CAL.makeup_name(D("2024-10-12")) == "国庆节调休"
    assert CAL.holiday_spans(D("2025-09-26"), D("2025-10-30")) == [(D("2025-10-01"), D("2025-10-08"), "国庆节、中秋节")]
    assert CAL.makeup_days(D("2024-09-27"), D("2024-10-30")) == [D("2024-09-29"), D("2024-10-12")]


def test_loaded_years_are_not_provisional_and_2027_is():
    assert not CAL.is_provisional(D("2026-12-31"))
    assert CAL.is_provisional(D("2027-01-04"))
    assert CAL.is_provisional(D("2018-06-01"))
    assert CAL.any_provisional(D("2026-12-20"), D("2027-01-20"))
    assert not CAL.any_provisional(D("2024-12-20"), D("2025-01-20"))


def test_a_provisional_year_uses_weekends_and_fixed_date_holidays():
    # 2027: 元旦 Fri 01-01; 清明 04-05 (Mon); 劳动节 Sat/Sun 05-01,02 → 补假 Mon/Tue 05-03,04;
    # 国庆 Fri–Sun 10-01..03 → 补假 Mon/Tue 10-04,05.
    assert qingming(2027) == D("2027-04-05")
    assert qingming(2025) == D("2025-04-04")
    assert qingming(2024) == D("2024-04-04")
    days = provisional_holidays(2027)
    assert days[D("2027-05-03")] == "劳动节补假"
    assert days[D("2027-10-05")] == "国庆节补假"
    assert not CAL.is_working_day(D("2027-01-01"))
    assert not CAL.is_working_day(D("2027-10-04"))
    assert CAL.is_working_day(D("2027-10-06"))
    assert CAL.add_working_days(D("2027-09-30"), 1) == D("2027-10-06")


def test_loading_a_year_replaces_the_provisional_holidays():
    cal = WorkCalendar({D("2027-02-08"): "春节"}, {D("2027-02-06"): "春节调休"}, [2027])
    assert not cal.is_provisional(D("2027-05-01"))
    assert cal.is_working_day(D("2027-10-04"))  # no provisional 补假 once loaded
    assert not cal.is_working_day(D("2027-02-08"))
    assert cal.is_working_day(D("2027-02-06"))


def test_dates_outside_the_range_raise_out_of_range():
    with pytest.raises(OutOfRange):
        CAL.add_working_days(D("1999-12-31"), 1)
    with pytest.raises(OutOfRange):
        CAL.add_working_days(D("2099-12-30"), 5)
    with pytest.raises(OutOfRange):
        CAL.is_working_day(D("2100-01-01"))


def test_datetime_start_takes_the_general_path_with_the_same_answer():
    # The fast path is a dict keyed by date; a datetime never equals a date, so it must fall through correctly.
    assert CAL.add_working_days(datetime(2024, 9, 27, 16, 30), 20) == D("2024-10-30")
    assert CAL.add_working_days(D("2024-09-27"), 20) == D("2024-10-30")


def test_span_text():
    assert span_text(D("2024-10-01"), D("2024-10-07")) == "10月1日至7日"
    assert span_text(D("2025-01-28"), D("2025-02-04")) == "1月28日至2月4日"
    assert span_text(D("2027-01-01"), D("2027-01-01"), ref_year=2026) == "2027年1月1日"


def _days(*ranges):
    out = set()
    for r in ranges:
        a, _, b = r.partition("..")
        d, end = D(a), D(b or a)
        while d <= end:
            out.add(d)
            d = date.fromordinal(d.toordinal() + 1)
    return out


# The notices as quoted verbatim in regulation.md §4.
NOTICES = {
    2024: (
        _days(
            "2024-01-01",
            "2024-02-10..2024-02-17",
            "2024-04-04..2024-04-06",
            "2024-05-01..2024-05-05",
            "2024-06-10",
            "2024-09-15..2024-09-17",
            "2024-10-01..2024-10-07",
        ),
        _days(
            "2024-02-04",
            "2024-02-18",
            "2024-04-07",
            "2024-04-28",
            "2024-05-11",
            "2024-09-14",
            "2024-09-29",
            "2024-10-12",
        ),
    ),
    2025: (
        _days(
            "2025-01-01",
            "2025-01-28..2025-02-04",
            "2025-04-04..2025-04-06",
            "2025-05-01..2025-05-05",
            "2025-05-31..2025-06-02",
            "2025-10-01..2025-10-08",
        ),
        _days("2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11"),
    ),
    2026: (
        _days(
            "2026-01-01..2026-01-03",
            "2026-02-15..2026-02-23",
            "2026-04-04..2026-04-06",
            "2026-05-01..2026-05-05",
            "2026-06-19..2026-06-21",
            "2026-09-25..2026-09-27",
            "2026-10-01..2026-10-07",
        ),
        _days("2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"),
    ),
}


@pytest.mark.parametrize("year", sorted(NOTICES))
def test_the_shipped_data_matches_the_notices_in_the_spec(year):
    holidays, makeup = NOTICES[year]
    days = _days(f"{year}-01-01..{year}-12-31")
    off_weekdays = {d for d in days if d.weekday() < 5 and not CAL.is_working_day(d)}
    working_weekends = {d for d in days if d.weekday() >= 5 and CAL.is_working_day(d)}
    assert off_weekdays == {d for d in holidays if d.weekday() < 5}
    assert working_weekends == makeup
