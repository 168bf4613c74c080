"""Table 四 of the annual report, as pure functions (no Django).

Counting rules (documented in docs/cases.md):
* a case counts in the year of its ``filed_on`` (复议 受理 / 诉讼 立案);
* its column is the result in effect on 31 December of that year, mapped through the editable
  decision-type → 结果维持/结果纠正/其他结果 table; no result by then → 尚未审结;
* a lawsuit that was appealed by 31 December counts the second-instance result, and is 尚未审结
  until that result exists; "驳回上诉，维持原判" keeps the first-instance result.

The labels are the national format's words, marked with :mod:`gongkai.i18n` and translated where shown.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from gongkai.i18n import gettext as _
from gongkai.i18n import gettext_noop

RECONSIDERATION = "reconsideration"
LITIGATION = "litigation"
DIRECT = "direct"
AFTER_RECONSIDERATION = "after_reconsideration"

UPHELD = "upheld"
CORRECTED = "corrected"
OTHER = "other"
PENDING = "pending"
AFFIRMED = "affirmed"

# Report order (shared/spec/report-ids.md "section4 order").
GROUPS = [(RECONSIDERATION, ""), (LITIGATION, DIRECT), (LITIGATION, AFTER_RECONSIDERATION)]
COLUMNS = [UPHELD, CORRECTED, OTHER, PENDING]
TOTAL = "total"
GROUP_LABELS = [
    gettext_noop("行政复议"),
    gettext_noop("行政诉讼（未经复议直接起诉）"),
    gettext_noop("行政诉讼（复议后起诉）"),
]
COLUMN_LABELS = {
    UPHELD: gettext_noop("结果维持"),
    CORRECTED: gettext_noop("结果纠正"),
    OTHER: gettext_noop("其他结果"),
    PENDING: gettext_noop("尚未审结"),
    TOTAL: gettext_noop("总计"),
}


@dataclass(frozen=True)
class CaseFacts:
    kind: str
    route: str
    filed_on: date
    decision_type: str = ""
    decided_on: date | None = None
    appeal_filed_on: date | None = None
    appeal_decision: str = ""
    appeal_decided_on: date | None = None


def _by(d: date | None, as_of: date | None) -> bool:
    return d is not None and (as_of is None or d <= as_of)


def outcome_as_of(f: CaseFacts, as_of: date | None) -> str | None:
    """The decision type in effect on ``as_of`` (None: ever), or None while the case is pending."""
    if f.kind == LITIGATION and _by(f.appeal_filed_on, as_of):
        if f.appeal_decision and _by(f.appeal_decided_on, as_of):
            return f.decision_type if f.appeal_decision == AFFIRMED else f.appeal_decision
        return None
    if f.decision_type and _by(f.decided_on, as_of):
        return f.decision_type
    return None


def column_for(f: CaseFacts, year: int, mapping: Mapping[str, str]) -> str:
    """UPHELD / CORRECTED / OTHER / PENDING for the report of ``year``."""
    decision = outcome_as_of(f, date(year, 12, 31))
    if not decision:
        return PENDING
    return mapping.get(decision, OTHER)


def group_of(f: CaseFacts) -> int:
    if f.kind == RECONSIDERATION:
        return 0
    return 2 if f.route == AFTER_RECONSIDERATION else 1


def section4(facts: Iterable[CaseFacts], year: int, mapping: Mapping[str, str]) -> list[int]:
    """The 15 numbers of table 四 for cases filed in ``year``."""
    counts = [0] * 15
    for f in facts:
        if f.filed_on.year != year:
            continue
        g = group_of(f)
        counts[g * 5 + COLUMNS.index(column_for(f, year, mapping))] += 1
        counts[g * 5 + 4] += 1
    return counts


def cell(index: int) -> tuple[int, str]:
    """Index 0..14 → (group index, column key incl. TOTAL)."""
    if not 0 <= index < 15:
        raise ValueError(f"section4 index out of range: {index}")
    g, c = divmod(index, 5)
    return g, (COLUMNS + [TOTAL])[c]


def cell_label(index: int) -> str:
    g, c = cell(index)
    return _("%(group)s · %(column)s") % {"group": _(GROUP_LABELS[g]), "column": _(COLUMN_LABELS[c])}
