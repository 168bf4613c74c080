"""DOCX reports (what agencies file): paragraphs and tables in body order; merged cells rebuilt from
``w:gridSpan`` (across) and ``w:vMerge`` (down), so a merged cell is one cell, not repeated text.
Locations are "表格2第5行第3列" (1-based).
"""

from __future__ import annotations

import io
import zipfile

from docx import Document as open_docx
from docx.oxml.ns import qn

from gongkai.i18n import gettext as _

from .common import Cell, Document, Para, Row, Table, Unreadable
from .interpret import interpret


def _text(el) -> str:
    out = []
    for p in el.iter(qn("w:p")):
        line = "".join(t.text or "" for t in p.iter(qn("w:t")))
        out.append(line)
    return "\n".join(out).strip()


def _grid(tbl, number: int) -> Table:
    rows = []
    row_loc, cell_loc = _("表格%(table)s第%(row)s行"), _("%(row)s第%(column)s列")
    for r, tr in enumerate(tbl.iterchildren(qn("w:tr"))):
        here = row_loc % {"table": number, "row": r + 1}
        cells = []
        c = 0
        for tc in tr.iterchildren(qn("w:tc")):
            pr = tc.find(qn("w:tcPr"))
            span, vmerge = 1, None
            if pr is not None:
                gs = pr.find(qn("w:gridSpan"))
                if gs is not None:
                    span = int(gs.get(qn("w:val"), "1"))
                vm = pr.find(qn("w:vMerge"))
                if vm is not None:
                    vmerge = vm.get(qn("w:val"), "continue")
            loc = cell_loc % {"row": here, "column": c + 1}
            if vmerge == "continue":
                cells.extend(Cell(None, c + k, loc) for k in range(span))
            else:
                cells.append(Cell(_text(tc), c, loc, span))
                cells.extend(Cell(None, c + k, loc) for k in range(1, span))
            c += span
        rows.append(Row(cells, here, "exact", r + 1))
    return Table(rows, _("表格%(table)s") % {"table": number})


def parse(data: bytes, name: str = "") -> Document:
    try:
        doc = open_docx(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise Unreadable(_("无法打开 Word 文件：%(error)s") % {"error": exc}) from None
    blocks: list = []
    n = 0
    para_loc = _("段落“%(text)s”")
    for el in doc.element.body.iterchildren():
        if el.tag == qn("w:p"):
            text = _text(el)
            for line in text.split("\n"):
                if line.strip():
                    blocks.append(Para(line.strip(), para_loc % {"text": line.strip()[:12]}))
        elif el.tag == qn("w:tbl"):
            n += 1
            blocks.append(_grid(el, n))
    return Document(blocks, "docx", name)


def read_bytes(data: bytes, name: str = ""):
    return interpret(parse(data, name))
