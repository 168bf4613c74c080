"""PDF reports: the text layer, with tables from pdfplumber's ruling lines.

pdfminer (under pdfplumber) silently drops every glyph of a font that WeasyPrint embedded with a custom
CMap (shared/spec/stack.md §0.5). Each page's character count is compared with pypdfium2's; when pdfminer
lost text, the whole document is read from pypdfium2's text instead (as plain text, positions unknown),
and a finding says so. Scanned PDFs without a text layer are unreadable (no OCR).
Locations are "第2页表格1第5行第3列" (1-based).
"""

from __future__ import annotations

import io
import logging

from .common import Cell, Document, Para, Row, Table, Unreadable
from .interpret import interpret

logging.getLogger("pdfminer").setLevel(logging.ERROR)


def _pdfium_pages(data: bytes) -> list[str]:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise Unreadable(f"无法打开 PDF：{exc}") from None
    out = []
    try:
        for i in range(len(pdf)):
            page = pdf[i]
            tp = page.get_textpage()
            out.append(tp.get_text_range())
            tp.close()
            page.close()
    finally:
        pdf.close()
    return out


def _spans(table) -> list[list[tuple]]:
    """(x0, x1) of each cell of each row, and the column edges, to recover colspans."""
    edges = sorted({round(c[0], 1) for c in table.cells} | {round(c[2], 1) for c in table.cells})
    return edges


def _table(t, page_no: int, number: int) -> Table:
    data = t.extract()
    edges = _spans(t)
    rows = []
    for r, (cells, geo) in enumerate(zip(data, t.rows, strict=False)):
        out = []
        for c, text in enumerate(cells):
            loc = f"第{page_no}页表格{number}第{r + 1}行第{c + 1}列"
            box = geo.cells[c] if c < len(geo.cells) else None
            span = 1
            if box is not None:
                x0, x1 = round(box[0], 1), round(box[2], 1)
                span = max(1, sum(1 for e in edges if x0 <= e < x1 - 0.5))
            out.append(Cell(text if box is not None else None, c, loc, span))
        rows.append(Row(out, f"第{page_no}页表格{number}第{r + 1}行", "exact", r + 1))
    return Table(rows, f"第{page_no}页表格{number}")


def parse(data: bytes, name: str = "") -> Document:
    import pdfplumber
    from pdfminer.pdfparser import PDFSyntaxError

    pdfium_text = _pdfium_pages(data)
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except (PDFSyntaxError, ValueError) as exc:
        raise Unreadable(f"无法打开 PDF：{exc}") from None
    blocks: list = []
    notes = []
    lost = False
    with pdf:
        if not any(t.strip() for t in pdfium_text):
            raise Unreadable("PDF 没有文字层（可能是扫描件），无法读取")
        for i, page in enumerate(pdf.pages):
            ours = sum(1 for ch in page.chars if not ch["text"].isspace())
            theirs = sum(1 for ch in pdfium_text[i] if not ch.isspace())
            if theirs and ours < 0.97 * theirs:
                lost = True
                break
            tables = page.find_tables()
            items = []
            for n, t in enumerate(tables, start=1):
                items.append((t.bbox[1], _table(t, i + 1, n)))
            boxes = [t.bbox for t in tables]

            def outside(obj, boxes=boxes):
                x = (obj["x0"] + obj["x1"]) / 2
                y = (obj["top"] + obj["bottom"]) / 2
                return not any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes)

            for line in page.filter(outside).extract_text_lines(return_chars=False):
                items.append((line["top"], Para(line["text"].strip(), f"第{i + 1}页“{line['text'].strip()[:12]}”")))
            items.sort(key=lambda it: it[0])
            blocks.extend(b for _, b in items)
    if lost:
        from .text import parse as parse_text

        doc = parse_text("\n".join(pdfium_text), name)
        doc.kind = "pdf"
        doc.notes.append(_fallback_note())
        return doc
    doc = Document(blocks, "pdf", name, notes=notes)
    return doc


def _fallback_note():
    from gongkai.reports.core.model import Finding

    return Finding(
        "READ-PDF-TEXT",
        "info",
        "PDF 的部分字形无法由 pdfplumber 读出（字体使用自定义编码），已改用 pypdfium2 提取的文字读取，表格按文字顺序读取。",
        "全文",
    )


def read_bytes(data: bytes, name: str = ""):
    return interpret(parse(data, name))
