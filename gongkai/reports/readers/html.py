"""HTML reports (a saved web page): tables with rowspan/colspan expanded to a grid, text in reading order.

Pages declared GB2312/GBK are decoded as GB18030 (a superset): lxml given GBK-only characters under a
gb2312 label silently returns an empty tree (shared/spec/stack.md §0.7).
Locations are "表格2第5行第3列" (1-based, counting every ``<table>`` that holds data).
"""

from __future__ import annotations

import re

from lxml import etree

from gongkai.i18n import gettext as _

from .common import Cell, Document, Para, Row, Table, Unreadable
from .interpret import interpret

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_PARSER = etree.HTMLParser(remove_comments=True, remove_pis=True)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.S)
_GB = {"gb2312", "gbk", "gb_2312-80", "x-gbk", "gb18030", "cp936", "euc-cn"}

BLOCKS = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "section", "article", "header", "footer",
    "blockquote", "pre", "tr", "td", "th", "center", "dd", "dt", "dl", "form", "main", "nav", "aside", "caption",
}  # fmt: skip
SKIP = {"script", "style", "head", "noscript", "template", "iframe", "select", "option", "button"}


def decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    m = _META_CHARSET.search(data[:4096])
    declared = m.group(1).decode("ascii", "ignore").lower() if m else ""
    if declared in _GB:
        return data.decode("gb18030", errors="replace")
    if declared and declared not in ("utf-8", "utf8"):
        try:
            return data.decode(declared)
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030", errors="replace")


def _text(el) -> str:
    parts = []

    def rec(e):
        tag = e.tag.lower() if isinstance(e.tag, str) else ""
        if tag in SKIP:
            if e.tail:
                parts.append(e.tail)
            return
        if tag == "br":
            parts.append("\n")
        elif tag in ("p", "div", "li") and parts:
            parts.append("\n")
        if e.text and tag:
            parts.append(e.text)
        for ch in e:
            rec(ch)
        if e.tail and e is not el:
            parts.append(e.tail)

    rec(el)
    return "".join(parts).replace("\xa0", " ").strip()


def _span(el, name) -> int:
    try:
        return max(1, min(int(str(el.get(name, "1")).strip() or 1), 200))
    except ValueError:
        return 1


_CELL_TAGS = frozenset({"td", "th", "TD", "TH"})


def _cell_text(td) -> str:
    if len(td) == 0:
        return (td.text or "").replace("\xa0", " ").strip()
    return _text(td)


def table_grid(table, number: int) -> Table:
    rows_el = list(table.iter("tr"))  # only tables without nested tables get here
    height = len(rows_el)
    grid: list[dict[int, Cell]] = [{} for _ in rows_el]
    cell_tags = _CELL_TAGS
    for r, tr in enumerate(rows_el):
        c = 0
        here = grid[r]
        for td in tr:
            if td.tag not in cell_tags:
                continue
            while c in here:
                c += 1
            rs = td.get("rowspan")
            cs = td.get("colspan")
            rs = _span(td, "rowspan") if rs is not None else 1
            cs = _span(td, "colspan") if cs is not None else 1
            text = td.text if len(td) == 0 else _text(td)
            here[c] = Cell((text or "").replace("\xa0", " ").strip(), c, "", cs)
            if rs > 1 or cs > 1:
                for dr in range(min(rs, height - r)):
                    target = grid[r + dr]
                    for dc in range(cs):
                        if (dr or dc) and c + dc not in target:
                            target[c + dc] = Cell(None, c + dc)
            c += cs
    row_loc = _("表格%(table)s第%(row)s行")
    out_rows = [
        Row([cells[c] for c in sorted(cells)], row_loc % {"table": number, "row": r + 1}, "exact", r + 1)
        for r, cells in enumerate(grid)
    ]
    return Table(out_rows, _("表格%(table)s") % {"table": number})


def parse(data: bytes | str, name: str = "") -> Document:
    text = decode(data) if isinstance(data, bytes) else data
    text = _XML_DECL.sub("", text)
    if not text.strip():
        raise Unreadable(_("空文件"))
    try:
        root = etree.fromstring(text, _PARSER)
        if root is None:
            raise Unreadable(_("空文件"))
    except (etree.ParserError, etree.ParseError, ValueError) as exc:
        raise Unreadable(_("无法解析 HTML：%(error)s") % {"error": exc}) from None
    blocks: list = []
    buf: list[str] = []
    counter = [0]
    para_loc = _("正文“%(text)s”")

    def flush():
        if buf:
            for line in "".join(buf).replace("\xa0", " ").split("\n"):
                if line.strip():
                    blocks.append(Para(line.strip(), para_loc % {"text": line.strip()[:12]}))
            buf.clear()

    def walk(el):
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if not tag:  # comments, processing instructions
            if el.tail:
                buf.append(el.tail)
            return
        if tag in SKIP:
            if tag == "head":
                title = el.find(".//title")
                if title is not None and title.text and title.text.strip():
                    blocks.append(Para(title.text.strip(), _("网页标题")))
            if el.tail:
                buf.append(el.tail)
            return
        if tag == "table" and el.find(".//table") is None:
            flush()
            counter[0] += 1
            blocks.append(table_grid(el, counter[0]))
        else:
            block = tag in BLOCKS or tag == "table"
            if block:
                flush()
            if tag == "br":
                buf.append("\n")
            if el.text:
                buf.append(el.text)
            for ch in el:
                walk(ch)
            if block:
                flush()
        if el.tail:
            buf.append(el.tail)

    body = root.find("body")
    head = root.find("head")
    if head is not None:
        walk(head)
    walk(body if body is not None else root)
    flush()
    return Document(blocks, "html", name)


def read_bytes(data: bytes, name: str = ""):
    return interpret(parse(data, name))
