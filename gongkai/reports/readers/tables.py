"""Tables 二 (主动公开) and 四 (行政复议、行政诉讼): one reading per row, no column sums to lean on."""

from __future__ import annotations

import re

from gongkai.i18n import gettext as _
from gongkai.i18n import ngettext
from gongkai.reports.core.formats import SECTION4_RESULTS, Format
from gongkai.reports.core.labels import label_key
from gongkai.reports.core.model import Finding

from .common import Row, is_garbled, is_label, looks_numeric
from .rows import Reading, read_row, usual_width, view


def _groups_ok(vals):
    """V6 on 表四: False if a complete group does not add up, None if no group could be checked."""
    checked = False
    for s in (0, 5, 10):
        g = vals[s : s + 5]
        if any(v is None for v in g):
            continue
        checked = True
        if sum(g[:4]) != g[4]:
            return False
    return True if checked else None


def read_section2(fmt: Format, rows: list[Row]):
    findings: list[Finding] = []
    values: dict = {}
    sources: dict = {}
    index = {label_key(r.label): r for r in fmt.section2_rows}
    positions = None
    for row in rows:
        v = view(row)
        keys = [label_key(c.text) for c in row.cells if c.text]
        if "信息内容" in keys:
            cols = [c.col for c in row.cells if c.text and label_key(c.text) != "信息内容" and is_label(c.text)]
            positions = cols if row.grid != "tokens" and all(x is not None for x in cols) else None
            continue
        key = label_key(v.label)
        spec = index.get(key)
        if spec is None:
            for k, s in index.items():
                if key.endswith(k) and (spec is None or len(k) > len(label_key(spec.label))):
                    spec = s
        if spec is None:
            if v.has_numbers:
                text = _("表二“%(label)s”不是格式中的项目，其数字未读取。") % {"label": v.label}
                findings.append(Finding("READ-UNKNOWN", "warning", text, row.loc))
            continue
        if spec.id in values:
            continue
        n = len(spec.columns)
        kinds = ["dec" if i in spec.decimal else "signed" if i in spec.signed else "int" for i in range(n)]
        pos = positions if positions and len(positions) == n else None
        rd = read_row(v, n, pos, kinds=kinds, width=usual_width(rows), wide_ok=True)
        if rd.status == "inferred":
            # Table 二 has no sums to confirm a guess by: trust positions only in a real grid.
            if row.grid != "fields" or rd.shift != 0:
                text = _("%(location)s：表二“%(label)s”的数字位置无法确认，记为空。") % {
                    "location": row.loc,
                    "label": spec.label,
                }
                rd = Reading([None] * n, "unreadable", notes=[*rd.notes, ("warning", "READ-UNREADABLE", text)])
        values[spec.id] = rd.values[0] if spec.scalar else rd.values
        sources[f"section2.{spec.id}"] = row.loc
        for sev, rule, msg in rd.notes:
            findings.append(Finding(rule, sev, msg, row.loc))
    return values, sources, findings


def read_section4(rows: list[Row]):
    findings: list[Finding] = []
    header = [r for r in rows if not any(looks_numeric(c.text) for c in r.cells if c.text)]
    data = [r for r in rows if any(looks_numeric(c.text) or is_garbled(c.text) for c in r.cells if c.text)]
    positions = None
    if header and all(r.grid != "tokens" for r in header):
        cols = sorted(
            {
                c.col
                for r in header
                for c in r.cells
                if c.text and c.col is not None and label_key(c.text) in SECTION4_RESULTS
            }
        )
        positions = cols if len(cols) == 15 else None
    spaced = [c.text for r in header for c in r.cells if c.text and label_key(c.text) in SECTION4_RESULTS and re.search(r"\S\s+\S", c.text)]  # fmt: skip
    if spaced:
        findings.append(
            Finding(
                "READ-LABEL",
                "info",
                ngettext(
                    "表四表头有 %(n)s 处文字中间有空格（如“%(found)s”，竖排换行留下的痕迹），格式为“%(label)s”。",
                    "表四表头有 %(n)s 处文字中间有空格（如“%(found)s”，竖排换行留下的痕迹），格式为“%(label)s”。",
                    len(spaced),
                )
                % {"n": len(spaced), "found": spaced[0].strip(), "label": label_key(spaced[0])},
                header[0].loc,
            )
        )
    if not data:
        return None, "", findings
    row = data[0]
    v = view(row)
    v.label_col = None
    rd = read_row(v, 15, positions, check=_groups_ok, width=usual_width(rows))
    if rd.status == "unreadable" and len(rd.candidates) > 1:
        text = _("%(location)s：表四数字连在一起，有多种拆分方法，记为空。") % {"location": row.loc}
        rd.notes.append(("warning", "READ-UNREADABLE", text))
    for sev, rule, msg in rd.notes:
        findings.append(Finding(rule, sev, msg, row.loc))
    if len(data) > 1:
        text = ngettext("表四有 %(n)s 行数字，只读取第一行。", "表四有 %(n)s 行数字，只读取第一行。", len(data))
        findings.append(Finding("READ-UNKNOWN", "info", text % {"n": len(data)}, data[1].loc))
    return rd.values, row.loc, findings
