"""Each validator rule: a passing and a failing example (pure, no database)."""

from datetime import date
from decimal import Decimal

import pytest

from gongkai.reports.core import AnnualReport, validate
from gongkai.reports.core.formats import HEADINGS
from gongkai.reports.core.validate import (
    rule_blank_cells,
    rule_deadline,
    rule_level,
    rule_sections,
    rule_statistics_period,
    rule_statutes,
    rule_text_numbers,
    rule_typos,
    rule_v1_balance,
    rule_v2_row_totals,
    rule_v3_results_total,
    rule_v4_counted_once,
    rule_v5_carry_over,
    rule_v6_section4_totals,
    rule_v7_numbers,
    rule_v8_in_force,
    rule_v9_fees,
)

PERIOD = "本报告中所列数据的统计期限自2024年1月1日起至2024年12月31日止。"


def row(*six):
    return [*six, sum(six)]


def good(template="2021") -> AnnualReport:
    """A consistent 2024 report with non-zero numbers."""
    r = AnnualReport.zeros(template, "原店镇人民政府", 2024)
    r.sections = {
        "overview": "2024年，本镇贯彻落实《中华人民共和国政府信息公开条例》，全年新收政府信息公开申请12件。",
        "problems": "存在的问题是培训不足。",
        "other": "本年度未收取信息处理费。\n" + PERIOD,
    }
    r.section3["new"] = row(8, 2, 0, 1, 0, 1)
    r.section3["carried_in"] = row(2, 0, 0, 0, 0, 0)
    r.section3["granted"] = row(5, 1, 0, 0, 0, 0)
    r.section3["partial"] = row(1, 0, 0, 1, 0, 0)
    r.section3["unable.not_held"] = row(2, 0, 0, 0, 0, 1)
    r.section3["declined.repeat"] = row(1, 0, 0, 0, 0, 0)
    r.section3["total"] = row(9, 1, 0, 1, 0, 1)
    r.section3["carried_out"] = row(1, 1, 0, 0, 0, 0)
    r.section4 = [1, 0, 0, 1, 2, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0]
    r.section2["normative_documents"] = [3, 1, 20]
    r.section2["licensing"] = 40
    r.section2["fees_wan_yuan"] = Decimal("1.25")
    return r


def rules(findings):
    return {f.rule for f in findings}


def test_the_good_report_has_no_errors_or_warnings():
    findings = validate(good())
    assert [f for f in findings if f.severity != "info"] == []


def test_v0_notes_blank_cells_and_does_not_count_them_as_zero():
    r = good()
    assert rule_blank_cells(r) == []
    r.section3["new"][0] = None
    r.section3["new"][6] = None
    found = rule_blank_cells(r)
    assert found and "2 个单元格" in found[0].message
    # A blank is not 0: the balance of that column is not checked at all.
    assert rule_v1_balance(r) == []


def test_v1_balance_holds_and_breaks():
    r = good()
    assert rule_v1_balance(r) == []
    r.section3["carried_out"] = row(3, 1, 0, 0, 0, 0)
    found = rule_v1_balance(r)
    assert [f.location for f in found] == ["表三 · 自然人", "表三 · 总计"]
    assert "8+2=10" in found[0].message and "9+3=12" in found[0].message


def test_v2_row_total_holds_and_breaks():
    r = good()
    assert rule_v2_row_totals(r) == []
    r.section3["granted"] = [5, 1, 0, 0, 0, 0, 7]
    found = rule_v2_row_totals(r)
    assert len(found) == 1 and "为 6" in found[0].message and "却为 7" in found[0].message


def test_v3_results_total_holds_and_breaks_like_the_real_report_with_26_and_20():
    r = good()
    assert rule_v3_results_total(r) == []
    r.section3["granted"] = row(22, 1, 0, 0, 0, 0)  # sub-rows now sum to 26 in 自然人
    r.section3["total"] = row(20, 1, 0, 1, 0, 1)
    found = rule_v3_results_total(r)
    assert any("26" in f.message and "20" in f.message for f in found)


def test_v4_more_results_than_applications_is_double_counting():
    r = good()
    assert rule_v4_counted_once(r) == []
    r.section3["total"] = row(11, 1, 0, 1, 0, 1)
    found = rule_v4_counted_once(r)
    assert found and "11" in found[0].message and "10" in found[0].message


def test_v5_carry_over_matches_last_year_or_warns():
    r, prev = good(), good()
    prev.section3["carried_out"] = row(2, 0, 0, 0, 0, 0)
    assert rule_v5_carry_over(r, previous=prev) == []
    assert rule_v5_carry_over(r, previous=None) == []
    prev.section3["carried_out"] = row(4, 0, 0, 0, 0, 0)
    found = rule_v5_carry_over(r, previous=prev)
    assert found and found[0].severity == "warning" and "为 2" in found[0].message and "为 4" in found[0].message


def test_v6_section4_group_totals():
    r = good()
    assert rule_v6_section4_totals(r) == []
    r.section4[14] = 3
    found = rule_v6_section4_totals(r)
    assert len(found) == 1 and "复议后起诉" in found[0].message


def test_v7_numbers_must_be_non_negative_integers_and_fees_decimal():
    r = good()
    assert rule_v7_numbers(r) == []
    r.section3["granted"][1] = -1
    r.section4[0] = 1.5
    r.section2["fees_wan_yuan"] = Decimal("-0.5")
    r.section2["licensing"] = Decimal("2.5")
    msgs = " ".join(f.message for f in rule_v7_numbers(r))
    assert "-1 为负数" in msgs and "1.5 不是整数" in msgs and "-0.5 为负数" in msgs and "2.5 不是整数" in msgs


def test_v7_allows_the_2019_increase_column_to_be_negative():
    r = good("2019")
    r.section2["licensing"] = [10, -2, 8]
    assert rule_v7_numbers(r) == []
    r.section2["licensing"] = [-10, -2, 8]
    assert len(rule_v7_numbers(r)) == 1


def test_v8_in_force_continuity_warns():
    r, prev = good(), good()
    prev.section2["normative_documents"] = [0, 0, 18]
    assert rule_v8_in_force(r, previous=prev) == []  # 18 + 3 - 1 = 20
    prev.section2["normative_documents"] = [0, 0, 10]
    found = rule_v8_in_force(r, previous=prev)
    assert found and found[0].severity == "warning" and "= 12 件" in found[0].message


def test_v9_unpaid_fee_row_needs_a_fee_explanation():
    r = good()
    r.section3["other.unpaid_fee"] = row(1, 0, 0, 0, 0, 0)
    assert rule_v9_fees(r) == []  # section 六 mentions 信息处理费
    r.sections["other"] = PERIOD
    found = rule_v9_fees(r)
    assert found and "逾期未缴费" in found[0].message


def test_v9_fees_collected_without_answered_applications():
    r = AnnualReport.zeros("2021", "x", 2024)
    r.sections["other"] = "本年度收取信息处理费200元。"
    found = rule_v9_fees(r)
    assert found and "200元" in found[0].message
    r.sections["other"] = "本年度未收取信息处理费。"
    assert rule_v9_fees(r) == []


def test_text_numbers_must_match_the_tables():
    r = good()
    assert rule_text_numbers(r) == []
    r.sections["overview"] = "全年新收政府信息公开申请15件，被申请行政复议2件。"
    found = rule_text_numbers(r)
    assert len(found) == 1 and "15" in found[0].message and "12" in found[0].message


def test_a_township_enacts_no_regulations():
    r = good()
    assert rule_level(r, level="township") == []
    r.section2["regulations"] = [1, 0, 1]
    found = rule_level(r, level="township")
    assert len(found) == 2 and "乡镇" in found[0].message
    assert rule_level(r, level="city") == []


def test_sections_present_and_in_order():
    r = good()
    r.headings = list(HEADINGS)
    assert rule_sections(r) == []
    r.headings = [HEADINGS[0], HEADINGS[2], HEADINGS[1], HEADINGS[3], HEADINGS[5]]
    found = rule_sections(r)
    assert {"缺少第5部分“五、存在的主要问题及改进情况”。"} <= {f.message for f in found}
    assert any("顺序" in f.message for f in found)


def test_sections_with_variant_heading_form_are_noted_not_missing():
    r = good()
    r.headings = ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                  "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六. 其他需要报告的事项"]  # fmt: skip
    found = rule_sections(r)
    assert [f.severity for f in found] == ["info"]


def test_empty_text_sections_are_warned():
    r = good()
    r.sections["problems"] = " "
    assert [f.message for f in rule_sections(r)] == ["“五、存在的主要问题及改进情况”没有内容。"]


def test_the_non_existent_statute_is_an_error():
    r = good()
    assert rule_statutes(r) == []
    r.sections["overview"] += "贯彻落实《中华人民共和国政府信息公开条例》、《政务信息公开条例》。"
    found = rule_statutes(r)
    assert len(found) == 1 and found[0].severity == "error" and "《政务信息公开条例》并不存在" in found[0].message


def test_unknown_statute_titles_are_only_noted():
    r = good()
    r.sections["other"] += "依据《某某省政务公开促进条例》。"
    assert [f.severity for f in rule_statutes(r)] == ["info"]


def test_known_mistypings_are_found_and_nothing_else_is_guessed():
    r = good()
    assert rule_typos(r) == []
    r.sections["other"] = "认真贯彻落实河南省真给公开工作要点。" + PERIOD
    found = rule_typos(r)
    assert len(found) == 1 and found[0].message == "“真给公开”应为“政务公开”。"


@pytest.mark.parametrize(
    "sentence, ok",
    [
        (PERIOD, True),
        ("本报告中所列数据的统计时限为2024年1月1日起至2024年12月31日止。", True),
        ("本报告中所列数据的统计时限为 2024 年 1 月 1 日起至 2024 年 12 月 31 日", False),
        ("本报告中所列数据的统计时限为2024年1月1日起至2024年12月31日。", False),
    ],
)
def test_statistics_period_sentence(sentence, ok):
    r = good()
    r.sections["other"] = "其他事项。\n" + sentence
    found = rule_statistics_period(r)
    assert (found == []) is ok


def test_statistics_period_of_another_year_is_an_error():
    r = good()
    r.sections["other"] = PERIOD.replace("2024", "2023")
    assert [f.severity for f in rule_statistics_period(r)] == ["error"]


def test_missing_statistics_period_is_warned():
    r = good()
    r.sections["other"] = "无。"
    assert [f.rule for f in rule_statistics_period(r)] == ["R-PERIOD"]


def test_published_after_its_deadline():
    r = good()
    assert rule_deadline(r, published_on=date(2025, 1, 31), deadline=date(2025, 1, 31)) == []
    found = rule_deadline(r, published_on=date(2025, 2, 3), deadline=date(2025, 1, 31))
    assert found and "逾期 3 天" in found[0].message


def test_validate_runs_every_rule_errors_first():
    r = good()
    r.section3["carried_out"] = row(3, 1, 0, 0, 0, 0)
    r.sections["other"] = "无"
    findings = validate(r)
    assert {"V1", "R-PERIOD"} <= rules(findings)
    assert findings[0].severity == "error"


def test_validate_refuses_an_unknown_template():
    with pytest.raises(ValueError):
        validate(AnnualReport(template="2030"))
