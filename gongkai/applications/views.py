"""Staff pages: work queue, registration, the application page and its actions, letter templates."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F, Q
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from gongkai.audit.models import AuditEntry
from gongkai.organizations import access
from gongkai.organizations.decorators import staff_required
from gongkai.organizations.models import WORK_ROLES, Role
from gongkai.pagination import paginate

from . import clockwork, forms, insights, letters, periodic, services
from .models import AgencySettings, Application, Attachment, ClockState, Consultation, Letter, LetterKind, RequestKind
from .workflow import OPEN, Conflict, Status, allowed_actions


def _apps(user):
    return access.visible(Application.objects.select_related("organization", "assignee"), user)


@staff_required
def queue(request):
    today = timezone.localdate()
    from gongkai.workdays.services import get_calendar

    # 临期: within SOON_WORKING_DAYS (the reminders' window) unless ?within=N (1–20; the supervision desk uses 5)
    within = request.GET.get("within", "")
    within = int(within) if within.isdigit() and 1 <= int(within) <= 20 else periodic.SOON_WORKING_DAYS
    soon = get_calendar().add_working_days(today, within)
    qs = _apps(request.user)
    bucket = request.GET.get("bucket", "open")
    buckets = {
        "today": Q(due_on=today),
        "soon": Q(due_on__gte=today, due_on__lte=soon),
        "overdue": Q(due_on__lt=today, concluded_on__isnull=True),
        "paused": Q(clock_state=ClockState.PAUSED, concluded_on__isnull=True),
        "review": Q(status=Status.REVIEW, concluded_on__isnull=True),  # always open; lets app_open_queue serve it
        "open": Q(concluded_on__isnull=True),
        "closed": Q(concluded_on__isnull=False),
        "all": Q(),
    }
    qs = qs.filter(buckets.get(bucket, buckets["open"]))
    status = request.GET.get("status", "")
    if status in Status.values:
        qs = qs.filter(status=status)
    org = request.GET.get("org", "")
    subtree = request.GET.get("sub") == "1"
    if org.isdigit() and len(org) <= 18:
        chosen = access.visible_organizations(request.user).filter(pk=int(org)).first() if subtree else None
        # 含下级机关: the agency and every agency below it (qs is already limited to what the user may see)
        qs = qs.filter(organization__path__startswith=chosen.path) if chosen else qs.filter(organization_id=int(org))
    q = request.GET.get("q", "").strip()
    if q:
        qs = qs.filter(Q(number__icontains=q) | Q(applicant_name__contains=q) | Q(description__contains=q))
    qs = (
        qs.order_by(F("due_on").asc(nulls_last=True), "received_on", "id")
        if bucket != "closed"
        else qs.order_by("-concluded_on", "-id")
    )
    page = paginate(request, qs)
    counts = {
        k: _apps(request.user).filter(v).count()
        for k, v in buckets.items()
        if k in ("today", "soon", "overdue", "paused", "review")
    }
    return render(
        request,
        "applications/staff/queue.html",
        {
            "page": page,
            "bucket": bucket,
            "within": within,
            "counts": counts,
            "statuses": Status.choices,
            "status": status,
            "q": q,
            "org": org,
            "subtree": subtree,
            "orgs": access.visible_organizations(request.user).order_by("path").only("pk", "name", "path"),
            "today": today,
        },
    )


@staff_required
@require_http_methods(["GET", "POST"])
def register(request):
    work = access.work_organizations(request.user).order_by("path")
    org_id = request.POST.get("organization") or request.GET.get("organization")
    org = work.filter(pk=org_id).first() if org_id and str(org_id).isdigit() else work.first()
    if org is None:
        raise PermissionDenied
    today = timezone.localdate()
    form = forms.RegisterForm(request.POST or None, request.FILES or None, initial={"submitted_on": today})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            d = form.cleaned_data
            try:
                app, code = services.register(
                    organization=org,
                    data=d,
                    files=d["attachments"],
                    channel=d["channel"],
                    submitted_on=d["submitted_on"],
                    signed_on=d.get("signed_on"),
                    confirmed_on=d.get("confirmed_on"),
                    by=request.user,
                    today=today,
                )
            except services.ReceiptError as exc:
                form.add_error(exc.field, exc.message)
            else:
                messages.success(
                    request,
                    _("已登记申请 %(no)s。查询码：%(code)s（请告知申请人，系统不再显示）")
                    % {"no": app.number, "code": code},
                )
                return redirect("applications:detail", application_id=app.pk)
        status = 400
    return render(request, "applications/staff/register.html", {"form": form, "org": org, "orgs": work}, status=status)


def _action_forms(app, user, today):
    """The forms of the actions this user may take now (unbound)."""
    v = {"version": app.version}
    can_act = access.has_role(user, app.organization, *WORK_ROLES)
    if not can_act:
        return {}
    roles = access.roles_in(user, app.organization)
    allowed = set(allowed_actions(app.status))
    out = {}
    staff_users = get_user_model().objects.filter(memberships__organization=app.organization).distinct()
    if "assign" in allowed:
        out["assign"] = forms.AssignForm(initial={**v, "assignee": app.assignee_id}, users=staff_users)
    has_correction = app.requests.filter(kind=RequestKind.CORRECTION).exists()
    if "correction" in allowed and not has_correction:
        from gongkai.workdays.services import get_calendar

        from .models import AgencySettings

        respond_by = get_calendar().add_working_days(today, AgencySettings.for_org(app.organization).correction_days)
        out["correction"] = forms.CorrectionForm(initial={**v, "respond_by": respond_by})
    if "correction_received" in allowed:
        out["correction_received"] = forms.ResponseForm(initial=v)
    if "explanation" in allowed:
        out["explanation"] = forms.ExplanationForm(initial={**v, "respond_by": forms.default_respond_by(today)})
    if "explanation_received" in allowed:
        out["explanation_received"] = forms.ResponseForm(initial=v)
    if "delay" in allowed and app.requests.filter(kind=RequestKind.EXPLANATION).exists():
        out["delay"] = forms.DelayForm(initial=v)
    if "consult" in allowed:
        out["consult"] = forms.ConsultForm(initial=v)
    if "extension_request" in allowed and not app.extended_days and not app.extension_requested_days:
        out["extension_request"] = forms.ExtensionForm(initial=v)
    if app.extension_requested_days and (Role.HEAD in roles or Role.ADMIN in roles) and app.status in OPEN:
        out["extension_approve"] = forms.ApproveForm(initial=v)
    if "fee" in allowed and not app.requests.filter(kind=RequestKind.FEE).exists():
        out["fee"] = forms.FeeForm(initial=v)
    if "fee_paid" in allowed:
        out["fee_paid"] = forms.FeePaidForm(initial=v)
    if "decide" in allowed and not app.consultations.filter(outcome=Consultation.Outcome.OPEN).exists():
        out["decide"] = forms.DecisionForm(initial=v)
    if "review" in allowed:
        needed = {Role.REVIEWER, Role.HEAD, Role.ADMIN} if app.review_stage != "head" else {Role.HEAD, Role.ADMIN}
        if roles & needed and (user.pk != app.decided_by_id or user.is_superuser):
            out["review"] = forms.ApproveForm(initial=v)
    if "split" in allowed and not app.requests.exists() and not app.consultations.exists():
        out["split"] = forms.SplitForm(initial={**v, "items": app.description})
    if "withdraw" in allowed:
        out["withdraw"] = forms.WithdrawForm(initial=v)
    return out


ACTION_LABELS = {
    "assign": _("指派承办人"),
    "correction": _("补正告知（第三十条，一次性告知）"),
    "correction_received": _("登记收到的补正材料（纸质）"),
    "explanation": _("要求申请人说明理由（第三十五条）"),
    "explanation_received": _("登记申请人的说明（纸质）"),
    "delay": _("确定延迟答复的合理期限（第三十五条）"),
    "consult": _("征求第三方或共同制作机关意见（第三十二条、第三十四条）"),
    "extension_request": _("申请延长答复期限（第三十三条）"),
    "extension_approve": _("负责人审批延期"),
    "fee": _("发出收费通知（国办函〔2020〕109号）"),
    "fee_paid": _("确认申请人已缴费"),
    "decide": _("拟定答复（第三十六–三十九条）"),
    "review": _("审核答复"),
    "withdraw": _("登记申请人撤回申请"),
    "split": _("拆分申请（一事一申请）"),
}


def _past_consultations(app, can_act, disclose_forms):
    """Closed consultations, each with the 决定公开告知书 form where 第三十二条 allows one (or the bound form)."""
    out = []
    for c in app.consultations.exclude(outcome=Consultation.Outcome.OPEN).select_related("disclosure_letter"):
        form = disclose_forms.get(c.pk)
        if form is None and can_act and services.disclosure_notice_refusal(c) is None:
            form = forms.DisclosureNoticeForm(
                initial={"version": app.version, "content": c.matter}, auto_id=f"id_disclose{c.pk}_%s"
            )
        out.append((c, form))
    return out


def _detail(request, app, *, bound=None, consult_forms=None, disclose_forms=None, http_status=200):
    today = timezone.localdate()
    user = request.user
    can_act = access.has_role(user, app.organization, *WORK_ROLES)
    action_forms = _action_forms(app, user, today)
    if bound:
        action_forms[bound[0]] = bound[1]
    open_consultations = list(app.consultations.filter(outcome=Consultation.Outcome.OPEN))
    consult_forms = consult_forms or {}
    consultations = [
        (
            c,
            consult_forms.get(c.pk)
            or (forms.ConsultAnswerForm(initial={"version": app.version, "answered_on": today}) if can_act else None),
        )
        for c in open_consultations
    ]
    return render(
        request,
        "applications/staff/detail.html",
        {
            "app": app,
            "clock": clockwork.state_of(app, today=today),
            "timeline": AuditEntry.objects.for_object(app).order_by("at", "id"),
            "letters": app.letters.all(),
            "attachments": app.attachments.all(),
            "requests": app.requests.all(),
            "consultations": consultations,
            "past_consultations": _past_consultations(app, can_act, disclose_forms or {}),
            "reviews": app.reviews.select_related("by"),
            "hints": insights.hints_for(app) if can_act and app.status in OPEN else [],
            "show_personal": can_act,
            "action_forms": [(name, ACTION_LABELS[name], f) for name, f in action_forms.items()],
            "fee_quote": services.fee_quote(app, method="per_item", pages=None) if "fee" in action_forms else None,
        },
        status=http_status,
    )


@staff_required
def detail(request, application_id):
    app = access.get_for_user(
        request.user, Application.objects.select_related("organization", "assignee"), pk=application_id
    )
    return _detail(request, app)


def _run(name, app, d, by, today):
    v = d.get("version")
    match name:
        case "assign":
            services.assign(app, assignee=d["assignee"], by=by, version=v, today=today)
        case "correction":
            services.request_correction(
                app, items=d["items"], respond_by=d["respond_by"], by=by, version=v, today=today
            )
        case "correction_received":
            services.submit_correction(app, response=d["response"], online=False, by=by, version=v, today=today)
        case "explanation":
            services.request_explanation(app, text=d["text"], respond_by=d["respond_by"], by=by, version=v, today=today)
        case "explanation_received":
            services.submit_explanation(app, response=d["response"], online=False, by=by, version=v, today=today)
        case "delay":
            services.set_delay(app, until=d["until"], reason=d["reason"], by=by, version=v, today=today)
        case "consult":
            services.start_consultation(
                app,
                kind=d["kind"],
                party=d["party"],
                party_address=d["party_address"],
                matter=d["matter"],
                by=by,
                version=v,
                today=today,
            )
        case "extension_request":
            services.request_extension(app, days=d["days"], reason=d["reason"], by=by, version=v, today=today)
        case "extension_approve":
            services.decide_extension(app, approve=d["approve"], comments=d["comments"], by=by, version=v, today=today)
        case "fee":
            services.issue_fee_notice(app, method=d["method"], pages=d.get("pages"), by=by, version=v, today=today)
        case "fee_paid":
            services.record_fee_paid(app, by=by, version=v, today=today)
        case "decide":
            services.draft_decision(
                app,
                category=d["category"],
                partial_withheld_category=d["partial_withheld_category"],
                legal_basis=d["legal_basis"],
                reasons=d["reasons"],
                access_instructions=d["access_instructions"],
                responsible_agency=d["responsible_agency"],
                by=by,
                version=v,
                today=today,
            )
        case "review":
            services.review_decision(app, approve=d["approve"], comments=d["comments"], by=by, version=v, today=today)
        case "split":
            services.split(app, items=d["items"], by=by, version=v, today=today)
        case "withdraw":
            services.withdraw(app, reason=d["reason"], by=by, version=v, today=today)
        case _:
            raise Http404


FORM_CLASSES = {
    "assign": forms.AssignForm,
    "correction": forms.CorrectionForm,
    "correction_received": forms.ResponseForm,
    "explanation": forms.ExplanationForm,
    "explanation_received": forms.ResponseForm,
    "delay": forms.DelayForm,
    "consult": forms.ConsultForm,
    "extension_request": forms.ExtensionForm,
    "extension_approve": forms.ApproveForm,
    "fee": forms.FeeForm,
    "fee_paid": forms.FeePaidForm,
    "decide": forms.DecisionForm,
    "review": forms.ApproveForm,
    "withdraw": forms.WithdrawForm,
    "split": forms.SplitForm,
}


@require_POST
@staff_required
def action(request, application_id, action_name):
    name = action_name
    app = access.get_for_user(
        request.user, Application.objects.select_related("organization"), write=True, pk=application_id
    )
    if name not in FORM_CLASSES:
        raise Http404
    kwargs = {}
    if name == "assign":
        kwargs["users"] = get_user_model().objects.filter(memberships__organization=app.organization).distinct()
    form = FORM_CLASSES[name](request.POST, **kwargs)
    if not form.is_valid():
        return _detail(request, app, bound=(name, form), http_status=400)
    try:
        _run(name, app, form.cleaned_data, request.user, timezone.localdate())
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            for field, errs in exc.error_dict.items():
                form.add_error(field if field in form.fields else None, errs)
        else:
            form.add_error(None, exc.messages)
        return _detail(request, Application.objects.get(pk=app.pk), bound=(name, form), http_status=400)
    except Conflict as exc:
        messages.error(request, str(exc))
        return _detail(request, Application.objects.get(pk=app.pk), bound=(name, form), http_status=409)
    messages.success(request, _("已保存：%(a)s") % {"a": ACTION_LABELS[name]})
    return redirect("applications:detail", application_id=app.pk)


def _consultation_to_act_on(request, consultation_id):
    """A consultation of an application the user may act on (404 otherwise, as for other organizations' cases)."""
    return access.get_for_user(
        request.user,
        Consultation.objects.select_related("application__organization"),
        org_field="application__organization",
        write=True,
        pk=consultation_id,
    )


@require_POST
@staff_required
def consult_answer(request, consultation_id):
    c = _consultation_to_act_on(request, consultation_id)
    app = c.application
    form = forms.ConsultAnswerForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        try:
            services.record_consultation_answer(
                c,
                outcome=d["outcome"],
                opinion=d["opinion"],
                answered_on=d["answered_on"],
                by=request.user,
                version=d["version"],
                today=timezone.localdate(),
            )
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        except Conflict as exc:
            form.add_error(None, str(exc))
            return _detail(request, Application.objects.get(pk=app.pk), consult_forms={c.pk: form}, http_status=409)
        else:
            messages.success(request, _("已登记意见。"))
            return redirect("applications:detail", application_id=app.pk)
    return _detail(request, app, consult_forms={c.pk: form}, http_status=400)


@require_POST
@staff_required
def consult_disclose(request, consultation_id):
    """第三十二条: issue the 决定公开告知书 to a third party that objected."""
    c = _consultation_to_act_on(request, consultation_id)
    form = forms.DisclosureNoticeForm(request.POST, auto_id=f"id_disclose{c.pk}_%s")  # unique ids on the page
    http_status = 400
    if form.is_valid():
        d = form.cleaned_data
        try:
            letter = services.notify_third_party_of_disclosure(
                c,
                content=d["content"],
                reasons=d["reasons"],
                by=request.user,
                version=d["version"],
                today=timezone.localdate(),
            )
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        except Conflict as exc:
            form.add_error(None, str(exc))
            http_status = 409
        else:
            messages.success(request, _("已出具决定公开告知书 %(n)s，请送达第三方后再公开。") % {"n": letter.number})
            return redirect("applications:detail", application_id=c.application_id)
    app = Application.objects.select_related("organization", "assignee").get(pk=c.application_id)
    return _detail(request, app, disclose_forms={c.pk: form}, http_status=http_status)


def _letter(request, letter_id):
    return access.get_for_user(
        request.user,
        Letter.objects.select_related("application__organization"),
        org_field="application__organization",
        pk=letter_id,
    )


@staff_required
def letter_pdf(request, letter_id):
    letter = _letter(request, letter_id)
    return FileResponse(
        letter.pdf.open("rb"), as_attachment=True, filename=f"{letter.title}-{letter.application.number}.pdf"
    )


@staff_required
def letter_docx(request, letter_id):
    letter = _letter(request, letter_id)
    return FileResponse(
        letter.docx.open("rb"), as_attachment=True, filename=f"{letter.title}-{letter.application.number}.docx"
    )


@staff_required
def attachment(request, attachment_id):
    a = access.get_for_user(
        request.user,
        Attachment.objects.select_related("application__organization"),
        org_field="application__organization",
        write=True,  # personal documents: only the staff handling the application
        pk=attachment_id,
    )
    return FileResponse(a.file.open("rb"), as_attachment=True, filename=a.name)


@staff_required
@require_http_methods(["GET", "POST"])
def agency_settings(request, org_id):
    """本机关的依申请公开设置: 负责人 (or an administrator) edits; everyone who may see the agency reads."""
    org = access.get_organization_for_user(
        request.user, org_id, roles=[Role.HEAD] if request.method == "POST" else None
    )
    obj = AgencySettings.for_org(org)
    can_edit = access.has_role(request.user, org, Role.HEAD, Role.ADMIN)
    form = forms.AgencySettingsForm(request.POST or None, instance=obj)
    if request.method == "POST":
        if form.is_valid():
            services.update_settings(obj, data=form.cleaned_data, by=request.user)
            messages.success(request, _("设置已保存。"))
            return redirect("applications:settings", org_id=org.pk)
        return render(
            request, "applications/staff/settings.html", {"form": form, "org": org, "can_edit": can_edit}, status=400
        )
    return render(request, "applications/staff/settings.html", {"form": form, "org": org, "can_edit": can_edit})


@staff_required
def templates(request):
    org = access.work_organizations(request.user).order_by("path").first()
    if org is None:
        org = access.visible_organizations(request.user).order_by("path").first()
    rows = [(kind, label, letters.template_for(org, kind)) for kind, label in LetterKind.choices] if org else []
    return render(request, "applications/staff/templates.html", {"rows": rows, "org": org})


@staff_required
@require_http_methods(["GET", "POST"])
def template_edit(request, org_id, letter_kind):
    if letter_kind not in LetterKind.values:
        raise Http404
    writer_roles = [Role.CLERK, Role.HEAD, Role.ADMIN]
    org = access.get_organization_for_user(
        request.user, org_id, roles=writer_roles if request.method == "POST" else None
    )
    can_edit = access.has_role(request.user, org, *writer_roles)
    current = letters.template_for(org, letter_kind)
    form = forms.LetterTemplateForm(
        request.POST or None, instance=None, initial={"title": current.title, "body": current.body}
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.save_letter_template(
                    organization=org,
                    kind=letter_kind,
                    title=form.cleaned_data["title"],
                    body=form.cleaned_data["body"],
                    by=request.user,
                )
            except ValidationError as exc:
                for msg in exc.message_dict.get("body", exc.messages):
                    form.add_error("body", msg)
            else:
                messages.success(request, _("模板已保存。"))
                return redirect("applications:templates")
        status = 400
    return render(
        request,
        "applications/staff/template_edit.html",
        {
            "form": form,
            "kind": letter_kind,
            "label": LetterKind(letter_kind).label,
            "current": current,
            "placeholders": letters.PLACEHOLDERS[letter_kind],
            "required": letters.REQUIRED[letter_kind],
            "org": org,
            "can_edit": can_edit,
        },
        status=status,
    )
