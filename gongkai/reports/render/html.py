"""The report as HTML: the exact table layout of spec §2.4 with rowspan/colspan."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from django.template.loader import render_to_string

from ..core.model import AnnualReport
from . import layouts, paragraphs, table_rows, title

CSS_FILE = Path(__file__).resolve().parents[2] / "static" / "reports" / "report.css"
HEADER_ROWS = 3  # tables 三 and 四 have three header rows (repeated on every printed page)


@cache
def report_css() -> str:
    return CSS_FILE.read_text(encoding="utf-8")


def document(value: AnnualReport, *, link=None, note: str = "") -> dict:
    """Everything the templates need to draw one report; ``link(ref)`` gives each number's drill-down URL."""
    lay = layouts(value)
    t3 = table_rows(lay["section3"], value, link=link)
    t4 = table_rows(lay["section4"], value, link=link)
    return {
        "title": title(value),
        "title_lines": [value.organization, f"{value.year}年政府信息公开工作年度报告"],
        "headings": list(value.format.headings),
        "overview": paragraphs(value.sections.get("overview", "")),
        "problems": paragraphs(value.sections.get("problems", "")),
        "other": paragraphs(value.sections.get("other", "")),
        "t2": table_rows(lay["section2"], value, link=link),
        "t3_head": t3[:HEADER_ROWS],
        "t3": t3[HEADER_ROWS:],
        "t4_head": t4[:HEADER_ROWS],
        "t4": t4[HEADER_ROWS:],
        "note": note,
    }


def render(value: AnnualReport, *, note: str = "", extra_css: str = "") -> str:
    """A standalone, publishable HTML file (styles inline, no links out)."""
    return render_to_string(
        "reports/report_document.html", {"doc": document(value, note=note), "css": report_css() + extra_css}
    )
