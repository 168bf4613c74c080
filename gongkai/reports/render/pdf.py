"""PDF through WeasyPrint with Noto CJK; tables keep their header rows on every page and rows never split."""

from __future__ import annotations

from ..core.model import AnnualReport
from . import html

PRINT_CSS = """
@page { size: A4; margin: 20mm 18mm 20mm 18mm; }
@page wide { size: A4 landscape; margin: 18mm 15mm; }
body { font-family: "Noto Serif CJK SC", serif; font-size: 11pt; }
.annual-report { max-width: none; }
.annual-report .report-title { font-size: 17pt; margin: 0 0 12pt; }
.annual-report h2 { font-family: "Noto Sans CJK SC", sans-serif; font-size: 13pt; margin: 14pt 0 6pt;
                    page-break-after: avoid; break-after: avoid; }
.annual-report p { line-height: 1.65; }
table.report-table { font-size: 9pt; page-break-inside: auto; }
table.report-table th, table.report-table td { border: 0.6pt solid #000; padding: 2pt 3pt; }
table.report-table th { background: #eee; }
table.report-table td.blank { background: none; }
table.report-table tr { page-break-inside: avoid; break-inside: avoid; }
table.report-table.t2 { page-break-inside: avoid; break-inside: avoid; }
.report-section.s3 { break-before: page; page-break-before: always; }
table.report-table th, table.report-table td { line-height: 1.3; }
table.report-table.t3 { table-layout: fixed; }
table.report-table.t3 col.c-l1 { width: 9%; }
table.report-table.t3 col.c-l2 { width: 10%; }
table.report-table.t3 col.c-l3 { width: 36%; }
table.report-table.t3 col.c-n { width: 6.4%; }
table.report-table.t3 td.label { font-size: 8.5pt; }
table.report-table.t4 { font-size: 8.5pt; page-break-inside: avoid; break-inside: avoid; }
.report-note { color: #444; font-size: 9pt; }
"""


def render(value: AnnualReport, *, note: str = "") -> bytes:
    from gongkai.documents.pdf import html_to_pdf

    return html_to_pdf(html.render(value, note=note, extra_css=PRINT_CSS))
