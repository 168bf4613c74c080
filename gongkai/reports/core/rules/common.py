"""Helpers the rules share: where a cell is (for a finding's location), a row's values, known numbers.

Blank cells (None) are never treated as 0: ``known`` is False for them, and a rule skips a sum it cannot check.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from gongkai.i18n import gettext as _

from ..formats import SECTION3_COLUMNS, SECTION4_COLUMNS
from ..model import AnnualReport, Finding

Rule = Callable[..., list[Finding]]

COL = SECTION3_COLUMNS


def number_text(v) -> str:
    if isinstance(v, Decimal):
        return format(v.normalize(), "f")
    return str(v)


def with_source(loc: str, src: str | None) -> str:
    """A finding's location followed by where the value was found in the source ("第68行"), when known."""
    return _("%(location)s（%(source)s）") % {"location": loc, "source": src} if src else loc


def loc3(report: AnnualReport, row_id: str, col: int | None = None) -> str:
    row = report.format.section3_row(row_id)
    if col is not None:
        loc = _("表三 %(row)s · %(column)s") % {"row": row.short, "column": COL[col]}
    else:
        loc = _("表三 %(row)s") % {"row": row.short}
    return with_source(loc, report.sources.get(f"section3.{row_id}"))


def loc4(report: AnnualReport, i: int) -> str:
    loc = _("表四 %(column)s") % {"column": SECTION4_COLUMNS[i]}
    return with_source(loc, report.sources.get("section4"))


def loc2(report: AnnualReport, row_id: str, i: int | None) -> str:
    r = report.format.section2_row(row_id)
    if i is not None:
        loc = _("表二 %(block)s %(row)s · %(column)s") % {"block": r.block, "row": r.label, "column": r.columns[i]}
    else:
        loc = _("表二 %(block)s %(row)s") % {"block": r.block, "row": r.label}
    return with_source(loc, report.sources.get(f"section2.{row_id}"))


def row3(report: AnnualReport, rid: str) -> list:
    v = report.section3.get(rid)
    return list(v) + [None] * (7 - len(v)) if v is not None else [None] * 7


def known(*vals) -> bool:
    return all(v is not None and not isinstance(v, bool) and isinstance(v, int | Decimal) for v in vals)
