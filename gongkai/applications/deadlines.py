"""Recompute stored due dates of open applications after a calendar change (workdays hook)."""

from gongkai.workdays.services import Changed, save_changed

from . import clockwork
from .models import Application

# What replaying and auditing an application reads (``str(app)`` is its number), and what the clock writes.
_READ = ("number", "organization_id", "received_on")
_WRITTEN = ["due_on", "days_left", "clock_state", "correction_due_on", "extended_days"]


def recompute_all(*, calendar, today, by) -> list:  # noqa: ARG001 (hook signature)
    """Replay every open application's clock and write the rows whose clock fields changed.

    The rows are locked first (``select_for_update``), then their clock entries are read: a staff action on one
    of them waits for the pass instead of being overwritten by a date computed from older events.
    """
    open_apps = Application.objects.open()
    apps = list(open_apps.only(*_READ, *_WRITTEN).select_for_update())
    events = clockwork.events_by_application(open_apps)
    changed, dirty = [], []
    for app in apps:
        old = app.due_on
        state = clockwork.state_of(app, today=today, calendar=calendar, events=events.get(app.pk, []))
        if clockwork.apply_state(app, state):
            dirty.append(app)
        if app.due_on != old:
            changed.append(Changed(app, old, app.due_on))
    save_changed(Application, dirty, _WRITTEN)
    return changed
