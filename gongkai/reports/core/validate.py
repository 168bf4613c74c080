"""The validator: one rule per function, each returning findings with a Chinese message quoting the numbers.

Rules V1–V9 are those of shared/spec/regulation.md §2.6; the R-* rules are the further checks of issue 6.
Blank cells (None) are never treated as 0: a sum with a blank cell is not checked, and one
``V0`` finding says how many cells could not be checked.

Law-as-data: the lists of known statute titles, known wrong titles, known mis-typings and the levels
that enact no 规章 are module-level data (``KNOWN_STATUTES`` …) that callers may extend.

The rules live in :mod:`.rules`, grouped by what they check: ``cells`` (V0, V7), ``section3`` (V1–V5),
``section2_4`` (V6, V8, R-LEVEL), ``text`` (V9, R-TEXT-NUMBERS, R-STATUTE, R-TYPO) and ``document``
(R-SECTIONS, R-PERIOD, R-DEADLINE). This module lists them in order and runs them.
"""

from __future__ import annotations

from datetime import date

from .formats import get_format
from .model import AnnualReport, Finding
from .rules.cells import rule_blank_cells, rule_v7_numbers
from .rules.common import Rule
from .rules.document import rule_deadline, rule_sections, rule_statistics_period
from .rules.section2_4 import NO_REGULATION_LEVELS, rule_level, rule_v6_section4_totals, rule_v8_in_force
from .rules.section3 import (
    rule_v1_balance,
    rule_v2_row_totals,
    rule_v3_results_total,
    rule_v4_counted_once,
    rule_v5_carry_over,
)
from .rules.text import (
    KNOWN_STATUTES,
    KNOWN_TYPOS,
    KNOWN_WRONG_TITLES,
    rule_statutes,
    rule_text_numbers,
    rule_typos,
    rule_v9_fees,
)

RULES: list[Rule] = [
    rule_blank_cells,
    rule_v1_balance,
    rule_v2_row_totals,
    rule_v3_results_total,
    rule_v4_counted_once,
    rule_v5_carry_over,
    rule_v6_section4_totals,
    rule_v7_numbers,
    rule_v8_in_force,
    rule_v9_fees,
    rule_text_numbers,
    rule_level,
    rule_sections,
    rule_statutes,
    rule_typos,
    rule_statistics_period,
    rule_deadline,
]


def validate(
    report: AnnualReport,
    *,
    previous: AnnualReport | None = None,
    level: str | None = None,
    published_on: date | None = None,
    deadline: date | None = None,
) -> list[Finding]:
    """All findings on ``report`` (errors first). Does not modify the report."""
    get_format(report.template)  # unknown template -> ValueError
    findings: list[Finding] = []
    for rule in RULES:
        findings.extend(rule(report, previous=previous, level=level, published_on=published_on, deadline=deadline))
    order = {"error": 0, "warning": 1, "info": 2}
    return sorted(findings, key=lambda f: order[f.severity])


__all__ = [
    "KNOWN_STATUTES",
    "KNOWN_TYPOS",
    "KNOWN_WRONG_TITLES",
    "NO_REGULATION_LEVELS",
    "RULES",
    "Rule",
    "rule_blank_cells",
    "rule_v1_balance",
    "rule_v2_row_totals",
    "rule_v3_results_total",
    "rule_v4_counted_once",
    "rule_v5_carry_over",
    "rule_v6_section4_totals",
    "rule_v7_numbers",
    "rule_v8_in_force",
    "rule_v9_fees",
    "rule_text_numbers",
    "rule_level",
    "rule_sections",
    "rule_statutes",
    "rule_typos",
    "rule_statistics_period",
    "rule_deadline",
    "validate",
]
