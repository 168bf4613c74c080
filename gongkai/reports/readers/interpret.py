"""From paragraphs and tables (any reader) to an ``AnnualReport`` plus reader findings.

The rule of this module: every number it returns is right, or it is ``None`` with a finding that says
why. Concretely:

* a row with exactly the expected count of clean numbers after its label is read in order, wherever
  the numbers sit (shifted columns are reported, not misread);
* a row with fewer numbers is read by position only when the table's header gives the columns and one
  alignment fits (or the other rows of the same level show which one); otherwise its cells are ``None``;
* digits run together are split only when the row's own sum (总计 = the six applicant types; 表四's
  group totals) leaves exactly one split, or the column sums of the table pick one;
* whatever was inferred (by position with blanks, or by splitting) is checked again against the
  column sums of table 三 (V1, V3); an inferred row that breaks them is set back to ``None``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from itertools import product

from gongkai.reports.core.formats import (
    HEADINGS,
    LEVEL2_GROUPS,
    RESULTS_LABEL,
    SECTION3_COLUMNS,
    SECTION4_RESULTS,
    Format,
    get_format,
)
from gongkai.reports.core.labels import compact, label_key
from gongkai.reports.core.model import AnnualReport, Finding

from .common import (
    BLANK_MARKS,
    Document,
    Para,
    Row,
    Table,
    Unreadable,
    clean_cell,
    is_garbled,
    is_label,
    looks_numeric,
    match_heading,
    parse_number,
    split_heading,
)

_DIGITS = re.compile(r"\d")


@lru_cache(maxsize=65536)
def loose(text: str) -> str:
    """label_key without digits: for matching labels whose numbering was split off or glued on."""
    return _DIGITS.sub("", label_key(text))


# ----- row views -------------------------------------------------------------------------------


@dataclass
class View:
    row: Row
    labels: list  # label cells
    values: list  # cells after the last label (covered cells left out)
    label: str  # the last label (token mode: every label token joined)
    label_col: int | None

    @property
    def has_numbers(self) -> bool:
        return any(looks_numeric(c.text) or is_garbled(c.text) for c in self.values)


def view(row: Row) -> View:
    cells = [c for c in row.cells if c.text is not None]
    if row.grid == "tokens":
        # Values are the trailing run of number-like tokens; everything before is the label.
        i = len(cells)
        while i > 0 and not is_label(cells[i - 1].text):
            i -= 1
        labels = cells[:i]
        joined = "".join(clean_cell(c.text) for c in labels)
        return View(row, labels, cells[i:], joined, None)
    last = None
    for idx, c in enumerate(cells):
        if is_label(c.text):
            last = idx
    if last is None:
        return View(row, [], cells, "", None)
    labels = [c for c in cells[: last + 1] if is_label(c.text)]
    return View(row, labels, cells[last + 1 :], clean_cell(cells[last].text), cells[last].col)


# ----- reading the numbers of one row -----------------------------------------------------------


@dataclass
class Reading:
    values: list  # n values, None = blank or unreadable
    status: str  # "ok" | "inferred" | "unreadable" | "blank"
    shift: int | None = None
    notes: list = field(default_factory=list)  # (severity, rule, message)
    candidates: list = field(default_factory=list)  # for an ambiguous split: every valid value list


def _cell_loc(row: Row, c) -> str:
    return f"{row.loc}第{c.col + 1}列" if c.col is not None else row.loc


@lru_cache(maxsize=65536)
def _kind(text: str, tokens_mode: bool) -> str:
    s = clean_cell(text)
    if s in BLANK_MARKS:
        return "blank"
    if not tokens_mode and re.search(r"\d\s+\d", text):
        return "unsure"  # two numbers in one cell, or a number broken by a space
    if looks_numeric(s) and re.fullmatch(r"[\d.,+-]+", s):
        # "05": a leading zero means two cells ran together; it is never read as one number.
        return "glued" if re.fullmatch(r"0\d+", s) else "num"
    return "unsure"


def _parse_slot(raw: str, kind: str):
    return parse_number(raw, decimal=kind == "dec", signed=kind == "signed")


def _splits(digits: str, parts: int):
    """Every way to cut a digit string into ``parts`` numbers without leading zeros."""
    if parts == 1:
        if len(digits) > 1 and digits[0] == "0":
            return
        yield [int(digits)]
        return
    for i in range(1, len(digits) - parts + 2):
        head = digits[:i]
        if len(head) > 1 and head[0] == "0":
            break
        for rest in _splits(digits[i:], parts - 1):
            yield [int(head), *rest]


def _glued(tokens: list, n: int, check) -> list[list]:
    """All readings of ``tokens`` (each a digit string or None for an unsure cell) as n numbers."""
    if check is None or any(t is None for t in tokens):
        return []
    extra = n - len(tokens)
    if extra <= 0 or sum(len(t) for t in tokens) < n or sum(len(t) for t in tokens) > 40:
        return []
    found = []
    # Distribute the extra parts over the tokens.
    choices = [range(0, min(extra, len(t) - 1) + 1) for t in tokens]
    for dist in product(*choices):
        if sum(dist) != extra:
            continue
        per = [list(_splits(t, k + 1)) for t, k in zip(tokens, dist, strict=True)]
        if any(not p for p in per):
            continue
        for combo in product(*per):
            vals = [v for part in combo for v in part]
            if check(vals):
                found.append(vals)
                if len(found) > 50:
                    return found
    return found


def read_row(
    v: View, n: int, positions: list[int] | None, *, kinds=None, check=None, hint=None, width=None, wide_ok=False
) -> Reading:
    """The n numbers of a row. ``width``: the usual number of fields of the table's rows; a flattened text
    row with fewer fields lost a separator (digits ran together), so its positions are not trusted."""
    kinds = kinds or ["int"] * n
    if v.row.grid == "fields" and width is not None and len(v.row.cells) < width:
        positions = None
    cells = v.values
    tokens_mode = v.row.grid == "tokens"
    toks = [(c, _kind(c.text or "", tokens_mode)) for c in cells]  # "num" | "glued" | "unsure" | "blank"
    present = [(c, k) for c, k in toks if k != "blank"]
    if not present:
        return Reading([None] * n, "blank")

    def value_of(cell, slot):
        got = _parse_slot(cell.text, kinds[slot])
        return got

    # 1. Exactly n single numbers: read in order (positions only tell whether the row is shifted).
    if len(present) == n and all(k == "num" for _, k in present):
        vals = [value_of(c, i) for i, (c, _) in enumerate(present)]
        if all(x is not None for x in vals):
            shift = None
            if positions and v.row.grid != "tokens" and all(c.col is not None for c, _ in present):
                deltas = {c.col - p for (c, _), p in zip(present, positions, strict=True)}
                shift = deltas.pop() if len(deltas) == 1 else None
            return Reading(vals, "ok", shift)

    # 2. By position, when the header gives the columns.
    if positions and v.row.grid != "tokens" and all(c.col is not None for c, _ in present):
        fits = []
        row_width = max(c.col + c.span for c in v.row.cells if c.col is not None)
        for k in range(-3, 4):
            slots = [p + k for p in positions]
            if v.label_col is not None and min(slots) <= v.label_col:
                continue
            if min(slots) < 0 or max(slots) >= row_width:
                continue
            ok = True
            for c, kind in present:
                covered = [i for i, s in enumerate(slots) if c.col <= s < c.col + c.span]
                # Tables 三 and 四 have no merged value cells: a wide one holds numbers run together.
                if len(covered) != 1 or (c.span > 1 and not wide_ok) or kind == "glued":
                    ok = False
                    break
            if ok:
                fits.append(k)
        chosen = None
        status = "ok"
        if len(fits) == 1:
            chosen = fits[0]
            status = "ok" if v.row.grid == "exact" and chosen == 0 else "inferred"
        elif len(fits) > 1 and hint in fits:
            chosen, status = hint, "inferred"
        elif len(fits) > 1 and v.row.grid == "exact" and 0 in fits:
            chosen = 0  # a real grid: the header's columns are the cells' columns
        if chosen is not None and status == "inferred" and check is not None:
            # A flattened row read by position must still add up where it can be checked.
            trial = [None] * n
            slots = [p + chosen for p in positions]
            for c, kind in present:
                i = next(i for i, s in enumerate(slots) if c.col <= s < c.col + c.span)
                trial[i] = value_of(c, i) if kind == "num" else None
            if _check_fails(check, trial):
                chosen = None
                fits = []
        if chosen is not None:
            vals = [None] * n
            notes = []
            slots = [p + chosen for p in positions]
            for c, kind in present:
                i = next(i for i, s in enumerate(slots) if c.col <= s < c.col + c.span)
                got = value_of(c, i) if kind == "num" else None
                if got is None:
                    notes.append(
                        (
                            "warning",
                            "READ-UNSURE",
                            f"{c.loc or _cell_loc(v.row, c)}“{c.text.strip()}”不是可确认的数字，记为空。",
                        )
                    )
                vals[i] = got
            return Reading(vals, status, chosen, notes)
        if len(fits) > 1:
            return Reading(
                [None] * n,
                "unreadable",
                notes=[
                    (
                        "warning",
                        "READ-UNREADABLE",
                        f"{v.row.loc}：有空白单元格，且数字可能偏移了列，无法确定各数对应哪一列，记为空。",
                    )
                ],
            )

    # 3. In order, splitting digits that ran together when the row's sums leave one reading.
    raw = [None if k == "unsure" else clean_cell(c.text).replace(",", "") for c, k in present]
    if len(raw) == n and any(t is None for t in raw):
        vals = [None if t is None else _parse_slot(t, kinds[i]) for i, t in enumerate(raw)]
        bad = [c for c, k in present if k == "unsure"]
        return Reading(
            vals,
            "ok",
            notes=[
                (
                    "warning",
                    "READ-UNSURE",
                    f"{c.loc or _cell_loc(v.row, c)}“{c.text.strip()}”不是可确认的数字，记为空。",
                )
                for c in bad
            ],
        )
    if len(raw) < n and all(t is None or t.isdigit() for t in raw):
        found = _glued(raw, n, check)
        shown = " ".join(clean_cell(c.text) for c, _ in present)
        if len(found) == 1:
            return Reading(
                found[0],
                "inferred",
                notes=[
                    (
                        "info",
                        "READ-GLUED",
                        f"{v.row.loc}：数字连在一起（“{shown}”），按行合计唯一拆分为 {' '.join(map(str, found[0]))}。",
                    )
                ],
            )
        if found:
            return Reading([None] * n, "unreadable", candidates=found, notes=[])
        return Reading(
            [None] * n,
            "unreadable",
            notes=[
                (
                    "warning",
                    "READ-UNREADABLE",
                    f"{v.row.loc}：应有 {n} 个数，只读到 {len(raw)} 个（“{shown}”），无法确定各数对应的列，记为空。",
                )
            ],
        )
    shown = " ".join(clean_cell(c.text) for c, _ in present)
    return Reading(
        [None] * n,
        "unreadable",
        notes=[
            ("warning", "READ-UNREADABLE", f"{v.row.loc}：应有 {n} 个数，读到 {len(raw)} 个（“{shown}”），记为空。")
        ],
    )


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
        return "2019", "表二表头（如“本年新制作数量”“上一年项目数量”）"
    if any(m in joined2 for m in _MARK_2021):
        return "2021", "表二表头（如“本年制发件数”“本年收费金额”）"
    text3 = compact("".join(c.text or "" for r in a.buckets[3] for c in r.cells))
    if "逾期不补正" in text3 or "收费通知" in text3:
        return "2021", "表三“（六）其他处理”的分项"
    if "其他处理" in text3 and "总计" in text3:
        i = text3.find("其他处理")
        nxt = text3[i + 4 : i + 40]
        if re.match(r"^[\d\s]*[(（]?七", nxt):
            return "2019", "表三“（六）其他处理”为单行"
    return None, ""


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
                            f"“{v.label or '（无标签）'}”不是格式中的行，其数字未读取。",
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
                        f"“{r.label}”出现两次，无法确定哪一行是它，两行都不读取。",
                        v.row.loc,
                    )
                )
                continue
            identified.append((r, v))
        # First pass: which shift do complete rows of each level show?
        check = _row_total_ok
        width = _usual_width(self.rows)
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
                            f"{res.view.row.loc}：数字连在一起（“{shown}”），按行合计与列合计唯一拆分为 "
                            f"{' '.join(map(str, good[0][i]))}。",
                        )
                    ],
                )
            else:
                res.reading.notes.append(
                    (
                        "warning",
                        "READ-UNREADABLE",
                        f"{res.view.row.loc}：数字连在一起（“{shown}”），有 {len(res.reading.candidates)} 种符合合计的拆分方法，"
                        "无法确定，记为空。",
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
                        f"{res.view.row.loc}：“{self.fmt.section3_row(rid).short}”行的读法无法由列合计印证，记为空。",
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
                        "表头“总计”与“申请人情况”在同一行；按格式“总计”是“申请人情况”之下的第二行表头。",
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
        for k, rows, _ in runs:
            first, last = self.results[rows[0].id].view.row.loc, self.results[rows[-1].id].view.row.loc
            where = first if first == last else f"{first}至{last}"
            direction = "右" if k > 0 else "左"
            self.findings.append(
                Finding(
                    "READ-SHIFTED",
                    "warning",
                    f"{len(rows)} 行（“{rows[0].short}”至“{rows[-1].short}”）的数字比表头{direction}移了 {abs(k)} 列："
                    f"按位置读会把“{SECTION3_COLUMNS[1]}”当作“{SECTION3_COLUMNS[0]}”；已按顺序读取每行的 7 个数。",
                    where,
                )
            )

    def _level_findings(self, identified):
        by_level: dict[int, list] = {}
        for r, v in identified:
            if v.label_col is not None and v.row.grid != "tokens":
                by_level.setdefault(r.level, []).append(v.label_col)
        mode = {lvl: max(set(cols), key=cols.count) for lvl, cols in by_level.items() if cols}
        names = {
            1: "一级项目（如“一、本年新收…”）",
            2: "二级项目（如“（一）予以公开”）",
            3: "三级项目（如“1.属于国家秘密”）",
        }
        for r, v in identified:
            if v.label_col is None or v.row.grid == "tokens" or r.level not in mode:
                continue
            if v.label_col == mode[r.level]:
                continue
            wrong = next((lvl for lvl, col in mode.items() if col == v.label_col and lvl != r.level), None)
            where = names[wrong] if wrong else f"第{v.label_col + 1}列"
            parent = r.group or (RESULTS_LABEL if r.level == 2 else "")
            should = f"按格式它属于“{parent}”，是{names[r.level]}" if parent else f"按格式它是{names[r.level]}"
            self.findings.append(
                Finding(
                    "READ-LEVEL",
                    "warning",
                    f"“{v.label}”放在了{where}所在的列（第{v.label_col + 1}列）；{should}。",
                    v.row.loc,
                )
            )

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
                    f"表三有 {len(differ)} 个行标签与格式写法不同（半角标点、空格、编号样式等），"
                    f"如“{(v.labels[-1].text or '').strip()}”，格式为“{r.label}”；已按含义对应。",
                    v.row.loc,
                )
            )


def _check_fails(check, values) -> bool:
    """True when a check that can be evaluated on ``values`` fails (groups with blanks are skipped)."""
    return check(values) is False


def _usual_width(rows: list[Row]) -> int | None:
    lengths = [len(r.cells) for r in rows if r.grid == "fields"]
    return max(set(lengths), key=lengths.count) if lengths else None


def _row_total_ok(vals):
    """V2 on one row: True/False, or None when a blank makes it uncheckable."""
    if any(v is None for v in vals):
        return None
    return sum(vals[:6]) == vals[6]


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
                findings.append(
                    Finding("READ-UNKNOWN", "warning", f"表二“{v.label}”不是格式中的项目，其数字未读取。", row.loc)
                )
            continue
        if spec.id in values:
            continue
        n = len(spec.columns)
        kinds = ["dec" if i in spec.decimal else "signed" if i in spec.signed else "int" for i in range(n)]
        pos = positions if positions and len(positions) == n else None
        rd = read_row(v, n, pos, kinds=kinds, width=_usual_width(rows), wide_ok=True)
        if rd.status == "inferred":
            # Table 二 has no sums to confirm a guess by: trust positions only in a real grid.
            rd = Reading([None] * n, "unreadable", notes=[*rd.notes, ("warning", "READ-UNREADABLE", f"{row.loc}：表二“{spec.label}”的数字位置无法确认，记为空。")]) if row.grid != "fields" or rd.shift != 0 else rd  # fmt: skip
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
                f"表四表头有 {len(spaced)} 处文字中间有空格（如“{spaced[0].strip()}”，竖排换行留下的痕迹），格式为“{label_key(spaced[0])}”。",
                header[0].loc,
            )
        )
    if not data:
        return None, "", findings
    row = data[0]
    v = view(row)
    v.label_col = None
    rd = read_row(v, 15, positions, check=_groups_ok, width=_usual_width(rows))
    if rd.status == "unreadable" and len(rd.candidates) > 1:
        rd.notes.append(("warning", "READ-UNREADABLE", f"{row.loc}：表四数字连在一起，有多种拆分方法，记为空。"))
    for sev, rule, msg in rd.notes:
        findings.append(Finding(rule, sev, msg, row.loc))
    if len(data) > 1:
        findings.append(Finding("READ-UNKNOWN", "info", f"表四有 {len(data)} 行数字，只读取第一行。", data[1].loc))
    return rd.values, row.loc, findings


# ----- the whole report --------------------------------------------------------------------------

_TITLE = re.compile(r"^(?P<org>.*?)\s*(?P<year>\d{4})\s*年度?\s*(?:政府信息公开|政务公开)")


def interpret(doc: Document) -> AnnualReport:
    a = assemble(doc)
    if not a.headings and not any(a.buckets.values()):
        raise Unreadable("找不到年度报告的标题或表格（一、总体情况……表二、表三、表四）")
    findings: list[Finding] = list(doc.notes)
    template, why = detect_template(a)
    if template is None:
        findings.append(
            Finding(
                "READ-TEMPLATE", "warning", "无法从表头判断格式（2019 或 2021），按 2021 年格式读取。", "表二、表三表头"
            )
        )
        template = "2021"
    else:
        findings.append(
            Finding(
                "READ-TEMPLATE",
                "info",
                f"按{why}判断为{get_format(template).notice}规定的格式。",
                "表头",
            )
        )
    fmt = get_format(template)
    report = AnnualReport.empty(template)
    report.source_rows = {b: list(rows) for b, rows in a.buckets.items()}  # for showing the source next to the reading
    # The title: the first line before 一、 that names an agency and a year (a page's <title> often names neither).
    candidates = [t.strip() for t in a.preamble if "报告" in t and len(compact(t)) < 80]
    title = a.title or (a.preamble[0].strip() if a.preamble else "")
    for cand in candidates:
        m = _TITLE.search(compact(cand))
        if m and m.group("org"):
            title = cand
            break
    report.title = title
    m = _TITLE.search(compact(title))
    if m:
        report.organization = m.group("org")
        report.year = int(m.group("year"))
    report.headings = [t for _, t, _ in a.headings]
    report.sections = {
        "overview": "\n".join(a.texts[0]).strip(),
        "problems": "\n".join(a.texts[4]).strip(),
        "other": "\n".join(a.texts[5]).strip(),
    }
    if report.year is None:
        ym = re.search(
            r"统计(?:时限|期限|时间)[^。]*?(\d{4})\s*年\s*1\s*月\s*1\s*日", "\n".join(a.texts[5] + a.texts[0])
        )
        if ym:
            report.year = int(ym.group(1))

    # 表二
    s2, src2, f2 = read_section2(fmt, a.buckets[2])
    report.section2.update(s2)
    report.sources.update(src2)
    findings += f2
    # 表三
    r3 = Reader3(fmt, a.buckets[3])
    s3 = r3.run() if a.buckets[3] else {}
    for rid, vals in s3.items():
        report.section3[rid] = vals
        report.sources[f"section3.{rid}"] = r3.results[rid].view.row.loc
    findings += r3.findings
    # 表四
    s4, loc4, f4 = read_section4(a.buckets[4])
    if s4 is not None:
        report.section4 = s4
        report.sources["section4"] = loc4
    findings += f4

    findings += _completeness(fmt, a, s2, s3, s4)
    report.findings = findings
    return report


def _completeness(fmt: Format, a: Assembled, s2, s3, s4) -> list[Finding]:
    out = []
    present = {h for h, _, _ in a.headings}
    last_seen = max([h for h, _, _ in a.headings] + [b - 1 for b in (2, 3, 4) if a.buckets[b]] or [-1])
    missing3 = [r for r in fmt.section3_rows if r.id not in s3]
    missing2 = [r for r in fmt.section2_rows if r.id not in s2]
    truncated = last_seen < 5
    if truncated:
        tail = []
        if missing3 and s3:
            tail.append(f"表三自“{missing3[0].label}”起的 {len(missing3)} 行")
        for i in range(last_seen + 1, 6):
            tail.append(f"“{HEADINGS[i]}”")
        out.append(
            Finding(
                "READ-TRUNCATED",
                "error",
                "文档不完整（在“" + HEADINGS[max(last_seen, 0)] + "”部分中断）：" + "、".join(tail) + " 无法核对。",
                "文末",
            )
        )
    else:
        if a.buckets[3] and missing3:
            out.append(
                Finding(
                    "READ-MISSING",
                    "warning",
                    "表三缺少以下行，无法核对："
                    + "、".join(f"“{r.short}”" for r in missing3[:8])
                    + ("等" if len(missing3) > 8 else "")
                    + "。",
                    "表三",
                )
            )
        if a.buckets[2] and missing2:
            out.append(
                Finding("READ-MISSING", "warning", "表二缺少：" + "、".join(r.label for r in missing2) + "。", "表二")
            )
    for b, name in ((2, "表二（主动公开）"), (3, "表三（依申请公开）"), (4, "表四（行政复议、行政诉讼）")):
        if not a.buckets[b] and (not truncated or b - 1 <= last_seen) and (b - 1) in present | {b - 1}:
            if b - 1 in present or not truncated:
                out.append(Finding("READ-MISSING", "error", f"找不到{name}。", HEADINGS[b - 1]))
    if a.buckets[4] and s4 is None:
        out.append(Finding("READ-MISSING", "error", "表四没有数字行。", "表四"))
    return out


# Re-export for readers.
__all__ = ["interpret", "loose", "LEVEL2_GROUPS", "Decimal"]
