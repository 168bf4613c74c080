"""Rules over every cell of tables 二, 三 and 四: V0 (cells that could not be checked), V7 (numbers)."""

from __future__ import annotations

from decimal import Decimal

from gongkai.i18n import gettext as _
from gongkai.i18n import ngettext

from ..formats import SECTION4_COLUMNS
from ..model import AnnualReport, Finding
from .common import loc2, loc3, loc4, number_text, row3


def rule_blank_cells(report: AnnualReport, **_options) -> list[Finding]:
    fmt = report.format
    missing = sum(1 for r in fmt.section3_rows for v in row3(report, r.id) if v is None)
    s4 = list(report.section4) + [None] * (15 - len(report.section4))
    missing4 = sum(1 for v in s4[:15] if v is None)
    missing2 = 0
    for r in fmt.section2_rows:
        v = report.section2.get(r.id)
        vals = v if isinstance(v, list) else [v]
        missing2 += sum(1 for x in vals if x is None) if r.id in report.section2 else len(r.columns)
    total = missing + missing4 + missing2
    if not total:
        return []
    return [
        Finding(
            "V0",
            "info",
            ngettext(
                "有 %(n)s 个单元格为空或无法读取（表二 %(s2)s 个、表三 %(s3)s 个、表四 %(s4)s 个），"
                "涉及这些单元格的勾稽关系未能核对。",
                "有 %(n)s 个单元格为空或无法读取（表二 %(s2)s 个、表三 %(s3)s 个、表四 %(s4)s 个），"
                "涉及这些单元格的勾稽关系未能核对。",
                total,
            )
            % {"n": total, "s2": missing2, "s3": missing, "s4": missing4},
            _("表二、三、四"),
        )
    ]


# 2019 template: 本年增/减 may be negative; everything else must be >= 0.
def rule_v7_numbers(report: AnnualReport, **_options) -> list[Finding]:
    """V7: every count is a non-negative integer; amounts (万元) are non-negative decimals."""
    out = []
    fmt = report.format

    def bad(v, *, decimal=False, signed=False) -> str | None:
        if v is None:
            return None
        if isinstance(v, bool) or not isinstance(v, int | Decimal | float):
            return _("“%(value)s”不是数字") % {"value": v}
        if not decimal and (isinstance(v, float) or (isinstance(v, Decimal) and v != v.to_integral_value())):
            return _("%(value)s 不是整数") % {"value": number_text(v)}
        if v < 0 and not signed:
            return _("%(value)s 为负数") % {"value": number_text(v)}
        return None

    for r in fmt.section2_rows:
        v = report.section2.get(r.id)
        vals = v if isinstance(v, list) else [v]
        for i, x in enumerate(vals):
            why = bad(x, decimal=i in r.decimal, signed=i in r.signed)
            if why:
                if i in r.decimal:
                    text = _("%(label)s：%(problem)s，金额应为非负数（单位：万元）。")
                else:
                    text = _("%(label)s：%(problem)s，件数应为非负整数。")
                where = loc2(report, r.id, None if r.scalar else i)
                out.append(Finding("V7", "error", text % {"label": r.label, "problem": why}, where))
    for r in fmt.section3_rows:
        for c, x in enumerate(row3(report, r.id)):
            why = bad(x)
            if why:
                text = _("“%(row)s”行：%(problem)s，件数应为非负整数。") % {"row": r.short, "problem": why}
                out.append(Finding("V7", "error", text, loc3(report, r.id, c)))
    for i, x in enumerate(report.section4):
        why = bad(x)
        if why:
            text = _("%(label)s：%(problem)s，件数应为非负整数。") % {"label": SECTION4_COLUMNS[i], "problem": why}
            out.append(Finding("V7", "error", text, loc4(report, i)))
    return out
