from datetime import date

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from gongkai.audit.models import AuditEntry
from gongkai.reports import services
from gongkai.reports.core.model import AnnualReport
from gongkai.reports.models import Report, ReportVersion, Status

from .helpers import add_application

pytestmark = pytest.mark.django_db

CLEAN_TEXT = {
    "overview": "2024年，原店镇认真贯彻落实《中华人民共和国政府信息公开条例》，做好主动公开、依申请公开等工作。",
    "problems": "存在的主要问题是人员不足。改进情况：加强培训。",
    "other": "本报告中所列数据的统计期限自2024年1月1日起至2024年12月31日止。",
}


def _fill(version, user):
    """Type zeros into tables no app fills, and a clean text, so the draft has no errors."""
    zeros = AnnualReport.zeros(version.report.template)
    manual = {t: getattr(zeros, t) for t in ("section2", "section3", "section4") if t not in version.generated_tables}
    # Table 二's figures come from the publications app's yearly figures: blank until typed there.
    return services.update_content(version, by=user, sections=CLEAN_TEXT, tables=manual)


def _yearly_figures(org, user, year=2024):
    from gongkai.publications.services import set_yearly_figures

    set_yearly_figures(
        organization=org,
        by=user,
        year=year,
        values={"licensing": 0, "penalty": 0, "enforcement": 0, "fees_wan_yuan": 0},
    )


@pytest.fixture
def draft(orgs, users):
    _yearly_figures(orgs["yuandian"], users["yd_clerk"])
    report = services.create_report(organization=orgs["yuandian"], year=2024, by=users["yd_clerk"])
    return _fill(report.open_version(), users["yd_clerk"])


def _publish(version, users, *, on=date(2025, 1, 20), **kwargs):
    with time_machine.travel(on):
        version = services.submit(version, by=users["yd_clerk"])
        version = services.approve(version, by=users["yd_head"])
        return services.publish(version, by=users["yd_clerk"], **kwargs)


def test_it_goes_from_draft_through_review_and_approval_to_published(draft, users):
    assert draft.status == Status.DRAFT
    assert not [f for f in draft.findings if f["severity"] == "error"], draft.findings
    v = services.submit(draft, by=users["yd_clerk"])
    assert v.status == Status.REVIEW
    v = services.approve(v, by=users["yd_head"])
    assert v.status == Status.APPROVED and v.approved_by == users["yd_head"]
    v = services.publish(v, by=users["yd_clerk"], today=date(2025, 1, 20))
    assert v.status == Status.PUBLISHED and v.is_locked and v.published_at
    actions = set(AuditEntry.objects.filter(object_type="reports.reportversion").values_list("action", flat=True))
    assert {"report.submit", "report.approve", "report.publish"} <= actions


def test_only_the_head_approves(draft, users):
    v = services.submit(draft, by=users["yd_clerk"])
    for name in ("yd_clerk", "yd_reviewer"):
        with pytest.raises(PermissionDenied):
            services.approve(v, by=users[name])
    with pytest.raises(PermissionDenied):
        services.approve(v, by=users["zw_head"])  # another township's head


def test_a_reviewer_returns_it_with_a_note(draft, users):
    v = services.submit(draft, by=users["yd_clerk"])
    with pytest.raises(ValidationError):
        services.return_to_draft(v, by=users["yd_reviewer"], note="  ")
    v = services.return_to_draft(v, by=users["yd_reviewer"], note="第五部分太简单")
    assert v.status == Status.DRAFT and v.return_note == "第五部分太简单"


def test_it_cannot_be_published_before_approval(draft, users):
    with pytest.raises(ValidationError):
        services.publish(draft, by=users["yd_clerk"])
    v = services.submit(draft, by=users["yd_clerk"])
    with pytest.raises(ValidationError):
        services.publish(v, by=users["yd_clerk"])


def test_edits_that_break_a_rule_are_saved_in_a_draft_and_flagged_at_once(orgs, users, monkeypatch):
    from gongkai.reports import generator

    real = generator.selector
    monkeypatch.setattr(
        generator, "selector", lambda t, records=False: None if t == "section4" else real(t, records=records)
    )
    report = services.create_report(organization=orgs["yuandian"], year=2024, by=users["yd_clerk"])
    v = _fill(report.open_version(), users["yd_clerk"])
    # 行政复议 总计 (index 4) is not the sum of its four cells: V6.
    v = services.update_content(v, by=users["yd_clerk"], tables={"section4": [1, 0, 0, 0, 0] + [0] * 10})
    assert v.data["section4"][0] == 1
    assert any(f["rule"] == "V6" and f["severity"] == "error" for f in v.findings)


def test_errors_block_publication_unless_a_reason_is_given_and_audited(draft, users):
    v = services.update_content(
        draft, by=users["yd_clerk"], sections={"overview": "贯彻落实《政务信息公开条例》。" + CLEAN_TEXT["overview"]}
    )
    assert v.error_count() >= 1
    v = services.approve(services.submit(v, by=users["yd_clerk"]), by=users["yd_head"])
    with pytest.raises(ValidationError):
        services.publish(v, by=users["yd_clerk"], today=date(2025, 1, 20))
    assert ReportVersion.objects.get(pk=v.pk).status == Status.APPROVED
    v = services.publish(
        v, by=users["yd_clerk"], override_reason="上级要求按期发布，文字错误另行更正", today=date(2025, 1, 20)
    )
    assert v.status == Status.PUBLISHED
    assert v.override_reason == "上级要求按期发布，文字错误另行更正"
    entry = AuditEntry.objects.get(action="report.publish", object_id=str(v.pk))
    assert entry.after["override_reason"] == v.override_reason


def test_changing_a_record_changes_only_a_draft_never_the_published_version(draft, orgs, users):
    add_application(orgs["yuandian"], date(2024, 3, 1), concluded=date(2024, 3, 10), category="granted")
    v1 = services.refresh_tables(draft, by=users["yd_clerk"])
    assert v1.data["section3"]["granted"][6] == 1
    v1 = _publish(v1, users)
    published_data = v1.data
    # The record changes after publication.
    add_application(orgs["yuandian"], date(2024, 4, 1), concluded=date(2024, 4, 10), category="granted")
    v1.refresh_from_db()
    assert v1.data == published_data
    with pytest.raises(ValidationError):
        services.refresh_tables(v1, by=users["yd_clerk"])
    with pytest.raises(ValidationError):
        services.update_content(v1, by=users["yd_clerk"], sections={"overview": "改"})
    # A correction is a new draft; refreshing it picks up the change, the published version stays.
    v2 = services.start_correction(v1.report, by=users["yd_clerk"], change_note="补录4月办结的申请1件")
    v2 = services.refresh_tables(v2, by=users["yd_clerk"])
    assert v2.data["section3"]["granted"][6] == 2
    v1.refresh_from_db()
    assert v1.data["section3"]["granted"][6] == 1


def test_a_correction_is_a_new_version_with_a_public_note_and_the_old_one_stays_readable(draft, users):
    v1 = _publish(draft, users)
    with pytest.raises(ValidationError):
        services.start_correction(v1.report, by=users["yd_clerk"], change_note="")
    v2 = services.start_correction(v1.report, by=users["yd_clerk"], change_note="更正第一部分的文字错误")
    assert v2.number == 2 and v2.status == Status.DRAFT
    with pytest.raises(ValidationError):  # one open version at a time
        services.start_correction(v1.report, by=users["yd_clerk"], change_note="再次更正")
    v2 = _publish(v2, users)
    v1.refresh_from_db()
    assert v1.status == Status.SUPERSEDED and v1.published_at
    assert v2.status == Status.PUBLISHED and v2.change_note == "更正第一部分的文字错误"
    assert Report.objects.get().current_published() == v2


def test_generated_tables_cannot_be_typed_over(draft, users):
    assert "section3" in draft.generated_tables
    with pytest.raises(ValidationError):
        services.update_content(draft, by=users["yd_clerk"], tables={"section3": {"new": [9] * 7}})


def test_a_second_report_for_the_same_year_is_refused(draft, orgs, users):
    with pytest.raises(ValidationError):
        services.create_report(organization=orgs["yuandian"], year=2024, by=users["yd_clerk"])


def test_another_organization_cannot_create_or_edit(draft, orgs, users):
    with pytest.raises(PermissionDenied):
        services.create_report(organization=orgs["yuandian"], year=2023, by=users["zw_clerk"])
    with pytest.raises(PermissionDenied):
        services.update_content(draft, by=users["zw_clerk"], sections={"overview": "x"})


def test_publication_after_the_deadline_is_flagged(draft, users):
    v = services.approve(services.submit(draft, by=users["yd_clerk"]), by=users["yd_head"])
    v = services.publish(v, by=users["yd_clerk"], today=date(2025, 3, 1), override_reason="逾期发布")
    assert any(f["severity"] in ("warning", "error") and "逾期" in f["message"] for f in v.findings)
