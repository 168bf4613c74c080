"""Staff pages of the annual report: list, create, edit, workflow, drill-down, exports, supervision."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from gongkai.organizations import access
from gongkai.organizations.decorators import staff_required
from gongkai.organizations.models import Organization, Role
from gongkai.pagination import paginate

from . import generator, queries, schedule, services
from . import render as rendering
from .core.model import AnnualReport, Finding
from .forms import ContentForm, CorrectionForm, CreateReportForm, PublishForm, ReturnForm
from .models import Report, ReportVersion, Scope, Status
from .render import html as html_render

REPORTS = Report.objects.select_related("organization")


def _report(request, report_id, *, write=False, roles=None) -> Report:
    return access.get_for_user(request.user, REPORTS, write=write, roles=roles, pk=report_id)


def _version(report: Report, number=None) -> ReportVersion:
    versions = report.versions.all()
    if number is not None:
        v = versions.filter(number=number).first()
    else:
        v = report.open_version() or report.current_published() or report.latest_version()
    if v is None:
        raise Http404
    return v


def _error(request, exc):
    text = exc.messages if isinstance(exc, ValidationError) else [str(exc) or _("没有权限执行此操作。")]
    for m in text:
        messages.error(request, m)


def _org_rows(user, org: Organization):
    reports = list(org.annual_reports.prefetch_related("versions").order_by("-year"))
    return {
        "org": org,
        "reports": reports,
        "can_create": access.has_role(user, org, *services.EDIT_ROLES),
        "form": CreateReportForm(allow_subtree=org.children.exists()),
        "due": schedule.due_date(org, timezone.localdate().year - 1),
    }


@staff_required
def index(request):
    orgs = access.work_organizations(request.user).order_by("path", "id")  # all of them for a system administrator
    page = paginate(request, orgs)
    return render(request, "reports/index.html", {"blocks": [_org_rows(request.user, o) for o in page], "page": page})


@staff_required
def organization(request, org_id):
    org = access.get_organization_for_user(request.user, org_id)
    return render(request, "reports/index.html", {"blocks": [_org_rows(request.user, org)], "single": org})


@staff_required
@require_POST
def create(request, org_id):
    org = access.get_organization_for_user(request.user, org_id, roles=services.EDIT_ROLES)
    form = CreateReportForm(request.POST, allow_subtree=org.children.exists())
    if form.is_valid():
        try:
            report = services.create_report(
                organization=org,
                year=form.cleaned_data["year"],
                template=form.cleaned_data.get("template") or None,
                scope=form.cleaned_data.get("scope") or Scope.OWN,
                by=request.user,
            )
        except ValidationError as exc:
            _error(request, exc)
        else:
            messages.success(request, _("已根据系统数据生成年度报告草稿。"))
            return redirect("reports:detail", report_id=report.pk)
    block = _org_rows(request.user, org)
    block["form"] = form
    return render(request, "reports/index.html", {"blocks": [block], "single": org}, status=400)


def _links(report: Report, version: ReportVersion):
    base = reverse("reports:records", kwargs={"report_id": report.pk})

    def link(ref):
        if ref[0] not in version.generated_tables:
            return None
        return f"{base}?cell={rendering.ref_key(ref)}&version={version.number}"

    return link


@staff_required
def detail(request, report_id, version_number=None):
    report = _report(request, report_id)
    version = _version(report, version_number)
    value = services.to_value(version)
    org = report.organization
    user = request.user
    findings = sorted(version.findings, key=lambda f: ["error", "warning", "info"].index(f["severity"]))
    return render(
        request,
        "reports/detail.html",
        {
            "report": report,
            "version": version,
            "versions": report.versions.order_by("-number"),
            "doc": html_render.document(value, link=_links(report, version)),
            "findings": findings,
            "due": schedule.due_date(org, report.year),
            "stale": _stale(report, version),
            "figures_missing": "section2" in version.generated_tables
            and any(value.section2.get(k) is None for k in ("licensing", "penalty", "enforcement", "fees_wan_yuan")),
            "overdue": not report.current_published() and timezone.localdate() > schedule.due_date(org, report.year),
            "manual": [t for t in ("section2", "section3", "section4") if t not in version.generated_tables],
            "can_edit": version.is_editable and access.has_role(user, org, *services.EDIT_ROLES),
            "can_review": access.has_role(user, org, *services.REVIEW_ROLES),
            "can_approve": access.has_role(user, org, *services.APPROVE_ROLES),
            "can_publish": access.has_role(user, org, *services.PUBLISH_ROLES),
            "actions": version.allowed_actions(),
            "return_form": ReturnForm(),
            "publish_form": PublishForm(),
            "correction_form": CorrectionForm(),
            "has_open": report.open_version() is not None,
            "formats": rendering.FORMATS,
        },
    )


def _stale(report: Report, version: ReportVersion) -> list[str]:
    """Generated tables of a draft whose records have changed since they were filled (published ones never change)."""
    if not version.is_editable or not version.generated_tables:
        return []
    fresh, generated = generator.tables(report.organization, report.year, template=report.template, scope=report.scope)
    stored = services.to_value(version).to_json()
    now = AnnualReport(template=report.template, section2=fresh["section2"], section3=fresh["section3"])
    now.section4 = fresh["section4"]
    now_json = now.to_json()
    return [t for t in generated if t in version.generated_tables and now_json[t] != stored[t]]


@staff_required
@require_http_methods(["GET", "POST"])
def edit(request, report_id):
    report = _report(request, report_id, roles=services.EDIT_ROLES)
    version = report.open_version()
    if version is None or not version.is_editable:
        messages.error(request, _("只有草稿可以修改；已发布的报告请发起更正。"))
        return redirect("reports:detail", report_id=report.pk)
    manual = [t for t in ("section2", "section3", "section4") if t not in version.generated_tables]
    value = services.to_value(version)
    form = ContentForm(
        request.POST or None,
        template=report.template,
        manual=manual,
        initial=ContentForm.initial_for(value, manual),
    )
    if request.method == "POST" and form.is_valid():
        try:
            version = services.update_content(version, by=request.user, sections=form.sections(), tables=form.tables())
        except ValidationError as exc:
            _error(request, exc)
        else:
            errors = version.error_count()
            if errors:
                messages.warning(request, _("已保存。校验发现%(n)d项错误，请查看。") % {"n": errors})
            else:
                messages.success(request, _("已保存。"))
            return redirect("reports:detail", report_id=report.pk)
    return render(
        request,
        "reports/edit.html",
        {
            "report": report,
            "version": version,
            "form": form,
            "manual_tables": _input_tables(value, form, manual),
            "findings": version.findings,
        },
        status=400 if form.errors else 200,
    )


def _input_tables(value, form, manual):
    """The tables staff type, drawn in the national layout with an input in every number cell."""
    layouts = rendering.layouts(value)
    headings = dict(zip(("section2", "section3", "section4"), value.format.headings[1:4], strict=True))
    out = []
    for table in manual:
        rows = []
        for row in layouts[table]:
            line = []
            for cell in row:
                d = {"text": cell.text, "rowspan": cell.rowspan, "colspan": cell.colspan, "kind": cell.kind}
                if cell.ref is not None:
                    d["field"] = form[ContentForm.field_name(cell.ref)]
                line.append(d)
            rows.append(line)
        head = 3 if table != "section2" else 0
        out.append(
            {"heading": headings[table], "cls": table.replace("section", "t"), "head": rows[:head], "body": rows[head:]}
        )
    return out


def _action(request, report_id, fn, *, form_class=None, ok=""):
    report = _report(request, report_id, write=True)
    version = report.open_version()
    if version is None:
        messages.error(request, _("没有正在编制的版本。"))
        return redirect("reports:detail", report_id=report.pk)
    kwargs = {}
    if form_class is not None:
        form = form_class(request.POST)
        if not form.is_valid():
            for errs in form.errors.values():
                for e in errs:
                    messages.error(request, e)
            return redirect("reports:detail", report_id=report.pk)
        kwargs = form.cleaned_data
    try:
        fn(version, by=request.user, **kwargs)
    except (ValidationError, PermissionDenied) as exc:
        _error(request, exc)
    else:
        messages.success(request, ok)
    return redirect("reports:detail", report_id=report.pk)


@staff_required
@require_POST
def refresh(request, report_id):
    return _action(request, report_id, services.refresh_tables, ok=_("已按最新数据重新生成统计表。"))


@staff_required
@require_POST
def submit(request, report_id):
    return _action(request, report_id, services.submit, ok=_("已提交内部审核。"))


@staff_required
@require_POST
def return_to_draft(request, report_id):
    return _action(request, report_id, services.return_to_draft, form_class=ReturnForm, ok=_("已退回修改。"))


@staff_required
@require_POST
def approve(request, report_id):
    return _action(request, report_id, services.approve, ok=_("负责人已批准。"))


@staff_required
@require_POST
def publish(request, report_id):
    return _action(request, report_id, services.publish, form_class=PublishForm, ok=_("年度报告已在门户网站发布。"))


@staff_required
@require_POST
def correct(request, report_id):
    report = _report(request, report_id, write=True)
    form = CorrectionForm(request.POST)
    if form.is_valid():
        try:
            services.start_correction(report, by=request.user, change_note=form.cleaned_data["change_note"])
        except (ValidationError, PermissionDenied) as exc:
            _error(request, exc)
        else:
            messages.success(request, _("已创建更正版本草稿；原版本仍公开可查。"))
    else:
        messages.error(request, _("请填写更正说明。"))
    return redirect("reports:detail", report_id=report.pk)


@staff_required
def records(request, report_id):
    """Drill-down: the records behind one number of a generated table."""
    report = _report(request, report_id)
    number = request.GET.get("version")
    version = _version(report, int(number) if number and number.isdigit() else None)
    cell = request.GET.get("cell", "")
    parts = cell.split(":")
    qs = None
    if len(parts) == 3 and parts[0] in version.generated_tables:
        table, row, col = parts[0], parts[1] or None, int(parts[2]) if parts[2].isdigit() else None
        qs = generator.drilldown(table, report.organization, report.year, scope=report.scope, row=row, column=col)
    if qs is None:
        context = {"report": report, "version": version, "cell": cell, "invalid": True}
        return render(request, "reports/records.html", context, status=400)
    value = services.to_value(version).value((table, row, col))
    # The selectors order by date; the primary key last keeps pages from repeating or skipping a record.
    page = paginate(request, qs.order_by(*(qs.query.order_by or qs.model._meta.ordering), "pk"))
    return render(
        request,
        "reports/records.html",
        {"report": report, "version": version, "cell": cell, "value": value, "page": page},
    )


def export_response(version: ReportVersion, fmt: str, *, findings=True) -> HttpResponse:
    value = services.to_value(version)
    if findings:
        value.findings = [Finding.from_json(f) for f in version.findings]
    note = ""
    if version.number > 1 and version.change_note:
        note = _("本报告为第%(n)d版（更正版本）。更正说明：%(note)s") % {
            "n": version.number,
            "note": version.change_note,
        }
    body = rendering.export(value, fmt, note=note)
    report = version.report
    name = f"{report.organization.name}{report.year}年政府信息公开工作年度报告-第{version.number}版.{fmt}"
    return HttpResponse(
        body,
        content_type=rendering.CONTENT_TYPES[fmt],
        headers={"Content-Disposition": content_disposition_header(fmt != "html", name)},
    )


@staff_required
def export(request, report_id):
    report = _report(request, report_id)
    fmt = request.GET.get("format", "html")
    if fmt not in rendering.FORMATS:
        raise Http404
    number = request.GET.get("version")
    version = _version(report, int(number) if number and number.isdigit() else None)
    return export_response(version, fmt)


def _supervised_root(request, org_id=None) -> tuple[Organization, bool]:
    """The organization whose subtree is shown, and whether the user supervises it (else: only itself)."""
    if org_id is not None:
        org = access.get_organization_for_user(request.user, org_id)
        return org, access.supervised_organizations(request.user).filter(pk=org.pk).exists()
    roots = [m.organization for m in access._memberships(request.user) if m.role == Role.SUPERVISOR]
    if roots:
        return roots[0], True
    if request.user.is_superuser:
        return Organization.objects.filter(parent__isnull=True).order_by("path").first(), True
    org = access.default_organization(request.user)
    if org is None:
        raise Http404
    return org, False


def _year(request) -> int:
    raw = request.GET.get("year", "")
    return int(raw) if raw.isdigit() and 2008 <= int(raw) <= 2100 else timezone.localdate().year - 1


@staff_required
def supervision(request, org_id=None):
    root, supervises = _supervised_root(request, org_id)
    year = _year(request)
    rows = queries.subtree_status(root, year, today=timezone.localdate(), subtree=supervises)
    own = next((r for r in rows if r.org.pk == root.pk), None)
    return render(
        request,
        "reports/supervision.html",
        {
            "root": root,
            "supervises": supervises,
            "year": year,
            "page": paginate(request, rows),  # every agency of the subtree, by path; the summary counts them all
            "summary": queries.summary(rows),
            "own": own,
            "can_compile": access.has_role(request.user, root, *services.EDIT_ROLES),
            "form": CreateReportForm(initial={"year": year, "scope": Scope.SUBTREE}, allow_subtree=True),
        },
    )


@staff_required
def aggregate(request, org_id):
    root, supervises = _supervised_root(request, org_id)
    year = _year(request)
    totals = queries.aggregate_section3(root, year, subtree=supervises)
    doc = None
    if totals is not None:
        value = AnnualReport.empty("2021", root.name, year)
        value.section3 = totals
        doc = html_render.document(value)
    return render(request, "reports/aggregate.html", {"root": root, "year": year, "doc": doc, "supervises": supervises})


STATUS_BADGE = {
    Status.DRAFT: "",
    Status.REVIEW: "warning",
    Status.APPROVED: "warning",
    Status.PUBLISHED: "ok",
    Status.SUPERSEDED: "",
}
