"""Reading the numbers of one table row: the row's label and value cells (``view``) and ``read_row``.

A row with exactly the expected count of clean numbers is read in order; a row with fewer is read by
position only when the header's columns leave one alignment; digits run together are split only when a
``check`` (the row's own sums) leaves exactly one reading. See :mod:`.interpret` for the whole rule.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import product

from gongkai.i18n import gettext as _
from gongkai.i18n import ngettext
from gongkai.reports.core.labels import label_key

from .common import BLANK_MARKS, Row, clean_cell, is_garbled, is_label, looks_numeric, parse_number

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
    return _("%(row)s第%(column)s列") % {"row": row.loc, "column": c.col + 1} if c.col is not None else row.loc


def _unsure(row: Row, c) -> str:
    return _("%(location)s“%(text)s”不是可确认的数字，记为空。") % {
        "location": c.loc or _cell_loc(row, c),
        "text": c.text.strip(),
    }


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
            if check_fails(check, trial):
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
                            _unsure(v.row, c),
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
                        _("%(location)s：有空白单元格，且数字可能偏移了列，无法确定各数对应哪一列，记为空。")
                        % {"location": v.row.loc},
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
                    _unsure(v.row, c),
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
                        _("%(location)s：数字连在一起（“%(shown)s”），按行合计唯一拆分为 %(split)s。")
                        % {"location": v.row.loc, "shown": shown, "split": " ".join(map(str, found[0]))},
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
                    ngettext(
                        "%(location)s：应有 %(n)s 个数，只读到 %(got)s 个（“%(shown)s”），无法确定各数对应的列，记为空。",
                        "%(location)s：应有 %(n)s 个数，只读到 %(got)s 个（“%(shown)s”），无法确定各数对应的列，记为空。",
                        n,
                    )
                    % {"location": v.row.loc, "n": n, "got": len(raw), "shown": shown},
                )
            ],
        )
    shown = " ".join(clean_cell(c.text) for c, _ in present)
    return Reading(
        [None] * n,
        "unreadable",
        notes=[
            (
                "warning",
                "READ-UNREADABLE",
                ngettext(
                    "%(location)s：应有 %(n)s 个数，读到 %(got)s 个（“%(shown)s”），记为空。",
                    "%(location)s：应有 %(n)s 个数，读到 %(got)s 个（“%(shown)s”），记为空。",
                    n,
                )
                % {"location": v.row.loc, "n": n, "got": len(raw), "shown": shown},
            )
        ],
    )


def check_fails(check, values) -> bool:
    """True when a check that can be evaluated on ``values`` fails (groups with blanks are skipped)."""
    return check(values) is False


def usual_width(rows: list[Row]) -> int | None:
    lengths = [len(r.cells) for r in rows if r.grid == "fields"]
    return max(set(lengths), key=lengths.count) if lengths else None
