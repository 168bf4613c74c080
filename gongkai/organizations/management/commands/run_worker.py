"""``manage.py run_worker``: the background worker `make run` starts next to the web server.

Each loop (1) calls ``tick(now)`` of every ``gongkai/<app>/periodic.py`` (deadline reminders,
scheduled publication, report deadlines…), each of which claims its work with compare-and-swap
updates so a restart never sends twice, then (2) drains the django.tasks database queue.
``--once`` runs one loop and exits (tests, cron).
"""

import logging
import signal
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils import timezone

from gongkai.hooks import app_modules

log = logging.getLogger("gongkai.worker")


def periodic_modules():
    return app_modules("periodic")


def run_once() -> int:
    done = 0
    now = timezone.now()
    for module in periodic_modules():
        try:
            done += module.tick(now) or 0
        except Exception:  # one failing job must not stop the others
            log.exception("periodic job %s failed", module.__name__)
    return done


class Command(BaseCommand):
    help = "Run periodic jobs and the task queue until stopped (SIGTERM/Ctrl-C)."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=30.0, help="seconds between loops")
        parser.add_argument("--once", action="store_true", help="run one loop and exit")

    def handle(self, *args, interval, once, **options):
        stopping = False

        def stop(*_):
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGTERM, stop)
        while True:
            done = run_once()
            call_command("db_worker", batch=True, verbosity=0)
            if done:
                self.stdout.write(f"worker: {done} job(s) done")
            if once or stopping:
                return
            slept = 0.0
            while slept < interval and not stopping:
                time.sleep(0.5)
                slept += 0.5
            if stopping:
                return
