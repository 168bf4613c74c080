"""The supervising office's desk on a big PostgreSQL database, against a per-agency loop of COUNT queries.

3,000 agencies (province → 10 cities → 100 counties → townships/departments), 200,000 applications (5% open,
all of those overdue), one 督办, one complaint and one 复议 case per agency. Times ``selectors.desk`` for
(a) one county's subtree and (b) the whole province, next to a naive loop that asks each agency's figures with
its own COUNT queries, in the same run, and checks the figures are equal.

    .venv/bin/python bench/cases_desk.py [--apps 200000] [--agencies 3000] [--rebuild] [--repeat 3]

Data goes to its own database (``BENCH_CASES_DATABASE_URL``, default
``postgres://gongkai:gongkai@127.0.0.1:5432/gongkai_bench_cases``); the tree and the applications are built
with bench/report.py's helpers.
"""

import argparse
import os
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))
URL = os.environ.get("BENCH_CASES_DATABASE_URL", "postgres://gongkai:gongkai@127.0.0.1:5432/gongkai_bench_cases")
os.environ["BENCH_DATABASE_URL"] = URL
os.environ["DATABASE_URL"] = URL
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")

import report as report_bench  # noqa: E402  (bench/report.py: ensure_database, build_tree, copy_applications)

TODAY = date(2026, 11, 27)


def populate(n_apps: int, n_agencies: int):
    from django.core.management import call_command
    from django.db import connection

    from gongkai.applications.models import Application
    from gongkai.cases.models import Case, Complaint, Urging
    from gongkai.organizations.models import Organization

    call_command("migrate", verbosity=0)
    province = Organization.objects.filter(code=report_bench.BENCH_CODE).first()
    if province:
        if Organization.objects.subtree(province).count() == n_agencies and Application.objects.count() == n_apps:
            return province
        sys.exit(f"{URL} holds other data; run with --rebuild")
    t0 = time.perf_counter()
    orgs = report_bench.build_tree(n_agencies)
    print(f"{len(orgs):,} agencies: {time.perf_counter() - t0:.1f} s")
    report_bench.copy_applications([o.pk for o in orgs], n_apps)
    with connection.cursor() as c:
        c.execute("UPDATE applications_application SET due_on = received_on + 28 WHERE concluded_on IS NULL")
    t0 = time.perf_counter()
    Urging.objects.bulk_create(
        Urging(
            organization=o,
            issuer=orgs[0],
            subject="督办",
            reason="基准",
            due_on=TODAY - timedelta(days=i % 20),
            issued_on=TODAY - timedelta(days=30),
        )
        for i, o in enumerate(orgs[1:])
    )
    Complaint.objects.bulk_create(
        Complaint(
            number=f"TSB{i:06d}",
            query_code_hash="x",
            organization=o.parent or o,
            subject_organization=o,
            category="application",
            content="基准",
            complainant_name="某",
            received_on=TODAY - timedelta(days=i % 300),
            finding="founded" if i % 3 == 0 else "",
            measure="rectification" if i % 3 == 0 else "",
            status="found" if i % 3 == 0 else "received",
        )
        for i, o in enumerate(orgs)
    )
    Case.objects.bulk_create(
        Case(
            organization=o,
            kind="reconsideration",
            authority="基准",
            applicant="某",
            filed_on=TODAY - timedelta(days=40),
            copy_received_on=TODAY - timedelta(days=i % 30),
            reply_due=TODAY + timedelta(days=10 - i % 30),
        )
        for i, o in enumerate(orgs)
    )
    print(f"督办/投诉/案件 rows: {time.perf_counter() - t0:.1f} s")
    with connection.cursor() as c:
        for t in (
            "applications_application",
            "organizations_organization",
            "cases_urging",
            "cases_complaint",
            "cases_case",
        ):
            c.execute(f"VACUUM ANALYZE {t}")
    return Organization.objects.get(code=report_bench.BENCH_CODE)


def naive(root, today):
    """Each agency's figures by its own COUNT queries (what a straightforward view would do)."""
    from django.db.models import Q

    from gongkai.applications.models import Application
    from gongkai.cases import selectors
    from gongkai.cases.models import Case, Complaint, Urging
    from gongkai.organizations.models import Organization

    soon = selectors.due_soon_limit(today)
    out = {}
    for o in Organization.objects.subtree(root).filter(is_active=True):
        apps = Application.objects.filter(organization=o)
        urg = Urging.objects.filter(organization=o).exclude(status="closed")
        pending = Case.objects.filter(organization=o, replied_on__isnull=True, reply_due__isnull=False)
        out[o.pk] = (
            apps.overdue(today).count(),
            apps.open().filter(due_on__gte=today, due_on__lte=soon).count(),
            Complaint.objects.filter(subject_organization=o).exclude(status="answered").count(),
            Complaint.objects.filter(subject_organization=o, finding="founded", received_on__year=today.year).count(),
            urg.count(),
            urg.filter(Q(status="issued"), due_on__lt=today).count(),
            pending.filter(reply_due__lt=today).count(),
            pending.filter(reply_due__gte=today, reply_due__lte=soon).count(),
        )
    return out


def fast(root, today):
    from gongkai.cases import selectors

    d = selectors.desk(root, today)
    return {
        r.org.pk: (
            r.overdue_apps,
            r.due_soon_apps,
            r.complaints_open,
            r.complaints_founded,
            r.urgings_open,
            r.urgings_overdue,
            r.cases_overdue,
            r.cases_due_soon,
        )
        for r in d.rows
    }


def count_queries(connection, fn) -> int:
    n = 0

    def counter(execute, sql, params, many, context):
        nonlocal n
        n += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counter):
        fn()
    return n


def timed(fn, repeat):
    fn()
    runs, result = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        runs.append(time.perf_counter() - t0)
    return statistics.median(runs), result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--apps", type=int, default=200_000)
    parser.add_argument("--agencies", type=int, default=3000)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    report_bench.ensure_database(args.rebuild)
    import django

    django.setup()
    from django.db import connection

    from gongkai.organizations.models import Level, Organization

    province = populate(args.apps, args.agencies)
    county = Organization.objects.subtree(province).filter(level=Level.COUNTY).first()
    print(f"\n{args.apps:,} applications, {args.agencies:,} agencies, today {TODAY}")
    print(f"{'':28}{'desk':>10}{'naive loop':>13}{'ratio':>8}{'queries':>16}")
    for label, root in [("(a) one county's subtree", county), ("(b) the province", province)]:
        n = Organization.objects.subtree(root).count()
        t_fast, got = timed(lambda root=root: fast(root, TODAY), args.repeat)
        t_naive, want = timed(lambda root=root: naive(root, TODAY), 1 if n > 500 else args.repeat)
        q_fast, q_naive = count_queries(connection, lambda root=root: fast(root, TODAY)), 0
        q_naive = count_queries(connection, lambda root=root: naive(root, TODAY))
        assert got == want, "desk figures differ from the naive loop"
        print(
            f"{label + f' ({n})':28}{t_fast * 1000:>8.1f}ms{t_naive * 1000:>11.1f}ms{t_naive / t_fast:>7.1f}x"
            f"{q_fast:>7} vs {q_naive:>5}"
        )
    print("figures equal to the naive loop: yes")


if __name__ == "__main__":
    main()
