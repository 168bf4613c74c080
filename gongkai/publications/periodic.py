"""Worker hook: publish scheduled publications whose time has come (survives restarts: state is in the DB)."""

from . import services


def tick(now) -> int:
    return services.publish_due_scheduled(now)
