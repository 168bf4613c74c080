"""Test helpers and URL kwargs (objects of 原店镇) for the staff isolation walk."""

from datetime import timedelta

from django.utils import timezone


def make_case(org, *, by=None, **overrides):
    from . import services

    today = timezone.localdate()
    data = {
        "kind": "reconsideration",
        "route": "",
        "procedure": "ordinary",
        "number": "陕政复〔2026〕1号",
        "authority": "三门峡市陕州区人民政府",
        "applicant": "张三",
        "filed_on": today - timedelta(days=10),
        "copy_received_on": today - timedelta(days=8),
        **overrides,
    }
    return services.create_case(organization=org, data=data, by=by)


def make_complaint(subject, *, by=None, **overrides):
    from . import services

    data = {
        "subject_organization": subject,
        "category": "application",
        "content": "申请逾期未答复。",
        "complainant_name": "李四",
        "complainant_phone": "13900000000",
        "received_on": timezone.localdate(),
        **overrides,
    }
    return services.register_complaint(**data, by=by)[0]


def make_urging(org, supervisor, **overrides):
    from . import services

    today = timezone.localdate()
    data = {
        "organization": org,
        "subject": "申请逾期未答复",
        "reason": "请立即答复并反馈。",
        "due_on": today + timedelta(days=5),
        **overrides,
    }
    return services.issue_urging(**data, by=supervisor, today=today)


def make_plan(issuer, assignees, *, by=None, year=None):
    from . import services

    plan = services.create_plan(
        organization=issuer,
        year=year or timezone.localdate().year,
        title="政务公开工作要点任务分解",
        source="河南省政务公开工作要点",
        by=by,
    )
    services.add_task(plan, title="更新政府信息公开指南", description="", due_on=None, assignees=assignees, by=by)
    return plan


def make_rating(org, *, rated_on, comment="", score="satisfied"):
    """An applicant's 评议 of a new application of ``org`` (the rating form needs it closed; a list does not)."""
    from gongkai.applications.testing import make_application

    from .models import Rating

    app, _code = make_application(org)
    return Rating.objects.create(application=app, organization=org, score=score, comment=comment, rated_on=rated_on)


def _case(world):
    return make_case(world["orgs"]["yuandian"]).pk


def _complaint(world):
    return make_complaint(world["orgs"]["yuandian"]).pk


def _urging(world):
    return make_urging(world["orgs"]["yuandian"], world["users"]["sz_supervisor"]).pk


def _bulletin(world):
    from . import services

    return services.create_bulletin(
        organization=world["orgs"]["yuandian"],
        title="通报",
        issued_on=timezone.localdate(),
        intro="",
        closing="",
        items=[],
        by=None,
    ).pk


def _plan(world):
    return make_plan(world["orgs"]["yuandian"], [world["orgs"]["yuandian"]]).pk


def _assignment(world):
    plan = make_plan(world["orgs"]["shanzhou"], [world["orgs"]["yuandian"], world["orgs"]["zhangwan"]])
    return plan.tasks.first().assignments.get(organization=world["orgs"]["yuandian"]).pk


def _account(world):
    from . import services

    return services.save_account(
        organization=world["orgs"]["yuandian"],
        data={"platform": "wechat", "name": "原店镇发布", "operator": "原店镇党政办", "status": "active"},
        by=None,
    ).pk


URL_KWARGS = {
    "case_id": _case,
    "complaint_id": _complaint,
    "urging_id": _urging,
    "bulletin_id": _bulletin,
    "plan_id": _plan,
    "assignment_id": _assignment,
    "account_id": _account,
}
