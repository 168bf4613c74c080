"""From paragraphs and tables (any reader) to an ``AnnualReport`` plus reader findings.

The rule of this module: every number it returns is right, or it is ``None`` with a finding that says
why. Concretely:

* a row with exactly the expected count of clean numbers after its label is read in order, wherever
  the numbers sit (shifted columns are reported, not misread);
* a row with fewer numbers is read by position only when the table's header gives the columns and one
  alignment fits (or the other rows of the same level show which one); otherwise its cells are ``None``;
* digits run together are split only when the row's own sum (总计 = the six applicant types; 表四's
  group totals) leaves exactly one split, or the column sums of the table pick one;
* whatever was inferred (by position with blanks, or by splitting) is checked again against the
  column sums of table 三 (V1, V3); an inferred row that breaks them is set back to ``None``.

The pieces: :mod:`.assemble` (blocks → headings, texts, table rows; the format), :mod:`.rows` (one
row's numbers), :mod:`.table3` (表三 and its sums), :mod:`.tables` (表二, 表四). This module puts them
together and reports what is missing.
"""

from __future__ import annotations

import re
from decimal import Decimal

from gongkai.i18n import gettext as _
from gongkai.i18n import list_text, ngettext
from gongkai.reports.core.formats import HEADINGS, LEVEL2_GROUPS, Format, get_format
from gongkai.reports.core.labels import compact
from gongkai.reports.core.model import AnnualReport, Finding

from .assemble import Assembled, assemble, detect_template
from .common import Document, Unreadable
from .rows import loose
from .table3 import Reader3
from .tables import read_section2, read_section4

# ----- the whole report --------------------------------------------------------------------------

_TITLE = re.compile(r"^(?P<org>.*?)\s*(?P<year>\d{4})\s*年度?\s*(?:政府信息公开|政务公开)")


def interpret(doc: Document) -> AnnualReport:
    a = assemble(doc)
    if not a.headings and not any(a.buckets.values()):
        raise Unreadable(_("找不到年度报告的标题或表格（一、总体情况……表二、表三、表四）"))
    findings: list[Finding] = list(doc.notes)
    template, why = detect_template(a)
    if template is None:
        findings.append(
            Finding(
                "READ-TEMPLATE",
                "warning",
                _("无法从表头判断格式（2019 或 2021），按 2021 年格式读取。"),
                _("表二、表三表头"),
            )
        )
        template = "2021"
    else:
        findings.append(
            Finding(
                "READ-TEMPLATE",
                "info",
                _("按%(basis)s判断为%(notice)s规定的格式。") % {"basis": why, "notice": get_format(template).notice},
                _("表头"),
            )
        )
    fmt = get_format(template)
    report = AnnualReport.empty(template)
    report.source_rows = {b: list(rows) for b, rows in a.buckets.items()}  # for showing the source next to the reading
    # The title: the first line before 一、 that names an agency and a year (a page's <title> often names neither).
    candidates = [t.strip() for t in a.preamble if "报告" in t and len(compact(t)) < 80]
    title = a.title or (a.preamble[0].strip() if a.preamble else "")
    for cand in candidates:
        m = _TITLE.search(compact(cand))
        if m and m.group("org"):
            title = cand
            break
    report.title = title
    m = _TITLE.search(compact(title))
    if m:
        report.organization = m.group("org")
        report.year = int(m.group("year"))
    report.headings = [t for _, t, _ in a.headings]
    report.sections = {
        "overview": "\n".join(a.texts[0]).strip(),
        "problems": "\n".join(a.texts[4]).strip(),
        "other": "\n".join(a.texts[5]).strip(),
    }
    if report.year is None:
        ym = re.search(
            r"统计(?:时限|期限|时间)[^。]*?(\d{4})\s*年\s*1\s*月\s*1\s*日", "\n".join(a.texts[5] + a.texts[0])
        )
        if ym:
            report.year = int(ym.group(1))

    # 表二
    s2, src2, f2 = read_section2(fmt, a.buckets[2])
    report.section2.update(s2)
    report.sources.update(src2)
    findings += f2
    # 表三
    r3 = Reader3(fmt, a.buckets[3])
    s3 = r3.run() if a.buckets[3] else {}
    for rid, vals in s3.items():
        report.section3[rid] = vals
        report.sources[f"section3.{rid}"] = r3.results[rid].view.row.loc
    findings += r3.findings
    # 表四
    s4, loc4, f4 = read_section4(a.buckets[4])
    if s4 is not None:
        report.section4 = s4
        report.sources["section4"] = loc4
    findings += f4

    findings += _completeness(fmt, a, s2, s3, s4)
    report.findings = findings
    return report


def _completeness(fmt: Format, a: Assembled, s2, s3, s4) -> list[Finding]:
    out = []
    present = {h for h, _, _ in a.headings}
    last_seen = max([h for h, _, _ in a.headings] + [b - 1 for b in (2, 3, 4) if a.buckets[b]] or [-1])
    missing3 = [r for r in fmt.section3_rows if r.id not in s3]
    missing2 = [r for r in fmt.section2_rows if r.id not in s2]
    truncated = last_seen < 5
    if truncated:
        tail = []
        if missing3 and s3:
            n = len(missing3)
            tail.append(
                ngettext("表三自“%(row)s”起的 %(n)s 行", "表三自“%(row)s”起的 %(n)s 行", n)
                % {"row": missing3[0].label, "n": n}
            )
        for i in range(last_seen + 1, 6):
            tail.append(_("“%(quote)s”") % {"quote": HEADINGS[i]})
        out.append(
            Finding(
                "READ-TRUNCATED",
                "error",
                _("文档不完整（在“%(heading)s”部分中断）：%(missing)s 无法核对。")
                % {"heading": HEADINGS[max(last_seen, 0)], "missing": list_text(tail)},
                _("文末"),
            )
        )
    else:
        if a.buckets[3] and missing3:
            rows = list_text(_("“%(quote)s”") % {"quote": r.short} for r in missing3[:8])
            if len(missing3) > 8:
                text = _("表三缺少以下行，无法核对：%(rows)s等。")
            else:
                text = _("表三缺少以下行，无法核对：%(rows)s。")
            out.append(Finding("READ-MISSING", "warning", text % {"rows": rows}, _("表三")))
        if a.buckets[2] and missing2:
            text = _("表二缺少：%(rows)s。") % {"rows": list_text(r.label for r in missing2)}
            out.append(Finding("READ-MISSING", "warning", text, _("表二")))
    not_found = (
        (2, _("找不到表二（主动公开）。")),
        (3, _("找不到表三（依申请公开）。")),
        (4, _("找不到表四（行政复议、行政诉讼）。")),
    )
    for b, text in not_found:
        if not a.buckets[b] and (not truncated or b - 1 <= last_seen) and (b - 1) in present | {b - 1}:
            if b - 1 in present or not truncated:
                out.append(Finding("READ-MISSING", "error", text, HEADINGS[b - 1]))
    if a.buckets[4] and s4 is None:
        out.append(Finding("READ-MISSING", "error", _("表四没有数字行。"), _("表四")))
    return out


# Re-export for readers.
__all__ = ["interpret", "loose", "LEVEL2_GROUPS", "Decimal"]
