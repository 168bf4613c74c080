"""Rules on table 二 (主动公开: V8 现行有效件数, R-LEVEL 规章 by level) and table 四 (行政复议、行政诉讼: V6).

``NO_REGULATION_LEVELS`` is data callers may extend.
"""

from __future__ import annotations

from ..formats import SECTION4_GROUPS
from ..model import AnnualReport, Finding
from .common import known, loc2, loc4, number_text

# Levels (organizations.Level values) whose agencies enact no 规章 (立法法 第九十一、九十三条: only
# 国务院部门 and the governments of provinces and 设区的市 do).
NO_REGULATION_LEVELS = {"township": "乡镇", "county": "县级", "county_department": "县级部门"}


def rule_v6_section4_totals(report: AnnualReport, **_) -> list[Finding]:
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
                    f"{name}：结果维持、结果纠正、其他结果、尚未审结之和为 {sum(parts)}，“总计”却为 {total}。",
                    loc4(report, start + 4),
                )
            )
    return out


def rule_v8_in_force(report: AnnualReport, *, previous: AnnualReport | None = None, **_) -> list[Finding]:
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
                    f"{label}：上年现行有效 {prev[2]} 件 + 本年制发 {made} 件 − 本年废止 {repealed} 件 = "
                    f"{prev[2] + made - repealed} 件，本年报告现行有效 {in_force} 件（制发含修订时可能不一致，请核对）。",
                    loc2(report, rid, 2),
                )
            )
    return out


def rule_level(report: AnnualReport, *, level: str | None = None, **_) -> list[Finding]:
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
                    f"{NO_REGULATION_LEVELS[level]}机关无权制定规章（《中华人民共和国立法法》），"
                    f"“规章 · {cols[i]}”应为 0，报告为 {number_text(v)}。",
                    loc2(report, "regulations", i),
                )
            )
    return out
