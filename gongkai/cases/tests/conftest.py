import pytest


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Lookup rate limits live in the (process-wide) cache; start every test with none used."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def two_per_page(monkeypatch):
    """Staff lists show 2 rows a page, so a handful of rows spans several pages."""
    from gongkai import pagination

    monkeypatch.setattr(pagination, "PER_PAGE", 2)
    return 2
