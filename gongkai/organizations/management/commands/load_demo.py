"""``manage.py load_demo``: idempotent demo data.

Each app may provide ``gongkai/<app>/demo.py`` with a ``load(ctx)`` function; they run in
INSTALLED_APPS order, after the organizations and users of :mod:`gongkai.organizations.demo`.
``ctx`` is a dict shared between them (organizations and users by key).
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from gongkai.hooks import app_modules


class Command(BaseCommand):
    help = "Load (or refresh) the demo organizations, users and records. Safe to run twice."

    def handle(self, *args, **options):
        ctx: dict = {"stdout": self.stdout}
        for module in app_modules("demo"):
            with transaction.atomic():
                module.load(ctx)
            self.stdout.write(f"demo: {module.__name__.split('.')[1]} loaded")
        from gongkai.organizations.demo import print_logins

        print_logins(self.stdout)
