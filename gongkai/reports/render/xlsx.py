"""XLSX: one sheet with the three tables in the national layout (merged cells), one with the text."""

from __future__ import annotations

import io
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

from ..core.formats import place
from ..core.model import AnnualReport
from . import layouts, paragraphs, title

THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
FONT = Font(name="宋体", size=10)
BOLD = Font(name="宋体", size=10, bold=True)
HEAD_FILL = PatternFill("solid", fgColor="EEEEEE")


def _cell_value(v):
    if isinstance(v, Decimal):
        return int(v) if v == v.to_integral_value() else float(v)
    return v


def _write_table(ws, top: int, layout, value: AnnualReport) -> int:
    """Write ``layout`` with its top-left at row ``top``; returns the first free row after it."""
    placed = place(layout)
    height = max(r + c.rowspan for r, _, c in placed)
    for r, c, cell in placed:
        row, col = top + r, 1 + c
        for dr in range(cell.rowspan):
            for dc in range(cell.colspan):
                ws.cell(row=row + dr, column=col + dc).border = BORDER
        target = ws.cell(row=row, column=col)
        if cell.ref is not None:
            target.value = _cell_value(value.value(cell.ref))
            target.alignment = Alignment(horizontal="center", vertical="center")
            target.font = FONT
        else:
            target.value = cell.text
            target.font = BOLD if cell.kind == "header" else FONT
            if cell.kind == "header":
                target.fill = HEAD_FILL
            target.alignment = Alignment(
                horizontal="center" if cell.kind == "header" else "left", vertical="center", wrap_text=True
            )
        if cell.rowspan > 1 or cell.colspan > 1:
            ws.merge_cells(
                start_row=row, start_column=col, end_row=row + cell.rowspan - 1, end_column=col + cell.colspan - 1
            )
    return top + height + 1


def render(value: AnnualReport, *, note: str = "") -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "统计表"
    h = value.format.headings
    ws.cell(row=1, column=1, value=title(value)).font = Font(name="黑体", size=14, bold=True)
    lay = layouts(value)
    row = 3
    for heading, key in ((h[1], "section2"), (h[2], "section3"), (h[3], "section4")):
        ws.cell(row=row, column=1, value=heading).font = BOLD
        row = _write_table(ws, row + 1, lay[key], value)
    ws.column_dimensions["A"].width = 16
    ws.column_dimensions["B"].width = 14
    ws.column_dimensions["C"].width = 36
    text = wb.create_sheet("正文")
    text.column_dimensions["A"].width = 100
    line = 1
    text.cell(row=line, column=1, value=title(value)).font = Font(name="黑体", size=14, bold=True)
    for heading, key in ((h[0], "overview"), (h[4], "problems"), (h[5], "other")):
        line += 2
        text.cell(row=line, column=1, value=heading).font = BOLD
        for para in paragraphs(value.sections.get(key, "")):
            line += 1
            c = text.cell(row=line, column=1, value=para)
            c.alignment = Alignment(wrap_text=True, vertical="top")
    if note:
        text.cell(row=line + 2, column=1, value=note)
    if value.findings:
        found = wb.create_sheet("校验结果")
        for col, head in enumerate(("规则", "级别", "位置", "说明"), start=1):
            found.cell(row=1, column=col, value=head).font = BOLD
        labels = {"error": "错误", "warning": "警告", "info": "提示"}
        for i, f in enumerate(value.findings, start=2):
            for col, v in enumerate((f.rule, labels.get(f.severity, f.severity), f.location, f.message), start=1):
                found.cell(row=i, column=col, value=v).alignment = Alignment(wrap_text=True, vertical="top")
        for col, width in zip("ABCD", (12, 8, 40, 80), strict=True):
            found.column_dimensions[col].width = width
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
