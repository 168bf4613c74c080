"""Helpers the rules share: where a cell is (for a finding's location), a row's values, known numbers.

Blank cells (None) are never treated as 0: ``known`` is False for them, and a rule skips a sum it cannot check.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from ..formats import SECTION3_COLUMNS, SECTION4_COLUMNS
from ..model import AnnualReport, Finding

Rule = Callable[..., list[Finding]]

COL = SECTION3_COLUMNS


def number_text(v) -> str:
    if isinstance(v, Decimal):
        return format(v.normalize(), "f")
    return str(v)


def loc3(report: AnnualReport, row_id: str, col: int | None = None) -> str:
    row = report.format.section3_row(row_id)
    loc = f"表三 {row.short}" + (f" · {COL[col]}" if col is not None else "")
    src = report.sources.get(f"section3.{row_id}")
    return f"{loc}（{src}）" if src else loc


def loc4(report: AnnualReport, i: int) -> str:
    src = report.sources.get("section4")
    loc = f"表四 {SECTION4_COLUMNS[i]}"
    return f"{loc}（{src}）" if src else loc


def loc2(report: AnnualReport, row_id: str, i: int | None) -> str:
    r = report.format.section2_row(row_id)
    loc = f"表二 {r.block} {r.label}" + (f" · {r.columns[i]}" if i is not None else "")
    src = report.sources.get(f"section2.{row_id}")
    return f"{loc}（{src}）" if src else loc


def row3(report: AnnualReport, rid: str) -> list:
    v = report.section3.get(rid)
    return list(v) + [None] * (7 - len(v)) if v is not None else [None] * 7


def known(*vals) -> bool:
    return all(v is not None and not isinstance(v, bool) and isinstance(v, int | Decimal) for v in vals)
