from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine

from gongkai.publications import demo, reporting, services
from gongkai.publications.models import CatalogueNode, Publication, Status
from gongkai.publications.test_support import make_publication, publish_through_review

SH = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def demo_loaded(world):
    demo.load(world)
    return world


def test_the_demo_covers_every_township_node_for_yuandian_including_2024(demo_loaded):
    yd = demo_loaded["orgs"]["yuandian"]
    published = Publication.objects.filter(organization=yd, status=Status.PUBLISHED)
    for node in CatalogueNode.objects.filter(organization=None, scope="township"):
        assert published.filter(node=node).exists(), node.name
    assert published.filter(published_on__year=2024).count() >= 5
    assert published.filter(published_on__year=2026).exists()
    assert published.filter(interprets__isnull=False).count() == 2
    assert Publication.objects.overdue(date(2026, 11, 28)).filter(organization=yd).exists()
    assert reporting.section2(yd.pk, 2024) == {
        "regulations": [0, 0, 0],
        "normative_documents": [0, 0, 0],
        "licensing": 0,
        "penalty": 0,
        "enforcement": 0,
        "fees_wan_yuan": Decimal("0"),
    }


def test_loading_the_demo_twice_changes_nothing(demo_loaded):
    before = Publication.objects.count()
    demo.load(demo_loaded)
    assert Publication.objects.count() == before


def test_the_sibling_has_normative_documents_in_2025(demo_loaded):
    zw = demo_loaded["orgs"]["zhangwan"]
    assert reporting.section2(zw.pk, 2025)["normative_documents"] == [2, 0, 2]
    assert reporting.section2(zw.pk, 2026)["normative_documents"] == [0, 1, 1]
    assert reporting.section2(zw.pk, 2025)["fees_wan_yuan"] == Decimal("0.35")


def _normative(org, users, *, written, published, prefix="yd"):
    with time_machine.travel(datetime.combine(published, datetime.min.time(), tzinfo=SH).replace(hour=10), tick=False):
        pub = make_publication(
            org, by=users[f"{prefix}_clerk"], legal_kind="normative", written_on=written, formed_on=written
        )
        return publish_through_review(pub, users, prefix=prefix)


def test_table_two_counts_documents_across_year_boundaries(orgs, users):
    yd = orgs["yuandian"]
    # Written 2024-12-30, published 2025-01-06: issued (制发) in 2024 by its 成文日期.
    a = _normative(yd, users, written=date(2024, 12, 30), published=date(2025, 1, 6))
    b = _normative(yd, users, written=date(2025, 3, 3), published=date(2025, 3, 5))
    c = _normative(yd, users, written=date(2025, 12, 31), published=date(2026, 1, 5))
    # Repealed on the last day of 2025, and another on the first day of 2026.
    services.repeal(publication=a, by=users["yd_head"], on=date(2025, 12, 31), reason="到期")
    services.repeal(publication=b, by=users["yd_head"], on=date(2026, 1, 1), reason="被替代")
    # A withdrawn document does not count, nor does a draft.
    d = _normative(yd, users, written=date(2025, 5, 5), published=date(2025, 5, 6))
    services.withdraw(publication=d, by=users["yd_head"], reason="误发")
    make_publication(yd, by=users["yd_clerk"], legal_kind="normative", written_on=date(2025, 6, 1))
    # Another agency's documents are not counted.
    _normative(orgs["zhangwan"], users, written=date(2025, 4, 1), published=date(2025, 4, 2), prefix="zw")

    assert reporting.section2(yd.pk, 2024)["normative_documents"] == [1, 0, 1]
    assert reporting.section2(yd.pk, 2025)["normative_documents"] == [2, 1, 2]  # b, c issued; a repealed; b, c in force
    assert reporting.section2(yd.pk, 2026)["normative_documents"] == [0, 1, 1]  # b repealed; c in force
    assert reporting.section2(yd.pk, 2025)["regulations"] == [0, 0, 0]
    assert set(reporting.section2_records(yd.pk, 2025, "normative_documents.issued")) == {b, c}
    assert list(reporting.section2_records(yd.pk, 2025, "normative_documents.1")) == [a]


def test_amended_documents_stay_in_force(orgs, users):
    yd = orgs["yuandian"]
    a = _normative(yd, users, written=date(2025, 3, 3), published=date(2025, 3, 5))
    services.amend(publication=a, by=users["yd_head"], on=date(2025, 8, 1), reason="修改第三条")
    assert reporting.section2(yd.pk, 2025)["normative_documents"] == [1, 0, 1]


def test_yearly_figures_are_blank_until_entered(orgs, users):
    yd = orgs["yuandian"]
    assert reporting.section2(yd.pk, 2023)["licensing"] is None
    services.set_yearly_figures(
        organization=yd, by=users["yd_clerk"], year=2023,
        values={"licensing": 5, "penalty": 2, "enforcement": 1, "fees_wan_yuan": Decimal("1.2345")},
    )  # fmt: skip
    s = reporting.section2(yd.pk, 2023)
    assert (s["licensing"], s["penalty"], s["enforcement"], s["fees_wan_yuan"]) == (5, 2, 1, Decimal("1.2345"))


def test_published_count_for_the_report_overview(orgs, users):
    yd = orgs["yuandian"]
    a = _normative(yd, users, written=date(2024, 12, 30), published=date(2025, 1, 6))
    _normative(yd, users, written=date(2025, 3, 3), published=date(2025, 3, 5))
    _normative(yd, users, written=date(2025, 12, 1), published=date(2026, 1, 5))
    assert reporting.published_count(yd.pk, 2025) == 2
    services.withdraw(publication=a, by=users["yd_head"], reason="误发")
    assert reporting.published_count(yd.pk, 2025) == 1
