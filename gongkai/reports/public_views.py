"""The public side: published reports per agency and year, with every earlier version still readable."""

from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render

from gongkai.organizations.models import Organization
from gongkai.pagination import paginate

from . import queries
from . import render as rendering
from .core.schema import SCHEMA_PATH
from .models import PUBLIC_STATUSES, Report, ReportVersion
from .render import html as html_render
from .services import to_value
from .views import export_response


def index(request):
    """Every agency with a published report, a page of agencies at a time, found by name (``?q=``) or year."""
    published = queries.published_reports()
    years = sorted(set(published.order_by().values_list("year", flat=True)), reverse=True)
    q = request.GET.get("q", "").strip()[:50]
    year = request.GET.get("year", "")
    if q:
        published = published.filter(Q(organization__name__contains=q) | Q(organization__short_name__contains=q))
    if year.isdigit():
        published = published.filter(year=int(year))
    page = paginate(
        request,
        Organization.objects.filter(pk__in=published.order_by().values("organization_id")).order_by("path", "pk"),
    )
    by_org: dict[int, list] = {}
    for r in published.filter(organization__in=[o.pk for o in page]):
        by_org.setdefault(r.organization_id, []).append(r)
    return render(
        request,
        "reports/public/index.html",
        {"page": page, "rows": [(o, by_org[o.pk]) for o in page], "q": q, "year": year, "years": years},
    )


def organization(request, org_id):
    org = get_object_or_404(Organization, pk=org_id, is_active=True)
    reports = queries.published_reports(org).prefetch_related("versions")
    return render(request, "reports/public/organization.html", {"org": org, "reports": reports})


def _public_version(report_id, number=None) -> ReportVersion:
    report = get_object_or_404(Report.objects.select_related("organization"), pk=report_id)
    versions = report.versions.filter(status__in=PUBLIC_STATUSES)
    version = versions.filter(number=number).first() if number is not None else versions.order_by("-number").first()
    if version is None or not report.organization.is_active:
        raise Http404
    return version


def report(request, report_id, number=None):
    version = _public_version(report_id, number)
    report = version.report
    history = report.versions.filter(status__in=PUBLIC_STATUSES).order_by("-number")
    return render(
        request,
        "reports/public/report.html",
        {
            "report": report,
            "version": version,
            "history": history,
            "doc": html_render.document(to_value(version)),
            "formats": rendering.FORMATS,
        },
    )


def download(request, report_id, number, fmt):
    if fmt not in rendering.FORMATS:
        raise Http404
    return export_response(_public_version(report_id, number), fmt, findings=False)


def schema(request):
    return HttpResponse(SCHEMA_PATH.read_bytes(), content_type="application/schema+json; charset=utf-8")
