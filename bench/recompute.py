"""Recalculation at province scale: every open deadline recomputed after a year's arrangement is entered.

When staff enter a new year's 放假安排 (issue 3 §5), ``workdays.services.recompute_open_deadlines`` replays
every open application's clock and recomputes every pending publication's and case's due date in one pass,
writes the changed dates and one audit row per change, all in one transaction, inside the staff request.
This times that pass next to a baseline measured in the same run: reading the same open items (applications
with their clock entries, publications, cases) and doing nothing with them. Each timed pass is rolled back,
so every run recomputes the same changes.

    .venv/bin/python bench/recompute.py [--apps 20000] [--rebuild] [--repeat 3]

Province scale: the report benchmark's province receives ~250,000 applications a year; with a 20-working-day
clock about 20,000 are open at any time. The scenario: applications received 2026-12-01 … 2027-01-20 (so
most deadlines run into 2027), while 2027 has no arrangement yet (provisional: weekends and fixed-date
holidays). Staff then enter 2027's arrangement. The arrangement used is SYNTHETIC (a 春节 week around
2027-02-06 with two 调休 Saturdays), made for this benchmark, not the State Council's notice.

Data goes to its own database (``BENCH_DATABASE_URL``, default
``postgres://gongkai:gongkai@127.0.0.1:5432/gongkai_bench_recompute``), created and migrated if missing.
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
URL = os.environ.get("BENCH_DATABASE_URL", "postgres://gongkai:gongkai@127.0.0.1:5432/gongkai_bench_recompute")
os.environ["DATABASE_URL"] = URL
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")

import benchdb  # noqa: E402  (bench/benchdb.py)

TODAY = date(2027, 1, 20)
SYNTHETIC_2027 = [(date(2027, 1, 1), "holiday", "元旦")]
SYNTHETIC_2027 += [(date(2027, 2, 5) + timedelta(days=i), "holiday", "春节") for i in range(9)]
SYNTHETIC_2027 += [(date(2027, 1, 30), "workday", "春节"), (date(2027, 2, 20), "workday", "春节")]


def ensure_database(rebuild: bool):
    benchdb.ensure_database(URL, rebuild=rebuild)


def populate(n_apps: int):
    """Agencies, ``n_apps`` open applications with their clock entries, pending publications and cases.

    Stored due dates are those of the calendar without 2027 (what the system held before the notice).
    """
    from django.core.management import call_command
    from django.db import connection

    from gongkai.applications import clockwork
    from gongkai.applications.models import Application, ClockEntry
    from gongkai.cases import deadlines as case_deadlines
    from gongkai.cases.models import Case, CaseKind
    from gongkai.organizations.models import Level, Organization
    from gongkai.publications.models import CatalogueNode, Publication, Status
    from gongkai.workdays import services as workdays
    from gongkai.workdays.clock import Kind, simple_deadline

    call_command("migrate", verbosity=0)
    have = Application.objects.count()
    if have:
        if have != n_apps:
            sys.exit(f"{URL} holds {have} applications; run with --rebuild")
        return
    t0 = time.perf_counter()
    rnd = random.Random(20270120)
    province = Organization.objects.create(name="基准省人民政府", code="RC-P", level=Level.PROVINCE)
    orgs = [
        Organization.objects.create(name=f"基准机构{i}", code=f"RC-{i}", level=Level.TOWNSHIP, parent=province)
        for i in range(300)
    ]
    calendar = workdays.build_calendar()
    fields = {f.attname: f.get_default() for f in Application._meta.concrete_fields if not f.primary_key}
    apps, events = [], []
    for i in range(n_apps):
        received = date(2026, 12, 1) + timedelta(days=rnd.randrange(51))
        app = Application(**fields)
        app.organization_id = orgs[i % len(orgs)].pk
        app.number = f"RC{i:08d}"
        app.access_code_hash = "x"
        app.submission_token = None
        app.applicant_type, app.applicant_name = "natural", "申请人"
        app.id_type, app.id_number, app.applicant_key = "resident_id", "11010519491231002X", f"k{i}"
        app.phone, app.description = "13800138000", "基准数据"
        app.preferred_form, app.delivery, app.channel = "email", "email", "online"
        app.submitted_on = app.received_on = received
        ev = [(Kind.RECEIVED, received, None, None)]
        r = rnd.random()
        if r < 0.2:  # 补正 asked on day 3, answered a week later
            ev += [(Kind.CORRECTION_REQUESTED, received + timedelta(days=3), None, received + timedelta(days=18))]
            if received + timedelta(days=10) <= TODAY:
                ev.append((Kind.CORRECTION_RECEIVED, received + timedelta(days=10), None, None))
        elif r < 0.3 and received + timedelta(days=25) <= TODAY:  # extension approved
            ev.append((Kind.EXTENDED, received + timedelta(days=25), 20, None))
        elif r < 0.35:  # third party consulted
            ev.append((Kind.THIRD_PARTY_SENT, received + timedelta(days=5), None, None))
        apps.append(app)
        events.append(ev)
    Application.objects.bulk_create(apps, batch_size=2000)
    entries = [
        ClockEntry(application=app, kind=str(kind), on=on, days=days, until=until)
        for app, ev in zip(apps, events, strict=True)
        for kind, on, days, until in ev
    ]
    ClockEntry.objects.bulk_create(entries, batch_size=5000)
    for app in Application.objects.prefetch_related("clock_entries"):
        if clockwork.apply_state(app, clockwork.state_of(app, today=TODAY, calendar=calendar)):
            app.save()
    node = CatalogueNode.objects.order_by("pk").first()
    pubs = []
    for i in range(n_apps // 10):
        formed = date(2026, 12, 15) + timedelta(days=rnd.randrange(36))
        due, _lines = simple_deadline(formed, workdays.period("publication"), calendar, what="主动公开")
        pubs.append(
            Publication(
                organization=orgs[i % len(orgs)],
                title=f"基准文件{i}",
                formed_on=formed,
                node=node,
                status=Status.DRAFT,
                publish_due=due,
            )
        )
    Publication.objects.bulk_create(pubs, batch_size=2000)
    cases = [
        Case(
            organization=orgs[i % len(orgs)],
            kind=CaseKind.RECONSIDERATION,
            authority="基准市人民政府",
            applicant="申请人",
            filed_on=date(2027, 1, 10),
            copy_received_on=date(2027, 1, 12) + timedelta(days=i % 8),
        )
        for i in range(n_apps // 100)
    ]
    for case in cases:
        case.reply_due, _lines = case_deadlines.reply_due(case, calendar)
    Case.objects.bulk_create(cases)
    with connection.cursor() as c:
        for table in ("applications_application", "applications_clockentry", "publications_publication"):
            c.execute(f"VACUUM ANALYZE {table}")
    print(
        f"populated {n_apps:,} applications, {len(pubs):,} publications, {len(cases):,} cases: "
        f"{time.perf_counter() - t0:.1f} s"
    )


def read_open_items() -> int:
    """Baseline: fetch what the recompute pass must look at, and nothing else."""
    from gongkai.applications.models import Application
    from gongkai.cases.models import Case
    from gongkai.publications.models import Publication

    apps = list(Application.objects.open().prefetch_related("clock_entries"))
    pubs = list(Publication.objects.open_work().exclude(formed_on__isnull=True))
    cases = list(Case.objects.filter(copy_received_on__isnull=False, replied_on__isnull=True))
    return len(apps) + len(pubs) + len(cases)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--apps", type=int, default=20_000)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    ensure_database(args.rebuild)

    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from gongkai.audit.models import AuditEntry
    from gongkai.workdays import calc
    from gongkai.workdays import services as workdays

    populate(args.apps)
    user, _created = get_user_model().objects.get_or_create(username="bench-recompute")
    before = workdays.build_calendar()
    data = calc.load_data()
    data["years"]["2027"] = {
        "title": "合成数据（基准测试用）",
        "days": [[d.isoformat(), k, n] for d, k, n in SYNTHETIC_2027],
    }
    after = calc.WorkCalendar.from_data(data)

    def recompute(calendar):
        with transaction.atomic():
            changed = workdays.recompute_open_deadlines(by=user, today=TODAY, calendar=calendar)
            audited = AuditEntry.objects.filter(action="workdays.deadline_recomputed").count()
            transaction.set_rollback(True)
        return changed, audited

    unchanged, _audited = recompute(before)  # warm-up; also checks the stored state is the old calendar's
    assert not unchanged, f"{len(unchanged)} items changed without a calendar change"
    base_runs, runs = [], []
    for _ in range(args.repeat):  # alternate, so both see the same machine
        t0 = time.perf_counter()
        items = read_open_items()
        base_runs.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        changed, audited = recompute(after)
        runs.append(time.perf_counter() - t0)
        assert audited == len(changed), (audited, len(changed))
    base, run = statistics.median(base_runs), statistics.median(runs)
    print(f"{items:,} open items ({args.apps:,} applications); {len(changed):,} due dates changed, each audited")
    print(f"read the open items (baseline) : {base * 1000:8.0f} ms")
    print(
        f"recompute, write, audit        : {run * 1000:8.0f} ms  = {run / base:.1f}x the read, "
        f"{run / items * 1e6:.0f} µs per item"
    )


if __name__ == "__main__":
    main()
