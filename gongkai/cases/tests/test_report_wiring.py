"""Table 四 and the narrative facts reach the annual report generator."""

from datetime import date

import pytest

from gongkai.cases import demo
from gongkai.cases.testing import make_case

pytestmark = pytest.mark.django_db


def test_the_generator_takes_table_four_from_the_case_records(orgs):
    from gongkai.reports import generator

    make_case(
        orgs["zhangwan"],
        filed_on=date(2024, 3, 1),
        copy_received_on=None,
        decision_type="uphold",
        decided_on=date(2024, 5, 1),
    )
    make_case(
        orgs["zhangwan"],
        kind="litigation",
        route="direct",
        procedure="",
        filed_on=date(2024, 12, 1),
        copy_received_on=None,
    )
    report, generated = generator.generate(orgs["zhangwan"], 2024)
    assert "section4" in generated
    assert report.section4 == [1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0]
    assert "行政复议、提起行政诉讼共2件" in report.sections["overview"]


def test_the_seed_town_gets_zeros_and_no_new_media(world):
    from gongkai.reports import generator

    demo.load(world)
    report, _generated = generator.generate(world["orgs"]["yuandian"], 2024)
    assert report.section4 == [0] * 15
    assert "无政务新媒体" in report.sections["other"]
