"""工作要点 and 台账 (work plans, tasks, the ledger) and 政务新媒体 (new-media accounts and their checks)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from gongkai.organizations import access
from gongkai.organizations.decorators import staff_required
from gongkai.organizations.models import Organization, Role
from gongkai.pagination import paginate

from .. import forms, services
from ..models import LogKind, NewMediaAccount, NewMediaCheck, TaskAssignment, WorkLog, WorkPlan
from .common import acting_org, form_errors

# ---------------------------------------------------------------- 工作要点 / 台账

PLAN_ROLES = (Role.CLERK, Role.HEAD, Role.SUPERVISOR, Role.ADMIN)


@staff_required
def plan_list(request):
    """Two lists, one paged at a time (``?show=plans``): the tasks the user's agencies carry out, and the plans."""
    lists = {
        "tasks": access.visible(
            TaskAssignment.objects.select_related("task__plan", "organization"), request.user, write=True
        ).order_by("-task__plan__year", "-task__plan_id", "task__order", "task_id", "id"),
        "plans": access.visible(WorkPlan.objects.select_related("organization"), request.user).order_by("-year", "-id"),
    }
    show = "plans" if request.GET.get("show") == "plans" else "tasks"
    return render(
        request,
        "cases/plan_list.html",
        {"show": show, "page": paginate(request, lists[show]), "counts": {k: qs.count() for k, qs in lists.items()}},
    )


@staff_required
@require_http_methods(["GET", "POST"])
def plan_new(request):
    org = acting_org(request, roles=PLAN_ROLES)
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
            form_errors(form, exc)
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
                form_errors(form, exc)
    return render(
        request, "cases/assignment_detail.html", {"assignment": assignment, "form": form, "can_edit": can_edit}
    )


@staff_required
@require_http_methods(["GET", "POST"])
def ledger(request):
    logs = access.visible(WorkLog.objects.select_related("organization"), request.user)
    kind = request.GET.get("kind")
    if kind in LogKind.values:
        logs = logs.filter(kind=kind)
    form = forms.WorkLogForm(request.POST or None, initial={"held_on": timezone.localdate()})
    if request.method == "POST":
        org = acting_org(request)
        if form.is_valid():
            services.log_work(organization=org, **form.cleaned_data, by=request.user)
            messages.success(request, _("已记入工作台账。"))
            return redirect("cases:ledger")
    return render(
        request,
        "cases/ledger.html",
        {
            "page": paginate(request, logs.order_by("-held_on", "-id")),
            "form": form,
            "kind": kind,
            "kinds": LogKind.choices,
        },
    )


# ---------------------------------------------------------------- 政务新媒体


def _newmedia_context(request, *, show, check_form=None):
    """The accounts or the yearly checks (``?show=checks``), one paged at a time, and the form to record a check."""
    lists = {
        "accounts": access.visible(NewMediaAccount.objects.select_related("organization"), request.user).order_by(
            "organization__path", "platform", "name", "id"
        ),
        "checks": access.visible(NewMediaCheck.objects.select_related("organization"), request.user).order_by(
            "-year", "organization__path", "-id"
        ),
    }
    today = timezone.localdate()
    return {
        "show": show,
        "page": paginate(request, lists[show]),
        "counts": {k: qs.count() for k, qs in lists.items()},
        "can_write": access.work_organizations(request.user).exists(),
        "check_form": check_form or forms.CheckForm(initial={"year": today.year, "checked_on": today}),
    }


@staff_required
def newmedia(request):
    show = "checks" if request.GET.get("show") == "checks" else "accounts"
    return render(request, "cases/newmedia.html", _newmedia_context(request, show=show))


@staff_required
@require_http_methods(["GET", "POST"])
def account_new(request):
    org = acting_org(request)
    form = forms.AccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_account(organization=org, data=form.cleaned_data, by=request.user)
            messages.success(request, _("账号已登记。"))
            return redirect("cases:newmedia")
        except ValidationError as exc:
            form_errors(form, exc)
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
                form_errors(form, exc)
    return render(
        request,
        "cases/account_form.html",
        {"form": form, "org": account.organization, "account": account, "can_edit": can_edit},
    )


@staff_required
@require_POST
def check_new(request):
    org = acting_org(request)
    form = forms.CheckForm(request.POST)
    if form.is_valid():
        try:
            services.record_check(organization=org, **form.cleaned_data, by=request.user)
            messages.success(request, _("排查整治结果已记录。"))
            return redirect("cases:newmedia")
        except ValidationError as exc:
            form_errors(form, exc)
    return render(
        request, "cases/newmedia.html", _newmedia_context(request, show="checks", check_form=form), status=400
    )
