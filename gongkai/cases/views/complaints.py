"""投诉、举报 (complaints about an agency, handled by its 主管部门) and 评议 (the applicants' ratings)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from gongkai.organizations import access
from gongkai.organizations.decorators import staff_required
from gongkai.organizations.models import Role
from gongkai.pagination import paginate

from .. import forms, reporting, services
from ..models import Complaint, ComplaintStatus, Rating
from .common import PANEL_ROWS, application_by_number, complaints_for, form_errors, href, org_filter, year_param

HANDLER_ROLES = (Role.CLERK, Role.HEAD, Role.SUPERVISOR, Role.ADMIN)


# ---------------------------------------------------------------- complaints


def _complaint_for(user, pk) -> Complaint:
    complaint = complaints_for(user).filter(pk=pk).first()
    if complaint is None:
        raise Http404
    return complaint


def can_see_personal_data(user, complaint) -> bool:
    return access.visible_organizations(user).filter(pk=complaint.organization_id).exists()


def can_handle(user, complaint) -> bool:
    return user.is_superuser or access.has_role(user, complaint.organization, *HANDLER_ROLES)


@staff_required
def complaint_list(request):
    complaints = complaints_for(request.user)
    status = request.GET.get("status")
    if status in ComplaintStatus.values:
        complaints = complaints.filter(status=status)
    complaints, filter_org = org_filter(request, complaints, field="subject_organization")
    return render(
        request,
        "cases/complaint_list.html",
        {
            "page": paginate(request, complaints.order_by("-received_on", "-id")),
            "status": status,
            "statuses": ComplaintStatus.choices,
            "filter_org": filter_org,
        },
    )


@staff_required
@require_http_methods(["GET", "POST"])
def complaint_new(request):
    form = forms.StaffComplaintForm(request.POST or None, initial={"received_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        complaint, _code = services.register_complaint(**form.cleaned_data, by=request.user)
        if not can_see_personal_data(request.user, complaint):
            messages.success(request, _("已登记，并转交%(org)s办理。") % {"org": complaint.organization.name})
            return redirect("cases:complaint-list")
        messages.success(request, _("投诉举报已登记，编号 %(n)s。") % {"n": complaint.number})
        return redirect("cases:complaint-detail", complaint_id=complaint.pk)
    return render(request, "cases/complaint_form.html", {"form": form})


def _render_detail(request, complaint, *, finding_form=None, reply_form=None, status=200):
    """The complaint page; a refused finding or reply shows it again with the bound form and its errors."""
    application = application_by_number(complaint.subject_organization, complaint.application_number)
    if (
        application is not None
        and not access.visible_organizations(request.user).filter(pk=application.organization_id).exists()
    ):
        application = None
    return render(
        request,
        "cases/complaint_detail.html",
        {
            "complaint": complaint,
            "personal": can_see_personal_data(request.user, complaint),
            "can_handle": can_handle(request.user, complaint),
            "finding_form": finding_form
            if finding_form is not None
            else forms.FindingForm(
                initial={"finding": complaint.finding, "measure": complaint.measure, "note": complaint.finding_note}
            ),
            "reply_form": reply_form if reply_form is not None else forms.ReplyForm(),
            "urgings": complaint.urgings.all(),
            "can_urge": services.issuer_for(request.user, complaint.subject_organization) is not None,
            "application_href": href("applications:detail", application_id=application.pk) if application else None,
        },
        status=status,
    )


@staff_required
def complaint_detail(request, complaint_id):
    return _render_detail(request, _complaint_for(request.user, complaint_id))


@staff_required
@require_POST
def complaint_finding(request, complaint_id):
    complaint = _complaint_for(request.user, complaint_id)
    if not can_handle(request.user, complaint):
        raise PermissionDenied
    form = forms.FindingForm(request.POST)
    if form.is_valid():
        try:
            services.record_finding(complaint, **form.cleaned_data, by=request.user, today=timezone.localdate())
            messages.success(request, _("查证结论已记录。"))
            return redirect("cases:complaint-detail", complaint_id=complaint.pk)
        except ValidationError as exc:
            form_errors(form, exc)
    return _render_detail(request, complaint, finding_form=form, status=400)


@staff_required
@require_POST
def complaint_reply(request, complaint_id):
    complaint = _complaint_for(request.user, complaint_id)
    if not can_handle(request.user, complaint):
        raise PermissionDenied
    form = forms.ReplyForm(request.POST)
    if form.is_valid():
        try:
            services.reply_to_complaint(
                complaint, text=form.cleaned_data["text"], by=request.user, today=timezone.localdate()
            )
            messages.success(request, _("已答复投诉举报人。"))
            return redirect("cases:complaint-detail", complaint_id=complaint.pk)
        except ValidationError as exc:
            form_errors(form, exc)
    return _render_detail(request, complaint, reply_form=form, status=400)


# ---------------------------------------------------------------- 评议


@staff_required
def ratings(request):
    """The figures of a year per agency (paged over the agencies) and the year's latest ratings (a short panel)."""
    year = year_param(request, timezone.localdate().year)
    orgs = paginate(request, access.visible_organizations(request.user).filter(is_active=True).order_by("path", "pk"))
    of_year = _ratings_for(request.user).filter(rated_on__year=year)
    by_org = reporting.rating_figures_by_org([o.pk for o in orgs], year)
    return render(
        request,
        "cases/ratings.html",
        {
            "page": orgs,
            "rows": [{"org": o, **by_org[o.pk]} for o in orgs],
            "year": year,
            "recent": of_year[:PANEL_ROWS],
            "recent_total": of_year.count(),
        },
    )


@staff_required
def rating_list(request):
    """Every rating of a year, optionally of one agency (``?org=``), a page at a time."""
    year = year_param(request, timezone.localdate().year)
    of_year, filter_org = org_filter(request, _ratings_for(request.user).filter(rated_on__year=year))
    return render(
        request, "cases/rating_list.html", {"page": paginate(request, of_year), "year": year, "filter_org": filter_org}
    )


def _ratings_for(user):
    qs = Rating.objects.select_related("organization", "application")
    return access.visible(qs, user).order_by("-rated_on", "-id")
