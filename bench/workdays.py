"""Benchmark: WorkCalendar.add_working_days(d, 20) vs a naive day-by-day loop over the same calendar.

Also times an empty function called the same way: the ceiling any pure-Python implementation could reach.

    .venv/bin/python bench/workdays.py [--calls 1000000] [--naive-calls 100000]

Both run on the same random dates from 2019-01-01 to 2026-12-31 (shipped arrangements, no database).
The naive loops (a set-based loop, and a loop through ``is_working_day``) run fewer calls (default 100,000) and its rate is reported per call, so the ratio compares
calls per second; all naive results are checked against the fast ones.
"""

import argparse
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from gongkai.workdays.calc import WorkCalendar, load_data  # noqa: E402


def naive_add(non_working: frozenset, makeup: frozenset, start: date, n: int) -> date:
    """Day-by-day loop: the obvious implementation (weekday + holiday set + 调休 set)."""
    d = start
    one = timedelta(days=1)
    while n:
        d += one
        if (d.weekday() < 5 and d not in non_working) or d in makeup:
            n -= 1
    return d


def naive_add_api(cal: WorkCalendar, start: date, n: int) -> date:
    """Day-by-day loop through the calendar's own ``is_working_day`` (what a caller without the tables would write)."""
    d = start
    one = timedelta(days=1)
    while n:
        d += one
        if cal.is_working_day(d):
            n -= 1
    return d


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--calls", type=int, default=1_000_000)
    parser.add_argument("--naive-calls", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=20241001)
    args = parser.parse_args()

    t0 = time.perf_counter()
    cal = WorkCalendar.from_data(load_data())
    build = time.perf_counter() - t0
    holidays = frozenset(d for y in range(2019, 2028) for d, kind, _ in cal.days_in_year(y) if kind == "holiday")
    makeup = frozenset(d for y in range(2019, 2028) for d, kind, _ in cal.days_in_year(y) if kind == "workday")

    rng = random.Random(args.seed)
    first, span = date(2019, 1, 1).toordinal(), (date(2026, 12, 31) - date(2019, 1, 1)).days + 1
    starts = [date.fromordinal(first + rng.randrange(span)) for _ in range(args.calls)]

    add = cal.add_working_days
    t0 = time.perf_counter()
    fast = [add(d, 20) for d in starts]
    fast_s = time.perf_counter() - t0

    sample = starts[: args.naive_calls]
    t0 = time.perf_counter()
    slow = [naive_add(holidays, makeup, d, 20) for d in sample]
    slow_s = time.perf_counter() - t0
    assert slow == fast[: len(sample)], "naive and table results differ"
    t0 = time.perf_counter()
    slow_api = [naive_add_api(cal, d, 20) for d in sample]
    api_s = time.perf_counter() - t0
    assert slow_api == slow

    # The floor: a Python function that does nothing, called the same way. No pure-Python add_working_days can
    # beat it, so naive / floor is the largest ratio any pure-Python implementation could reach on this machine.
    def empty(d, n):
        return d

    t0 = time.perf_counter()
    [empty(d, 20) for d in starts]
    floor_s = time.perf_counter() - t0

    fast_rate = len(starts) / fast_s
    slow_rate = len(sample) / slow_s
    print(f"calendar build (2000–2099 tables): {build * 1000:.1f} ms")
    print(f"table + index             : {len(starts):>9,} calls in {fast_s:.3f} s = {fast_rate:>12,.0f} calls/s")
    api_rate = len(sample) / api_s
    print(f"naive loop, sets          : {len(sample):>9,} calls in {slow_s:.3f} s = {slow_rate:>12,.0f} calls/s")
    print(f"naive loop, is_working_day: {len(sample):>9,} calls in {api_s:.3f} s = {api_rate:>12,.0f} calls/s")
    print(f"ratio vs set loop         : {fast_rate / slow_rate:.0f}x")
    print(
        f"ratio vs is_working_day   : {fast_rate / api_rate:.0f}x  (results identical on the {len(sample):,} shared calls)"
    )
    floor_rate = len(starts) / floor_s
    print(f"empty function (floor)    : {len(starts):>9,} calls in {floor_s:.3f} s = {floor_rate:>12,.0f} calls/s")
    print(
        f"ceiling for pure Python   : {floor_rate / slow_rate:.0f}x the set loop, {floor_rate / api_rate:.0f}x the "
        f"is_working_day loop (an empty function against the same loops)"
    )


if __name__ == "__main__":
    main()
