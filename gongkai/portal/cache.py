"""Whole-page cache of the public portal for anonymous readers.

A page is cached under the current ``PortalState.token``, which every change that the portal shows replaces:
publishing, withdrawing, 修改/废止, guide and catalogue edits, organization changes. The process that commits a
change uses the new token at once; other processes re-read the token at most ``PORTAL_TOKEN_TTL`` seconds
(default 1) after they last read it, so no process serves a page older than that after a change. Entries also
expire after a few minutes.
Requests with a session or messages cookie (staff) are never served from the cache. Search result pages are
cached too: the token changes on every publish, so a cached result list is as fresh as a computed one.
"""

import hashlib
import os
import uuid
from time import monotonic

from django.conf import settings
from django.core.cache import cache as default_cache
from django.core.cache.backends.locmem import LocMemCache
from django.db import connection, transaction
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils import translation

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


# (token, monotonic time after which it must be re-read); one tuple, replaced whole, shared by the threads.
_memo: tuple[str, float] = ("", 0.0)


def current_token() -> str:
    token, fresh_until = _memo
    if monotonic() < fresh_until:
        return token
    # Raw SQL: the ORM's query compilation would cost more than the read (a DB round trip of ~0.1 ms is more
    # than the rest of a cached page, hence the memo).
    with connection.cursor() as cursor:
        cursor.execute("SELECT token FROM publications_portalstate WHERE id = 1")
        row = cursor.fetchone()
    if row is None:
        return bump()
    if not connection.in_atomic_block:  # inside a transaction the token may be uncommitted
        _remember(row[0])
    return row[0]


def _remember(token: str) -> None:
    global _memo
    if settings.PORTAL_TOKEN_TTL > 0:
        _memo = (token, monotonic() + settings.PORTAL_TOKEN_TTL)


def bump() -> str:
    """Invalidate every cached portal page (call inside the changing transaction)."""
    from gongkai.publications.models import PortalState

    global _memo
    token = uuid.uuid4().hex
    PortalState.objects.update_or_create(pk=1, defaults={"token": token})
    # This process stops using its memo now (a reader must not cache the old data under a token that is not yet
    # committed, so the new one is remembered only after the commit).
    _memo = ("", 0.0)
    transaction.on_commit(lambda: _remember(token))
    return token


def _cacheable(request) -> bool:
    return (
        ENABLED
        and request.method == "GET"
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
    )


def portal_cached(view):
    """Mark a public view's anonymous GET responses as cacheable by :class:`PortalCacheMiddleware`."""
    view.portal_cached = True
    return view


def _key(request) -> str:
    language = translation.get_language_from_request(request)
    raw = f"{current_token()}|{language}|{request.get_full_path()}"
    return "portal:" + hashlib.sha1(raw.encode(), usedforsecurity=False).hexdigest()


class PortalCacheMiddleware:
    """Placed right after SecurityMiddleware, whose HTTPS redirect and headers so apply to hits too.

    An anonymous GET of a page marked with :func:`portal_cached` is answered from the cache before sessions,
    CSRF, authentication and messages run; on a miss the response is stored with every header the inner
    middleware added (CSP, X-Frame-Options, Content-Language, Vary...), so a hit is identical to the page it
    replays. Responses that set a cookie, or that are not 200, are never stored."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _cacheable(request):
            return self.get_response(request)
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return self.get_response(request)
        if not getattr(match.func, "portal_cached", False):
            return self.get_response(request)
        key = _key(request)
        hit = cache.get(key)
        if hit is not None:
            content, headers = hit
            response = HttpResponse(content)
            for name, value in headers:
                response.headers[name] = value
            return response
        response = self.get_response(request)
        if response.status_code == 200 and not response.streaming and not response.cookies:
            cache.set(key, (response.content, list(response.headers.items())), TIMEOUT)
        return response
