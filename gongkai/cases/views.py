"""Staff views of the cases app (/staff/cases/). Thin: access → form → one service → message → redirect."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from gongkai.organizations import access
from gongkai.organizations.decorators import staff_required
from gongkai.organizations.models import Organization, Role

from . import deadlines, documents, forms, reporting, selectors, services
from .models import (
    Bulletin,
    Case,
    CaseKind,
    Complaint,
    NewMediaAccount,
    NewMediaCheck,
    ResultMapping,
    TaskAssignment,
    Urging,
    UrgingStatus,
    WorkLog,
    WorkPlan,
)

HANDLER_ROLES = (Role.CLERK, Role.HEAD, Role.SUPERVISOR, Role.ADMIN)


def _form_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for key, errors in exc.error_dict.items():
            for e in errors:
                form.add_error(key if key in form.fields else None, e)
    else:
        for e in exc.messages:
            form.add_error(None, e)


def _acting_org(request, roles=None) -> Organization:
    """The organization a staff user creates records for: ``?org=`` if given, else the first work org."""
    pk = request.POST.get("org") or request.GET.get("org")
    if pk:
        try:
            return access.get_organization_for_user(request.user, int(pk), write=True, roles=roles)
        except ValueError as exc:
            raise Http404 from exc
    orgs = access.work_organizations(request.user).order_by("path")
    if roles:
        orgs = [o for o in orgs if access.has_role(request.user, o, *roles)]
    org = next(iter(orgs), None)
    if org is None:
        raise PermissionDenied
    return org


def _href(name: str, **kwargs) -> str | None:
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        return None


def _application_by_number(org, number: str):
    Application = selectors.application_model()
    if Application is None or not number:
        return None
    return Application.objects.filter(organization=org, number=number.strip()).first()


# ---------------------------------------------------------------- cases


@staff_required
def case_list(request):
    cases = access.visible(Case.objects.select_related("organization"), request.user)
    kind = request.GET.get("kind")
    if kind in CaseKind.values:
        cases = cases.filter(kind=kind)
    today = timezone.localdate()
    return render(
        request, "cases/case_list.html", {"cases": cases[:500], "today": today, "kind": kind, "kinds": CaseKind}
    )


def _case_form_submit(request, form, org, case=None):
    data = form.model_data()
    number = form.cleaned_data.get("application_number")
    if number:
        application = _application_by_number(org, number)
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
        _form_errors(form, exc)
        return None


def _has_application_field() -> bool:
    return any(f.name == "application" for f in Case._meta.get_fields())


@staff_required
@require_http_methods(["GET", "POST"])
def case_new(request):
    org = _acting_org(request)
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
            "application_href": _href("applications:detail", application_id=application.pk) if application else None,
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
    from . import counting

    return [counting.cell_label(i) for i in range(15)]


# ---------------------------------------------------------------- complaints


def _complaints_for(user):
    return Complaint.objects.filter(
        Q(organization__in=access.visible_organizations(user).values("pk"))
        | Q(subject_organization__in=access.work_organizations(user).values("pk"))
    ).select_related("organization", "subject_organization")


def _complaint_for(user, pk) -> Complaint:
    complaint = _complaints_for(user).filter(pk=pk).first()
    if complaint is None:
        raise Http404
    return complaint


def can_see_personal_data(user, complaint) -> bool:
    return access.visible_organizations(user).filter(pk=complaint.organization_id).exists()


def can_handle(user, complaint) -> bool:
    return user.is_superuser or access.has_role(user, complaint.organization, *HANDLER_ROLES)


@staff_required
def complaint_list(request):
    complaints = _complaints_for(request.user)
    status = request.GET.get("status")
    if status:
        complaints = complaints.filter(status=status)
    return render(request, "cases/complaint_list.html", {"complaints": complaints[:500], "status": status})


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


@staff_required
def complaint_detail(request, complaint_id):
    complaint = _complaint_for(request.user, complaint_id)
    handle = can_handle(request.user, complaint)
    application = _application_by_number(complaint.subject_organization, complaint.application_number)
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
            "can_handle": handle,
            "finding_form": forms.FindingForm(
                initial={"finding": complaint.finding, "measure": complaint.measure, "note": complaint.finding_note}
            ),
            "reply_form": forms.ReplyForm(),
            "urgings": complaint.urgings.all(),
            "can_urge": services.issuer_for(request.user, complaint.subject_organization) is not None,
            "application_href": _href("applications:detail", application_id=application.pk) if application else None,
        },
    )


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
            _form_errors(form, exc)
    return render(
        request,
        "cases/complaint_detail.html",
        {
            "complaint": complaint,
            "personal": can_see_personal_data(request.user, complaint),
            "can_handle": True,
            "finding_form": form,
            "reply_form": forms.ReplyForm(),
            "urgings": complaint.urgings.all(),
        },
        status=400,
    )


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
            _form_errors(form, exc)
    return render(
        request,
        "cases/complaint_detail.html",
        {
            "complaint": complaint,
            "personal": can_see_personal_data(request.user, complaint),
            "can_handle": True,
            "finding_form": forms.FindingForm(),
            "reply_form": form,
            "urgings": complaint.urgings.all(),
        },
        status=400,
    )


# ---------------------------------------------------------------- the desk


def _desk_roots(user):
    roots = selectors.desk_roots(user)
    return roots or list(access.work_organizations(user).order_by("path")[:1])


@staff_required
def desk(request):
    today = timezone.localdate()
    year = request.GET.get("year")
    year = int(year) if year and year.isdigit() else None
    desks = [selectors.desk(root, today, report_year=year) for root in _desk_roots(request.user)]
    for d in desks:
        d.can_bulletin = request.user.is_superuser or access.has_role(request.user, d.root, Role.SUPERVISOR)
    return render(
        request,
        "cases/desk.html",
        {
            "desks": desks,
            "today": today,
            "bulletin_form": forms.BulletinForm(initial={"issued_on": today, "title": _("关于政务公开工作情况的通报")}),
        },
    )


@staff_required
def desk_agency(request, org_id):
    org = access.get_organization_for_user(request.user, org_id)
    today = timezone.localdate()
    ids = [org.pk]
    overdue = selectors.overdue_applications(ids, today)
    soon = selectors.due_soon_applications(ids, today)
    pubs = selectors.overdue_publications(ids, today)

    def with_links(qs, name, kwarg):
        if qs is None:
            return None
        return [{"obj": o, "href": _href(name, **{kwarg: o.pk})} for o in qs[:200]]

    report = None
    subtree_status = selectors.report_status_function()
    if subtree_status is not None:
        try:
            report = next((s for s in subtree_status(org, today.year - 1, today=today) if s.org.pk == org.pk), None)
        except Exception:  # reports app not migrated
            report = None
    Rating = selectors.rating_model()
    ratings = Rating.objects.filter(organization=org).order_by("-rated_on")[:50] if Rating else None
    complaints = _complaints_for(request.user).filter(subject_organization=org)
    return render(
        request,
        "cases/desk_agency.html",
        {
            "org": org,
            "today": today,
            "overdue": with_links(overdue, "applications:detail", "application_id"),
            "soon": with_links(soon, "applications:detail", "application_id"),
            "publications": with_links(pubs, "publications:detail", "publication_id"),
            "report": report,
            "cases": selectors.pending_case_replies(ids).select_related("organization")[:100],
            "complaints": complaints[:100],
            "ratings": ratings,
            "rating_figures": reporting.rating_figures([org.pk], today.year),
            "urgings": Urging.objects.filter(organization=org).order_by("status", "due_on")[:100],
            "can_urge": services.issuer_for(request.user, org) is not None,
        },
    )


# ---------------------------------------------------------------- 督办


@staff_required
def urging_list(request):
    urgings = access.visible(Urging.objects.select_related("organization", "issuer"), request.user)
    status = request.GET.get("status")
    if status in UrgingStatus.values:
        urgings = urgings.filter(status=status)
    return render(
        request, "cases/urging_list.html", {"urgings": urgings[:500], "today": timezone.localdate(), "status": status}
    )


def _urgeable(user):
    """Organizations the user may urge: strictly below an organization where the user is a supervisor."""
    if user.is_superuser:
        return Organization.objects.exclude(parent__isnull=True).order_by("path")
    own = [m.organization_id for m in access._memberships(user) if m.role == Role.SUPERVISOR]
    return access.supervised_organizations(user).exclude(pk__in=own).order_by("path")


@staff_required
@require_http_methods(["GET", "POST"])
def urging_new(request):
    targets = _urgeable(request.user)
    if not targets.exists():
        raise PermissionDenied
    initial = {"due_on": None}
    application = complaint = None
    if request.GET.get("org", "").isdigit():
        initial["organization"] = int(request.GET["org"])
    if request.GET.get("complaint", "").isdigit():
        complaint = _complaints_for(request.user).filter(pk=int(request.GET["complaint"])).first()
        if complaint is not None:
            initial.update(
                organization=complaint.subject_organization_id,
                subject=_("投诉举报 %(n)s 查证属实，督促整改") % {"n": complaint.number},
                reason=complaint.finding_note,
            )
    Application = selectors.application_model()
    if Application is not None and request.GET.get("application", "").isdigit():
        application = (
            access.visible(Application.objects.all(), request.user).filter(pk=int(request.GET["application"])).first()
        )
        if application is not None:
            initial.update(
                organization=application.organization_id,
                subject=_("申请 %(n)s 逾期未答复") % {"n": application.number},
                reason=_(
                    "该申请答复期限为%(d)s，已逾期。请依照《政府信息公开条例》第三十三条立即答复申请人，并反馈办理情况。"
                )
                % {"d": application.due_on},
            )
    form = forms.UrgingForm(request.POST or None, initial=initial, organizations=targets)
    if request.method == "POST" and form.is_valid():
        try:
            urging = services.issue_urging(
                **form.cleaned_data,
                application=application,
                complaint=complaint,
                by=request.user,
                today=timezone.localdate(),
            )
            messages.success(request, _("督办已发出。"))
            return redirect("cases:urging-detail", urging_id=urging.pk)
        except ValidationError as exc:
            _form_errors(form, exc)
    return render(request, "cases/urging_form.html", {"form": form, "application": application, "complaint": complaint})


def _urging_context(request, urging, **extra):
    app = getattr(urging, "application", None) if hasattr(Urging, "application") else None
    return {
        "urging": urging,
        "today": timezone.localdate(),
        "application": app,
        "application_href": _href("applications:detail", application_id=app.pk) if app else None,
        "can_reply": urging.status == UrgingStatus.ISSUED
        and access.has_role(request.user, urging.organization, Role.CLERK, Role.HEAD, Role.ADMIN),
        "can_confirm": urging.status == UrgingStatus.REPLIED
        and (request.user.is_superuser or access.has_role(request.user, urging.issuer, Role.SUPERVISOR)),
        "reply_form": extra.pop("reply_form", forms.UrgingReplyForm()),
        "confirm_form": extra.pop("confirm_form", forms.UrgingConfirmForm()),
        **extra,
    }


@staff_required
def urging_detail(request, urging_id):
    urging = access.get_for_user(request.user, Urging.objects.select_related("organization", "issuer"), pk=urging_id)
    return render(request, "cases/urging_detail.html", _urging_context(request, urging))


@staff_required
@require_POST
def urging_reply(request, urging_id):
    urging = access.get_for_user(request.user, Urging.objects.all(), pk=urging_id, write=True)
    form = forms.UrgingReplyForm(request.POST)
    if form.is_valid():
        try:
            services.reply_urging(urging, text=form.cleaned_data["text"], by=request.user, today=timezone.localdate())
            messages.success(request, _("办理情况已反馈，等待督办机关确认。"))
            return redirect("cases:urging-detail", urging_id=urging.pk)
        except (ValidationError, services.Conflict) as exc:
            _form_errors(form, exc if isinstance(exc, ValidationError) else ValidationError(str(exc)))
    return render(request, "cases/urging_detail.html", _urging_context(request, urging, reply_form=form), status=400)


@staff_required
@require_POST
def urging_confirm(request, urging_id):
    urging = access.get_for_user(request.user, Urging.objects.select_related("issuer"), pk=urging_id)
    if not (request.user.is_superuser or access.has_role(request.user, urging.issuer, Role.SUPERVISOR)):
        raise PermissionDenied
    form = forms.UrgingConfirmForm(request.POST)
    if form.is_valid():
        try:
            services.confirm_urging(urging, **form.cleaned_data, by=request.user, today=timezone.localdate())
            messages.success(request, _("督办已办结。") if form.cleaned_data["accept"] else _("督办已退回重办。"))
            return redirect("cases:urging-detail", urging_id=urging.pk)
        except (ValidationError, services.Conflict) as exc:
            _form_errors(form, exc if isinstance(exc, ValidationError) else ValidationError(str(exc)))
    return render(request, "cases/urging_detail.html", _urging_context(request, urging, confirm_form=form), status=400)


# ---------------------------------------------------------------- 通报


def _bulletins_for(user):
    """Bulletins of organizations the user may read, and those that name the user's own agency."""
    return (
        Bulletin.objects.filter(
            Q(organization__in=access.visible_organizations(user).values("pk"))
            | Q(items__agency__in=access.work_organizations(user).values("pk"))
        )
        .distinct()
        .select_related("organization")
    )


def _bulletin_for(user, pk) -> Bulletin:
    bulletin = _bulletins_for(user).filter(pk=pk).first()
    if bulletin is None:
        raise Http404
    return bulletin


@staff_required
def bulletin_list(request):
    return render(request, "cases/bulletin_list.html", {"bulletins": _bulletins_for(request.user)[:200]})


@staff_required
@require_POST
def bulletin_new(request, org_id):
    org = access.get_organization_for_user(request.user, org_id, roles=[Role.SUPERVISOR])
    form = forms.BulletinForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请填写通报标题和日期。"))
        return redirect("cases:desk")
    today = timezone.localdate()
    d = selectors.desk(org, today)
    items = [(row.org, row.problems()) for row in d.rows if row.problems()]
    bulletin = services.create_bulletin(organization=org, items=items, by=request.user, **form.cleaned_data)
    messages.success(request, _("通报已生成。"))
    return redirect("cases:bulletin-detail", bulletin_id=bulletin.pk)


@staff_required
def bulletin_detail(request, bulletin_id):
    bulletin = _bulletin_for(request.user, bulletin_id)
    return render(
        request, "cases/bulletin_detail.html", {"bulletin": bulletin, "items": bulletin.items.select_related("agency")}
    )


@staff_required
def bulletin_docx(request, bulletin_id):
    bulletin = _bulletin_for(request.user, bulletin_id)
    response = HttpResponse(
        documents.bulletin_docx(bulletin),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = f'attachment; filename="bulletin-{bulletin.pk}.docx"'
    return response


@staff_required
def bulletin_pdf(request, bulletin_id):
    bulletin = _bulletin_for(request.user, bulletin_id)
    response = HttpResponse(documents.bulletin_pdf(bulletin), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="bulletin-{bulletin.pk}.pdf"'
    return response


# ---------------------------------------------------------------- 工作要点 / 台账

PLAN_ROLES = (Role.CLERK, Role.HEAD, Role.SUPERVISOR, Role.ADMIN)


@staff_required
def plan_list(request):
    plans = access.visible(WorkPlan.objects.select_related("organization"), request.user)
    assignments = access.visible(
        TaskAssignment.objects.select_related("task__plan", "organization"), request.user, write=True
    )
    return render(
        request,
        "cases/plan_list.html",
        {
            "plans": plans[:200],
            "assignments": assignments[:300],
            "form": forms.PlanForm(initial={"year": timezone.localdate().year}),
        },
    )


@staff_required
@require_http_methods(["GET", "POST"])
def plan_new(request):
    org = _acting_org(request, roles=PLAN_ROLES)
    form = forms.PlanForm(request.POST or None, initial={"year": timezone.localdate().year})
    if request.method == "POST" and form.is_valid():
        plan = services.create_plan(organization=org, **form.cleaned_data, by=request.user)
        messages.success(request, _("工作要点已创建，请分解任务。"))
        return redirect("cases:plan-detail", plan_id=plan.pk)
    return render(request, "cases/plan_form.html", {"form": form, "org": org})


def _plan_context(request, plan, task_form=None):
    can_edit = request.user.is_superuser or access.has_role(request.user, plan.organization, *PLAN_ROLES)
    subtree = Organization.objects.subtree(plan.organization).filter(is_active=True).order_by("path")
    return {
        "plan": plan,
        "tasks": plan.tasks.prefetch_related("assignments__organization"),
        "can_edit": can_edit,
        "task_form": task_form or forms.TaskForm(organizations=subtree),
    }


@staff_required
def plan_detail(request, plan_id):
    plan = access.get_for_user(request.user, WorkPlan.objects.select_related("organization"), pk=plan_id)
    return render(request, "cases/plan_detail.html", _plan_context(request, plan))


@staff_required
@require_POST
def plan_add_task(request, plan_id):
    plan = access.get_for_user(request.user, WorkPlan.objects.all(), pk=plan_id, roles=PLAN_ROLES)
    subtree = Organization.objects.subtree(plan.organization).filter(is_active=True)
    form = forms.TaskForm(request.POST, organizations=subtree)
    if form.is_valid():
        try:
            services.add_task(plan, **form.cleaned_data, by=request.user)
            messages.success(request, _("任务已分解下达。"))
            return redirect("cases:plan-detail", plan_id=plan.pk)
        except ValidationError as exc:
            _form_errors(form, exc)
    return render(request, "cases/plan_detail.html", _plan_context(request, plan, form), status=400)


@staff_required
@require_http_methods(["GET", "POST"])
def assignment_detail(request, assignment_id):
    assignment = access.get_for_user(
        request.user,
        TaskAssignment.objects.select_related("task__plan__organization", "organization"),
        pk=assignment_id,
    )
    can_edit = access.has_role(request.user, assignment.organization, Role.CLERK, Role.HEAD, Role.ADMIN)
    form = forms.AssignmentForm(
        request.POST or None,
        initial={
            "status": assignment.status,
            "evidence": assignment.evidence,
            "evidence_url": assignment.evidence_url,
            "completed_on": assignment.completed_on,
        },
    )
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.update_assignment(assignment, **form.cleaned_data, by=request.user, today=timezone.localdate())
                messages.success(request, _("任务进展已更新。"))
                return redirect("cases:assignment-detail", assignment_id=assignment.pk)
            except ValidationError as exc:
                _form_errors(form, exc)
    return render(
        request, "cases/assignment_detail.html", {"assignment": assignment, "form": form, "can_edit": can_edit}
    )


@staff_required
@require_http_methods(["GET", "POST"])
def ledger(request):
    logs = access.visible(WorkLog.objects.select_related("organization"), request.user)
    kind = request.GET.get("kind")
    if kind:
        logs = logs.filter(kind=kind)
    form = forms.WorkLogForm(request.POST or None, initial={"held_on": timezone.localdate()})
    if request.method == "POST":
        org = _acting_org(request)
        if form.is_valid():
            services.log_work(organization=org, **form.cleaned_data, by=request.user)
            messages.success(request, _("已记入工作台账。"))
            return redirect("cases:ledger")
    return render(request, "cases/ledger.html", {"logs": logs[:500], "form": form, "kind": kind})


# ---------------------------------------------------------------- 政务新媒体


@staff_required
def newmedia(request):
    accounts = access.visible(NewMediaAccount.objects.select_related("organization"), request.user)
    checks = access.visible(NewMediaCheck.objects.select_related("organization"), request.user)
    return render(
        request,
        "cases/newmedia.html",
        {
            "accounts": accounts,
            "checks": checks[:200],
            "can_write": access.work_organizations(request.user).exists(),
            "check_form": forms.CheckForm(
                initial={"year": timezone.localdate().year, "checked_on": timezone.localdate()}
            ),
        },
    )


@staff_required
@require_http_methods(["GET", "POST"])
def account_new(request):
    org = _acting_org(request)
    form = forms.AccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_account(organization=org, data=form.cleaned_data, by=request.user)
            messages.success(request, _("账号已登记。"))
            return redirect("cases:newmedia")
        except ValidationError as exc:
            _form_errors(form, exc)
    return render(request, "cases/account_form.html", {"form": form, "org": org})


@staff_required
@require_http_methods(["GET", "POST"])
def account_edit(request, account_id):
    account = access.get_for_user(request.user, NewMediaAccount.objects.select_related("organization"), pk=account_id)
    can_edit = access.has_role(request.user, account.organization, Role.CLERK, Role.HEAD, Role.ADMIN)
    form = forms.AccountForm(request.POST or None, instance=account)
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.save_account(
                    organization=account.organization, data=form.cleaned_data, by=request.user, account=account
                )
                messages.success(request, _("账号信息已保存。"))
                return redirect("cases:newmedia")
            except ValidationError as exc:
                _form_errors(form, exc)
    return render(
        request,
        "cases/account_form.html",
        {"form": form, "org": account.organization, "account": account, "can_edit": can_edit},
    )


@staff_required
@require_POST
def check_new(request):
    org = _acting_org(request)
    form = forms.CheckForm(request.POST)
    if form.is_valid():
        try:
            services.record_check(organization=org, **form.cleaned_data, by=request.user)
            messages.success(request, _("排查整治结果已记录。"))
            return redirect("cases:newmedia")
        except ValidationError as exc:
            _form_errors(form, exc)
    accounts = access.visible(NewMediaAccount.objects.select_related("organization"), request.user)
    checks = access.visible(NewMediaCheck.objects.select_related("organization"), request.user)
    return render(
        request,
        "cases/newmedia.html",
        {"accounts": accounts, "checks": checks, "can_write": True, "check_form": form},
        status=400,
    )


# ---------------------------------------------------------------- 评议


@staff_required
def ratings(request):
    today = timezone.localdate()
    year = request.GET.get("year", "")
    year = int(year) if year.isdigit() else today.year
    orgs = list(access.visible_organizations(request.user).filter(is_active=True).order_by("path"))
    rows = [{"org": o, **reporting.rating_figures([o.pk], year)} for o in orgs]
    Rating = selectors.rating_model()
    recent = (
        access.visible(Rating.objects.select_related("organization"), request.user).filter(rated_on__year=year)[:100]
        if Rating
        else []
    )
    return render(request, "cases/ratings.html", {"rows": rows, "year": year, "recent": recent})
