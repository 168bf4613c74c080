"""Read models for the supervising office's desk (督办台).

Figures from other apps come through guarded imports: a panel appears only when the app that owns
the data is installed and migrated (applications: overdue/due-soon; publications: overdue 主动公开
clocks; reports: missing/late/erroneous annual reports).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from gongkai.organizations.models import Organization

from .models import Case, Complaint, ComplaintStatus, Finding, Score, Urging, UrgingStatus

log = logging.getLogger("gongkai.cases")

DUE_SOON_WORKING_DAYS = 5

# 复议/诉讼 cases still waiting for the agency's 答复/答辩: the desk's figures, its panel and the case list's filter.
AWAITING_REPLY = Q(replied_on__isnull=True, reply_due__isnull=False)


def application_model():
    try:
        from gongkai.applications.models import Application
    except ImportError:
        return None
    return Application if hasattr(Application.objects, "overdue") else None


def publication_model():
    try:
        from gongkai.publications.models import Publication
    except ImportError:
        return None
    return Publication if hasattr(Publication.objects, "overdue") else None


def report_status_function():
    try:
        from gongkai.reports.queries import subtree_status
    except ImportError:
        return None
    return subtree_status


def rating_model():
    try:
        from .models import Rating
    except ImportError:
        return None
    return Rating


def _ids(org_ids):
    """A list of pks, or a ``values("pk")`` QuerySet used as a subquery (no giant IN list)."""
    return org_ids if hasattr(org_ids, "query") else list(org_ids)


def due_soon_limit(today: date) -> date:
    from gongkai.workdays import services as workdays

    return workdays.get_calendar().add_working_days(today, DUE_SOON_WORKING_DAYS)


def overdue_applications(org_ids, today: date):
    Application = application_model()
    if Application is None:
        return None
    return Application.objects.filter(organization_id__in=_ids(org_ids)).overdue(today).order_by("due_on")


def due_soon_applications(org_ids, today: date):
    Application = application_model()
    if Application is None:
        return None
    return (
        Application.objects.filter(organization_id__in=_ids(org_ids))
        .open()
        .filter(due_on__gte=today, due_on__lte=due_soon_limit(today))
        .order_by("due_on")
    )


def pending_case_replies(org_ids):
    """复议/诉讼 cases still waiting for the agency's 答复/答辩, earliest due first."""
    return Case.objects.filter(AWAITING_REPLY, organization_id__in=_ids(org_ids)).order_by("reply_due", "id")


def overdue_publications(org_ids, today: date):
    Publication = publication_model()
    if Publication is None:
        return None
    return Publication.objects.filter(organization_id__in=_ids(org_ids)).overdue(today).order_by("publish_due")


@dataclass
class AgencyRow:
    org: Organization
    overdue_apps: int | None = None
    due_soon_apps: int | None = None
    overdue_publications: int | None = None
    report: object | None = None  # reports.queries.OrgStatus
    complaints_open: int = 0
    complaints_founded: int = 0
    ratings: dict = field(default_factory=dict)
    urgings_open: int = 0
    urgings_overdue: int = 0
    cases_due_soon: int = 0
    cases_overdue: int = 0

    def problems(self) -> list[str]:
        """Chinese lines for the 通报."""
        out = []
        if self.overdue_apps:
            out.append(_("依申请公开逾期未答复 %(n)d 件") % {"n": self.overdue_apps})
        if self.overdue_publications:
            out.append(_("主动公开信息超过20个工作日未公开 %(n)d 条") % {"n": self.overdue_publications})
        if self.report is not None:
            if not self.report.published and self.report.late:
                out.append(_("政府信息公开工作年度报告逾期未发布"))
            elif self.report.published and self.report.late:
                out.append(_("政府信息公开工作年度报告逾期发布"))
            if self.report.errors:
                out.append(_("年度报告存在 %(n)d 处错误") % {"n": self.report.errors})
        if self.cases_overdue:
            out.append(_("行政复议答复/行政诉讼答辩逾期未提交 %(n)d 件") % {"n": self.cases_overdue})
        if self.complaints_founded:
            out.append(_("被投诉举报经查证属实 %(n)d 件") % {"n": self.complaints_founded})
        if self.urgings_overdue:
            out.append(_("督办事项逾期未反馈 %(n)d 件") % {"n": self.urgings_overdue})
        return out

    @property
    def has_problems(self) -> bool:
        return bool(self.problems())


@dataclass
class Desk:
    root: Organization
    today: date
    year: int
    rows: list[AgencyRow]
    has_applications: bool
    has_publications: bool
    has_reports: bool

    can_bulletin: bool = False
    show_all: bool = True  # False: list only the agencies with problems (the totals still cover every row)

    @cached_property
    def problem_rows(self) -> list[AgencyRow]:
        return [r for r in self.rows if r.has_problems]

    @property
    def shown_rows(self) -> list[AgencyRow]:
        return self.rows if self.show_all else self.problem_rows

    @property
    def totals(self) -> dict[str, int]:
        attrs = ["overdue_apps", "due_soon_apps", "overdue_publications", "complaints_open", "urgings_open"]
        return {a: sum(getattr(r, a) or 0 for r in self.rows) for a in attrs}


def _count_by_org(qs) -> dict[int, int]:
    return dict(qs.values_list("organization_id").annotate(n=Count("id")).values_list("organization_id", "n"))


def desk(root: Organization, today: date, *, report_year: int | None = None) -> Desk:
    """Figures for every active agency of ``root``'s subtree (``root`` included)."""
    subtree = Organization.objects.subtree(root).filter(is_active=True)
    orgs = list(subtree.order_by("path"))
    ids = subtree.values("pk")
    rows = {o.pk: AgencyRow(org=o) for o in orgs}
    year = report_year or today.year - 1

    overdue = overdue_applications(ids, today)
    soon = due_soon_applications(ids, today)
    if overdue is not None:
        for pk, n in _count_by_org(overdue.order_by()).items():
            rows[pk].overdue_apps = n
        for pk, n in _count_by_org(soon.order_by()).items():
            rows[pk].due_soon_apps = n
        for r in rows.values():
            r.overdue_apps = r.overdue_apps or 0
            r.due_soon_apps = r.due_soon_apps or 0
    pubs = overdue_publications(ids, today)
    if pubs is not None:
        counts = _count_by_org(pubs.order_by())
        for r in rows.values():
            r.overdue_publications = counts.get(r.org.pk, 0)
    subtree_status = report_status_function()
    if subtree_status is not None:
        try:
            for status in subtree_status(root, year, today=today):
                if status.org.pk in rows:
                    rows[status.org.pk].report = status
        except Exception:  # the reports app is still being migrated; leave the panel out
            log.exception("report status unavailable")
            subtree_status = None

    complaints = (
        Complaint.objects.filter(subject_organization_id__in=ids)
        .values("subject_organization_id")
        .annotate(
            open=Count("id", filter=~Q(status=ComplaintStatus.ANSWERED)),
            founded=Count("id", filter=Q(finding=Finding.FOUNDED, received_on__year=today.year)),
        )
    )
    for c in complaints:
        rows[c["subject_organization_id"]].complaints_open = c["open"]
        rows[c["subject_organization_id"]].complaints_founded = c["founded"]

    Rating = rating_model()
    if Rating is not None:
        for r in (
            Rating.objects.filter(organization_id__in=ids, rated_on__year=today.year)
            .values("organization_id")
            .annotate(
                total=Count("id"),
                satisfied=Count("id", filter=Q(score=Score.SATISFIED)),
                basic=Count("id", filter=Q(score=Score.BASIC)),
                unsatisfied=Count("id", filter=Q(score=Score.UNSATISFIED)),
            )
        ):
            rows[r.pop("organization_id")].ratings = r

    for u in (
        Urging.objects.filter(organization_id__in=ids)
        .exclude(status=UrgingStatus.CLOSED)
        .values("organization_id")
        .annotate(
            open=Count("id"),
            overdue=Count("id", filter=Q(status=UrgingStatus.ISSUED, due_on__lt=today)),
        )
    ):
        rows[u["organization_id"]].urgings_open = u["open"]
        rows[u["organization_id"]].urgings_overdue = u["overdue"]

    soon_limit = due_soon_limit(today)
    for c in (
        Case.objects.filter(AWAITING_REPLY, organization_id__in=ids)
        .values("organization_id")
        .annotate(
            overdue=Count("id", filter=Q(reply_due__lt=today)),
            soon=Count("id", filter=Q(reply_due__gte=today, reply_due__lte=soon_limit)),
        )
    ):
        rows[c["organization_id"]].cases_overdue = c["overdue"]
        rows[c["organization_id"]].cases_due_soon = c["soon"]

    return Desk(
        root=root,
        today=today,
        year=year,
        rows=list(rows.values()),
        has_applications=overdue is not None,
        has_publications=pubs is not None,
        has_reports=subtree_status is not None,
    )


def desk_roots(user) -> list[Organization]:
    """The organizations whose subtrees ``user`` supervises (roots only)."""
    from gongkai.organizations.access import _memberships
    from gongkai.organizations.models import Role

    if user.is_superuser:
        return list(Organization.objects.filter(parent__isnull=True))
    roots = [m.organization for m in _memberships(user) if m.role == Role.SUPERVISOR]
    return [r for r in roots if not any(r.pk != o.pk and r.is_within(o) for o in roots)]
