"""Glue between stored ClockEntry rows and the pure clock of gongkai.workdays."""

from collections import defaultdict
from datetime import date

from django.db.models import QuerySet

from gongkai.workdays import clock
from gongkai.workdays import services as workdays

from .models import Application, ClockEntry, ClockState


def events_for(app: Application) -> list[clock.ClockEvent]:
    return [
        clock.ClockEvent(kind=clock.Kind(e.kind), on=e.on, days=e.days, until=e.until, note=e.note)
        for e in app.clock_entries.all()
    ]


def events_by_application(applications: QuerySet[Application]) -> dict[int, list[clock.ClockEvent]]:
    """The clock events of every application in ``applications``, in one query and without model instances.

    For passes over thousands of applications (recalculation), where ``prefetch_related`` costs more than the
    replays themselves. Same order as ``events_for``.
    """
    events: dict[int, list[clock.ClockEvent]] = defaultdict(list)
    rows = ClockEntry.objects.filter(application__in=applications.values("pk")).order_by("application_id", "on", "id")
    for app_id, kind, on, days, until, note in rows.values_list(
        "application_id", "kind", "on", "days", "until", "note"
    ):
        events[app_id].append(clock.ClockEvent(kind=clock.Kind(kind), on=on, days=days, until=until, note=note))
    return events


def state_of(app: Application, *, today: date, calendar=None, events=None) -> clock.ClockState:
    """The replayed clock of ``app`` (its stored entries, or ``events`` when the caller read them already)."""
    calendar = calendar or workdays.get_calendar()
    if events is None:
        events = events_for(app)
    return clock.replay(events, calendar, today=today, rule=workdays.clock_rule(app.received_on))


def apply_state(app: Application, st: clock.ClockState) -> list[str]:
    """Copy the replayed state onto the application; returns the changed field names."""
    values = {
        "due_on": st.due_date if st.state == clock.RUNNING else None,
        "days_left": st.days_left,
        "clock_state": {clock.RUNNING: ClockState.RUNNING, clock.PAUSED: ClockState.PAUSED}.get(
            st.state, ClockState.CLOSED
        ),
        "correction_due_on": st.correction_due,
        "extended_days": st.extended_days,
    }
    changed = []
    for name, value in values.items():
        if getattr(app, name) != value:
            setattr(app, name, value)
            changed.append(name)
    return changed


def add_event(app: Application, kind: str, on: date, *, days=None, until=None, note: str = "") -> ClockEntry:
    return ClockEntry.objects.create(application=app, kind=str(kind), on=on, days=days, until=until, note=note[:200])


def recompute(app: Application, *, today: date, calendar=None) -> clock.ClockState:
    st = state_of(app, today=today, calendar=calendar)
    changed = apply_state(app, st)
    if changed:
        app.save(update_fields=changed)
    return st
