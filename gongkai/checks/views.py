"""Supervisors check their subordinate agencies' published annual reports (upload or paste), results kept per
agency and year. Reading and validation are the pure readers of ``gongkai.reports.readers`` — the same as
``gongkai report check``."""

from django.contrib import messages
from django.db.models import OuterRef, Subquery
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from gongkai.organizations import access
from gongkai.organizations.decorators import staff_required
from gongkai.pagination import paginate
from gongkai.reports.core.labels import compact
from gongkai.reports.readers import Unreadable, read_bytes

from . import services
from .forms import UploadForm
from .models import CheckedReport

SEVERITY = {"error": _("错误"), "warning": _("警告"), "info": _("提示")}


@staff_required
def home(request):
    checks = access.visible(CheckedReport.objects.select_related("organization", "checked_by"), request.user)
    newest = CheckedReport.objects.filter(organization=OuterRef("organization"), year=OuterRef("year"))
    latest = checks.filter(pk=Subquery(newest.order_by("-checked_at", "-id").values("pk")[:1]))
    page = paginate(request, latest.order_by("organization__path", "-year", "-id"))  # one row per agency and year
    can_upload = access.supervised_organizations(request.user).exists()
    return render(request, "checks/home.html", {"page": page, "can_upload": can_upload})


def match_organization(stated: str, candidates):
    """The one organization of ``candidates`` the report's stated name designates, or None."""
    s = compact(stated)
    if not s:
        return None
    exact = [o for o in candidates if compact(o.name) == s]
    if len(exact) == 1:
        return exact[0]
    inside = [o for o in candidates if compact(o.name) in s or (len(s) >= 4 and s in compact(o.name))]
    return inside[0] if len(inside) == 1 else None


@staff_required
@require_http_methods(["GET", "POST"])
def upload(request):
    supervised = access.supervised_organizations(request.user)
    if not supervised.exists():
        raise Http404
    bound = request.method == "POST"
    form = UploadForm(request.POST if bound else None, request.FILES if bound else None, user=request.user)
    if request.method == "POST" and form.is_valid():
        inputs = [(f.name, f.read()) for f in form.cleaned_data["files"]]
        pasted = (form.cleaned_data.get("pasted_html") or "").strip()
        if pasted:
            inputs.append((_("粘贴的网页") + (".html" if "<" in pasted else ".txt"), pasted.encode("utf-8")))
        saved, problems = [], []
        candidates = list(supervised)
        for name, data in inputs:
            try:
                report = read_bytes(data, name)
            except Unreadable as exc:
                problems.append(_("“%(name)s”无法读取：%(why)s") % {"name": name, "why": exc})
                continue
            org = form.cleaned_data.get("organization") or match_organization(report.organization, candidates)
            year = form.cleaned_data.get("year") or report.year
            if org is None:
                problems.append(
                    _("“%(name)s”：报告写的机构“%(stated)s”无法在本辖区内唯一对应，请选择被检查机构后重新上传。")
                    % {"name": name, "stated": report.organization or _("（未写明）")}
                )
                continue
            if not year or not 2008 <= year <= 2100:
                problems.append(_("“%(name)s”：无法从报告中读出年度，请填写报告年度后重新上传。") % {"name": name})
                continue
            services.validate_for(report, org)
            saved.append(
                services.record_check(organization=org, year=year, name=name, data=data, report=report, by=request.user)
            )
        for p in problems:
            messages.error(request, p)
        if saved:
            messages.success(request, _("已检查 %(n)d 份报告。") % {"n": len(saved)})
            if len(saved) == 1:
                return redirect("checks:detail", check_id=saved[0].pk)
            return redirect("checks:home")
        return render(request, "checks/upload.html", {"form": form}, status=400)
    return render(request, "checks/upload.html", {"form": form}, status=400 if request.method == "POST" else 200)


@staff_required
def detail(request, check_id):
    check = access.get_for_user(
        request.user, CheckedReport.objects.select_related("organization", "checked_by"), pk=check_id
    )
    history = (
        CheckedReport.objects.filter(organization=check.organization, year=check.year)
        .exclude(pk=check.pk)
        .order_by("-checked_at")
    )
    findings = [dict(f, label=SEVERITY.get(f["severity"], f["severity"])) for f in check.findings]
    return render(
        request,
        "checks/detail.html",
        {
            "check": check,
            "findings": findings,
            "history": history,
            # Built by gongkai.reports.readers.present from escaped text only.
            "side_by_side": mark_safe(check.side_by_side),  # noqa: S308
        },
    )
