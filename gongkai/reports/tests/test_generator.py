from datetime import date

import pytest

from gongkai.applications import categories
from gongkai.applications.models import APPLICANT_COLUMNS
from gongkai.reports import generator
from gongkai.reports.core.validate import validate

from .helpers import add_application

pytestmark = pytest.mark.django_db

RESULT_IDS = [c for c in categories.IDS]


def _scenario(org):
    """Applications over 2023–2025 for 原店镇; returns the table 三 expected for 2024, built by hand."""
    expected = {rid: [0] * 7 for rid in ["new", "carried_in", *RESULT_IDS, "total", "carried_out"]}

    def count(row, applicant_type):
        col = APPLICANT_COLUMNS.index(applicant_type)
        expected[row][col] += 1
        expected[row][6] += 1

    # 2023 only: received and concluded in 2023 — not in the 2024 report at all.
    add_application(org, date(2023, 3, 1), concluded=date(2023, 3, 20), category="granted")
    # Carried into 2024 and concluded in 2024.
    add_application(
        org, date(2023, 12, 20), concluded=date(2024, 1, 10), category="partial", applicant_type="commercial"
    )
    count("carried_in", "commercial")
    count("partial", "commercial")
    # Carried into 2024 and still open at its end: carried in and carried out.
    add_application(
        org, date(2023, 12, 27), concluded=date(2025, 1, 6), category="withheld.state_secret", applicant_type="research"
    )
    count("carried_in", "research")
    count("carried_out", "research")
    # Received in 2024, one for every result category, applicant types in turn, concluded in 2024.
    for i, rid in enumerate(RESULT_IDS):
        kind = APPLICANT_COLUMNS[i % 6]
        add_application(org, date(2024, 2, 1 + i), concluded=date(2024, 3, 1 + i), category=rid, applicant_type=kind)
        count("new", kind)
        count(rid, kind)
    # Received late in 2024: one still open, one concluded in January 2025 → both carried out.
    add_application(org, date(2024, 12, 20), applicant_type="legal")
    count("new", "legal")
    count("carried_out", "legal")
    add_application(org, date(2024, 12, 30), concluded=date(2025, 1, 3), category="granted", applicant_type="other")
    count("new", "other")
    count("carried_out", "other")
    # 2025 only.
    add_application(org, date(2025, 2, 1), concluded=date(2025, 2, 20), category="granted", applicant_type="welfare")
    for rid in RESULT_IDS:
        for c in range(7):
            expected["total"][c] += expected[rid][c]
    return expected


def test_three_years_of_applications_give_the_expected_table_three(orgs):
    expected = _scenario(orgs["yuandian"])
    report, generated = generator.generate(orgs["yuandian"], 2024)
    assert "section3" in generated
    assert report.section3 == {rid: expected.get(rid, [0] * 7) for rid in report.format.section3_ids}
    # Every applicant type and every result category is non-zero somewhere in the scenario.
    assert all(report.section3["new"][c] for c in range(6))
    assert all(report.section3[rid][6] == 1 for rid in RESULT_IDS if rid != "partial")
    assert report.section3["carried_in"][6] == 2
    assert report.section3["carried_out"][6] == 3
    findings = {f.rule for f in validate(report) if f.severity == "error"}
    assert not findings & {"V1", "V2", "V3"}


def test_each_year_balances_and_carries_over_into_the_next(orgs):
    _scenario(orgs["yuandian"])
    years = {y: generator.generate(orgs["yuandian"], y)[0] for y in (2023, 2024, 2025)}
    for y in (2024, 2025):
        assert years[y].section3["carried_in"] == years[y - 1].section3["carried_out"]
        assert not [f for f in validate(years[y], previous=years[y - 1]) if f.rule in ("V1", "V5")]


def test_a_table_whose_app_is_missing_stays_blank_and_editable(orgs, monkeypatch):
    real = generator.selector
    monkeypatch.setattr(
        generator,
        "selector",
        lambda table, records=False: None if table == "section4" else real(table, records=records),
    )
    report, generated = generator.generate(orgs["yuandian"], 2024)
    assert "section4" not in generated
    assert report.section4 == [None] * 15  # blank, never a made-up 0


def test_the_subtree_scope_sums_every_organization_below(orgs):
    add_application(orgs["yuandian"], date(2024, 5, 1), concluded=date(2024, 5, 20), category="granted")
    add_application(orgs["zhangwan"], date(2024, 6, 1), concluded=date(2024, 6, 20), category="granted")
    add_application(orgs["zhangwan"], date(2024, 6, 2))
    own, _ = generator.generate(orgs["shanzhou"], 2024)
    compiled, _ = generator.generate(orgs["shanzhou"], 2024, scope="subtree")
    assert own.section3["new"][6] == 0
    assert compiled.section3["new"][6] == 3
    assert compiled.section3["granted"][6] == 2
    assert compiled.section3["carried_out"][6] == 1


def test_the_2019_format_folds_the_three_other_rows_into_one(orgs):
    add_application(orgs["yuandian"], date(2020, 5, 1), concluded=date(2020, 5, 9), category="other.no_correction")
    add_application(orgs["yuandian"], date(2020, 5, 2), concluded=date(2020, 5, 9), category="other.other")
    report, generated = generator.generate(orgs["yuandian"], 2020)
    assert report.template == "2019"
    assert report.section3["other"][6] == 2
    assert "section2" not in generated  # the 2019 table 二 has other columns: typed by staff


def test_sections_are_prefilled_with_the_facts_and_the_change_against_last_year(orgs):
    add_application(orgs["yuandian"], date(2023, 5, 1), concluded=date(2023, 5, 9), category="granted")
    for day in (1, 2, 3):
        add_application(orgs["yuandian"], date(2024, 5, day), concluded=date(2024, 5, 20), category="granted")
    report, _ = generator.generate(orgs["yuandian"], 2024)
    text = report.sections["overview"]
    assert "新收政府信息公开申请3件，比上年增加2件" in text
    assert "予以公开3件" in text
    assert "统计期限自2024年1月1日起至2024年12月31日止。" in report.sections["other"]
    assert "信息处理费" in report.sections["other"]


def test_table_two_comes_from_the_publications_figures(orgs, users):
    from decimal import Decimal

    from gongkai.publications.services import set_yearly_figures

    set_yearly_figures(
        organization=orgs["yuandian"],
        by=users["yd_clerk"],
        year=2024,
        values={"licensing": 12, "penalty": 3, "enforcement": 1, "fees_wan_yuan": Decimal("1.25")},
    )
    report, generated = generator.generate(orgs["yuandian"], 2024)
    assert "section2" in generated
    assert report.section2["licensing"] == 12
    assert report.section2["penalty"] == 3
    assert report.section2["fees_wan_yuan"] == Decimal("1.25")
    assert report.section2["regulations"] == [0, 0, 0]


def test_drilldown_lists_the_applications_behind_a_number(orgs):
    a = add_application(orgs["yuandian"], date(2024, 5, 1), concluded=date(2024, 5, 20), category="granted")
    add_application(orgs["zhangwan"], date(2024, 5, 1), concluded=date(2024, 5, 20), category="granted")
    qs = generator.drilldown("section3", orgs["yuandian"], 2024, scope="own", row="granted", column=6)
    assert list(qs) == [a]


def test_table_four_and_its_drilldown_come_from_the_cases(orgs, users):
    from gongkai.cases.testing import make_case

    case = make_case(
        orgs["yuandian"],
        by=users["yd_clerk"],
        filed_on=date(2024, 6, 1),
        copy_received_on=date(2024, 6, 3),
    )
    report, generated = generator.generate(orgs["yuandian"], 2024)
    assert "section4" in generated
    assert report.section4[4] == 1  # 行政复议 总计
    assert report.section4[3] == 1  # 尚未审结
    assert list(generator.drilldown("section4", orgs["yuandian"], 2024, scope="own", row=None, column=4)) == [case]


def test_table_two_drilldown_lists_the_documents_behind_a_number(orgs, users):
    qs = generator.drilldown("section2", orgs["yuandian"], 2024, scope="own", row="normative_documents", column=0)
    assert qs is not None and list(qs) == []
    qs = generator.drilldown("section2", orgs["shanzhou"], 2024, scope="subtree", row="licensing", column=None)
    assert list(qs) == []
