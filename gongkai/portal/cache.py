"""Whole-page cache of the public portal for anonymous readers.

A page is cached under the current ``PortalState.token`` (one indexed read per request), which every change
that the portal shows replaces: publishing, withdrawing, 修改/废止, guide and catalogue edits, organization
changes. So a cached page is never stale, across processes too, and entries also expire after a few minutes.
Requests with a session or messages cookie (staff) are not cached; neither are search results.
"""

import hashlib
import os
import uuid
from functools import wraps

from django.conf import settings
from django.core.cache import cache as default_cache
from django.core.cache.backends.locmem import LocMemCache
from django.db import connection
from django.http import HttpResponse

TIMEOUT = 300
# GONGKAI_PORTAL_CACHE=0 turns the page cache off (used by bench/portal.py to measure uncached pages).
ENABLED = os.environ.get("GONGKAI_PORTAL_CACHE", "1") != "0"


def _page_cache():
    """A shared cache (Redis) when one is configured; otherwise a per-process memory cache of its own, larger
    than the default cache's 300 entries (pages are ~10 KB: 5,000 pages ≈ 50 MB per process)."""
    if "locmem" not in settings.CACHES["default"]["BACKEND"]:
        return default_cache
    return LocMemCache(
        "gongkai-portal-pages", {"TIMEOUT": TIMEOUT, "OPTIONS": {"MAX_ENTRIES": 5000, "CULL_FREQUENCY": 5}}
    )


cache = _page_cache()


def current_token() -> str:
    # Raw SQL: this runs on every portal request, and the ORM's query compilation would cost more than the read.
    with connection.cursor() as cursor:
        cursor.execute("SELECT token FROM publications_portalstate WHERE id = 1")
        row = cursor.fetchone()
    return row[0] if row else bump()


def bump() -> str:
    """Invalidate every cached portal page (call inside the changing transaction)."""
    from gongkai.publications.models import PortalState

    token = uuid.uuid4().hex
    PortalState.objects.update_or_create(pk=1, defaults={"token": token})
    return token


def _cacheable(request) -> bool:
    return (
        ENABLED
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
    )


def portal_cached(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not _cacheable(request):
            return view(request, *args, **kwargs)
        raw = f"{current_token()}|{getattr(request, 'LANGUAGE_CODE', '')}|{request.get_full_path()}"
        key = "portal:" + hashlib.sha1(raw.encode(), usedforsecurity=False).hexdigest()
        hit = cache.get(key)
        if hit is not None:
            content, content_type = hit
            return HttpResponse(content, content_type=content_type)
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming and not response.cookies:
            if hasattr(response, "render") and callable(response.render):
                response.render()
            cache.set(key, (response.content, response["Content-Type"]), TIMEOUT)
        return response

    return wrapper
