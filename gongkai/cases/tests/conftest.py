import pytest


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Lookup rate limits live in the (process-wide) cache; start every test with none used."""
    from django.core.cache import cache

    cache.clear()
