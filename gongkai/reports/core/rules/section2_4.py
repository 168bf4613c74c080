"""Rules on table 二 (主动公开: V8 现行有效件数, R-LEVEL 规章 by level) and table 四 (行政复议、行政诉讼: V6).

``NO_REGULATION_LEVELS`` is data callers may extend (names untranslated; they are translated where used).
"""

from __future__ import annotations

from gongkai.i18n import gettext as _
from gongkai.i18n import gettext_noop

from ..formats import SECTION4_GROUPS
from ..model import AnnualReport, Finding
from .common import known, loc2, loc4, number_text

# Levels (organizations.Level values) whose agencies enact no 规章 (立法法 第九十一、九十三条: only
# 国务院部门 and the governments of provinces and 设区的市 do).
NO_REGULATION_LEVELS = {
    "township": gettext_noop("乡镇"),
    "county": gettext_noop("县级"),
    "county_department": gettext_noop("县级部门"),
}


def rule_v6_section4_totals(report: AnnualReport, **_options) -> list[Finding]:
    """V6: in 表四, each group's 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结."""
    out = []
    s4 = list(report.section4) + [None] * (15 - len(report.section4))
    for start, name in SECTION4_GROUPS:
        parts, total = s4[start : start + 4], s4[start + 4]
        if known(total, *parts) and sum(parts) != total:
            out.append(
                Finding(
                    "V6",
                    "error",
                    _("%(group)s：结果维持、结果纠正、其他结果、尚未审结之和为 %(sum)s，“总计”却为 %(total)s。")
                    % {"group": name, "sum": sum(parts), "total": total},
                    loc4(report, start + 4),
                )
            )
    return out


def rule_v8_in_force(report: AnnualReport, *, previous: AnnualReport | None = None, **_options) -> list[Finding]:
    """V8: 现行有效件数 vs last year's + 本年制发 − 本年废止 (2021 template; warning, 制发 may include revisions)."""
    if previous is None or report.template != "2021" or previous.template != "2021":
        return []
    out = []
    for rid in ("regulations", "normative_documents"):
        cur, prev = report.section2.get(rid), previous.section2.get(rid)
        if not (isinstance(cur, list) and isinstance(prev, list) and len(cur) == 3 and len(prev) == 3):
            continue
        made, repealed, in_force = cur
        if known(made, repealed, in_force, prev[2]) and prev[2] + made - repealed != in_force:
            label = report.format.section2_row(rid).label
            out.append(
                Finding(
                    "V8",
                    "warning",
                    _(
                        "%(label)s：上年现行有效 %(previous)s 件 + 本年制发 %(made)s 件 − 本年废止 %(repealed)s 件 = "
                        "%(expected)s 件，本年报告现行有效 %(in_force)s 件（制发含修订时可能不一致，请核对）。"
                    )
                    % {
                        "label": label,
                        "previous": prev[2],
                        "made": made,
                        "repealed": repealed,
                        "expected": prev[2] + made - repealed,
                        "in_force": in_force,
                    },
                    loc2(report, rid, 2),
                )
            )
    return out


def rule_level(report: AnnualReport, *, level: str | None = None, **_options) -> list[Finding]:
    """Level-appropriate values: 乡镇、县级 governments and their departments enact no 规章 (立法法)."""
    if level not in NO_REGULATION_LEVELS:
        return []
    regs = report.section2.get("regulations")
    if not isinstance(regs, list):
        return []
    out = []
    cols = report.format.section2_row("regulations").columns
    for i, v in enumerate(regs):
        if known(v) and v > 0:
            out.append(
                Finding(
                    "R-LEVEL",
                    "error",
                    _(
                        "%(level)s机关无权制定规章（《中华人民共和国立法法》），"
                        "“规章 · %(column)s”应为 0，报告为 %(value)s。"
                    )
                    % {"level": _(NO_REGULATION_LEVELS[level]), "column": cols[i], "value": number_text(v)},
                    loc2(report, "regulations", i),
                )
            )
    return out
