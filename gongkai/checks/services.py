"""State changes of the checks app: recording a checked report (with its audit row)."""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.db import transaction

from gongkai.audit.services import record
from gongkai.reports.core.validate import validate
from gongkai.reports.readers import read_bytes, sniff
from gongkai.reports.readers.present import counts, side_by_side

from .models import CheckedReport


def level_of(organization) -> str | None:
    """The validator's level for an organization: 乡镇、县级 governments and county departments enact no 规章."""
    if organization is None:
        return None
    if organization.level in ("township", "county"):
        return organization.level
    parent = organization.parent
    if organization.level == "department" and parent is not None and parent.level == "county":
        return "county_department"
    return None


def read_and_validate(data: bytes, name: str, *, organization=None):
    """The report read from ``data`` with reader and validator findings (raises readers.Unreadable)."""
    return validate_for(read_bytes(data, name), organization)


def validate_for(report, organization):
    """Add the validator's findings, with the level rules of ``organization`` when it is known."""
    report.findings = report.findings + validate(report, level=level_of(organization))
    order = {"error": 0, "warning": 1, "info": 2}
    report.findings.sort(key=lambda f: order[f.severity])
    return report


@transaction.atomic
def record_check(*, organization, year: int, name: str, data: bytes, report, by) -> CheckedReport:
    """Keep one checked report for ``organization`` and ``year`` (earlier checks stay as history)."""
    n = counts(report)
    check = CheckedReport(
        organization=organization,
        year=year,
        source_name=name[:255],
        source_kind=sniff(data, name),
        template=report.template,
        title=report.title[:255],
        stated_organization=report.organization[:200],
        result=report.to_json(),
        side_by_side=side_by_side(report),
        errors=n["error"],
        warnings=n["warning"],
        notes=n["info"],
        checked_by=by,
    )
    check.source_file.save(name[-100:] or "report.txt", ContentFile(data), save=False)
    check.save()
    record(
        actor=by,
        obj=check,
        action="checks.check_report",
        after={"year": year, "file": name, "errors": n["error"], "warnings": n["warning"], "template": report.template},
        organization=organization,
    )
    return check
