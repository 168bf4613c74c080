"""The demo reproduces the seed report: 原店镇 2024 with the seed's tables and text, and sensible findings."""

import pytest

from gongkai.reports import demo, seed_text
from gongkai.reports.core.model import AnnualReport
from gongkai.reports.models import Report, Status

pytestmark = pytest.mark.django_db

SEED = "/work/shared/seed/000_4cafe9524c14d923.txt"


def load_all(ctx):
    """Every app's demo in INSTALLED_APPS order, as ``manage.py load_demo`` does."""
    from gongkai.hooks import app_modules

    for module in app_modules("demo"):
        if module.__name__ == "gongkai.organizations.demo":
            continue
        module.load(ctx)


@pytest.fixture
def loaded(world):
    load_all(world)
    return world


def test_the_seed_report_is_reproduced_with_the_seeds_tables(loaded):
    report = Report.objects.get(organization=loaded["orgs"]["yuandian"], year=2024)
    version = report.current_published()
    value = AnnualReport.from_json(version.data)
    seed = AnnualReport.zeros("2021", value.organization, 2024)  # every cell of the seed's tables is 0
    assert value.section2 == seed.section2
    assert value.section3 == seed.section3
    assert value.section4 == seed.section4
    assert value.sections["overview"].startswith("2024 年,原店镇政务公开工作在区政府的正确领导指导下")
    assert value.sections["other"] == seed_text.OTHER


def test_the_validator_flags_the_seeds_real_defects(loaded):
    version = Report.objects.get(organization=loaded["orgs"]["yuandian"], year=2024).current_published()
    found = {(f["rule"], f["severity"]) for f in version.findings}
    messages = " ".join(f["message"] for f in version.findings)
    assert ("R-STATUTE", "error") in found and "政务信息公开条例" in messages
    assert "真给公开" in messages  # 河南省真给公开工作要点
    assert "信息公开处理费" in messages
    assert any(rule == "R-PERIOD" for rule, _ in found)  # the unfinished statistics-period sentence
    # The tables are consistent: no arithmetic rule fires on them.
    assert not {rule for rule, _ in found} & {"V1", "V2", "V3", "V6", "V7"}
    # Published with an audited override, on time (January 2025).
    assert version.override_reason and not any(f["rule"] == "R-DEADLINE" for f in version.findings)


def test_the_demo_has_reports_in_several_states_and_is_idempotent(loaded):
    demo.load(loaded)
    orgs = loaded["orgs"]
    assert Report.objects.filter(organization=orgs["yuandian"]).count() == 2
    assert Report.objects.get(organization=orgs["yuandian"], year=2025).current_published().status == Status.PUBLISHED
    assert Report.objects.get(organization=orgs["zhangwan"], year=2025).open_version().status == Status.REVIEW
    assert not Report.objects.filter(organization=orgs["dayang"]).exists()
    corrected = Report.objects.get(organization=orgs["zhangwan"], year=2024)
    assert [v.status for v in corrected.versions.order_by("number")] == [Status.SUPERSEDED, Status.PUBLISHED]
    assert corrected.current_published().change_note
    # The correction is not late: the first publication (2025-01-22) was on time.
    assert not any(f["rule"] == "R-DEADLINE" for f in corrected.current_published().findings)
