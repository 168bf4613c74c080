"""Glue between stored ClockEntry rows and the pure clock of gongkai.workdays."""

from datetime import date

from gongkai.workdays import clock
from gongkai.workdays import services as workdays

from .models import Application, ClockEntry, ClockState


def events_for(app: Application) -> list[clock.ClockEvent]:
    return [
        clock.ClockEvent(kind=clock.Kind(e.kind), on=e.on, days=e.days, until=e.until, note=e.note)
        for e in app.clock_entries.all()
    ]


def state_of(app: Application, *, today: date, calendar=None) -> clock.ClockState:
    calendar = calendar or workdays.get_calendar()
    return clock.replay(events_for(app), calendar, today=today, rule=workdays.clock_rule(app.received_on))


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
