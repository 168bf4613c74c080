"""Read models for the supervision desk and the public pages (selectors, STYLE §7.2)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.organizations.models import Organization

from . import generator, schedule
from .models import OPEN_STATUSES, Report, ReportVersion, Status


@dataclass
class OrgStatus:
    org: Organization
    due: date
    report: Report | None = None
    published: ReportVersion | None = None
    open: ReportVersion | None = None
    late: bool = False

    @property
    def state(self) -> str:
        if self.published:
            return "published"
        return "drafting" if self.report else "missing"

    @property
    def state_label(self):
        if self.published:
            return _("已发布")
        if self.open:
            return _("编制中（%(s)s）") % {"s": self.open.get_status_display()}
        return _("未编制")

    @property
    def published_on(self) -> date | None:
        return timezone.localdate(self.published.published_at) if self.published else None

    @property
    def errors(self) -> int:
        v = self.published or self.open
        return v.error_count() if v else 0

    @property
    def warnings(self) -> int:
        v = self.published or self.open
        return v.warning_count() if v else 0


def subtree_status(root: Organization, year: int, *, today: date, subtree: bool = True) -> list[OrgStatus]:
    """Every active organization under ``root`` (itself included) and where its report on ``year`` stands."""
    orgs = list(Organization.objects.subtree(root).filter(is_active=True).order_by("path")) if subtree else [root]
    reports = {
        r.organization_id: r
        for r in Report.objects.filter(organization__in=orgs, year=year).prefetch_related(
            Prefetch("versions", queryset=ReportVersion.objects.filter(status__in=[*OPEN_STATUSES, Status.PUBLISHED]))
        )
    }
    rules = schedule.all_rules()
    out = []
    for org in orgs:
        row = OrgStatus(org=org, due=schedule.due_date(org, year, rules=rules), report=reports.get(org.pk))
        if row.report:
            for v in row.report.versions.all():
                if v.status == Status.PUBLISHED:
                    row.published = v
                else:
                    row.open = v
        if row.published:
            row.late = row.published_on > row.due
        else:
            row.late = today > row.due
        out.append(row)
    return out


def summary(rows: list[OrgStatus]) -> dict:
    return {
        "total": len(rows),
        "published": sum(1 for r in rows if r.published),
        "missing": sum(1 for r in rows if not r.published),
        "late": sum(1 for r in rows if r.late),
        "with_errors": sum(1 for r in rows if r.errors),
    }


def aggregate_section3(root: Organization, year: int, *, subtree: bool = True) -> dict | None:
    """Table 三 summed over the whole subtree (one selector call over all org ids), or None if not available."""
    if generator.selector("section3") is None:
        return None
    return generator._section3(generator.org_ids_for(root, "subtree" if subtree else "own"), year, "2021")


def published_reports(org: Organization | None = None):
    qs = Report.objects.filter(versions__status=Status.PUBLISHED).select_related("organization").distinct()
    if org is not None:
        qs = qs.filter(organization=org)
    return qs.order_by("-year", "organization__path")
