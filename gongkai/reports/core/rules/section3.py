"""Rules on table 三 (依申请公开): V1–V5."""

from __future__ import annotations

from gongkai.i18n import gettext as _

from ..model import AnnualReport, Finding
from .common import COL, known, loc3, row3


def rule_v1_balance(report: AnnualReport, **_options) -> list[Finding]:
    """V1: 一 + 二 = 三（七）总计 + 四, in every column (the rule written in the table's header)."""
    out = []
    new, cin, tot, cout = (row3(report, r) for r in ("new", "carried_in", "total", "carried_out"))
    for c in range(7):
        if known(new[c], cin[c], tot[c], cout[c]) and new[c] + cin[c] != tot[c] + cout[c]:
            out.append(
                Finding(
                    "V1",
                    "error",
                    _(
                        "“%(column)s”列：第一项加第二项之和（%(new)s+%(carried_in)s=%(left)s）"
                        "不等于第三项加第四项之和（%(total)s+%(carried_out)s=%(right)s）。"
                    )
                    % {
                        "column": COL[c],
                        "new": new[c],
                        "carried_in": cin[c],
                        "left": new[c] + cin[c],
                        "total": tot[c],
                        "carried_out": cout[c],
                        "right": tot[c] + cout[c],
                    },
                    _("表三 · %(column)s") % {"column": COL[c]},
                )
            )
    return out


def rule_v2_row_totals(report: AnnualReport, **_options) -> list[Finding]:
    """V2: in every row 总计 = 自然人 + the five 法人或其他组织 columns."""
    out = []
    for r in report.format.section3_rows:
        vals = row3(report, r.id)
        if known(*vals) and sum(vals[:6]) != vals[6]:
            out.append(
                Finding(
                    "V2",
                    "error",
                    _("“%(row)s”行：各类申请人之和为 %(sum)s，“总计”列却为 %(total)s。")
                    % {"row": r.short, "sum": sum(vals[:6]), "total": vals[6]},
                    loc3(report, r.id, 6),
                )
            )
    return out


def rule_v3_results_total(report: AnnualReport, **_options) -> list[Finding]:
    """V3: （七）总计 = the sum of every result row (（一）（二） and the sub-items of （三）–（六））."""
    out = []
    ids = report.format.result_row_ids
    tot = row3(report, "total")
    for c in range(7):
        parts = [row3(report, rid)[c] for rid in ids]
        if known(tot[c], *parts) and sum(parts) != tot[c]:
            out.append(
                Finding(
                    "V3",
                    "error",
                    _("“%(column)s”列：办理结果各项之和为 %(sum)s，“（七）总计”却为 %(total)s。")
                    % {"column": COL[c], "sum": sum(parts), "total": tot[c]},
                    loc3(report, "total", c),
                )
            )
    return out


def rule_v4_counted_once(report: AnnualReport, **_options) -> list[Finding]:
    """V4: each application has one result, so the results cannot outnumber the applications handled."""
    out = []
    new, cin, tot = (row3(report, r) for r in ("new", "carried_in", "total"))
    for c in range(7):
        if known(new[c], cin[c], tot[c]) and tot[c] > new[c] + cin[c]:
            out.append(
                Finding(
                    "V4",
                    "error",
                    _(
                        "“%(column)s”列：办理结果共 %(total)s 件，多于本年新收与上年结转之和 %(handled)s 件；"
                        "每件申请只能计入一种办理结果（区分处理的只计“部分公开”）。"
                    )
                    % {"column": COL[c], "total": tot[c], "handled": new[c] + cin[c]},
                    loc3(report, "total", c),
                )
            )
    return out


def rule_v5_carry_over(report: AnnualReport, *, previous: AnnualReport | None = None, **_options) -> list[Finding]:
    """V5: this year's 二、上年结转 = last year's 四、结转下年度继续办理 (warning: cases may be reclassified)."""
    if previous is None:
        return []
    out = []
    cin, prev = row3(report, "carried_in"), row3(previous, "carried_out")
    for c in range(7):
        if known(cin[c], prev[c]) and cin[c] != prev[c]:
            out.append(
                Finding(
                    "V5",
                    "warning",
                    _(
                        "“%(column)s”列：本年“上年结转”为 %(carried_in)s，上一年度报告的“结转下年度继续办理”为 %(previous)s。"
                    )
                    % {"column": COL[c], "carried_in": cin[c], "previous": prev[c]},
                    loc3(report, "carried_in", c),
                )
            )
    return out
