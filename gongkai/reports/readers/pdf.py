"""PDF reports: the text layer, with tables rebuilt from their ruling lines.

The reader is PDFium (pypdfium2, raw API): text segments with their boxes, and the border segments (path
objects) of each table; rows and columns are the borders' positions, a missing border between two grid
cells means a merged cell. pdfplumber was the first design and is not used: it took ~0.7 s a report (the
target is 10 reports/s) and pdfminer under it silently drops every glyph of a font that WeasyPrint embedded
with a custom CMap (shared/spec/stack.md §0.5), which PDFium reads. A PDF whose tables have no ruling lines is
read from PDFium's plain text by the text reader (positions unknown; a finding says so). Scanned PDFs without
a text layer are unreadable.
Locations are "第2页表格1第5行" (1-based).
"""

from __future__ import annotations

import bisect
import ctypes
import re

from gongkai.i18n import gettext as _

from .common import Cell, Document, Para, Row, Table, Unreadable, match_heading
from .interpret import interpret


def _fallback_note():
    from gongkai.reports.core.model import Finding

    return Finding(
        "READ-PDF-TEXT",
        "info",
        _("PDF 中的表格没有表格线，已按文字顺序读取（无法按列位置核对空白单元格）。"),
        _("全文"),
    )


def read_bytes(data: bytes, name: str = ""):
    return interpret(parse(data, name))


# ----- PDFium: ruled tables ------------------------------------------------------------------------

_PAGE_NUMBER = re.compile(r"^(?:第\s*\d+\s*页.*|\d+\s*/\s*\d+|-\s*\d+\s*-)$")
_STARTS_ITEM = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|\d+[、.．])")
TOL = 1.5


def _cluster(values: list[float], tol: float = TOL) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if out and v - out[-1] <= tol:
            continue
        out.append(v)
    return out


def _covered(intervals, at: float) -> bool:
    return any(a - TOL <= at <= b + TOL for a, b in intervals)


class _Region:
    __slots__ = ("x0", "y0", "x1", "y1", "h", "v")

    def __init__(self, x0, y0, x1, y1):
        self.x0, self.y0, self.x1, self.y1 = x0, y0, x1, y1
        self.h: list = []  # (y, x0, x1)
        self.v: list = []  # (x, y0, y1)

    def touches(self, x0, y0, x1, y1) -> bool:
        return x0 <= self.x1 + 2 and x1 >= self.x0 - 2 and y0 <= self.y1 + 2 and y1 >= self.y0 - 2

    def absorb(self, other):
        self.x0, self.y0 = min(self.x0, other.x0), min(self.y0, other.y0)
        self.x1, self.y1 = max(self.x1, other.x1), max(self.y1, other.y1)
        self.h += other.h
        self.v += other.v

    def contains(self, x, y) -> bool:
        return self.x0 - 1 <= x <= self.x1 + 1 and self.y0 - 1 <= y <= self.y1 + 1


def _regions(segments) -> list[_Region]:
    regions: list[_Region] = []
    for x0, y0, x1, y1 in segments:
        w, h = x1 - x0, y1 - y0
        if w > 3 and h > 3:
            continue  # a filled box, not a border
        seg = _Region(x0, y0, x1, y1)
        if h <= 3:
            seg.h.append(((y0 + y1) / 2, x0, x1))
        else:
            seg.v.append(((x0 + x1) / 2, y0, y1))
        hits = [r for r in regions if r.touches(x0, y0, x1, y1)]
        for r in hits:
            seg.absorb(r)
            regions.remove(r)
        regions.append(seg)
    return [
        r for r in regions if len(_cluster([y for y, _, _ in r.h])) >= 2 and len(_cluster([x for x, _, _ in r.v])) >= 2
    ]


def _grid(region: _Region, rects, page_no: int, number: int) -> Table:
    xs = _cluster([x for x, _, _ in region.v])
    ys = sorted(_cluster([y for y, _, _ in region.h]), reverse=True)  # top first
    ncols, nrows = len(xs) - 1, len(ys) - 1
    vcov = [[(a, b) for x, a, b in region.v if abs(x - xe) <= TOL] for xe in xs]
    hcov = [[(a, b) for y, a, b in region.h if abs(y - ye) <= TOL] for ye in ys]
    parent = list(range(nrows * ncols))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for r in range(nrows):
        ymid = (ys[r] + ys[r + 1]) / 2
        for c in range(ncols):
            xmid = (xs[c] + xs[c + 1]) / 2
            if c + 1 < ncols and not _covered(vcov[c + 1], ymid):
                parent[find(r * ncols + c)] = find(r * ncols + c + 1)
            if r + 1 < nrows and not _covered(hcov[r + 1], xmid):
                parent[find(r * ncols + c)] = find((r + 1) * ncols + c)
    box: dict[int, list] = {}
    for r in range(nrows):
        for c in range(ncols):
            k = find(r * ncols + c)
            b = box.setdefault(k, [r, c, r, c])
            b[0], b[1], b[2], b[3] = min(b[0], r), min(b[1], c), max(b[2], r), max(b[3], c)
    texts: dict[int, list] = {}
    neg_ys = [-y for y in ys]
    for left, top, right, bottom, text in rects:
        cx, cy = (left + right) / 2, (top + bottom) / 2
        c = bisect.bisect_right(xs, cx) - 1
        r = bisect.bisect_right(neg_ys, -cy) - 1
        if 0 <= r < nrows and 0 <= c < ncols:
            texts.setdefault(find(r * ncols + c), []).append((-top, left, text))
    rows = []
    row_loc = _("第%(page)s页表格%(table)s第%(row)s行")
    for r in range(nrows):
        cells = []
        for c in range(ncols):
            k = find(r * ncols + c)
            b = box[k]
            if (b[0], b[1]) == (r, c):
                parts = sorted(texts.get(k, []))
                cells.append(Cell("".join(t for _, _, t in parts).strip(), c, "", b[3] - b[1] + 1))
            else:
                cells.append(Cell(None, c))
        rows.append(Row(cells, row_loc % {"page": page_no, "table": number, "row": r + 1}, "exact", r + 1))
    return Table(rows, _("第%(page)s页表格%(table)s") % {"page": page_no, "table": number})


def _lines(rects, page_no: int) -> list[tuple[float, Para]]:
    rows: list[list] = []
    for left, top, _right, bottom, text in sorted(rects, key=lambda q: (-(q[1] + q[3]) / 2, q[0])):
        cy = (top + bottom) / 2
        if rows and abs(rows[-1][0] - cy) <= 3:
            rows[-1][1].append((left, text))
        else:
            rows.append([cy, [(left, text)], top])
    out = []
    para_loc = _("第%(page)s页“%(text)s”")
    for _cy, parts, top in rows:
        line = "".join(t for _x, t in sorted(parts)).strip()
        if line and not _PAGE_NUMBER.match(line):
            out.append((top, Para(line, para_loc % {"page": page_no, "text": line[:12]})))
    return out


def _join_wrapped(items):
    """Lines of one paragraph, wrapped by the page width, become one paragraph again."""
    out = []
    for top, block in items:
        if (
            out
            and isinstance(block, Para)
            and isinstance(out[-1][1], Para)
            and not out[-1][1].text.endswith(("。", "：", ":", "；", "！", "？"))
            and match_heading(out[-1][1].text) is None
            and match_heading(block.text) is None
            and not _STARTS_ITEM.match(block.text)
            and len(out[-1][1].text) >= 20
        ):
            prev = out[-1][1]
            out[-1] = (out[-1][0], Para(prev.text + block.text, prev.loc))
            continue
        out.append((top, block))
    return out


def parse(data: bytes, name: str = "") -> Document:
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise Unreadable(_("无法打开 PDF：%(error)s") % {"error": exc}) from None
    blocks: list = []
    plain: list[str] = []
    found_tables = 0
    buf = (ctypes.c_ushort * 4096)()
    dl, dt, dr, db = (ctypes.c_double() for _ in range(4))
    fl, fb, fr, ft = (ctypes.c_float() for _ in range(4))
    try:
        for pi in range(len(pdf)):
            page = pdf[pi]
            tp = page.get_textpage()
            rects = []
            for i in range(raw.FPDFText_CountRects(tp.raw, 0, -1)):
                raw.FPDFText_GetRect(tp.raw, i, dl, dt, dr, db)
                n = raw.FPDFText_GetBoundedText(tp.raw, dl.value, dt.value, dr.value, db.value, buf, 4096)
                text = bytes(buf)[: max(0, n) * 2].decode("utf-16-le", errors="replace").replace("\x00", "").strip()
                if text:
                    rects.append((dl.value, dt.value, dr.value, db.value, text))
            segments = []
            for i in range(raw.FPDFPage_CountObjects(page.raw)):
                obj = raw.FPDFPage_GetObject(page.raw, i)
                if raw.FPDFPageObj_GetType(obj) == raw.FPDF_PAGEOBJ_PATH:
                    raw.FPDFPageObj_GetBounds(obj, fl, fb, fr, ft)
                    segments.append((fl.value, fb.value, fr.value, ft.value))
            plain.append(tp.get_text_range())
            tp.close()
            page.close()
            regions = _regions(segments)
            items = []
            outside = []
            for q in rects:
                cx, cy = (q[0] + q[2]) / 2, (q[1] + q[3]) / 2
                region = next((r for r in regions if r.contains(cx, cy)), None)
                if region is None:
                    outside.append(q)
            for region in sorted(regions, key=lambda r: -r.y1):
                found_tables += 1
                inside = [q for q in rects if region.contains((q[0] + q[2]) / 2, (q[1] + q[3]) / 2)]
                items.append((region.y1, _grid(region, inside, pi + 1, found_tables)))
            items += _lines(outside, pi + 1)
            items.sort(key=lambda it: -it[0])
            blocks.extend(b for _, b in _join_wrapped(items))
    finally:
        pdf.close()
    if not any(t.strip() for t in plain):
        raise Unreadable(_("PDF 没有文字层（可能是扫描件），无法读取"))
    if not found_tables:
        # No ruled table: read PDFium's text in reading order as plain text (positions unknown).
        from .text import parse as parse_text

        doc = parse_text("\n".join(plain), name)
        doc.kind = "pdf"
        doc.notes.append(_fallback_note())
        return doc
    return Document(blocks, "pdf", name)
