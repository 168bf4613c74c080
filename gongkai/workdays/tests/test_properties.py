"""Hypothesis properties of the working-day arithmetic, checked against a naive day-by-day oracle."""

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.workdays.calc import WorkCalendar, default_calendar, load_data

CAL = default_calendar()
START_DAY = WorkCalendar.from_data(load_data(), count_start_day=True)
dates = st.dates(min_value=date(2019, 1, 1), max_value=date(2027, 12, 31))
counts = st.integers(min_value=0, max_value=400)


def naive_add(cal, start, n):
    d, left = start, n
    while left:
        d += timedelta(days=1)
        left -= cal.is_working_day(d)
    return d


@given(dates, counts)
def test_between_inverts_add(a, n):
    assert CAL.working_days_between(a, CAL.add_working_days(a, n)) == n


@given(dates, st.integers(min_value=1, max_value=400))
def test_between_inverts_add_when_the_start_day_counts(a, n):
    # n >= 1: with the start day counted, add(a, 1) is a itself when a is a working day (n = 0 also returns a).
    assert START_DAY.working_days_between(a, START_DAY.add_working_days(a, n)) == n


@given(dates, st.integers(min_value=1, max_value=400))
def test_the_result_is_a_working_day_after_the_start(a, n):
    due = CAL.add_working_days(a, n)
    assert CAL.is_working_day(due)
    assert due > a


@given(dates, dates, st.integers(min_value=0, max_value=200))
def test_add_is_monotonic_in_the_start_date(a, b, n):
    if a > b:
        a, b = b, a
    assert CAL.add_working_days(a, n) <= CAL.add_working_days(b, n)


@given(dates, counts, counts)
def test_add_is_monotonic_in_n_and_additive(a, m, n):
    if m > n:
        m, n = n, m
    assert CAL.add_working_days(a, m) <= CAL.add_working_days(a, n)
    assert CAL.add_working_days(CAL.add_working_days(a, m), n - m) == CAL.add_working_days(a, n) or m == 0


@settings(max_examples=200)
@given(dates, st.integers(min_value=0, max_value=60))
def test_it_agrees_with_a_naive_loop(a, n):
    assert CAL.add_working_days(a, n) == naive_add(CAL, a, n)


@given(dates, dates)
def test_between_is_antisymmetric_and_counts_working_days(a, b):
    assert CAL.working_days_between(a, b) == -CAL.working_days_between(b, a)
    if a <= b and (b - a).days < 120:
        expected = sum(CAL.is_working_day(a + timedelta(days=i)) for i in range(1, (b - a).days + 1))
        assert CAL.working_days_between(a, b) == expected


@given(dates)
def test_next_working_day_is_add_one(a):
    assert CAL.next_working_day(a) == CAL.add_working_days(a, 1)
