"""Annual-report selectors of the cases app (docs/interfaces.md; called by ``gongkai.reports.generator``).

* ``section4(org_ids, year)`` — table 四, 15 numbers in the order of shared/spec/report-ids.md;
* ``section4_records(org_ids, year, index)`` — the cases behind one cell (drill-down);
* ``narrative_facts(org_id, year)`` — facts for the narrative sections 一、五、六.
"""

from datetime import date

from django.db.models import Count, Q, QuerySet

from . import counting
from .models import (
    Case,
    CheckResult,
    Complaint,
    Finding,
    LogKind,
    Measure,
    NewMediaAccount,
    NewMediaCheck,
    ResultMapping,
    TaskAssignment,
    TaskStatus,
    WorkLog,
)


def result_mapping() -> dict[str, str]:
    return dict(ResultMapping.objects.values_list("decision_type", "category"))


def _cases(org_ids, year: int) -> QuerySet:
    return Case.objects.filter(organization_id__in=list(org_ids), filed_on__year=year)


def section4(org_ids: list[int], year: int) -> list[int]:
    return counting.section4((c.facts() for c in _cases(org_ids, year)), year, result_mapping())


def section4_records(org_ids, year: int, index: int) -> QuerySet:
    group, column = counting.cell(index)
    mapping = result_mapping()
    pks = [
        c.pk
        for c in _cases(org_ids, year)
        if counting.group_of(c.facts()) == group
        and (column == counting.TOTAL or counting.column_for(c.facts(), year, mapping) == column)
    ]
    return Case.objects.filter(pk__in=pks).select_related("organization")


def complaint_figures(org_ids, year: int) -> dict:
    """Complaints about the given agencies received in ``year``."""
    qs = Complaint.objects.filter(subject_organization_id__in=list(org_ids), received_on__year=year)
    agg = qs.aggregate(
        received=Count("id"),
        founded=Count("id", filter=Q(finding=Finding.FOUNDED)),
        unfounded=Count("id", filter=Q(finding=Finding.UNFOUNDED)),
        rectification=Count("id", filter=Q(measure__in=[Measure.RECTIFICATION, Measure.BOTH])),
        criticism=Count("id", filter=Q(measure__in=[Measure.CRITICISM, Measure.BOTH])),
        answered=Count("id", filter=Q(replied_on__isnull=False)),
    )
    agg["pending"] = agg["received"] - agg["founded"] - agg["unfounded"]
    return agg


def _rating_counts() -> dict:
    return {
        "total": Count("id"),
        "satisfied": Count("id", filter=Q(score="satisfied")),
        "basic": Count("id", filter=Q(score="basic")),
        "unsatisfied": Count("id", filter=Q(score="unsatisfied")),
    }


def _with_rate(figures: dict) -> dict:
    figures["satisfaction_rate"] = (
        round(100 * (figures["satisfied"] + figures["basic"]) / figures["total"], 1) if figures["total"] else None
    )
    return figures


def rating_figures(org_ids, year: int) -> dict:
    """评议 figures of the ratings of ``org_ids`` together (an agency, or a subtree)."""
    from .models import Rating

    return _with_rate(
        Rating.objects.filter(organization_id__in=list(org_ids), rated_on__year=year).aggregate(**_rating_counts())
    )


def rating_figures_by_org(org_ids, year: int) -> dict[int, dict]:
    """:func:`rating_figures` of each agency of ``org_ids`` on its own, in one grouped query."""
    from .models import Rating

    ids = list(org_ids)
    counts = {
        row.pop("organization_id"): row
        for row in Rating.objects.filter(organization_id__in=ids, rated_on__year=year)
        .order_by()
        .values("organization_id")
        .annotate(**_rating_counts())
    }
    zero = {"total": 0, "satisfied": 0, "basic": 0, "unsatisfied": 0}
    return {pk: _with_rate(dict(counts.get(pk, zero))) for pk in ids}


def new_media_facts(org_id: int, year: int) -> dict:
    check = NewMediaCheck.objects.filter(organization_id=org_id, year=year).first()
    year_end = date(year, 12, 31)
    accounts = (
        NewMediaAccount.objects.filter(organization_id=org_id)
        .exclude(opened_on__gt=year_end)
        .exclude(closed_on__lt=date(year, 1, 1))
    )
    count = accounts.count()
    if check is not None and check.result == CheckResult.NONE:
        text = "经过排查，无政务新媒体。"
    elif check is not None:
        text = f"经过排查，共有政务新媒体{check.accounts_checked}个，{check.get_result_display()}。"
        if check.problems:
            text += f"发现问题：{check.problems}"
        if check.rectification:
            text += f"整改情况：{check.rectification}"
    else:
        text = ""
    return {
        "count": count,
        "accounts": [f"{a.get_platform_display()}“{a.name}”" for a in accounts],
        "checked": check is not None,
        "checked_on": check.checked_on if check else None,
        "result": check.result if check else None,
        "no_new_media": bool(check and check.result == CheckResult.NONE),
        "text": text,
    }


def narrative_facts(org_id: int, year: int) -> dict:
    """Facts the report generator writes into sections 一、五、六 (all counts for ``year``)."""
    logs = WorkLog.objects.filter(organization_id=org_id, held_on__year=year).order_by("held_on")

    def entries(kind):
        return [{"date": e.held_on, "title": e.title, "participants": e.participants} for e in logs if e.kind == kind]

    assignments = TaskAssignment.objects.filter(organization_id=org_id, task__plan__year=year).select_related(
        "task__plan"
    )
    tasks = {
        "assigned": len(assignments),
        "done": sum(1 for a in assignments if a.status == TaskStatus.DONE),
        "plans": sorted({a.task.plan.source or a.task.plan.title for a in assignments}),
        "open": [a.task.title for a in assignments if a.status != TaskStatus.DONE],
    }
    cases = section4([org_id], year)
    facts = {
        "complaints": complaint_figures([org_id], year),
        "ratings": rating_figures([org_id], year),
        "trainings": entries(LogKind.TRAINING),
        "meetings": entries(LogKind.MEETING),
        "self_inspections": entries(LogKind.SELF_INSPECTION),
        "inspections": entries(LogKind.INSPECTION),
        "tasks": tasks,
        "new_media": new_media_facts(org_id, year),
        "cases": {"reconsideration": cases[4], "litigation": cases[9] + cases[14]},
    }
    facts["text"] = narrative_text(facts)
    return facts


def narrative_text(facts: dict) -> dict[str, str]:
    """Draft Chinese sentences from :func:`narrative_facts` (staff edit them in the report)."""
    out = {}
    work = []
    for key, label, unit in [
        ("meetings", "召开政务公开工作会议", "次"),
        ("trainings", "开展政务公开业务培训", "次"),
        ("self_inspections", "开展政务公开自查自纠", "次"),
        ("inspections", "开展监督检查", "次"),
    ]:
        if facts[key]:
            work.append(f"{label}{len(facts[key])}{unit}")
    if work:
        out["work"] = "全年" + "，".join(work) + "。"
    tasks = facts["tasks"]
    if tasks["assigned"]:
        plans = "、".join(f"《{p}》" for p in tasks["plans"])
        out["tasks"] = f"认真贯彻落实{plans}，承担的{tasks['assigned']}项任务已完成{tasks['done']}项。"
    c = facts["complaints"]
    if c["received"]:
        line = f"收到涉及政府信息公开工作的投诉、举报{c['received']}件，经查证属实{c['founded']}件"
        if c["founded"]:
            line += f"（督促整改{c['rectification']}件、通报批评{c['criticism']}件）"
        out["complaints"] = line + "。"
    else:
        out["complaints"] = "未收到涉及政府信息公开工作的投诉、举报。"
    r = facts["ratings"]
    if r["total"]:
        out["ratings"] = (
            f"申请人对答复进行评议{r['total']}件，其中满意{r['satisfied']}件、基本满意{r['basic']}件、"
            f"不满意{r['unsatisfied']}件。"
        )
    if facts["new_media"]["text"]:
        out["new_media"] = facts["new_media"]["text"]
    return out
