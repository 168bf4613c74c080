"""Translation for the pure cores, without importing Django.

The pure cores (``gongkai.workdays.calc``/``clock``, ``gongkai.reports.core``, ``gongkai.reports.readers``,
``gongkai.cases.counting``, ``gongkai.applications.idcheck``/``fees``) import nothing from Django, yet what they say
to users (deadline explanations, validator findings, reader notes, fee explanations) must go through Django's
translation machinery like every other text. They mark their messages with the functions of this module::

    from gongkai.i18n import gettext as _

    _("%(day)s收到申请，次日起算%(n)s个工作日") % {"day": fmt(start), "n": days}

Until something is installed, every function returns the Chinese message unchanged, so the cores run (and
are tested, and benchmarked) without Django. ``AppConfig.ready()`` of the apps that own a core calls
:func:`install_django`, which installs ``django.utils.translation.gettext`` and friends *themselves*: they
look up the language active in the current thread (the request's, set by ``LocaleMiddleware``) at each call,
so one process serves Chinese and English pages at once.

Rules for the cores (``makemessages`` finds the strings through these exact names):

* Translate a whole message with named placeholders, then format: ``_("…%(n)s…") % {"n": n}``. Never build a
  sentence by concatenating translated fragments, and never translate a string that was already formatted.
* A count that governs a noun goes through ``ngettext(singular, plural, n)`` (the Chinese forms are the same).
* Text defined at import time (module-level constants, dicts of labels) is marked with :func:`gettext_noop` and
  translated where it is used: ``_(LABELS[key])``.
* Short or ambiguous messages take a context: ``pgettext("list separator", "、")``. Enumerations and the clauses
  of one long sentence are joined with :func:`list_text` and :func:`clauses_text`.
* ``_`` is gettext: never use it as a throwaway name in a module that translates (``**_options``, ``_kind``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar


def _identity(message: str) -> str:
    return message


def _identity_plural(singular: str, plural: str, number: int) -> str:
    return singular if number == 1 else plural


def _identity_context(context: str, message: str) -> str:
    return message


_gettext: Callable[[str], str] = _identity
_ngettext: Callable[[str, str, int], str] = _identity_plural
_pgettext: Callable[[str, str], str] = _identity_context


# True inside :func:`source_text`: messages come back as written, without a catalogue lookup.
_source_text: ContextVar[bool] = ContextVar("gongkai_i18n_source_text", default=False)


def gettext(message: str) -> str:
    """``message`` in the active language (unchanged until a translator is installed)."""
    if _source_text.get():
        return message
    return _gettext(message)


_ = gettext


def ngettext(singular: str, plural: str, number: int) -> str:
    if _source_text.get():
        return _identity_plural(singular, plural, number)
    return _ngettext(singular, plural, number)


def pgettext(context: str, message: str) -> str:
    if _source_text.get():
        return message
    return _pgettext(context, message)


@contextmanager
def source_text() -> Iterator[None]:
    """Within the block (this thread or task only), the cores' messages stay in their source language.

    For passes that compute dates and throw the explanation away, such as recomputing every open deadline
    after a calendar change: a lookup in Django's catalogues costs about 1.5 µs, and one clock replay makes
    dozens. Text made inside the block must not be shown to a user.
    """
    token = _source_text.set(True)
    try:
        yield
    finally:
        _source_text.reset(token)


def gettext_noop(message: str) -> str:
    """Marks ``message`` for ``makemessages`` without translating it (translate where it is used)."""
    return message


def list_text(items) -> str:
    """Items of an enumeration joined by the list separator (``、`` in Chinese, ``", "`` in English)."""
    return pgettext("list separator", "、").join(items)


def clauses_text(items) -> str:
    """Clauses of one sentence joined by the clause separator (``；`` in Chinese, ``"; "`` in English)."""
    return pgettext("clause separator", "；").join(items)


def install(
    gettext: Callable[[str], str] | None = None,
    ngettext: Callable[[str, str, int], str] | None = None,
    pgettext: Callable[[str, str], str] | None = None,
) -> None:
    """Route the cores' messages through these functions; ``None`` restores the identity."""
    global _gettext, _ngettext, _pgettext
    _gettext = gettext or _identity
    _ngettext = ngettext or _identity_plural
    _pgettext = pgettext or _identity_context


def installed() -> bool:
    return _gettext is not _identity


def install_django() -> None:
    """Install Django's translation functions (from ``AppConfig.ready()``; idempotent).

    Django is imported here, when called, never when this module is imported.
    """
    from django.utils import translation

    install(translation.gettext, translation.ngettext, translation.pgettext)


__all__ = [
    "_",
    "clauses_text",
    "gettext",
    "gettext_noop",
    "install",
    "install_django",
    "installed",
    "list_text",
    "ngettext",
    "pgettext",
    "source_text",
]
