"""HTML fragments showing a checked report: the source table next to the one read, and the findings.

Pure (html.escape only): used by ``gongkai report check --html`` and by the supervisors' web page.
Values that could not be read are shown as "？" on a marked background; nothing else is invented.
The words around the tables are marked with :mod:`gongkai.i18n`; the tables' own labels (the national format's
Chinese) are not translated.
"""

from __future__ import annotations

from decimal import Decimal
from html import escape

from gongkai.i18n import gettext as _
from gongkai.i18n import gettext_noop
from gongkai.reports.core.formats import section2_layout, section3_layout, section4_layout
from gongkai.reports.core.model import AnnualReport

# Untranslated; translate where shown: _(SEVERITY_LABEL[severity]).
SEVERITY_LABEL = {"error": gettext_noop("错误"), "warning": gettext_noop("警告"), "info": gettext_noop("提示")}
TABLE_NAMES = {
    2: "二、主动公开政府信息情况",
    3: "三、收到和处理政府信息公开申请情况",
    4: "四、政府信息公开行政复议、行政诉讼情况",
}

CSS = """
.gk-check { font-family: "Noto Sans CJK SC", sans-serif; }
.gk-check table { border-collapse: collapse; font-size: 12px; margin: 4px 0; }
.gk-check td, .gk-check th { border: 1px solid #999; padding: 2px 4px; vertical-align: middle; }
.gk-check .gk-side { display: flex; gap: 16px; align-items: flex-start; flex-wrap: wrap; }
.gk-check .gk-side > div { overflow-x: auto; max-width: 100%; }
.gk-check .gk-null { background: #fde2e1; }
.gk-check .gk-num { text-align: right; }
.gk-check .gk-loc { color: #666; font-size: 11px; white-space: nowrap; }
.gk-check .gk-error { color: #a40000; } .gk-check .gk-warning { color: #8a5a00; } .gk-check .gk-info { color: #555; }
"""


def fmt_value(v) -> str:
    if v is None:
        return "？"
    if isinstance(v, Decimal):
        return format(v.normalize(), "f") if v != v.to_integral_value() else str(int(v))
    return str(v)


def read_table(report: AnnualReport, section: int) -> str:
    fmt = report.format
    layout = {2: section2_layout, 3: section3_layout, 4: section4_layout}[section](fmt)
    out = ['<table class="gk-read">']
    for row in layout:
        tds = []
        for c in row:
            attrs = (f' rowspan="{c.rowspan}"' if c.rowspan > 1 else "") + (
                f' colspan="{c.colspan}"' if c.colspan > 1 else ""
            )
            if c.ref:
                v = report.value(c.ref)
                cls = "gk-num gk-null" if v is None else "gk-num"
                tds.append(f'<td class="{cls}"{attrs}>{escape(fmt_value(v))}</td>')
            else:
                tag = "th" if c.kind == "header" else "td"
                tds.append(f"<{tag}{attrs}>{escape(c.text)}</{tag}>")
        out.append("<tr>" + "".join(tds) + "</tr>")
    out.append("</table>")
    return "".join(out)


def source_table(report: AnnualReport, section: int) -> str:
    rows = (getattr(report, "source_rows", None) or {}).get(section) or []
    if not rows:
        return "<p>" + escape(_("（原文中没有找到这张表）")) + "</p>"
    width = max((max((c.col or 0) + c.span for c in r.cells) if r.cells and r.grid != "tokens" else len(r.cells)) for r in rows)  # fmt: skip
    out = ['<table class="gk-source">']
    for r in rows:
        tds = [f'<td class="gk-loc">{escape(r.loc)}</td>']
        if r.grid == "tokens":
            tds += [f"<td>{escape(c.text or '')}</td>" for c in r.cells]
        else:
            col = 0
            for c in r.cells:
                if c.text is None:
                    continue
                if c.col is not None and c.col > col:
                    tds.append(f'<td colspan="{c.col - col}"></td>')
                    col = c.col
                span = f' colspan="{c.span}"' if c.span > 1 else ""
                tds.append(f"<td{span}>{escape(c.text)}</td>")
                col += c.span
        out.append("<tr>" + "".join(tds) + "</tr>")
    out.append("</table>")
    del width
    return "".join(out)


def findings_list(report: AnnualReport) -> str:
    if not report.findings:
        return "<p>" + escape(_("未发现问题。")) + "</p>"
    items = []
    labels = {severity: escape(_(label)) for severity, label in SEVERITY_LABEL.items()}
    for f in report.findings:
        items.append(
            f'<li class="gk-{f.severity}"><strong>[{labels[f.severity]}]</strong> '
            f'{escape(f.message)} <span class="gk-loc">{escape(f.location)} · {escape(f.rule)}</span></li>'
        )
    return "<ul>" + "".join(items) + "</ul>"


def side_by_side(report: AnnualReport) -> str:
    parts = []
    source, read = escape(_("原文")), escape(_("读取结果（？＝空白或无法读取）"))
    for section, name in TABLE_NAMES.items():
        parts.append(
            f'<h4>{escape(name)}</h4><div class="gk-side"><div><p>{source}</p>{source_table(report, section)}</div>'
            f"<div><p>{read}</p>{read_table(report, section)}</div></div>"
        )
    return "".join(parts)


def counts(report: AnnualReport) -> dict:
    return {s: sum(1 for f in report.findings if f.severity == s) for s in SEVERITY_LABEL}
