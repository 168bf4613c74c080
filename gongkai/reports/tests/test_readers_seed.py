"""The seed report (shared/seed/000_4cafe9524c14d923.txt): every number from the right column, and the defects."""

from pathlib import Path

import pytest

from gongkai.reports.core import FORMAT_2021, validate
from gongkai.reports.readers import read_path

SEED = Path(__file__).parent / "fixtures" / "seed_000_4cafe9524c14d923.txt"


@pytest.fixture(scope="module")
def seed():
    report = read_path(SEED)
    report.findings += validate(report, level="township")
    return report


def by_rule(report, rule):
    return [f for f in report.findings if f.rule == rule]


def test_it_reads_the_seed_as_the_2021_template(seed):
    assert seed.template == "2021"
    assert seed.organization == "三门峡市陕州区原店镇人民政府" and seed.year == 2024
    assert "按表二表头" in by_rule(seed, "READ-TEMPLATE")[0].message


def test_every_number_of_the_seed_is_read_and_is_zero(seed):
    assert set(seed.section3) == set(FORMAT_2021.section3_ids)
    assert all(v == [0] * 7 for v in seed.section3.values())
    assert seed.section4 == [0] * 15
    assert seed.section2 == {
        "regulations": [0, 0, 0],
        "normative_documents": [0, 0, 0],
        "licensing": 0,
        "penalty": 0,
        "enforcement": 0,
        "fees_wan_yuan": 0,
    }
    assert not by_rule(seed, "V0")  # nothing blank or unreadable


def test_it_finds_the_shifted_sub_item_rows(seed):
    (shifted,) = by_rule(seed, "READ-SHIFTED")
    assert shifted.location == "第49行至第66行"
    assert "18 行" in shifted.message and "右移了 1 列" in shifted.message


def test_it_finds_other_and_total_at_the_wrong_level(seed):
    levels = {f.location: f.message for f in by_rule(seed, "READ-LEVEL")}
    assert set(levels) == {"第67行", "第68行"}
    assert "3.其他" in levels["第67行"] and "（六）其他处理" in levels["第67行"]
    assert "总计" in levels["第68行"] and "三、本年度办理结果" in levels["第68行"]


def test_it_finds_the_non_existent_statute(seed):
    (f,) = by_rule(seed, "R-STATUTE")
    assert f.severity == "error" and "《政务信息公开条例》并不存在" in f.message


def test_it_finds_the_unfinished_statistics_period_sentence(seed):
    (f,) = by_rule(seed, "R-PERIOD")
    assert "缺少“止”" in f.message and "句末缺少句号" in f.message


def test_it_finds_the_mistyped_term(seed):
    typos = {f.message for f in by_rule(seed, "R-TYPO")}
    assert "“真给公开”应为“政务公开”。" in typos
    assert "“信息公开处理费”应为“信息处理费”。" in typos


def test_it_notes_the_label_forms_and_the_header(seed):
    assert len(by_rule(seed, "READ-LABEL")) == 2  # table 三 half-width labels, table 四 "结果 维持"
    assert by_rule(seed, "READ-HEADER")


def test_the_seed_has_all_six_sections_in_order(seed):
    assert not by_rule(seed, "R-SECTIONS")
    assert seed.sections["other"].endswith("2024 年 12 月 31 日")
