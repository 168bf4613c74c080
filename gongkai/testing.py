"""Test support shared by every app.

Staff URL isolation: ``gongkai/tests/test_isolation.py`` walks every URL under ``/staff/``.
For each URL keyword (``org_id``, ``application_id``…) some app must say how to make an object
that belongs to 原店镇. Apps do that in ``gongkai/<app>/testing.py`` with a dict::

    URL_KWARGS = {"application_id": lambda world: make_application(world["orgs"]["yuandian"]).pk}

A staff URL whose keyword no app knows makes the isolation test fail, so new views cannot
skip the check.
"""

from gongkai.hooks import app_modules


def url_kwarg_factories() -> dict:
    factories = {}
    for module in app_modules("testing"):
        factories.update(getattr(module, "URL_KWARGS", {}))
    return factories
