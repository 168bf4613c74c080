"""A fixed-window rate limit per client address, kept in the cache (Redis when ``REDIS_URL`` is set)."""

from django.conf import settings
from django.core.cache import cache

UNITS = {"s": 1, "m": 60, "h": 3600}


def exceeded(request, scope: str, rate: str | None = None) -> bool:
    """Count one hit for this client in ``scope``; True once it is over ``rate`` (e.g. "10/m").

    The default rate is ``GONGKAI_LOOKUP_RATE``: guesses of an application or complaint number + 查询码.
    """
    count, _sep, unit = (rate or settings.GONGKAI_LOOKUP_RATE).partition("/")
    seconds = UNITS.get(unit or "m", 60)
    key = f"ratelimit:{scope}:{request.META.get('REMOTE_ADDR', '')}"
    cache.add(key, 0, seconds)
    try:
        used = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, seconds)
        used = 1
    return used > int(count)
