"""Paragraphs and tables in reading order → headings, section texts and the rows of tables 二, 三 and 四;
and which national format (2019 or 2021) the tables' headers show."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from gongkai.i18n import gettext as _
from gongkai.reports.core.labels import compact, label_key

from .common import Document, Para, Table, match_heading, split_heading

# ----- assembling the document -----------------------------------------------------------------


def classify_table(table: Table) -> int | None:
    text = compact("".join(c.text or "" for r in table.rows for c in r.cells))
    if "第二十条" in text or "信息内容" in text:
        return 2
    if "自然人" in text or "勾稽" in text or "本年新收" in text or "申请人情况" in text or "予以公开" in text:
        return 3
    if "行政复议" in text or "复议后起诉" in text or "尚未审结" in text:
        return 4
    return None


@dataclass
class Assembled:
    title: str = ""
    headings: list = field(default_factory=list)  # (index 0–5, text, loc)
    texts: dict = field(default_factory=lambda: {i: [] for i in range(6)})
    buckets: dict = field(default_factory=lambda: {2: [], 3: [], 4: []})
    order: list = field(default_factory=list)  # what was seen, in order: ("heading", i) / ("table", b)
    preamble: list = field(default_factory=list)


def assemble(doc: Document) -> Assembled:
    a = Assembled()
    current = None
    last_bucket = None
    for block in doc.blocks:
        if isinstance(block, Para):
            h = match_heading(block.text)
            run_on = split_heading(block.text) if h is None else None
            if h is not None or run_on is not None:
                heading = block.text.strip() if run_on is None else run_on[1]
                h = h if run_on is None else run_on[0]
                a.headings.append((h, heading, block.loc))
                a.order.append(("heading", h))
                current = h
                last_bucket = None
                if run_on is not None and h in (0, 4, 5):
                    a.texts[h].append(run_on[2])
                continue
            if current is None:
                a.preamble.append(block.text)
                if not a.title and "报告" in block.text and len(compact(block.text)) < 80:
                    a.title = block.text.strip()
            else:
                a.texts[current].append(block.text)
            continue
        bucket = classify_table(block)
        if bucket is None:
            bucket = last_bucket or (current + 1 if current in (1, 2, 3) else None)
        if bucket is None:
            continue
        a.buckets[bucket].extend(block.rows)
        a.order.append(("table", bucket))
        last_bucket = bucket
    return a


# ----- template detection ------------------------------------------------------------------------

_MARK_2019 = ("本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "第二十条第九项", "采购项目数量")
_MARK_2021 = ("本年制发件数", "本年废止件数", "现行有效件数", "本年收费金额", "本年处理决定数量")


def detect_template(a: Assembled) -> tuple[str | None, str]:
    """'2021' | '2019' | None, from the table headers only (never from the year or the notice cited)."""
    keys2 = {label_key(c.text or "") for r in a.buckets[2] for c in r.cells}
    joined2 = "|".join(keys2)
    if any(m in joined2 for m in _MARK_2019):
        return "2019", _("表二表头（如“本年新制作数量”“上一年项目数量”）")
    if any(m in joined2 for m in _MARK_2021):
        return "2021", _("表二表头（如“本年制发件数”“本年收费金额”）")
    text3 = compact("".join(c.text or "" for r in a.buckets[3] for c in r.cells))
    if "逾期不补正" in text3 or "收费通知" in text3:
        return "2021", _("表三“（六）其他处理”的分项")
    if "其他处理" in text3 and "总计" in text3:
        i = text3.find("其他处理")
        nxt = text3[i + 4 : i + 40]
        if re.match(r"^[\d\s]*[(（]?七", nxt):
            return "2019", _("表三“（六）其他处理”为单行")
    return None, ""
