"""``manage.py load_demo``: idempotent demo data.

Each app may provide ``gongkai/<app>/demo.py`` with a ``load(ctx)`` function; they run in
INSTALLED_APPS order, after the organizations and users of :mod:`gongkai.organizations.demo`.
``ctx`` is a dict shared between them (organizations and users by key).
"""

import importlib

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction


class Command(BaseCommand):
    help = "Load (or refresh) the demo organizations, users and records. Safe to run twice."

    def handle(self, *args, **options):
        ctx: dict = {"stdout": self.stdout}
        for config in apps.get_app_configs():
            if not config.name.startswith("gongkai."):
                continue
            try:
                module = importlib.import_module(f"{config.name}.demo")
            except ModuleNotFoundError as exc:
                if exc.name == f"{config.name}.demo":
                    continue
                raise
            with transaction.atomic():
                module.load(ctx)
            self.stdout.write(f"demo: {config.label} loaded")
        from gongkai.organizations.demo import print_logins

        print_logins(self.stdout)
