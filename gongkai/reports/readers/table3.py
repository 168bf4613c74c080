"""Table 三 (依申请公开): identifying each row by its label, reading its 7 numbers, and settling guesses
(split digits, shifted rows) by the table's column sums (V1, V3)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import product

from gongkai.i18n import gettext as _
from gongkai.i18n import ngettext
from gongkai.reports.core.formats import RESULTS_LABEL, SECTION3_COLUMNS, Format, get_format
from gongkai.reports.core.labels import compact, label_key
from gongkai.reports.core.model import Finding

from .common import BLANK_MARKS, Row, clean_cell
from .rows import Reading, View, loose, read_row, usual_width, view

# ----- tables ----------------------------------------------------------------------------------


def _positions_by_labels(rows: list[Row], wanted: list[str]) -> list[int] | None:
    """Grid columns of the header cells ``wanted`` (label keys), if all found in increasing order."""
    found: dict[str, int] = {}
    for r in rows:
        if r.grid == "tokens":
            return None
        for c in r.cells:
            if c.text is None or c.col is None:
                continue
            k = label_key(c.text)
            if k in wanted and k not in found:
                found[k] = c.col
    if len(found) != len(wanted):
        return None
    pos = [found[k] for k in wanted]
    return pos if pos == sorted(pos) and len(set(pos)) == len(pos) else None


@dataclass
class RowResult:
    row_id: str
    reading: Reading
    view: View


@lru_cache(maxsize=4096)
def _identify(template: str, cand: str):
    """The template row whose (loose) label is ``cand`` or ends it; the longest such label wins."""
    best, best_len = None, 0
    for r in get_format(template).section3_rows:
        key = loose(r.label)
        if (cand == key or (cand.endswith(key) and len(key) >= 2)) and len(key) > best_len:
            best, best_len = r, len(key)
    return best


class Reader3:
    def __init__(self, fmt: Format, rows: list[Row]):
        self.fmt = fmt
        self.rows = rows
        self.findings: list[Finding] = []
        self.results: dict[str, RowResult] = {}
        index = {}
        for r in fmt.section3_rows:
            index[loose(r.label)] = r
        self.index = index

    def identify(self, v: View):
        cand = loose(v.label)
        if not cand:
            return None
        return _identify(self.fmt.id, cand)

    def run(self) -> dict:
        header_end = 0
        views = [view(r) for r in self.rows]
        for i, v in enumerate(views):
            if "本年新收" in loose(v.label) or (v.has_numbers and self.identify(v)):
                header_end = i
                break
        else:
            header_end = len(views)
        header_rows = self.rows[:header_end]
        positions = _positions_by_labels(header_rows, [label_key(c) for c in SECTION3_COLUMNS])
        self._header_findings(header_rows)
        identified = []
        pending: list[View] = []  # label-only token rows just above: a label wrapped over several lines
        duplicates: set[str] = set()
        for v in views[header_end:]:
            r = self.identify(v)
            if r is None and v.row.grid == "tokens" and v.has_numbers and pending:
                for k in range(1, min(4, len(pending)) + 1):
                    joined = "".join(p.label for p in pending[-k:]) + v.label
                    r = _identify(self.fmt.id, loose(joined))
                    if r is not None:
                        v.label = joined
                        break
            if v.row.grid == "tokens" and not v.has_numbers and v.label:
                pending.append(v)
                continue
            pending = []
            if r is None:
                if v.has_numbers:
                    self.findings.append(
                        Finding(
                            "READ-UNKNOWN",
                            "warning",
                            _("“%(label)s”不是格式中的行，其数字未读取。") % {"label": v.label or _("（无标签）")},
                            v.row.loc,
                        )
                    )
                continue
            if r.id in self.results or any(x[0].id == r.id for x in identified):
                # Two rows claim the same label: one of them was misread; neither is trusted.
                duplicates.add(r.id)
                self.findings.append(
                    Finding(
                        "READ-DUPLICATE",
                        "warning",
                        _("“%(label)s”出现两次，无法确定哪一行是它，两行都不读取。") % {"label": r.label},
                        v.row.loc,
                    )
                )
                continue
            identified.append((r, v))
        # First pass: which shift do complete rows of each level show?
        check = _row_total_ok
        width = usual_width(self.rows)
        first = {r.id: read_row(v, 7, positions, check=check, width=width) for r, v in identified}
        shifts: dict[int, set] = {}
        counts: dict[int, int] = {}
        for r, _v in identified:
            rd = first[r.id]
            if rd.status == "ok" and rd.shift is not None:
                shifts.setdefault(r.level, set()).add(rd.shift)
                counts[r.level] = counts.get(r.level, 0) + 1
        hints = {lvl: next(iter(s)) for lvl, s in shifts.items() if len(s) == 1 and counts[lvl] >= 2}
        for r, v in identified:
            rd = first[r.id]
            if rd.status == "unreadable" and not rd.candidates and r.level in hints:
                rd = read_row(v, 7, positions, check=check, hint=hints[r.level], width=width)
            if r.id in duplicates:
                rd = Reading([None] * 7, "unreadable")
            elif v.row.grid == "tokens" and loose(v.label) != loose(r.label) and rd.status == "ok":
                rd.status = "inferred"  # matched on the label's ending only: the sums must confirm it
            self.results[r.id] = RowResult(r.id, rd, v)
        self._resolve_candidates()
        self._guard()
        self._shift_findings(identified)
        self._level_findings(identified)
        self._label_findings(identified)
        for res in self.results.values():
            for sev, rule, msg in res.reading.notes:
                self.findings.append(Finding(rule, sev, msg, res.view.row.loc))
        return {rid: res.reading.values for rid, res in self.results.items()}

    # --- sums --------------------------------------------------------------------------------
    def _equations(self):
        """Column equations of table 三 as (row ids on the left, row ids on the right)."""
        results = self.fmt.result_row_ids
        return [(["new", "carried_in"], ["total", "carried_out"]), (results, ["total"])]

    def _col_ok(self, values: dict, c: int) -> list[tuple[bool, set]]:
        out = []
        for left, right in self._equations():
            vals = [values.get(rid, [None] * 7)[c] for rid in left + right]
            if any(x is None for x in vals):
                continue
            ok = sum(vals[: len(left)]) == sum(vals[len(left) :])
            out.append((ok, set(left + right)))
        return out

    def _resolve_candidates(self):
        amb = [rid for rid, res in self.results.items() if res.reading.candidates]
        if not amb:
            return
        base = {rid: res.reading.values for rid, res in self.results.items()}
        options = [self.results[rid].reading.candidates for rid in amb]
        total = 1
        for o in options:
            total *= len(o)
        good = []
        if total <= 5000:
            for combo in product(*options):
                trial = dict(base)
                trial.update(dict(zip(amb, combo, strict=True)))
                checks = [self._col_ok(trial, c) for c in range(7)]
                if all(checks) and all(ok for col in checks for ok, _ in col):
                    good.append(combo)
                    if len(good) > 1:
                        break
        for i, rid in enumerate(amb):
            res = self.results[rid]
            shown = " ".join(clean_cell(c.text) for c in res.view.values if clean_cell(c.text) not in BLANK_MARKS)
            if len(good) == 1:
                res.reading = Reading(
                    list(good[0][i]),
                    "inferred",
                    notes=[
                        (
                            "info",
                            "READ-GLUED",
                            _("%(location)s：数字连在一起（“%(shown)s”），按行合计与列合计唯一拆分为 %(split)s。")
                            % {
                                "location": res.view.row.loc,
                                "shown": shown,
                                "split": " ".join(map(str, good[0][i])),
                            },
                        )
                    ],
                )
            else:
                res.reading.notes.append(
                    (
                        "warning",
                        "READ-UNREADABLE",
                        ngettext(
                            "%(location)s：数字连在一起（“%(shown)s”），有 %(n)s 种符合合计的拆分方法，无法确定，记为空。",
                            "%(location)s：数字连在一起（“%(shown)s”），有 %(n)s 种符合合计的拆分方法，无法确定，记为空。",
                            len(res.reading.candidates),
                        )
                        % {"location": res.view.row.loc, "shown": shown, "n": len(res.reading.candidates)},
                    )
                )

    def _guard(self):
        """Inferred rows must agree with the column sums they take part in; otherwise they are not trusted."""
        values = {rid: res.reading.values for rid, res in self.results.items()}
        inferred = {rid for rid, res in self.results.items() if res.reading.status == "inferred"}
        if not inferred:
            return
        distrust = set()
        for c in range(7):
            for ok, rows in self._col_ok(values, c):
                if not ok:
                    distrust |= rows & inferred
        # An inferred row whose equations cannot be checked at all stays, only if it was not a split.
        for rid in sorted(distrust):
            res = self.results[rid]
            res.reading = Reading(
                [None] * 7,
                "unreadable",
                notes=[
                    (
                        "warning",
                        "READ-UNREADABLE",
                        _("%(location)s：“%(row)s”行的读法无法由列合计印证，记为空。")
                        % {"location": res.view.row.loc, "row": self.fmt.section3_row(rid).short},
                    )
                ],
            )

    # --- findings about the table's form ------------------------------------------------------
    def _header_findings(self, header_rows):
        for r in header_rows:
            keys = [label_key(c.text) for c in r.cells if c.text]
            if "申请人情况" in keys and "总计" in keys:
                self.findings.append(
                    Finding(
                        "READ-HEADER",
                        "info",
                        _("表头“总计”与“申请人情况”在同一行；按格式“总计”是“申请人情况”之下的第二行表头。"),
                        r.loc,
                    )
                )

    def _shift_findings(self, identified):
        runs = []
        for r, _v in identified:
            res = self.results.get(r.id)
            k = res.reading.shift if res else None
            if k:
                if runs and runs[-1][0] == k and runs[-1][2] == identified.index((r, _v)) - 1:
                    runs[-1][1].append(r)
                    runs[-1][2] += 1
                else:
                    runs.append([k, [r], identified.index((r, _v))])
        for k, rows, _end in runs:
            first, last = self.results[rows[0].id].view.row.loc, self.results[rows[-1].id].view.row.loc
            where = first if first == last else _("%(first)s至%(last)s") % {"first": first, "last": last}
            if k > 0:
                text = _(
                    "%(n)s 行（“%(first)s”至“%(last)s”）的数字比表头右移了 %(k)s 列："
                    "按位置读会把“%(second_column)s”当作“%(first_column)s”；已按顺序读取每行的 7 个数。"
                )
            else:
                text = _(
                    "%(n)s 行（“%(first)s”至“%(last)s”）的数字比表头左移了 %(k)s 列："
                    "按位置读会把“%(second_column)s”当作“%(first_column)s”；已按顺序读取每行的 7 个数。"
                )
            values = {
                "n": len(rows),
                "first": rows[0].short,
                "last": rows[-1].short,
                "k": abs(k),
                "second_column": SECTION3_COLUMNS[1],
                "first_column": SECTION3_COLUMNS[0],
            }
            self.findings.append(Finding("READ-SHIFTED", "warning", text % values, where))

    def _level_findings(self, identified):
        by_level: dict[int, list] = {}
        for r, v in identified:
            if v.label_col is not None and v.row.grid != "tokens":
                by_level.setdefault(r.level, []).append(v.label_col)
        mode = {lvl: max(set(cols), key=cols.count) for lvl, cols in by_level.items() if cols}
        names = {
            1: _("一级项目（如“一、本年新收…”）"),
            2: _("二级项目（如“（一）予以公开”）"),
            3: _("三级项目（如“1.属于国家秘密”）"),
        }
        for r, v in identified:
            if v.label_col is None or v.row.grid == "tokens" or r.level not in mode:
                continue
            if v.label_col == mode[r.level]:
                continue
            wrong = next((lvl for lvl, col in mode.items() if col == v.label_col and lvl != r.level), None)
            column = v.label_col + 1
            where = names[wrong] if wrong else _("第%(column)s列") % {"column": column}
            parent = r.group or (RESULTS_LABEL if r.level == 2 else "")
            if parent:
                should = _("按格式它属于“%(parent)s”，是%(level)s") % {"parent": parent, "level": names[r.level]}
            else:
                should = _("按格式它是%(level)s") % {"level": names[r.level]}
            text = _("“%(label)s”放在了%(where)s所在的列（第%(column)s列）；%(should)s。") % {
                "label": v.label,
                "where": where,
                "column": column,
                "should": should,
            }
            self.findings.append(Finding("READ-LEVEL", "warning", text, v.row.loc))

    def _label_findings(self, identified):
        differ = []
        for r, v in identified:
            if compact(v.label) != compact(r.label) or re.search(r"\s", v.labels[-1].text if v.labels else ""):
                if v.row.grid != "tokens":
                    differ.append((r, v))
        if differ:
            r, v = differ[0]
            self.findings.append(
                Finding(
                    "READ-LABEL",
                    "info",
                    ngettext(
                        "表三有 %(n)s 个行标签与格式写法不同（半角标点、空格、编号样式等），"
                        "如“%(found)s”，格式为“%(label)s”；已按含义对应。",
                        "表三有 %(n)s 个行标签与格式写法不同（半角标点、空格、编号样式等），"
                        "如“%(found)s”，格式为“%(label)s”；已按含义对应。",
                        len(differ),
                    )
                    % {"n": len(differ), "found": (v.labels[-1].text or "").strip(), "label": r.label},
                    v.row.loc,
                )
            )


def _row_total_ok(vals):
    """V2 on one row: True/False, or None when a blank makes it uncheckable."""
    if any(v is None for v in vals):
        return None
    return sum(vals[:6]) == vals[6]
