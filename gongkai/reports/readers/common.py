"""What every reader produces before interpretation: a document as paragraphs and tables.

A reader (text, HTML, DOCX, PDF) turns its input into a list of :class:`Para` and :class:`Table`
blocks in reading order; :mod:`.interpret` turns those blocks into an ``AnnualReport`` plus findings.
Every block, row and cell carries its location in the source ("第12行", "表格2 第5行 第3列"),
so each finding can point at what the user sees.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from gongkai.reports.core.formats import HEADINGS
from gongkai.reports.core.labels import compact, split_numbering


class Unreadable(Exception):
    """The input is not a readable document (exit code 2 of ``gongkai report check``)."""


@dataclass(slots=True)
class Cell:
    text: str | None  # None: covered by another cell's rowspan/colspan
    col: int | None  # grid column (None when positions are unknown, e.g. space-separated text)
    loc: str = ""
    span: int = 1  # number of grid columns the cell covers


@dataclass(slots=True)
class Row:
    cells: list[Cell]
    loc: str
    # "exact": a real grid (HTML/DOCX/PDF table, spans known); "fields": separated text whose merged cells
    # were flattened (tab or | separated); "tokens": whitespace-separated text, positions meaningless.
    grid: str = "exact"
    line: int | None = None


@dataclass
class Table:
    rows: list[Row]
    loc: str = ""


@dataclass
class Para:
    text: str
    loc: str = ""
    line: int | None = None


@dataclass
class Document:
    blocks: list
    kind: str  # "text" | "html" | "docx" | "pdf"
    name: str = ""
    notes: list = field(default_factory=list)  # reader findings made before interpretation
    # Every heading/table region a reader could not assign (for text: lines that look like a table).
    source_text: str | None = None


# ----- headings ----------------------------------------------------------------------------------

_HEADING_WORDS = [
    ("总体情况",),
    ("主动公开",),
    ("收到和处理", "申请情况", "依申请"),
    ("复议", "诉讼"),
    ("问题", "改进"),
    ("其他需要报告", "其他事项", "需要报告"),
]


@lru_cache(maxsize=65536)
def match_heading(text: str) -> int | None:
    """Index 0–5 of the report heading this line is (一、总体情况 … 六、其他需要报告的事项), or None."""
    s = compact(text)
    if not s or len(s) > 40 or s.endswith(("。", "；")):
        return None
    kind, num, rest = split_numbering(s)
    if kind != "cn" or num is None or not 1 <= num <= 6:
        return None
    if any(w in rest for w in _HEADING_WORDS[num - 1]):
        return num - 1
    return None


HEADING_TEXT = HEADINGS


def split_heading(text: str) -> tuple[int, str, str] | None:
    """A line that starts with a template heading and runs on ("一、总体情况。2024年，……"):
    (index, heading as written, the rest), or None."""
    raw = text.strip()
    for i, h in enumerate(HEADINGS):
        ch = compact(h)
        if not compact(raw[: len(h) + 8]).startswith(ch):
            continue
        # Find where the heading ends in the raw text (spaces may be inside it).
        seen = 0
        for j, c in enumerate(raw):
            if not c.isspace():
                seen += 1
            if seen == len(ch):
                rest = raw[j + 1 :].lstrip(" 　。.:：")
                return (i, raw[: j + 1], rest) if rest else None
    return None


# ----- numbers --------------------------------------------------------------------------------

BLANK_MARKS = {"", "-", "—", "——", "–", "/", "\\", "无", "空", "－", "／", "…"}
_INT = re.compile(r"^\d{1,9}$")
_GROUPED = re.compile(r"^\d{1,3}(?:,\d{3})+$")
_DEC = re.compile(r"^\d{1,9}(?:\.\d{1,6})?$")
_SIGNED = re.compile(r"^[-+]\d{1,9}$")


@lru_cache(maxsize=65536)
def clean_cell(text: str | None) -> str:
    return compact(text or "")


def is_blank(text: str | None) -> bool:
    return clean_cell(text) in BLANK_MARKS


@lru_cache(maxsize=65536)
def parse_number(text: str, *, decimal: bool = False, signed: bool = False):
    """The number in a cell, or None if the cell does not hold exactly one number."""
    s = clean_cell(text)
    if _INT.match(s):
        return Decimal(s) if decimal else int(s)
    if _GROUPED.match(s):
        v = int(s.replace(",", ""))
        return Decimal(v) if decimal else v
    if decimal and _DEC.match(s):
        return Decimal(s)
    if signed and _SIGNED.match(s):
        return int(s)
    return None


_NUMERICISH = re.compile(r"^[\d.,\s+-]+$")


@lru_cache(maxsize=65536)
def looks_numeric(text: str | None) -> bool:
    """A value cell (digits, possibly glued or malformed) rather than a label."""
    s = clean_cell(text)
    return bool(s) and bool(_NUMERICISH.match(s)) and any(c.isdigit() for c in s)


_LABEL_CHAR = re.compile(r"[\u3400-\u9fffA-Za-z]")
_GARBLED = re.compile(r"^[\dOoIlSBZ|?*＊？.,]{1,8}$")


@lru_cache(maxsize=65536)
def is_garbled(text: str | None) -> bool:
    """A value cell that is not a clean number but clearly meant one ("1O", "l2", "3?"): unsure, not a label."""
    s = clean_cell(text)
    return bool(_GARBLED.match(s)) and any(c.isdigit() for c in s) and not looks_numeric(s)


@lru_cache(maxsize=65536)
def is_label(text: str | None) -> bool:
    s = clean_cell(text)
    return (
        bool(s) and s not in BLANK_MARKS and bool(_LABEL_CHAR.search(s)) and not looks_numeric(s) and not is_garbled(s)
    )
