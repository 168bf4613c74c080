"""Rules on the document as a whole: its sections (R-SECTIONS), the statistics period (R-PERIOD) and
when it was published (R-DEADLINE)."""

from __future__ import annotations

import re
from datetime import date

from gongkai.i18n import gettext as _
from gongkai.i18n import list_text, ngettext

from ..formats import HEADINGS
from ..labels import compact, split_numbering
from ..model import AnnualReport, Finding


def _heading_key(h: str) -> tuple[int | None, str]:
    _kind, num, rest = split_numbering(h)
    return num, rest


def rule_sections(report: AnnualReport, **_options) -> list[Finding]:
    """Required sections 一–六 present, with their headings, in order; text sections not empty."""
    out = []
    if report.headings is not None:
        found = [_heading_key(h) for h in report.headings]
        positions = []
        for i, expected in enumerate(HEADINGS):
            num, rest = _heading_key(expected)
            pos = next((j for j, (n, r) in enumerate(found) if r == rest or (n == num and r[:2] == rest[:2])), None)
            if pos is None:
                text = _("缺少第%(n)s部分“%(heading)s”。") % {"n": i + 1, "heading": expected}
                out.append(Finding("R-SECTIONS", "error", text, expected))
            else:
                positions.append((pos, expected))
                got = report.headings[pos]
                if compact(got) != compact(expected):
                    text = _("标题“%(found)s”与格式规定的“%(expected)s”写法不同。") % {
                        "found": got,
                        "expected": expected,
                    }
                    out.append(Finding("R-SECTIONS", "info", text, _("标题“%(found)s”") % {"found": got}))
        order = [p for p, _ in positions]
        if order != sorted(order):
            out.append(
                Finding(
                    "R-SECTIONS",
                    "error",
                    _("各部分顺序与格式不符：应为 %(order)s。")
                    % {"order": list_text(h.split("、")[0] for h in HEADINGS)},
                    _("全文"),
                )
            )
    names = {"overview": HEADINGS[0], "problems": HEADINGS[4], "other": HEADINGS[5]}
    for key, heading in names.items():
        if not (report.sections.get(key) or "").strip():
            out.append(Finding("R-SECTIONS", "warning", _("“%(heading)s”没有内容。") % {"heading": heading}, heading))
    return out


_PERIOD = re.compile(r"[^。\n]*统计(?:时限|期限|时间|区间|周期)[^。\n]*(?:。|$)")


def rule_statistics_period(report: AnnualReport, **_options) -> list[Finding]:
    """The statistics-period sentence: present, complete (…起至…止), ended with 。, and for the report's year."""
    text = "\n".join(report.sections.get(k, "") or "" for k in ("overview", "problems", "other"))
    text = re.sub(r"[ \t\u3000]+", "", text)
    matches = list(_PERIOD.finditer(text))
    m = matches[-1] if matches else None
    if m is None:
        return [
            Finding(
                "R-PERIOD",
                "warning",
                _("未写明统计时限（如“本报告中所列数据的统计期限自2024年1月1日起至2024年12月31日止。”）。"),
                _("全文"),
            )
        ]
    sentence = m.group(0)
    problems = []
    if "止" not in sentence:
        problems.append(_("缺少“止”"))
    if not sentence.endswith("。"):
        problems.append(_("句末缺少句号"))
    if not re.search(r"\d{4}年1月1日", sentence) or not re.search(r"\d{4}年12月31日", sentence):
        problems.append(_("起止日期不完整"))
    out = []
    if problems:
        out.append(
            Finding(
                "R-PERIOD",
                "warning",
                _("统计时限句不完整（%(problems)s）：“%(sentence)s”。")
                % {"problems": list_text(problems), "sentence": sentence},
                _("六、其他需要报告的事项 末句：“%(sentence)s”") % {"sentence": sentence},
            )
        )
    years = {int(y) for y in re.findall(r"(\d{4})年", sentence)}
    if report.year and years and years != {report.year}:
        out.append(
            Finding(
                "R-PERIOD",
                "error",
                _("统计时限写的是 %(years)s 年，报告年度为 %(year)s 年。")
                % {"years": list_text(map(str, sorted(years))), "year": report.year},
                _("“%(quote)s”") % {"quote": sentence},
            )
        )
    return out


def rule_deadline(
    report: AnnualReport, *, published_on: date | None = None, deadline: date | None = None, **_options
) -> list[Finding]:
    """Published by its deadline (条例 第四十九条: 1月31日前 for 县级以上部门; per-organization setting)."""
    if published_on is None or deadline is None or published_on <= deadline:
        return []
    late = (published_on - deadline).days
    return [
        Finding(
            "R-DEADLINE",
            "error",
            ngettext(
                "报告于 %(published)s 发布，晚于期限 %(deadline)s（逾期 %(n)s 天）。",
                "报告于 %(published)s 发布，晚于期限 %(deadline)s（逾期 %(n)s 天）。",
                late,
            )
            % {"published": published_on.isoformat(), "deadline": deadline.isoformat(), "n": late},
            _("发布日期"),
        )
    ]
