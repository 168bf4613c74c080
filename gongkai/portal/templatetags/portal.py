"""Template tags of the public portal."""

from functools import lru_cache

from django import template
from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

register = template.Library()


@lru_cache(maxsize=512)
def _reverse_fixed(name: str, prefix: str, urlconf: str) -> str:
    return reverse(name, urlconf=urlconf)


@register.simple_tag
def fixed_url(name: str) -> str:
    """``{% url name %}`` for a URL without arguments, reversed once per process (and per script prefix and
    URLconf): the shared header and footer link the same pages on every request, and ``reverse`` costs more
    than rendering the rest of the header."""
    return _reverse_fixed(name, get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)
