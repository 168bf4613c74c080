"""DOCX (what agencies file): python-docx with the template's merged cells and 宋体/黑体."""

from __future__ import annotations

from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from gongkai.documents.docx import HEADING_FONT, add_title, new_document, set_east_asian_font, to_bytes

from ..core.formats import place
from ..core.model import AnnualReport
from . import fmt_number, layouts, paragraphs, title

TABLE_FONT_PT = {"section2": 10.5, "section3": 9, "section4": 8}
# Width of the label columns (cm); number columns share what is left.
LABEL_WIDTHS = {"section2": [4.5], "section3": [1.6, 1.6, 4.6], "section4": []}


def _heading(doc, text):
    p = doc.add_paragraph()
    p.paragraph_format.space_before = Pt(12)
    p.paragraph_format.keep_with_next = True
    run = p.add_run(text)
    run.bold = True
    run.font.size = Pt(14)
    set_east_asian_font(run, HEADING_FONT)


def _text(doc, text):
    for para in paragraphs(text):
        p = doc.add_paragraph()
        p.paragraph_format.first_line_indent = Pt(24)
        p.add_run(para)


def _table(doc, layout, value: AnnualReport, name: str, width_cm: float):
    placed = place(layout)
    height = max(r + c.rowspan for r, _, c in placed)
    width = max(col + c.colspan for _, col, c in placed)
    table = doc.add_table(rows=height, cols=width)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    labels = LABEL_WIDTHS[name]
    rest = (width_cm - sum(labels)) / max(1, width - len(labels))
    widths = [Cm(w) for w in labels] + [Cm(rest)] * (width - len(labels))
    for row in table.rows:
        for i, cell in enumerate(row.cells):
            cell.width = widths[i]
    size = Pt(TABLE_FONT_PT[name])
    for r, c, cell in placed:
        target = table.cell(r, c)
        if cell.rowspan > 1 or cell.colspan > 1:
            target = target.merge(table.cell(r + cell.rowspan - 1, c + cell.colspan - 1))
        text = fmt_number(value.value(cell.ref)) if cell.ref is not None else cell.text
        target.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        p = target.paragraphs[0]
        p.alignment = (
            WD_ALIGN_PARAGRAPH.LEFT if cell.kind == "label" and name != "section4" else WD_ALIGN_PARAGRAPH.CENTER
        )
        run = p.add_run(text)
        run.font.size = size
        run.bold = cell.kind == "header"
    return table


def render(value: AnnualReport, *, note: str = "") -> bytes:
    doc = new_document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2)
    usable = 21 - 4
    add_title(doc, title(value))
    lay = layouts(value)
    h = value.format.headings
    _heading(doc, h[0])
    _text(doc, value.sections.get("overview", ""))
    _heading(doc, h[1])
    _table(doc, lay["section2"], value, "section2", usable)
    _heading(doc, h[2])
    _table(doc, lay["section3"], value, "section3", usable)
    _heading(doc, h[3])
    _table(doc, lay["section4"], value, "section4", usable)
    _heading(doc, h[4])
    _text(doc, value.sections.get("problems", ""))
    _heading(doc, h[5])
    _text(doc, value.sections.get("other", ""))
    if note:
        _text(doc, note)
    return to_bytes(doc)
