"""Table 四 counting, pure (no database)."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.cases import counting as c

MAPPING = {
    "uphold": c.UPHELD,
    "reject_claims": c.UPHELD,
    "revoke": c.CORRECTED,
    "confirm_illegal": c.CORRECTED,
    "order_performance": c.CORRECTED,
    "dismiss": c.OTHER,
    "withdrawn": c.OTHER,
}


def recon(filed, decision="", decided=None):
    return c.CaseFacts(kind=c.RECONSIDERATION, route="", filed_on=filed, decision_type=decision, decided_on=decided)


def suit(filed, route=c.DIRECT, decision="", decided=None, appeal=None, appeal_decision="", appeal_decided=None):
    return c.CaseFacts(
        kind=c.LITIGATION,
        route=route,
        filed_on=filed,
        decision_type=decision,
        decided_on=decided,
        appeal_filed_on=appeal,
        appeal_decision=appeal_decision,
        appeal_decided_on=appeal_decided,
    )


def test_a_case_decided_after_31_december_is_pending_in_its_filing_year():
    f = recon(date(2024, 11, 20), "revoke", date(2025, 1, 15))
    assert c.column_for(f, 2024, MAPPING) == c.PENDING
    assert c.section4([f], 2024, MAPPING)[:5] == [0, 0, 0, 1, 1]


def test_a_case_decided_on_31_december_counts_its_result():
    f = recon(date(2024, 11, 20), "revoke", date(2024, 12, 31))
    assert c.section4([f], 2024, MAPPING)[:5] == [0, 1, 0, 0, 1]


def test_a_case_counts_only_in_the_year_it_was_filed():
    f = recon(date(2023, 12, 20), "uphold", date(2024, 2, 1))
    assert c.section4([f], 2024, MAPPING) == [0] * 15
    assert c.section4([f], 2023, MAPPING)[:5] == [0, 0, 0, 1, 1]


def test_the_three_groups_fill_their_own_five_columns_in_report_order():
    facts = [
        recon(date(2024, 3, 1), "uphold", date(2024, 5, 1)),
        recon(date(2024, 3, 2), "dismiss", date(2024, 5, 1)),
        suit(date(2024, 4, 1), c.DIRECT, "confirm_illegal", date(2024, 9, 1)),
        suit(date(2024, 4, 2), c.DIRECT),
        suit(date(2024, 6, 1), c.AFTER_RECONSIDERATION, "reject_claims", date(2024, 10, 1)),
    ]
    assert c.section4(facts, 2024, MAPPING) == [1, 0, 1, 0, 2, 0, 1, 0, 1, 2, 1, 0, 0, 0, 1]


def test_an_appealed_lawsuit_counts_the_second_instance_result():
    f = suit(
        date(2024, 1, 5), c.DIRECT, "reject_claims", date(2024, 6, 1), date(2024, 6, 10), "revoke", date(2024, 10, 1)
    )
    assert c.column_for(f, 2024, MAPPING) == c.CORRECTED


def test_an_appeal_pending_on_31_december_is_pending():
    f = suit(
        date(2024, 1, 5), c.DIRECT, "reject_claims", date(2024, 6, 1), date(2024, 6, 10), "revoke", date(2025, 3, 1)
    )
    assert c.column_for(f, 2024, MAPPING) == c.PENDING


def test_an_affirmed_appeal_keeps_the_first_instance_result():
    f = suit(date(2024, 1, 5), c.DIRECT, "revoke", date(2024, 6, 1), date(2024, 6, 10), c.AFFIRMED, date(2024, 9, 1))
    assert c.column_for(f, 2024, MAPPING) == c.CORRECTED


def test_an_appeal_filed_next_year_does_not_reopen_this_years_count():
    f = suit(date(2024, 1, 5), c.DIRECT, "revoke", date(2024, 12, 20), date(2025, 1, 3))
    assert c.column_for(f, 2024, MAPPING) == c.CORRECTED


def test_the_mapping_decides_the_column():
    f = recon(date(2024, 3, 1), "dismiss", date(2024, 5, 1))
    assert c.column_for(f, 2024, MAPPING) == c.OTHER
    assert c.column_for(f, 2024, {**MAPPING, "dismiss": c.UPHELD}) == c.UPHELD


def test_an_unmapped_decision_counts_as_other_result():
    assert c.column_for(recon(date(2024, 3, 1), "novel", date(2024, 4, 1)), 2024, {}) == c.OTHER


def test_totals_are_the_sum_of_their_group():
    facts = [
        recon(date(2024, m, 1), ["uphold", "revoke", "dismiss", ""][m % 4], date(2024, 12, 1)) for m in range(1, 13)
    ]
    n = c.section4(facts, 2024, MAPPING)
    for g in range(3):
        assert n[g * 5 + 4] == sum(n[g * 5 : g * 5 + 4])


def test_cell_labels_follow_report_ids():
    assert c.cell_label(0) == "行政复议 · 结果维持"
    assert c.cell_label(9) == "行政诉讼（未经复议直接起诉） · 总计"
    assert c.cell_label(13) == "行政诉讼（复议后起诉） · 尚未审结"
    with pytest.raises(ValueError):
        c.cell(15)


DECISIONS = ["", "uphold", "revoke", "dismiss", "reject_claims", "withdrawn", c.AFFIRMED]
dates = st.dates(min_value=date(2023, 1, 1), max_value=date(2026, 12, 31))


@st.composite
def case_facts(draw):
    kind = draw(st.sampled_from([c.RECONSIDERATION, c.LITIGATION]))
    route = "" if kind == c.RECONSIDERATION else draw(st.sampled_from([c.DIRECT, c.AFTER_RECONSIDERATION]))
    filed = draw(dates)
    decision = draw(st.sampled_from(DECISIONS[:-1]))
    decided = draw(st.one_of(st.none(), dates)) if decision else None
    appeal = draw(st.one_of(st.none(), dates)) if kind == c.LITIGATION and decided else None
    appeal_decision = draw(st.sampled_from(DECISIONS)) if appeal else ""
    appeal_decided = draw(st.one_of(st.none(), dates)) if appeal_decision else None
    return c.CaseFacts(kind, route, filed, decision, decided, appeal, appeal_decision, appeal_decided)


@given(st.lists(case_facts(), max_size=30), st.integers(min_value=2023, max_value=2026))
def test_every_case_filed_in_the_year_is_counted_exactly_once(facts, year):
    n = c.section4(facts, year, MAPPING)
    assert all(v >= 0 for v in n)
    for g in range(3):
        assert n[g * 5 + 4] == sum(n[g * 5 : g * 5 + 4])
    assert n[4] + n[9] + n[14] == sum(1 for f in facts if f.filed_on.year == year)
