"""Annual report on a big PostgreSQL database: the generator against one hand-written GROUP BY.

With 1,000,000 applications across 3,000 agencies (a province → 10 cities → 100 counties → townships),
times (a) one agency's table 三 and whole report, and (b) the province's subtree aggregate of table 三,
each next to one hand-written SQL ``GROUP BY`` computing the same numbers, in the same run, and checks
that the numbers are equal. Targets: generator within 1.5× of the raw SQL; (b) under 2 s.

    .venv/bin/python bench/report.py [--apps 1000000] [--agencies 3000] [--rebuild] [--repeat 5]

Data goes to its own database (``BENCH_DATABASE_URL``, default
``postgres://gongkai:gongkai@127.0.0.1:5432/gongkai_bench``), created and migrated if missing, and is
bulk-loaded with COPY into ``applications_application`` (columns read from the model).
"""

import argparse
import os
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
URL = os.environ.get("BENCH_DATABASE_URL", "postgres://gongkai:gongkai@127.0.0.1:5432/gongkai_bench")
os.environ["DATABASE_URL"] = URL
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")

import benchdb  # noqa: E402  (bench/benchdb.py)

BENCH_CODE = "BENCH-PROVINCE"
YEAR = 2024


def ensure_database(rebuild: bool):
    benchdb.ensure_database(URL, rebuild=rebuild)


def build_tree(n_agencies: int):
    from gongkai.organizations.models import Level, Organization

    province = Organization.objects.create(name="基准省人民政府", code=BENCH_CODE, level=Level.PROVINCE)
    orgs = [province]
    cities = [
        Organization.objects.create(name=f"基准市{i}", code=f"BENCH-C{i}", level=Level.CITY, parent=province)
        for i in range(10)
    ]
    orgs += cities
    counties = [
        Organization.objects.create(
            name=f"基准县{i}", code=f"BENCH-X{i}", level=Level.COUNTY, parent=cities[i % len(cities)]
        )
        for i in range(100)
    ]
    orgs += counties
    i = 0
    while len(orgs) < n_agencies:
        parent = counties[i % len(counties)]
        level = Level.TOWNSHIP if i % 3 else Level.DEPARTMENT
        orgs.append(Organization.objects.create(name=f"基准机构{i}", code=f"BENCH-T{i}", level=level, parent=parent))
        i += 1
    return orgs


def copy_applications(org_ids: list[int], n: int):
    from django.db import connection

    from gongkai.applications import categories
    from gongkai.applications.models import APPLICANT_COLUMNS, Application

    fields = [f for f in Application._meta.concrete_fields if not f.primary_key]
    columns = [f.column for f in fields]
    defaults = {f.attname: f.get_default() for f in fields}
    rnd = random.Random(20241231)
    start = date(2021, 1, 1)
    types = rnd.choices(APPLICANT_COLUMNS, weights=[70, 15, 2, 3, 5, 5], k=1000)
    cats = categories.IDS
    now = "2025-01-01 00:00:00+00"
    t0 = time.perf_counter()
    raw = connection.cursor().cursor
    with raw.copy(f"COPY applications_application ({', '.join(columns)}) FROM STDIN") as copy:
        for i in range(n):
            received = start + timedelta(days=rnd.randrange(4 * 365))
            r = rnd.random()
            concluded = None if r < 0.05 else received + timedelta(days=rnd.randrange(1, 60))
            row = dict(defaults)
            row.update(
                organization_id=org_ids[i % len(org_ids)],
                number=f"B{i:08d}",
                access_code_hash="x",
                submission_token=None,
                applicant_type=types[i % 1000],
                applicant_name="申请人",
                id_type="resident_id",
                id_number="11010519491231002X",
                applicant_key=f"k{i % 50000}",
                phone="13800138000",
                description="基准数据",
                preferred_form="email",
                delivery="email",
                channel="online",
                submitted_on=received,
                received_on=received,
                status="answered" if concluded else "received",
                decision_category=cats[rnd.randrange(len(cats))] if concluded else "",
                concluded_on=concluded,
                created_at=now,
            )
            copy.write_row([row[f.attname] for f in fields])
    print(f"COPY {n:,} applications: {time.perf_counter() - t0:.1f} s")


def populate(n_apps: int, n_agencies: int):
    from django.core.management import call_command
    from django.db import connection

    from gongkai.applications.models import Application
    from gongkai.organizations.models import Organization

    call_command("migrate", verbosity=0)
    province = Organization.objects.filter(code=BENCH_CODE).first()
    if province:
        have_orgs = Organization.objects.subtree(province).count()
        have_apps = Application.objects.count()
        if have_orgs == n_agencies and have_apps == n_apps:
            return province
        sys.exit(f"{URL} holds {have_orgs} agencies / {have_apps} applications; run with --rebuild")
    t0 = time.perf_counter()
    orgs = build_tree(n_agencies)
    print(f"{len(orgs):,} agencies: {time.perf_counter() - t0:.1f} s")
    copy_applications([o.pk for o in orgs], n_apps)
    with connection.cursor() as c:
        t0 = time.perf_counter()
        c.execute("VACUUM ANALYZE applications_application")
        c.execute("VACUUM ANALYZE organizations_organization")
        print(f"VACUUM ANALYZE: {time.perf_counter() - t0:.1f} s")
    return Organization.objects.get(code=BENCH_CODE)


RAW_SQL = """
SELECT a.applicant_type, a.decision_category,
       count(*) FILTER (WHERE a.received_on >= %(s)s)                            AS new,
       count(*) FILTER (WHERE a.received_on <  %(s)s)                            AS carried_in,
       count(*) FILTER (WHERE a.concluded_on <= %(e)s)                           AS concluded,
       count(*) FILTER (WHERE a.concluded_on IS NULL OR a.concluded_on > %(e)s)  AS carried_out
FROM applications_application a
{join}
WHERE {where} AND a.received_on <= %(e)s AND (a.concluded_on IS NULL OR a.concluded_on >= %(s)s)
GROUP BY 1, 2
"""


def raw_section3(*, org_id=None, path=None) -> dict:
    """Table 三 by one hand-written GROUP BY (and the same few lines of Python to lay it out)."""
    from django.db import connection

    from gongkai.applications.models import APPLICANT_COLUMNS
    from gongkai.reports.core.formats import FORMAT_2021

    if org_id is not None:
        sql = RAW_SQL.format(join="", where="a.organization_id = %(org)s")
    else:
        sql = RAW_SQL.format(
            join="JOIN organizations_organization o ON o.id = a.organization_id", where="o.path LIKE %(path)s"
        )
    params = {"s": date(YEAR, 1, 1), "e": date(YEAR, 12, 31), "org": org_id, "path": f"{path}%"}
    out = {rid: [0] * 7 for rid in FORMAT_2021.section3_ids}
    col = {t: i for i, t in enumerate(APPLICANT_COLUMNS)}
    with connection.cursor() as c:
        c.execute(sql, params)
        for kind, category, new, cin, concluded, cout in c.fetchall():
            i = col[kind]
            out["new"][i] += new
            out["carried_in"][i] += cin
            out["carried_out"][i] += cout
            if concluded and category:
                out[category][i] += concluded
                out["total"][i] += concluded
    for v in out.values():
        v[6] = sum(v[:6])
    return out


def timed(fn, repeat):
    fn()  # warm-up (plans, caches)
    runs = []
    result = None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        runs.append(time.perf_counter() - t0)
    return statistics.median(runs), result


def side_by_side(gen, raw, repeat):
    """Median times of ``gen`` and ``raw``, run alternately so load bursts hit both alike."""
    gen(), raw()  # warm-up (plans, caches)
    g_runs, r_runs = [], []
    for _ in range(repeat):
        t0 = time.perf_counter()
        g = gen()
        g_runs.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        r = raw()
        r_runs.append(time.perf_counter() - t0)
    return statistics.median(g_runs), g, statistics.median(r_runs), r


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--apps", type=int, default=1_000_000)
    parser.add_argument("--agencies", type=int, default=3000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()
    ensure_database(args.rebuild)
    import django

    django.setup()
    from gongkai.organizations.models import Organization
    from gongkai.reports import generator, queries

    province = populate(args.apps, args.agencies)
    # The busiest township (by rows) stands for "one agency".
    agency = Organization.objects.subtree(province).filter(level="township").order_by("pk")[5]

    rows = []
    t_gen_a, gen_a, t_raw_a, raw_a = side_by_side(
        lambda: generator._section3([agency.pk], YEAR, "2021"), lambda: raw_section3(org_id=agency.pk), args.repeat * 5
    )
    assert gen_a == raw_a, "one agency: generator and raw SQL disagree"
    rows.append(("(a) one agency, table 三", t_gen_a, t_raw_a))
    t_full, _ = timed(lambda: generator.generate(agency, YEAR), args.repeat)
    t_gen_b, gen_b, t_raw_b, raw_b = side_by_side(
        lambda: queries.aggregate_section3(province, YEAR), lambda: raw_section3(path=province.path), args.repeat
    )
    assert gen_b == raw_b, "province: generator and raw SQL disagree"
    rows.append(("(b) province subtree, table 三", t_gen_b, t_raw_b))

    print(f"\n{args.apps:,} applications, {Organization.objects.subtree(province).count():,} agencies, year {YEAR}")
    print(f"{'':34}{'generator':>12}{'raw SQL':>12}{'ratio':>8}")
    for name, g, r in rows:
        print(f"{name:34}{g * 1000:>10.1f}ms{r * 1000:>10.1f}ms{g / r:>7.2f}x")
    print(f"{'(a) one agency, whole report':34}{t_full * 1000:>10.1f}ms  (tables 二三四 + narrative facts)")
    print(f"province new applications in {YEAR}: {gen_b['new'][6]:,}; numbers equal to the raw SQL: yes")
    ok = all(g / r <= 1.5 for _, g, r in rows) and t_gen_b < 2
    print("targets (≤ 1.5× raw SQL, (b) < 2 s):", "met" if ok else "NOT met")


if __name__ == "__main__":
    main()
