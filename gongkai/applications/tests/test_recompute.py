"""The applications' recalculation hook at scale: one pass, a fixed number of queries, every change audited."""

from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from gongkai.applications import clockwork, services
from gongkai.applications.testing import make_application
from gongkai.audit.models import AuditEntry
from gongkai.workdays import calc
from gongkai.workdays import services as workdays

from .helpers import fresh, on


def _with_holiday(day: str) -> calc.WorkCalendar:
    """The current calendar plus one extra holiday (as if staff had entered it)."""
    base = workdays.build_calendar()
    rows = [(d, kind, name) for y in range(2019, 2027) for d, kind, name in base.days_in_year(y)]
    rows.append((date.fromisoformat(day), "holiday", "临时放假"))
    return calc.WorkCalendar.from_days(rows, base.loaded_years)


def _recompute_queries(users, calendar) -> tuple[list, int]:
    with CaptureQueriesContext(connection) as queries:
        changed = workdays.recompute_open_deadlines(by=users["admin"], today=date(2026, 3, 10), calendar=calendar)
    return changed, len(queries)


def test_recompute_costs_the_same_queries_for_3_or_10_applications(orgs, users):
    """Rows are written with one UPDATE per distinct new state, so all these share one (same receipt day)."""
    moved = _with_holiday("2026-03-20")
    with on("2026-03-02"):
        for _ in range(3):
            make_application(orgs["yuandian"])
    changed, few = _recompute_queries(users, moved)
    assert len(changed) == 3
    with on("2026-03-02"):
        for _ in range(7):
            make_application(orgs["yuandian"])
    workdays.recompute_open_deadlines(by=users["admin"], today=date(2026, 3, 10))  # back to the stored calendar
    changed, many = _recompute_queries(users, moved)
    assert len(changed) == 10
    assert many == few  # no query per application, per rule or per audit row


def test_recompute_writes_each_moved_date_and_one_audit_row_per_change(orgs, users):
    with on("2026-03-02"):
        moving, _code = make_application(orgs["yuandian"])
        paused, _code = make_application(orgs["yuandian"])
        services.request_correction(
            paused,
            items="请写明文号",
            respond_by=date(2026, 3, 20),
            by=users["yd_clerk"],
            version=paused.version,
            today=timezone.localdate(),
        )
        withdrawn, _code = make_application(orgs["yuandian"])
        services.withdraw(
            withdrawn, reason="不再需要", by=users["yd_clerk"], version=withdrawn.version, today=timezone.localdate()
        )
    assert fresh(moving).due_on == date(2026, 3, 30)
    changed = workdays.recompute_open_deadlines(
        by=users["admin"], today=date(2026, 3, 10), calendar=_with_holiday("2026-03-20")
    )
    assert [(c.obj.pk, c.old_due, c.new_due) for c in changed] == [(moving.pk, date(2026, 3, 30), date(2026, 3, 31))]
    assert fresh(moving).due_on == date(2026, 3, 31)
    assert fresh(moving).days_left == 14  # 3月11日–31日: 15 working days, less the new holiday
    assert fresh(paused).due_on is None and fresh(paused).clock_state == "paused"
    assert fresh(withdrawn).due_on is None and fresh(withdrawn).clock_state == "closed"  # not touched
    rows = AuditEntry.objects.filter(action="workdays.deadline_recomputed")
    assert [(r.object_id, r.before, r.after, r.organization_id) for r in rows] == [
        (str(moving.pk), {"due": "2026-03-30"}, {"due": "2026-03-31"}, orgs["yuandian"].pk)
    ]


def test_events_read_in_one_query_match_each_applications_own(orgs, users):
    with on("2026-03-02"):
        a, _code = make_application(orgs["yuandian"])
        b, _code = make_application(orgs["yuandian"])
        services.request_correction(
            b,
            items="请写明文号",
            respond_by=date(2026, 3, 20),
            by=users["yd_clerk"],
            version=b.version,
            today=timezone.localdate(),
        )
    from gongkai.applications.models import Application

    events = clockwork.events_by_application(Application.objects.filter(pk__in=[a.pk, b.pk]))
    assert events[a.pk] == clockwork.events_for(a)
    assert events[b.pk] == clockwork.events_for(b)
    assert len(events[b.pk]) == 2
