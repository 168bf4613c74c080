"""Every state change of an annual report (STYLE §7.2): atomic, keyword-only, ``by=``, one audit row."""

from __future__ import annotations

import copy
from dataclasses import asdict
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.audit.services import record
from gongkai.organizations import access
from gongkai.organizations.models import Role

from . import generator, schedule
from .core.model import AnnualReport
from .core.validate import validate
from .models import OPEN_STATUSES, TRANSITIONS, Report, ReportVersion, Scope, Status

EDIT_ROLES = (Role.CLERK, Role.HEAD, Role.ADMIN)
REVIEW_ROLES = (Role.REVIEWER, Role.HEAD, Role.ADMIN)
APPROVE_ROLES = (Role.HEAD,)  # 负责人 (30号: 分管领导是第一责任人)
PUBLISH_ROLES = (Role.CLERK, Role.HEAD, Role.ADMIN)


class InvalidTransition(ValidationError):
    pass


def _require(by, org, roles, message):
    if by is not None and not access.has_role(by, org, *roles):
        raise PermissionDenied(message)


def to_value(version: ReportVersion) -> AnnualReport:
    return AnnualReport.from_json(version.data)


def previous_report(report: Report) -> AnnualReport | None:
    """Last year's published report of the same organization (for the continuity rules)."""
    prev = (
        ReportVersion.objects.filter(
            report__organization_id=report.organization_id, report__year=report.year - 1, status=Status.PUBLISHED
        )
        .only("data")
        .first()
    )
    return AnnualReport.from_json(prev.data) if prev else None


def validator_level(org) -> str:
    """The validator's level name: a 县级 department is "county_department" (it enacts no 规章)."""
    if org.level == "department" and org.parent_id and org.parent.level in ("county", "township"):
        return "county_department"
    return org.level


def findings_for(version: ReportVersion, *, published_on: date | None = None) -> list[dict]:
    report = version.report
    org = report.organization
    # The deadline concerns the first publication: a later correction is not "late".
    first = (
        ReportVersion.objects.filter(report=report, published_at__isnull=False)
        .exclude(pk=version.pk)
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
    )
    if first is not None:
        published_on = timezone.localdate(first)
    elif published_on is None and version.published_at:
        published_on = timezone.localdate(version.published_at)
    found = validate(
        to_value(version),
        previous=previous_report(report),
        level=validator_level(org),
        published_on=published_on,
        deadline=schedule.due_date(org, report.year),
    )
    return [asdict(f) for f in found]


def _store(version: ReportVersion, value: AnnualReport) -> None:
    data = value.to_json()
    data.pop("findings", None)
    version.data = data


@transaction.atomic
def create_report(*, organization, year: int, by, template: str | None = None, scope: str = Scope.OWN) -> Report:
    """Start the report on ``year``: version 1, a draft filled from the records."""
    _require(by, organization, EDIT_ROLES, _("只有本机关公开专员或负责人可以编制年度报告。"))
    if Report.objects.filter(organization=organization, year=year).exists():
        raise ValidationError(_("%(year)s年度报告已经存在。") % {"year": year})
    template = template or generator.default_template(year)
    report = Report.objects.create(organization=organization, year=year, template=template, scope=scope, created_by=by)
    value, generated = generator.generate(organization, year, template=template, scope=scope)
    version = ReportVersion(
        report=report, number=1, generated_tables=generated, generated_at=timezone.now(), created_by=by
    )
    _store(version, value)
    version.findings = findings_for(version)
    version.save()
    record(
        actor=by,
        obj=report,
        action="report.created",
        after={"year": year, "template": template, "scope": scope, "generated": generated},
    )
    return report


def _locked_open(version: ReportVersion, *, statuses=(Status.DRAFT,)) -> ReportVersion:
    fresh = ReportVersion.objects.select_for_update().select_related("report__organization").get(pk=version.pk)
    if fresh.status not in statuses:
        raise InvalidTransition(_("该版本当前状态为“%(s)s”，不能修改。") % {"s": fresh.get_status_display()})
    return fresh


@transaction.atomic
def refresh_tables(version: ReportVersion, *, by) -> ReportVersion:
    """Re-fill the generated tables of a draft from the current records (published versions never change)."""
    version = _locked_open(version)
    report = version.report
    _require(by, report.organization, EDIT_ROLES, _("没有编辑权限。"))
    before = {k: version.data.get(k) for k in ("section2", "section3", "section4")}
    fresh, generated = generator.tables(report.organization, report.year, template=report.template, scope=report.scope)
    value = to_value(version)
    for table in generated:
        setattr(value, table, fresh[table])
    _store(version, value)
    version.generated_tables = generated
    version.generated_at = timezone.now()
    version.findings = findings_for(version)
    version.save()
    after = {k: version.data.get(k) for k in ("section2", "section3", "section4")}
    record(
        actor=by,
        obj=version,
        organization=report.organization,
        action="report.refreshed",
        before={k: v for k, v in before.items() if v != after[k]},
        after={k: v for k, v in after.items() if v != before[k]},
    )
    return version


@transaction.atomic
def update_content(
    version: ReportVersion, *, by, sections: dict | None = None, tables: dict | None = None
) -> ReportVersion:
    """Save staff edits of a draft: the text of 一、五、六 and the tables the system does not fill.

    Edits that break a rule are accepted (it is a draft) and the findings are recomputed at once.
    """
    version = _locked_open(version)
    report = version.report
    _require(by, report.organization, EDIT_ROLES, _("没有编辑权限。"))
    value = to_value(version)
    before = copy.deepcopy(version.data)
    if sections:
        value.sections.update({k: v for k, v in sections.items() if k in ("overview", "problems", "other")})
    for table, numbers in (tables or {}).items():
        if table in version.generated_tables:
            raise ValidationError(_("该表由系统数据生成，不能手工修改；如数据有误请更正原始记录。"))
        if table not in ("section2", "section3", "section4"):
            raise ValidationError(_("未知的表格。"))
        setattr(value, table, numbers)
    _store(version, value)
    version.findings = findings_for(version)
    version.save()
    changed = [k for k in version.data if version.data.get(k) != before.get(k)]
    record(
        actor=by,
        obj=version,
        organization=report.organization,
        action="report.edited",
        before={k: before.get(k) for k in changed},
        after={k: version.data.get(k) for k in changed},
    )
    return version


def _transition(version: ReportVersion, action: str, *, by, note: str = "", **fields) -> ReportVersion:
    old = version.status
    new = TRANSITIONS.get(old, {}).get(action)
    if new is None:
        raise InvalidTransition(_("当前状态“%(s)s”不允许此操作。") % {"s": version.get_status_display()})
    updated = ReportVersion.objects.filter(pk=version.pk, status=old).update(status=new, **fields)
    if not updated:
        raise InvalidTransition(_("报告状态已被他人修改，请刷新后重试。"))
    version.refresh_from_db()
    record(
        actor=by,
        obj=version,
        organization=version.report.organization,
        action=f"report.{action}",
        before={"status": old},
        after={"status": new, **{k: v for k, v in fields.items() if k in ("override_reason", "return_note")}},
        note=note,
    )
    return version


@transaction.atomic
def submit(version: ReportVersion, *, by) -> ReportVersion:
    """草稿 → 内部审核."""
    version = _locked_open(version, statuses=OPEN_STATUSES)
    _require(by, version.report.organization, EDIT_ROLES, _("只有公开专员或负责人可以提交审核。"))
    return _transition(version, "submit", by=by, submitted_at=timezone.now(), submitted_by=by, return_note="")


@transaction.atomic
def return_to_draft(version: ReportVersion, *, by, note: str) -> ReportVersion:
    version = _locked_open(version, statuses=OPEN_STATUSES)
    _require(by, version.report.organization, REVIEW_ROLES, _("只有审核人或负责人可以退回。"))
    if not note.strip():
        raise ValidationError(_("请填写退回意见。"))
    return _transition(
        version, "return", by=by, note=note, return_note=note.strip(), approved_at=None, approved_by=None
    )


@transaction.atomic
def approve(version: ReportVersion, *, by) -> ReportVersion:
    """内部审核 → 负责人批准 (only the 负责人)."""
    version = _locked_open(version, statuses=OPEN_STATUSES)
    _require(by, version.report.organization, APPROVE_ROLES, _("只有本机关负责人可以批准发布年度报告。"))
    return _transition(version, "approve", by=by, approved_at=timezone.now(), approved_by=by)


@transaction.atomic
def publish(version: ReportVersion, *, by, override_reason: str = "", today: date | None = None) -> ReportVersion:
    """Publish an approved version on the portal; it is locked from then on.

    A version with validation errors is published only with an explicit reason, which is kept and audited.
    A correction (version 2+) needs its public change note; the version it corrects becomes ``superseded``.
    """
    version = _locked_open(version, statuses=OPEN_STATUSES)
    report = version.report
    _require(by, report.organization, PUBLISH_ROLES, _("没有发布权限。"))
    if version.status != Status.APPROVED:
        raise InvalidTransition(_("年度报告须经负责人批准后才能发布。"))
    today = today or timezone.localdate()
    version.findings = findings_for(version, published_on=today)
    ReportVersion.objects.filter(pk=version.pk).update(findings=version.findings)
    errors = [f for f in version.findings if f["severity"] == "error"]
    override_reason = (override_reason or "").strip()
    if errors and not override_reason:
        raise ValidationError(
            _("报告有%(n)d项错误，不能发布；如确需发布，请填写带错误发布的理由（将被记录）。") % {"n": len(errors)}
        )
    if version.number > 1 and not version.change_note.strip():
        raise ValidationError(_("更正版本须填写更正说明（随报告公开）。"))
    superseded = ReportVersion.objects.filter(report=report, status=Status.PUBLISHED).update(status=Status.SUPERSEDED)
    return _transition(
        version,
        "publish",
        by=by,
        note=f"override: {override_reason}" if errors else (f"superseded {superseded}" if superseded else ""),
        published_at=timezone.now(),
        published_by=by,
        override_reason=override_reason if errors else "",
    )


@transaction.atomic
def start_correction(report: Report, *, by, change_note: str) -> ReportVersion:
    """After publication: a new draft version (copy of the published one) with a public change note."""
    report = Report.objects.select_for_update().select_related("organization").get(pk=report.pk)
    _require(by, report.organization, EDIT_ROLES, _("没有编辑权限。"))
    if not change_note.strip():
        raise ValidationError(_("请填写更正说明，说明更正的内容和原因（将随报告公开）。"))
    published = report.current_published()
    if published is None:
        raise ValidationError(_("报告尚未发布，直接修改草稿即可。"))
    if report.versions.filter(status__in=OPEN_STATUSES).exists():
        raise ValidationError(_("已有一个正在编制的更正版本。"))
    number = (report.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = ReportVersion(
        report=report,
        number=number,
        data=copy.deepcopy(published.data),
        generated_tables=list(published.generated_tables),
        generated_at=published.generated_at,
        change_note=change_note.strip(),
        created_by=by,
    )
    version.findings = findings_for(version)
    version.save()
    record(
        actor=by,
        obj=version,
        organization=report.organization,
        action="report.correction_started",
        after={"number": number, "change_note": version.change_note},
    )
    return version


@transaction.atomic
def update_change_note(version: ReportVersion, *, by, change_note: str) -> ReportVersion:
    version = _locked_open(version)
    _require(by, version.report.organization, EDIT_ROLES, _("没有编辑权限。"))
    before = version.change_note
    version.change_note = change_note.strip()
    version.save(update_fields=["change_note", "updated_at"])
    record(
        actor=by,
        obj=version,
        organization=version.report.organization,
        action="report.change_note",
        before={"change_note": before},
        after={"change_note": version.change_note},
    )
    return version
