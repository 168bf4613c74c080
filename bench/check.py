"""Benchmark of the report checker: reports/s for text, HTML, DOCX and PDF inputs, one process.

Inputs are the damaged-fixture corpus (gongkai/reports/tests/fixtures/corpus.py): random consistent reports
rendered in each format and damaged (blank, glued, shifted, punctuation, truncation). Each input is read
(reader + validator, exactly what ``gongkai report check`` does per file) in a loop; the baseline in the same
run is decoding the same bytes and splitting them into lines (the cheapest possible "reading"), so the
ratio shows what the checker costs on top of touching the input.

Targets (issue 7): >= 200 text or HTML reports/s and >= 10 PDF reports/s.

    .venv/bin/python bench/check.py            # 40 inputs per format
    .venv/bin/python bench/check.py --n 100
"""

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from gongkai.reports.core.validate import validate  # noqa: E402
from gongkai.reports.readers import read_bytes  # noqa: E402
from gongkai.reports.tests.fixtures.corpus import DAMAGES, make_case  # noqa: E402


def inputs(kind: str, n: int) -> list:
    cases = []
    i = 0
    styles = ["tab", "pipe", "space", "line", "vertical", "misplace"] if kind == "text" else ["-"]
    while len(cases) < n:
        damage = DAMAGES[i % len(DAMAGES)]
        cases.append(make_case(i, kind, damage, style=styles[i % len(styles)]))
        i += 1
    return cases


def timed(fn, cases, min_seconds=2.0) -> tuple[float, float]:
    """(reports per wall-clock second, reports per CPU second of this process), looping for ``min_seconds``.

    The machine is shared: when other processes compete for the 2 cores, wall-clock rates drop while the
    CPU-second rate (time.process_time) stays what one process on an idle core would do."""
    done = 0
    start, cpu = time.perf_counter(), time.process_time()
    while True:
        for c in cases:
            fn(c)
            done += 1
        elapsed = time.perf_counter() - start
        if elapsed >= min_seconds:
            return done / elapsed, done / max(time.process_time() - cpu, 1e-9)


def check(case):
    report = read_bytes(case.data, case.name)
    report.findings += validate(report)


def baseline(case):
    case.data.decode("utf-8", errors="replace").splitlines()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=40, help="inputs per format")
    args = ap.parse_args()
    targets = {"text": 200, "html": 200, "docx": None, "pdf": 10}
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())} (2 cores)")
    print(
        f"{'format':6} {'inputs':>6} {'avg KB':>7} {'wall rep/s':>10} {'CPU rep/s':>10} {'baseline/s':>11} {'ratio':>6}  target"
    )
    for kind in ("text", "html", "docx", "pdf"):
        n = args.n if kind != "pdf" else max(10, args.n // 4)
        cases = inputs(kind, n)
        kb = sum(len(c.data) for c in cases) / len(cases) / 1024
        rate, cpu_rate = timed(check, cases, 3.0 if kind == "pdf" else 2.0)
        base, _ = timed(baseline, cases, 0.5)
        target = targets[kind]
        verdict = "" if target is None else (f">= {target}: " + ("met" if cpu_rate >= target else "NOT met") + " (CPU)")
        print(
            f"{kind:6} {len(cases):6d} {kb:7.1f} {rate:10.1f} {cpu_rate:10.1f} {base:11.0f} {base / rate:5.0f}x  {verdict}"
        )


if __name__ == "__main__":
    main()
