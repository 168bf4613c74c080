"""Recompute stored due dates of open applications after a calendar change (workdays hook)."""

from gongkai.workdays.services import Changed

from . import clockwork
from .models import Application


def recompute_all(*, calendar, today, by) -> list:
    changed = []
    for app in Application.objects.open().prefetch_related("clock_entries"):
        old = app.due_on
        st = clockwork.state_of(app, today=today, calendar=calendar)
        fields = clockwork.apply_state(app, st)
        if fields:
            app.save(update_fields=fields)
        if app.due_on != old:
            changed.append(Changed(app, old, app.due_on))
    return changed
