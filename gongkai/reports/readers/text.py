"""Plain-text reports: text copied out of a web page, a PDF or a Word file.

Handles tab-, ``|``- and space-separated rows; tables with one cell per line; headers broken one character per
line (vertical text); run-together digits are left to :mod:`.interpret`, which splits them only when sums decide.
Locations are line numbers ("第12行"), 1-based as an editor shows them.
"""

from __future__ import annotations

import re

from gongkai.i18n import gettext as _
from gongkai.reports.core.labels import compact

from .common import Cell, Document, Para, Row, Table, Unreadable, looks_numeric, match_heading, split_heading
from .interpret import interpret

_CJK1 = re.compile(r"^[\u3400-\u9fff（）()]$")

# Lines that start a table when the heading before it is missing.
_ANCHORS = [
    (2, re.compile(r"^第二十条第")),
    (3, re.compile(r"勾稽|申请人情况|^一、本年新收")),
    (4, re.compile(r"^行政复议.*行政诉讼|^行政复议$")),
]


def decode(data: bytes) -> str:
    if data.startswith(b"\xff\xfe") or data.startswith(b"\xfe\xff"):
        return data.decode("utf-16")
    for enc in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    raise Unreadable(_("无法识别文本编码（不是 UTF-8 或 GB18030）"))


def _join_vertical(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Headers broken one character per line: runs of single-character lines become one line; runs of
    tab lines whose every cell is one character are joined column by column."""
    out: list[tuple[int, str]] = []
    i = 0
    while i < len(lines):
        no, text = lines[i]
        s = text.strip()
        if _CJK1.match(s):
            j = i
            buf = []
            while j < len(lines) and _CJK1.match(lines[j][1].strip()):
                buf.append(lines[j][1].strip())
                j += 1
            if j - i >= 2:
                out.append((no, "".join(buf)))
                i = j
                continue
        if "\t" in text:
            cells = text.split("\t")
            if any(c.strip() for c in cells) and all(not c.strip() or _CJK1.match(c.strip()) for c in cells):
                j = i
                group = []
                while j < len(lines) and "\t" in lines[j][1]:
                    cs = lines[j][1].split("\t")
                    if not (any(c.strip() for c in cs) and all(not c.strip() or _CJK1.match(c.strip()) for c in cs)):
                        break
                    group.append(cs)
                    j += 1
                if len(group) >= 2:
                    width = max(len(g) for g in group)
                    merged = ["".join((g[k] if k < len(g) else "").strip() for g in group) for k in range(width)]
                    out.append((no, "\t".join(merged)))
                    i = j
                    continue
        out.append((no, text))
        i += 1
    return out


def _line_loc() -> str:
    """The location of a line ("第12行"), translated once per document and formatted per line."""
    return _("第%(line)s行")


def _row(no: int, text: str, line_loc: str) -> Row:
    loc = line_loc % {"line": no}
    if "\t" in text:
        parts = text.split("\t")
        return Row([Cell(p, i) for i, p in enumerate(parts)], loc, "fields", no)
    if "|" in text or "｜" in text:
        parts = re.split(r"[|｜]", text)
        if parts and not parts[0].strip():
            parts = parts[1:]
        if parts and not parts[-1].strip():
            parts = parts[:-1]
        return Row([Cell(p, i) for i, p in enumerate(parts)], loc, "fields", no)
    parts = text.split()
    return Row([Cell(p, None, loc) for p in parts], loc, "tokens", no)


def _is_number_line(text: str) -> bool:
    s = text.strip()
    return bool(s) and "\t" not in s and len(s.split()) == 1 and looks_numeric(s)


def _rows(lines: list[tuple[int, str]], line_loc: str) -> list[Row]:
    """Rows of one table region; one-cell-per-line tables are regrouped (labels, then their numbers)."""
    body = [(n, t) for n, t in lines if t.strip()]
    if not body:
        return []
    numbers = sum(1 for _, t in body if _is_number_line(t))
    separated = sum(1 for _, t in body if "\t" in t or "|" in t)
    if numbers >= 3 and numbers >= 0.25 * len(body) and separated <= 0.2 * len(body):
        rows = []
        labels: list[tuple[int, str]] = []
        nums: list[tuple[int, str]] = []

        def flush():
            if labels or nums:
                first = (labels or nums)[0][0]
                cells = []
                for n, t in labels:
                    cells += [Cell(p, None, line_loc % {"line": n}) for p in t.split()]
                cells += [Cell(t.strip(), None, line_loc % {"line": n}) for n, t in nums]
                last = (nums or labels)[-1][0]
                if first == last:
                    loc = line_loc % {"line": first}
                else:
                    loc = _("第%(first)s–%(last)s行") % {"first": first, "last": last}
                rows.append(Row(cells, loc, "tokens", first))

        for n, t in body:
            if _is_number_line(t):
                nums.append((n, t))
            else:
                if nums:
                    flush()
                    labels, nums = [], []
                labels.append((n, t))
        flush()
        return rows
    return [_row(n, t, line_loc) for n, t in body]


def _is_prose(text: str) -> bool:
    s = text.strip()
    return "\t" not in s and "|" not in s and len(compact(s)) > 30 and s.endswith(("。", "；", "：", ":"))


def parse(text: str, name: str = "") -> Document:
    raw = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    lines = _join_vertical([(i + 1, line) for i, line in enumerate(raw)])
    blocks: list = []
    region: int | None = None  # 2, 3, 4 while inside a table section
    pending: list[tuple[int, str]] = []
    line_loc = _line_loc()

    def close():
        nonlocal pending
        if pending:
            rows = _rows(pending, line_loc)
            if rows:
                blocks.append(Table(rows, line_loc % {"line": pending[0][0]}))
        pending = []

    for no, line in lines:
        s = line.strip()
        h = match_heading(s) if "\t" not in line else None
        if h is None and "\t" not in line:
            run_on = split_heading(s)
            h = run_on[0] if run_on else None
        if h is not None:
            close()
            blocks.append(Para(s, line_loc % {"line": no}, no))
            region = h + 1 if h in (1, 2, 3) else None
            continue
        if not s:
            continue
        anchor = next((b for b, rx in _ANCHORS if rx.search(compact(s))), None)
        if anchor is not None and anchor != region:
            close()
            region = anchor
        if region is not None and not _is_prose(s):
            pending.append((no, line))
            continue
        close()
        blocks.append(Para(s, line_loc % {"line": no}, no))
    close()
    return Document(blocks, "text", name, source_text=text)


def read_text(text: str, name: str = ""):
    return interpret(parse(text, name))


def read_bytes(data: bytes, name: str = ""):
    return read_text(decode(data), name)
