from datetime import datetime
from zoneinfo import ZoneInfo

import time_machine

from gongkai.applications.models import Application

TZ = ZoneInfo("Asia/Shanghai")


def on(day: str, hour: int = 10):
    """Freeze time at ``day`` (YYYY-MM-DD) local time."""
    y, m, d = map(int, day.split("-"))
    return time_machine.travel(datetime(y, m, d, hour, tzinfo=TZ), tick=False)


def fresh(app) -> Application:
    return Application.objects.get(pk=app.pk)
