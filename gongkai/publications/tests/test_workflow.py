from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied

from gongkai.audit.models import AuditEntry
from gongkai.publications import periodic, services, workflow
from gongkai.publications.models import Publication, PublicationEvent, SearchDocument, Status, Validity
from gongkai.publications.services import WorkflowError
from gongkai.publications.test_support import make_publication, publish_through_review

SH = ZoneInfo("Asia/Shanghai")
ALL_CHECKED = dict.fromkeys(services.CHECKLIST_KEYS, True)


@pytest.fixture
def yd(orgs):
    return orgs["yuandian"]


@pytest.fixture
def draft(yd, users):
    return make_publication(yd, by=users["yd_clerk"])


def test_it_computes_the_publication_deadline_from_the_formation_date(draft):
    # 第二十六条: 20 working days from 2025-03-03 (Mon), counting from the next day → 2025-03-31.
    assert draft.publish_due == date(2025, 3, 31)
    assert draft.status == Status.DRAFT


def test_it_requires_the_disclosure_attribute_before_submitting(yd, users):
    pub = make_publication(yd, by=users["yd_clerk"], disclosure="")
    with pytest.raises(WorkflowError, match="公开属性"):
        services.submit(publication=pub, by=users["yd_clerk"])
    pub = make_publication(yd, by=users["yd_clerk"], disclosure="withheld")
    with pytest.raises(WorkflowError, match="理由"):
        services.submit(publication=pub, by=users["yd_clerk"])


def test_every_transition_of_the_happy_path(draft, users):
    clerk, reviewer, head = users["yd_clerk"], users["yd_reviewer"], users["yd_head"]
    services.submit(publication=draft, by=clerk)
    assert draft.status == Status.PRE_REVIEW
    services.pre_review(publication=draft, by=reviewer, checklist=ALL_CHECKED, approve=True)
    assert (draft.status, draft.review_round) == (Status.IN_REVIEW, 1)
    services.review(publication=draft, by=reviewer, approve=True, comments="同意")
    assert (draft.status, draft.review_round) == (Status.IN_REVIEW, 2)
    services.review(publication=draft, by=head, approve=True)
    assert draft.status == Status.APPROVED
    with time_machine.travel(datetime(2025, 3, 10, 9, 0, tzinfo=SH), tick=False):
        services.publish(publication=draft, by=clerk)
    draft.refresh_from_db()
    assert draft.status == Status.PUBLISHED
    assert draft.published_on == date(2025, 3, 10)
    assert draft.index_number == "HA411203-YDZ/2025-00001"
    assert SearchDocument.objects.filter(publication=draft).exists()
    actions = list(draft.events.values_list("action", flat=True))
    assert actions == ["create", "submit", "pre_review_pass", "approve", "approve", "publish"]
    assert AuditEntry.objects.for_object(draft).filter(action="publication.publish").count() == 1
    services.withdraw(publication=draft, by=head, reason="内容有误")
    assert draft.status == Status.WITHDRAWN
    assert not SearchDocument.objects.filter(publication=draft).exists()
    services.reopen(publication=draft, by=clerk)
    assert draft.status == Status.DRAFT


def test_index_numbers_count_per_agency_and_year_with_the_stored_pattern(yd, orgs, users):
    conf = services.settings_for(yd)
    conf.index_pattern = "{机构代码}-{年}-{序号}"
    conf.sequence_width = 3
    conf.save()
    with time_machine.travel(datetime(2025, 12, 31, 10, 0, tzinfo=SH), tick=False):
        a = publish_through_review(make_publication(yd, by=users["yd_clerk"]), users)
        b = publish_through_review(make_publication(yd, by=users["yd_clerk"]), users)
        c = publish_through_review(make_publication(orgs["zhangwan"], by=users["zw_clerk"]), users, prefix="zw")
    with time_machine.travel(datetime(2026, 1, 2, 10, 0, tzinfo=SH), tick=False):
        d = publish_through_review(make_publication(yd, by=users["yd_clerk"]), users)
    assert [a.index_number, b.index_number, d.index_number] == [
        "HA411203-YDZ-2025-001",
        "HA411203-YDZ-2025-002",
        "HA411203-YDZ-2026-001",
    ]
    assert c.index_number == "HA411203-ZWX/2025-00001"


def test_a_reviewer_returns_with_comments_and_the_clerk_fixes_it(draft, users):
    clerk, reviewer, head = users["yd_clerk"], users["yd_reviewer"], users["yd_head"]
    services.submit(publication=draft, by=clerk)
    services.pre_review(publication=draft, by=reviewer, checklist=ALL_CHECKED, approve=True)
    with pytest.raises(WorkflowError, match="意见"):
        services.review(publication=draft, by=reviewer, approve=False, comments="")
    services.review(publication=draft, by=reviewer, approve=False, comments="文号缺失，请补充")
    assert draft.status == Status.RETURNED
    event = draft.events.get(action="return")
    assert event.comments == "文号缺失，请补充" and event.role == "reviewer"
    services.update_publication(publication=draft, by=clerk, data={"document_number": "原政〔2025〕3号"})
    services.submit(publication=draft, by=clerk)
    draft.refresh_from_db()
    assert (draft.status, draft.review_round) == (Status.PRE_REVIEW, 0)
    services.pre_review(publication=draft, by=reviewer, checklist=ALL_CHECKED, approve=True)
    services.review(publication=draft, by=reviewer, approve=True)
    services.review(publication=draft, by=head, approve=True)
    assert draft.status == Status.APPROVED


def test_pre_review_needs_every_checklist_item_or_returns(draft, users):
    services.submit(publication=draft, by=users["yd_clerk"])
    partial = {**ALL_CHECKED, "no_state_secret": False}
    with pytest.raises(WorkflowError, match="逐项确认"):
        services.pre_review(publication=draft, by=users["yd_reviewer"], checklist=partial, approve=True)
    services.pre_review(
        publication=draft, by=users["yd_reviewer"], checklist=partial, approve=False, comments="涉及个人信息，需脱敏"
    )
    assert draft.status == Status.RETURNED
    assert draft.checklist["no_state_secret"] is False


def test_a_publication_cannot_skip_review(draft, users):
    clerk, head = users["yd_clerk"], users["yd_head"]
    for action in (services.publish, services.unschedule):
        with pytest.raises(WorkflowError):
            action(publication=draft, by=head)
    services.submit(publication=draft, by=clerk)
    with pytest.raises(WorkflowError):
        services.publish(publication=draft, by=head)
    services.pre_review(publication=draft, by=users["yd_reviewer"], checklist=ALL_CHECKED, approve=True)
    with pytest.raises(WorkflowError):
        services.publish(publication=draft, by=head)
    # The head cannot act in the reviewer's round, nor a clerk in any.
    with pytest.raises(PermissionDenied):
        services.review(publication=draft, by=head, approve=True)
    with pytest.raises(PermissionDenied):
        services.review(publication=draft, by=clerk, approve=True)
    # Not through a stale object either: the compare-and-swap refuses.
    stale = Publication.objects.get(pk=draft.pk)
    stale.status = Status.APPROVED
    with pytest.raises(WorkflowError):
        services.publish(publication=stale, by=head)
    assert Publication.objects.get(pk=draft.pk).status == Status.IN_REVIEW
    assert not PublicationEvent.objects.filter(publication=draft, action="publish").exists()


def test_every_published_state_comes_from_approved_in_the_table():
    for action, (sources, to, _roles) in workflow.TRANSITIONS.items():
        if to == Status.PUBLISHED:
            assert sources == {Status.SCHEDULED} or sources == {Status.APPROVED}, action


def test_review_rounds_are_configurable_per_agency(yd, draft, users):
    services.update_settings(organization=yd, by=users["yd_head"], data={"review_rounds": ["head"]})
    services.submit(publication=draft, by=users["yd_clerk"])
    services.pre_review(publication=draft, by=users["yd_reviewer"], checklist=ALL_CHECKED, approve=True)
    assert services.current_round_role(draft) == "head"
    services.review(publication=draft, by=users["yd_head"], approve=True)
    assert draft.status == Status.APPROVED


def test_information_not_for_proactive_disclosure_is_registered_not_published(yd, users):
    pub = make_publication(
        yd, by=users["yd_clerk"], disclosure="withheld", disclosure_ground="属于内部事务信息（第十六条第一款）"
    )
    services.submit(publication=pub, by=users["yd_clerk"])
    services.pre_review(publication=pub, by=users["yd_reviewer"], checklist=ALL_CHECKED, approve=True)
    services.review(publication=pub, by=users["yd_reviewer"], approve=True)
    services.review(publication=pub, by=users["yd_head"], approve=True)
    assert pub.status == Status.NOT_PUBLIC
    with pytest.raises(WorkflowError):
        services.publish(publication=pub, by=users["yd_clerk"])


def _approved(yd, users):
    pub = make_publication(yd, by=users["yd_clerk"])
    services.submit(publication=pub, by=users["yd_clerk"])
    services.pre_review(publication=pub, by=users["yd_reviewer"], checklist=ALL_CHECKED, approve=True)
    services.review(publication=pub, by=users["yd_reviewer"], approve=True)
    services.review(publication=pub, by=users["yd_head"], approve=True)
    return pub


def test_scheduled_publication_is_done_by_the_worker_tick_once(yd, users):
    pub = _approved(yd, users)
    with time_machine.travel(datetime(2025, 3, 10, 9, 0, tzinfo=SH), tick=False):
        services.schedule(publication=pub, by=users["yd_clerk"], at=datetime(2025, 3, 12, 8, 0, tzinfo=SH))
        assert pub.status == Status.SCHEDULED
    # A restart: nothing is kept in memory, the tick reads the database.
    with time_machine.travel(datetime(2025, 3, 12, 7, 59, tzinfo=SH), tick=False):
        assert periodic.tick(datetime(2025, 3, 12, 7, 59, tzinfo=SH)) == 0
    with time_machine.travel(datetime(2025, 3, 12, 8, 0, 30, tzinfo=SH), tick=False):
        assert periodic.tick(datetime(2025, 3, 12, 8, 0, 30, tzinfo=SH)) == 1
        assert periodic.tick(datetime(2025, 3, 12, 8, 0, 30, tzinfo=SH)) == 0
    pub.refresh_from_db()
    assert pub.status == Status.PUBLISHED
    assert pub.published_on == date(2025, 3, 12)
    assert pub.index_number.endswith("2025-00001")
    assert pub.events.filter(action="publish_scheduled", by__isnull=True).count() == 1


def test_a_schedule_in_the_past_is_refused_and_can_be_cancelled(yd, users):
    pub = _approved(yd, users)
    with time_machine.travel(datetime(2025, 3, 10, 9, 0, tzinfo=SH), tick=False):
        with pytest.raises(WorkflowError, match="晚于"):
            services.schedule(publication=pub, by=users["yd_clerk"], at=datetime(2025, 3, 9, 9, 0, tzinfo=SH))
        services.schedule(publication=pub, by=users["yd_clerk"], at=datetime(2025, 3, 11, 9, 0, tzinfo=SH))
        services.unschedule(publication=pub, by=users["yd_clerk"])
    assert pub.status == Status.APPROVED and pub.scheduled_at is None
    assert periodic.tick(datetime(2025, 3, 12, 9, 0, tzinfo=SH)) == 0


def test_repeal_and_amend_keep_the_document_public_with_history(yd, users):
    with time_machine.travel(datetime(2025, 3, 10, 9, 0, tzinfo=SH), tick=False):
        pub = publish_through_review(make_publication(yd, by=users["yd_clerk"], legal_kind="normative"), users)
    with pytest.raises(WorkflowError, match="理由"):
        services.repeal(publication=pub, by=users["yd_head"], on=date(2025, 6, 1), reason=" ")
    with pytest.raises(PermissionDenied):
        services.repeal(publication=pub, by=users["yd_clerk"], on=date(2025, 6, 1), reason="已被新文件替代")
    services.amend(publication=pub, by=users["yd_head"], on=date(2025, 5, 1), reason="第三条修改")
    assert pub.validity == Validity.AMENDED and pub.amended_on == date(2025, 5, 1)
    services.repeal(publication=pub, by=users["yd_head"], on=date(2025, 6, 1), reason="已被新文件替代")
    pub.refresh_from_db()
    assert (pub.validity, pub.repealed_on, pub.status) == (Validity.REPEALED, date(2025, 6, 1), Status.PUBLISHED)
    assert list(pub.events.filter(action__in=["amend", "repeal"]).values_list("action", "on")) == [
        ("amend", date(2025, 5, 1)),
        ("repeal", date(2025, 6, 1)),
    ]
    with pytest.raises(WorkflowError, match="已废止"):
        services.repeal(publication=pub, by=users["yd_head"], on=date(2025, 7, 1), reason="again")


def test_overdue_drafts_are_flagged(yd, users):
    pub = make_publication(yd, by=users["yd_clerk"], formed_on=date(2025, 1, 2))
    assert pub.is_overdue(date(2025, 12, 1))
    assert list(Publication.objects.overdue(date(2025, 12, 1))) == [pub]
    assert not Publication.objects.overdue(pub.publish_due)
