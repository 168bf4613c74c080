"""行政复议 and 行政诉讼 cases, and the table 四 result mapping."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from gongkai.organizations import access
from gongkai.organizations.decorators import staff_required
from gongkai.organizations.models import Role
from gongkai.pagination import paginate

from .. import deadlines, forms, reporting, selectors, services
from ..models import Case, CaseKind, ResultMapping
from .common import acting_org, application_by_number, form_errors, href, org_filter

# ---------------------------------------------------------------- cases


@staff_required
def case_list(request):
    cases = access.visible(Case.objects.select_related("organization"), request.user)
    kind = request.GET.get("kind")
    if kind in CaseKind.values:
        cases = cases.filter(kind=kind)
    cases, filter_org = org_filter(request, cases)
    awaiting = request.GET.get("awaiting") == "1"  # the desk's panel: 答复/答辩 not yet submitted, earliest due first
    if awaiting:
        cases = cases.filter(selectors.AWAITING_REPLY).order_by("reply_due", "id")
    else:
        cases = cases.order_by("-filed_on", "-id")
    return render(
        request,
        "cases/case_list.html",
        {
            "page": paginate(request, cases),
            "today": timezone.localdate(),
            "kind": kind,
            "kinds": CaseKind,
            "awaiting": awaiting,
            "filter_org": filter_org,
        },
    )


def _case_form_submit(request, form, org, case=None):
    data = form.model_data()
    number = form.cleaned_data.get("application_number")
    if number:
        application = application_by_number(org, number)
        if application is None:
            form.add_error("application_number", _("本机关没有这个申请编号。"))
            return None
        data["application_id"] = application.pk
    elif case is not None or "application_id" in data:
        data["application_id"] = None
    data["reconsideration_id"] = data.pop("reconsideration").pk if data.get("reconsideration") else None
    try:
        if case is None:
            return services.create_case(organization=org, data=data, by=request.user)
        return services.update_case(case, data=data, by=request.user)
    except ValidationError as exc:
        form_errors(form, exc)
        return None


def _has_application_field() -> bool:
    return any(f.name == "application" for f in Case._meta.get_fields())


@staff_required
@require_http_methods(["GET", "POST"])
def case_new(request):
    org = acting_org(request)
    form = forms.CaseForm(request.POST or None, organization=org)
    if request.method == "POST" and form.is_valid():
        if not _has_application_field():
            form.cleaned_data["application_number"] = ""
        case = _case_form_submit(request, form, org)
        if case is not None:
            messages.success(request, _("案件已登记。"))
            return redirect("cases:case-detail", case_id=case.pk)
    return render(request, "cases/case_form.html", {"form": form, "org": org})


@staff_required
def case_detail(request, case_id):
    case = access.get_for_user(request.user, Case.objects.select_related("organization"), pk=case_id)
    due, explanation = deadlines.reply_due(case)
    application = getattr(case, "application", None) if _has_application_field() else None
    return render(
        request,
        "cases/case_detail.html",
        {
            "case": case,
            "explanation": explanation,
            "today": timezone.localdate(),
            "application": application,
            "application_href": href("applications:detail", application_id=application.pk) if application else None,
            "can_edit": access.has_role(request.user, case.organization, Role.CLERK, Role.HEAD, Role.ADMIN),
        },
    )


@staff_required
@require_http_methods(["GET", "POST"])
def case_edit(request, case_id):
    case = access.get_for_user(request.user, Case.objects.select_related("organization"), pk=case_id, write=True)
    initial = {f: getattr(case, f) for f in forms.CaseForm.base_fields if hasattr(case, f)}
    if _has_application_field() and case.application_id:
        initial["application_number"] = case.application.number
    form = forms.CaseForm(request.POST or None, initial=initial, organization=case.organization)
    if request.method == "POST" and form.is_valid():
        if not _has_application_field():
            form.cleaned_data["application_number"] = ""
        if _case_form_submit(request, form, case.organization, case) is not None:
            messages.success(request, _("案件信息已保存。"))
            return redirect("cases:case-detail", case_id=case.pk)
    return render(request, "cases/case_form.html", {"form": form, "org": case.organization, "case": case})


@staff_required
def result_mapping(request):
    rows = ResultMapping.objects.all()
    year = request.GET.get("year", "")
    year = int(year) if year.isdigit() else timezone.localdate().year
    orgs = access.visible_organizations(request.user)
    ids = list(orgs.values_list("pk", flat=True))
    numbers = reporting.section4(ids, year)
    return render(
        request,
        "cases/result_mapping.html",
        {"rows": rows, "year": year, "cells": list(zip(_section4_labels(), numbers, strict=True))},
    )


def _section4_labels():
    from .. import counting

    return [counting.cell_label(i) for i in range(15)]
