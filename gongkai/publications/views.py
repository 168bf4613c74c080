"""Staff pages of 主动公开: queue, drafting, review actions, yearly figures, settings."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from gongkai.organizations import access
from gongkai.organizations.decorators import staff_required
from gongkai.organizations.models import Role
from gongkai.pagination import paginate

from . import figures_io, forms, services, workflow
from .models import Attachment, Publication, Status, YearlyFigures
from .services import WorkflowError

QUEUE_TABS = [
    ("open", _("待办")),
    (Status.DRAFT, Status.DRAFT.label),
    (Status.RETURNED, Status.RETURNED.label),
    (Status.PRE_REVIEW, Status.PRE_REVIEW.label),
    (Status.IN_REVIEW, Status.IN_REVIEW.label),
    (Status.APPROVED, Status.APPROVED.label),
    (Status.SCHEDULED, Status.SCHEDULED.label),
    (Status.PUBLISHED, Status.PUBLISHED.label),
    (Status.WITHDRAWN, Status.WITHDRAWN.label),
    (Status.NOT_PUBLIC, Status.NOT_PUBLIC.label),
    ("overdue", _("超期未公开")),
]


def _publication(request, publication_id, *, write=False, roles=None):
    return access.get_for_user(
        request.user,
        Publication.objects.select_related("organization", "node"),
        write=write,
        roles=roles,
        pk=publication_id,
    )


def _chosen_org(request):
    org_id = request.GET.get("org")
    if org_id and org_id.isdigit():
        return access.get_organization_for_user(request.user, int(org_id))
    org = access.default_organization(request.user)
    if org is None:
        raise Http404
    return org


@staff_required
def queue(request):
    org = _chosen_org(request)
    today = timezone.localdate()
    tab = request.GET.get("status", "open")
    qs = access.visible(Publication.objects.filter(organization=org), request.user).select_related("node")
    if tab == "open":
        qs = qs.open_work()
    elif tab == "overdue":
        qs = qs.overdue(today)
    elif tab in Status.values:
        qs = qs.filter(status=tab)
    order = ("publish_due", "-updated_at", "-id") if tab in ("open", "overdue") else ("-updated_at", "-id")
    qs = qs.order_by(*order)
    counts = {"overdue": Publication.objects.filter(organization=org).overdue(today).count()}
    return render(
        request,
        "publications/queue.html",
        {
            "org": org,
            "orgs": access.work_organizations(request.user),
            "tab": tab,
            "tabs": QUEUE_TABS,
            "page": paginate(request, qs),
            "today": today,
            "counts": counts,
            "can_draft": bool(access.roles_in(request.user, org) & workflow.DRAFTER_ROLES),
        },
    )


@staff_required
@require_http_methods(["GET", "POST"])
def create(request):
    org = _chosen_org(request)
    if not access.roles_in(request.user, org) & workflow.DRAFTER_ROLES:
        raise PermissionDenied
    form = forms.PublicationForm(
        request.POST or None, organization=org, initial={"issuing_authority": org.name, "disclosure": "proactive"}
    )
    if request.method == "POST" and form.is_valid():
        try:
            pub = services.create_publication(organization=org, by=request.user, data=form.cleaned_data)
        except WorkflowError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("草稿已保存。"))
            return redirect("publications:detail", publication_id=pub.pk)
    return render(
        request, "publications/edit.html", {"form": form, "org": org, "publication": None}, status=_status(form)
    )


def _status(form):
    return 400 if form.is_bound and form.errors else 200


@staff_required
@require_http_methods(["GET", "POST"])
def edit(request, publication_id):
    pub = _publication(request, publication_id, write=True)
    if pub.status not in workflow.EDITABLE:
        messages.error(request, _("只有草稿或退回修改的信息可以编辑。"))
        return redirect("publications:detail", publication_id=pub.pk)
    form = forms.PublicationForm(request.POST or None, instance=pub, organization=pub.organization)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_publication(publication=pub, by=request.user, data=form.cleaned_data)
        except WorkflowError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("已保存。"))
            return redirect("publications:detail", publication_id=pub.pk)
    return render(
        request,
        "publications/edit.html",
        {"form": form, "org": pub.organization, "publication": pub},
        status=_status(form),
    )


@staff_required
def detail(request, publication_id):
    pub = _publication(request, publication_id)
    roles = access.roles_in(request.user, pub.organization)
    possible = set(workflow.actions_from(pub.status))

    def may(action):
        needed = workflow.TRANSITIONS[action][2]
        return action in possible and (needed is None or bool(roles & needed))

    conf = services.settings_for(pub.organization)
    ctx = {
        "publication": pub,
        "org": pub.organization,
        "today": timezone.localdate(),
        "events": pub.events.select_related("by"),
        "attachments": pub.attachments.all(),
        "checklist": [(label, pub.checklist.get(key)) for key, label in services.CHECKLIST],
        "rounds": [workflow.ROUND_LABELS[r] for r in conf.rounds()],
        "can_edit": pub.status in workflow.EDITABLE and bool(roles & workflow.DRAFTER_ROLES),
        "can_submit": may("submit"),
        "can_pre_review": may("pre_review_pass"),
        "can_review": services.can_review(pub, request.user),
        "round_label": workflow.ROUND_LABELS.get(services.current_round_role(pub) or "", ""),
        "can_publish": may("publish"),
        "can_unschedule": may("unschedule"),
        "can_withdraw": may("withdraw"),
        "can_reopen": may("reopen"),
        "can_validity": pub.status == Status.PUBLISHED and bool(roles & workflow.VALIDITY_ROLES),
        "pre_review_form": forms.PreReviewForm(),
        "review_form": forms.ReviewForm(),
        "schedule_form": forms.ScheduleForm(),
        "reason_form": forms.ReasonForm(),
        "validity_form": forms.ValidityForm(),
        "attachment_form": forms.AttachmentForm(),
        "action_labels": workflow.ACTION_LABELS,
        "status_labels": dict(Status.choices),
    }
    return render(request, "publications/detail.html", ctx)


def _act(request, pub, fn, success):
    try:
        fn()
    except WorkflowError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, success)
    return redirect("publications:detail", publication_id=pub.pk)


def _form_errors(request, pub, form):
    for errors in form.errors.values():
        for e in errors:
            messages.error(request, e)
    return redirect("publications:detail", publication_id=pub.pk)


@staff_required
@require_POST
def submit(request, publication_id):
    pub = _publication(request, publication_id, roles=workflow.DRAFTER_ROLES)
    return _act(request, pub, lambda: services.submit(publication=pub, by=request.user), _("已提交预审。"))


@staff_required
@require_POST
def pre_review(request, publication_id):
    pub = _publication(request, publication_id, roles=workflow.PRE_REVIEW_ROLES)
    form = forms.PreReviewForm(request.POST)
    if not form.is_valid():
        return _form_errors(request, pub, form)
    approve = form.cleaned_data["decision"] == "approve"
    return _act(
        request,
        pub,
        lambda: services.pre_review(
            publication=pub,
            by=request.user,
            checklist=form.checklist(),
            approve=approve,
            comments=form.cleaned_data["comments"],
        ),  # fmt: skip
        _("预审通过。") if approve else _("已退回修改。"),
    )


@staff_required
@require_POST
def review(request, publication_id):
    pub = _publication(request, publication_id, write=True)
    form = forms.ReviewForm(request.POST)
    if not form.is_valid():
        return _form_errors(request, pub, form)
    approve = form.cleaned_data["decision"] == "approve"
    return _act(
        request,
        pub,
        lambda: services.review(
            publication=pub, by=request.user, approve=approve, comments=form.cleaned_data["comments"]
        ),
        _("已同意。") if approve else _("已退回修改。"),
    )


@staff_required
@require_POST
def publish(request, publication_id):
    pub = _publication(request, publication_id, roles=workflow.PUBLISHER_ROLES)
    return _act(request, pub, lambda: services.publish(publication=pub, by=request.user), _("已发布。"))


@staff_required
@require_POST
def schedule(request, publication_id):
    pub = _publication(request, publication_id, roles=workflow.PUBLISHER_ROLES)
    form = forms.ScheduleForm(request.POST)
    if not form.is_valid():
        return _form_errors(request, pub, form)
    return _act(
        request,
        pub,
        lambda: services.schedule(publication=pub, by=request.user, at=form.cleaned_data["at"]),
        _("已设置定时发布。"),
    )


@staff_required
@require_POST
def unschedule(request, publication_id):
    pub = _publication(request, publication_id, roles=workflow.PUBLISHER_ROLES)
    return _act(request, pub, lambda: services.unschedule(publication=pub, by=request.user), _("已取消定时发布。"))


@staff_required
@require_POST
def withdraw(request, publication_id):
    pub = _publication(request, publication_id, roles=workflow.TRANSITIONS["withdraw"][2])
    form = forms.ReasonForm(request.POST)
    if not form.is_valid():
        return _form_errors(request, pub, form)
    return _act(
        request,
        pub,
        lambda: services.withdraw(publication=pub, by=request.user, reason=form.cleaned_data["reason"]),
        _("已撤回。"),
    )


@staff_required
@require_POST
def reopen(request, publication_id):
    pub = _publication(request, publication_id, roles=workflow.DRAFTER_ROLES)
    return _act(request, pub, lambda: services.reopen(publication=pub, by=request.user), _("已转为草稿。"))


@staff_required
@require_POST
def validity(request, publication_id):
    pub = _publication(request, publication_id, roles=workflow.VALIDITY_ROLES)
    form = forms.ValidityForm(request.POST)
    if not form.is_valid():
        return _form_errors(request, pub, form)
    d = form.cleaned_data
    fn = services.repeal if d["action"] == "repeal" else services.amend
    return _act(
        request, pub, lambda: fn(publication=pub, by=request.user, on=d["on"], reason=d["reason"]), _("有效性已更新。")
    )


@staff_required
@require_POST
def attachment_add(request, publication_id):
    pub = _publication(request, publication_id, roles=workflow.DRAFTER_ROLES)
    form = forms.AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        return _form_errors(request, pub, form)
    return _act(
        request,
        pub,
        lambda: services.add_attachment(
            publication=pub, by=request.user, upload=form.cleaned_data["file"], role=form.cleaned_data["role"]
        ),
        _("附件已上传。"),
    )


def _attachment(request, attachment_id, **kw):
    return access.get_for_user(
        request.user,
        Attachment.objects.select_related("publication__organization"),
        org_field="publication__organization",
        pk=attachment_id,
        **kw,
    )


@staff_required
def attachment_download(request, pub_attachment_id):
    att = _attachment(request, pub_attachment_id)
    from gongkai.portal.views import CONTENT_TYPES

    return FileResponse(
        att.file.open("rb"), as_attachment=True, filename=att.name, content_type=CONTENT_TYPES[att.kind]
    )


@staff_required
@require_POST
def attachment_delete(request, pub_attachment_id):
    att = _attachment(request, pub_attachment_id, roles=workflow.DRAFTER_ROLES)
    pub = att.publication
    return _act(request, pub, lambda: services.remove_attachment(attachment=att, by=request.user), _("附件已删除。"))


# Yearly figures -----------------------------------------------------------------------------------


@staff_required
def figures_home(request):
    org = access.default_organization(request.user)
    if org is None:
        raise Http404
    return redirect("publications:figures", org_id=org.pk)


FIGURE_ROLES = (Role.CLERK, Role.HEAD, Role.ADMIN)


@staff_required
@require_http_methods(["GET", "POST"])
def figures(request, org_id):
    org = access.get_organization_for_user(request.user, org_id)
    can_edit = access.has_role(request.user, org, *FIGURE_ROLES)
    year = timezone.localdate().year - 1
    form = forms.FiguresForm(request.POST or None, initial={"year": year})
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        if form.is_valid():
            d = form.cleaned_data
            services.set_yearly_figures(organization=org, by=request.user, year=d["year"], values=d, note=d["note"])
            messages.success(request, _("%(year)s年度数据已保存。") % {"year": d["year"]})
            return redirect("publications:figures", org_id=org.pk)
    return render(
        request,
        "publications/figures.html",
        {
            "org": org,
            "form": form,
            "import_form": forms.ImportForm(),
            "rows": YearlyFigures.objects.filter(organization=org),
            "can_edit": can_edit,
        },
        status=_status(form),
    )


@staff_required
@require_POST
def figures_import(request, org_id):
    org = access.get_organization_for_user(request.user, org_id, roles=FIGURE_ROLES)
    form = forms.ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("请选择要导入的文件。"))
        return redirect("publications:figures", org_id=org.pk)
    upload = form.cleaned_data["file"]
    if upload.size > 2 * 1024 * 1024:
        messages.error(request, _("文件过大（最大 2 MB）。"))
        return redirect("publications:figures", org_id=org.pk)
    try:
        rows = figures_io.parse(upload.read(), upload.name)
    except figures_io.ImportError_ as exc:
        for e in exc.errors[:20]:
            messages.error(request, e)
        return render(
            request,
            "publications/figures.html",
            {
                "org": org,
                "form": forms.FiguresForm(initial={"year": timezone.localdate().year - 1}),
                "import_form": form,
                "rows": YearlyFigures.objects.filter(organization=org),
                "can_edit": True,
            },
            status=400,
        )
    services.import_yearly_figures(organization=org, by=request.user, rows=rows)
    messages.success(request, _("已导入%(n)d个年度的数据。") % {"n": len(rows)})
    return redirect("publications:figures", org_id=org.pk)


@staff_required
def figures_template_xlsx(request, org_id):
    access.get_organization_for_user(request.user, org_id)
    data = figures_io.template_xlsx(timezone.localdate().year - 1)
    resp = HttpResponse(data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    resp["Content-Disposition"] = 'attachment; filename="yearly-figures-template.xlsx"'
    return resp


@staff_required
def figures_template_csv(request, org_id):
    access.get_organization_for_user(request.user, org_id)
    resp = HttpResponse(figures_io.template_csv(timezone.localdate().year - 1), content_type="text/csv; charset=utf-8")
    resp["Content-Disposition"] = 'attachment; filename="yearly-figures-template.csv"'
    return resp


# Settings, guide, catalogue ---------------------------------------------------------------------


@staff_required
@require_http_methods(["GET", "POST"])
def org_settings(request, org_id):
    org = access.get_organization_for_user(request.user, org_id)
    conf = services.settings_for(org)
    can_edit = access.has_role(request.user, org, Role.HEAD, Role.ADMIN)
    form = forms.SettingsForm(
        request.POST or None,
        initial={
            "index_pattern": conf.index_pattern,
            "sequence_width": conf.sequence_width,
            "review_rounds": ",".join(conf.rounds()),
        },
    )
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        if form.is_valid():
            d = form.cleaned_data
            try:
                services.update_settings(
                    organization=org, by=request.user,
                    data={**d, "review_rounds": [r for r in d["review_rounds"].split(",") if r]},
                )  # fmt: skip
            except WorkflowError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("公开设置已保存。"))
                return redirect("publications:settings", org_id=org.pk)
    from .models import CatalogueNode

    return render(
        request,
        "publications/settings.html",
        {
            "org": org,
            "form": form,
            "can_edit": can_edit,
            "node_form": forms.NodeForm(),
            "nodes": CatalogueNode.objects.for_organization(org),
            "can_add_node": access.has_role(request.user, org, Role.CLERK, Role.HEAD, Role.ADMIN),
        },
        status=_status(form),
    )


@staff_required
@require_POST
def node_add(request, org_id):
    org = access.get_organization_for_user(request.user, org_id, roles=[Role.CLERK, Role.HEAD, Role.ADMIN])
    form = forms.NodeForm(request.POST)
    if form.is_valid():
        try:
            services.add_catalogue_node(organization=org, by=request.user, **form.cleaned_data)
        except WorkflowError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("目录项已添加。"))
    else:
        messages.error(request, _("请填写目录名称。"))
    return redirect("publications:settings", org_id=org.pk)


@staff_required
@require_http_methods(["GET", "POST"])
def guide_edit(request, org_id):
    from gongkai.portal.guide import generated_guide_html

    org = access.get_organization_for_user(request.user, org_id)
    conf = services.settings_for(org)
    can_edit = access.has_role(request.user, org, Role.CLERK, Role.HEAD, Role.ADMIN)
    generated = generated_guide_html(org)
    form = forms.GuideForm(request.POST or None, initial={"text": conf.guide_override or generated})
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        if form.is_valid():
            text = form.cleaned_data["text"]
            if text.strip() == generated.strip():
                text = ""  # unchanged: keep following the agency's data
            services.save_guide(organization=org, by=request.user, text=text, today=timezone.localdate())
            messages.success(request, _("公开指南已保存。"))
            return redirect("publications:guide", org_id=org.pk)
    return render(
        request, "publications/guide_edit.html", {"org": org, "form": form, "can_edit": can_edit, "conf": conf}
    )
