"""Staff pages as a province's supervising office sees them: every agency's rows, a page at a time.

Uses the report benchmark's database (1,000,000 applications across 3,000 agencies; build it first with
``.venv/bin/python bench/report.py --rebuild``). Logs in a supervisor of the province (created if missing)
and times each staff list page with Django's test client (the whole middleware stack, templates included),
next to the lightest staff page (``/staff/``) measured in the same run. Prints the median of ``--repeat``
requests, the number of queries and the size of the page.

    .venv/bin/python bench/staff_pages.py [--repeat 5] [URL ...]
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ["DATABASE_URL"] = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://gongkai:gongkai@127.0.0.1:5432/gongkai_bench"
)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")

PAGES = [
    "/staff/applications/",
    "/staff/applications/?bucket=all",
    "/staff/applications/?bucket=closed",
    "/staff/applications/?bucket=overdue",
    "/staff/applications/?bucket=all&page=100",
    "/staff/publications/",
    "/staff/cases/",
    "/staff/cases/desk/",
    "/staff/cases/complaints/",
    "/staff/cases/urgings/",
    "/staff/cases/ratings/",
    "/staff/reports/",
    "/staff/reports/supervision/",
    "/staff/checks/",
    "/staff/workdays/",
]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("urls", nargs="*")
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from gongkai.organizations.models import Membership, Organization, Role

    settings.ALLOWED_HOSTS = ["*"]
    province = Organization.objects.filter(code="BENCH-PROVINCE").first()
    if province is None:
        sys.exit("no benchmark province: run .venv/bin/python bench/report.py --rebuild first")
    user, _created = get_user_model().objects.get_or_create(username="bench-supervisor")
    Membership.objects.get_or_create(user=user, organization=province, role=Role.SUPERVISOR)
    client = Client()
    client.force_login(user)

    def timed(url):
        client.get(url, secure=True)  # warm-up
        runs = []
        for _ in range(args.repeat):
            with CaptureQueriesContext(connection) as queries:
                t0 = time.perf_counter()
                response = client.get(url, secure=True)
                runs.append(time.perf_counter() - t0)
        return statistics.median(runs), response, len(queries)

    base, _response, _n = timed("/staff/")
    print(f"{'/staff/ (baseline)':45} {base * 1000:7.1f} ms")
    for url in args.urls or PAGES:
        median, response, n = timed(url)
        print(
            f"{url:45} {median * 1000:7.1f} ms {median / base:6.1f}x  {response.status_code} "
            f"{n:4} queries {len(response.content) // 1024:5} KB"
        )


if __name__ == "__main__":
    main()
