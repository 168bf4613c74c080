"""Two clerks press a button on the same application at the same moment, in two real threads."""

import threading

import pytest
from django.db import OperationalError, connection
from django.utils import timezone

from gongkai.applications import services
from gongkai.applications.models import Application
from gongkai.applications.testing import make_application
from gongkai.applications.workflow import Conflict

pytestmark = pytest.mark.django_db(transaction=True)


def test_one_of_two_simultaneous_actions_wins_and_the_other_gets_a_conflict(world):
    orgs, users = world["orgs"], world["users"]
    app, _ = make_application(orgs["yuandian"])
    version = app.version
    barrier = threading.Barrier(2)
    results = []

    def act(name):
        try:
            a = Application.objects.get(pk=app.pk)
            barrier.wait()
            if name == "withdraw":
                services.withdraw(a, reason="撤回", by=users["yd_clerk"], version=version, today=timezone.localdate())
            else:
                services.request_extension(
                    a, days=10, reason="x", by=users["yd_head"], version=version, today=timezone.localdate()
                )
            results.append(("ok", name))
        except Conflict:
            results.append(("conflict", name))
        except OperationalError as exc:
            # The in-memory shared-cache SQLite test database refuses a concurrent writer at once ("table is
            # locked") where a file database (WAL, IMMEDIATE, timeout) waits; the loser still writes nothing.
            results.append(("conflict" if connection.vendor == "sqlite" and "locked" in str(exc) else repr(exc), name))
        finally:
            connection.close()

    threads = [threading.Thread(target=act, args=(n,)) for n in ("withdraw", "extension")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert sorted(r[0] for r in results) == ["conflict", "ok"]
    winner = next(n for r, n in results if r == "ok")
    app = Application.objects.get(pk=app.pk)
    assert app.version == version + 1
    if winner == "withdraw":
        assert app.status == "withdrawn" and app.extension_requested_days == 0
    else:
        assert app.status == "received" and app.extension_requested_days == 10
