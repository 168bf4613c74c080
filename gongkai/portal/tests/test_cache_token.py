"""The per-process memo of the portal cache token (committed transactions, so ``transaction=True``)."""

import pytest

from gongkai.portal import cache as portal_cache
from gongkai.publications.models import PortalState

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def memo(settings):
    settings.PORTAL_TOKEN_TTL = 60
    portal_cache._memo = ("", 0.0)
    yield
    portal_cache._memo = ("", 0.0)


def test_the_token_is_reread_once_the_memo_expires(memo, monkeypatch):
    first = portal_cache.current_token()
    # Another process publishes: this process keeps its token until the memo expires...
    PortalState.objects.filter(pk=1).update(token="changed-elsewhere")
    assert portal_cache.current_token() == first
    later = portal_cache.monotonic() + 61
    monkeypatch.setattr(portal_cache, "monotonic", lambda: later)
    # ...and reads the new one after PORTAL_TOKEN_TTL seconds.
    assert portal_cache.current_token() == "changed-elsewhere"


def test_the_committing_process_uses_its_new_token_at_once(memo):
    before = portal_cache.current_token()
    new = portal_cache.bump()  # autocommit: the on_commit hook runs now
    assert new != before
    assert portal_cache.current_token() == new
    PortalState.objects.filter(pk=1).update(token="changed-elsewhere")
    assert portal_cache.current_token() == new  # remembered, not re-read


def test_an_uncommitted_token_is_never_remembered(memo):
    from django.db import transaction

    before = portal_cache.current_token()
    with transaction.atomic():
        portal_cache.bump()
        inside = portal_cache.current_token()  # read inside the transaction: not memoised
        assert inside != before
        transaction.set_rollback(True)
    assert portal_cache.current_token() == before
