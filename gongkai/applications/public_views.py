"""The applicant's side: file an application, look it up, answer requests, withdraw, download letters. No account."""

import uuid
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from gongkai import ratelimit
from gongkai.audit.models import AuditEntry
from gongkai.organizations.models import Organization

from . import catalogue, clockwork, letters, services
from .forms import ApplicantResponseForm, ApplicationForm, LookupForm, PublicWithdrawForm
from .models import ApplicantRequest, Application, RequestKind
from .workflow import Conflict, Status, can_withdraw

SESSION_KEY = "applications_public_grants"
PUBLIC_EVENTS = {
    "applications.registered": _("申请已登记"),
    "applications.correction_requested": _("本机关告知补正"),
    "applications.correction_received": _("收到补正的申请"),
    "applications.correction_lapsed": _("补正期限届满，视为放弃申请"),
    "applications.explanation_requested": _("本机关要求说明理由"),
    "applications.explanation_received": _("收到申请人的说明"),
    "applications.delay_set": _("确定延迟答复期限"),
    "applications.consultation_started": _("征求意见（期间不计入答复期限）"),
    "applications.consultation_closed": _("征求意见结束"),
    "applications.extension_approved": _("答复期限延长"),
    "applications.fee_notice_issued": _("发出收费通知"),
    "applications.fee_reported": _("申请人报告已缴费"),
    "applications.fee_paid": _("确认已缴费"),
    "applications.fee_lapsed": _("逾期未缴费，不再处理"),
    "applications.decision_drafted": _("答复拟定，审核中"),
    "applications.answered": _("已作出答复"),
    "applications.withdrawn": _("申请已撤回"),
}


def _grant(request, app):
    grants = request.session.get(SESSION_KEY, [])
    if app.pk not in grants:
        request.session[SESSION_KEY] = [*grants[-19:], app.pk]


def _granted(request, number) -> Application:
    app = Application.objects.select_related("organization").filter(number=number).first()
    if app is None or app.pk not in request.session.get(SESSION_KEY, []):
        raise Http404
    return app


def _rate_limited(request) -> bool:
    return ratelimit.exceeded(request, "applications-lookup")


def index(request):
    orgs = Organization.objects.filter(is_active=True).order_by("path")
    return render(request, "applications/public/index.html", {"orgs": orgs})


@require_http_methods(["GET", "POST"])
def apply(request, org_id):
    org = get_object_or_404(Organization, pk=org_id, is_active=True)
    token = request.POST.get("token") or uuid.uuid4().hex
    matches = None
    form = ApplicationForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            matches = catalogue.likely_matches(org, form.cleaned_data["description"])
            if matches and not request.POST.get("confirmed"):
                # 第三十六条（一）: show what is already public first; the applicant may still file.
                return render(
                    request,
                    "applications/public/apply.html",
                    {"org": org, "form": form, "token": token, "matches": matches, "confirm_step": True},
                )
            app, code = services.submit_online(
                organization=org,
                data=form.cleaned_data,
                files=form.cleaned_data["attachments"],
                token=token,
                today=timezone.localdate(),
            )
            _grant(request, app)
            if code:
                request.session[f"applications_code_{app.pk}"] = code
            return redirect("applications_public:done", number=app.number)
        status = 400
    return render(
        request,
        "applications/public/apply.html",
        {"org": org, "form": form, "token": token, "matches": matches},
        status=status,
    )


def done(request, number):
    app = _granted(request, number)
    code = request.session.pop(f"applications_code_{app.pk}", None)
    return render(request, "applications/public/done.html", {"app": app, "code": code})


@require_http_methods(["GET", "POST"])
def lookup(request):
    form = LookupForm(request.POST or None)
    if request.method == "POST":
        if _rate_limited(request):
            return render(
                request,
                "applications/public/lookup.html",
                {"form": form, "error": _("查询过于频繁，请稍后再试。")},
                status=429,
            )
        if form.is_valid():
            number = form.cleaned_data["number"].strip().upper()
            app = Application.objects.filter(number=number).first()
            if app is not None and services.code_matches(app, form.cleaned_data["code"]):
                _grant(request, app)
                return redirect("applications_public:status", number=app.number)
        return render(
            request,
            "applications/public/lookup.html",
            {"form": form, "error": _("申请编号或查询码不正确。")},
            status=400,
        )
    return render(request, "applications/public/lookup.html", {"form": form})


def _timeline(app):
    rows = AuditEntry.objects.for_object(app).filter(action__in=PUBLIC_EVENTS).order_by("at", "id")
    return [{"at": r.at, "label": PUBLIC_EVENTS[r.action]} for r in rows]


def status(request, number, response_form=None, response_request=None, withdraw_form=None, http_status=200):
    app = _granted(request, number)
    today = timezone.localdate()
    withdrawable = can_withdraw(app.status)
    if withdraw_form is None and withdrawable:
        withdraw_form = PublicWithdrawForm(prefix="withdraw")
    clock = clockwork.state_of(app, today=today)
    open_requests = list(app.requests.filter(outcome=ApplicantRequest.Outcome.OPEN))
    forms = {
        r.pk: (response_form if response_request == r.pk else ApplicantResponseForm(prefix=f"r{r.pk}"))
        for r in open_requests
    }
    return render(
        request,
        "applications/public/status.html",
        {
            "app": app,
            "clock": clock,
            "timeline": _timeline(app),
            "requests": [(r, forms[r.pk]) for r in open_requests],
            "past_requests": app.requests.exclude(outcome=ApplicantRequest.Outcome.OPEN),
            "letters": app.letters.filter(to_applicant=True),
            "rating_url": _rating_url(app),
            "withdraw_form": withdraw_form,
            "withdrawable": withdrawable,
            "withdrawn": app.status == Status.WITHDRAWN,
        },
        status=http_status,
    )


def _rating_url(app):
    """The cases app's 评议 form for a closed application (if that app provides one)."""
    if not app.is_closed:
        return None
    for name in ("cases_public:rate", "complaints:rate", "cases:rate"):
        try:
            return reverse(name) + "?" + urlencode({"number": app.number})
        except NoReverseMatch:
            continue
    return None


@require_POST
def respond(request, number, request_id):
    app = _granted(request, number)
    req = get_object_or_404(ApplicantRequest, pk=request_id, application=app, outcome=ApplicantRequest.Outcome.OPEN)
    form = ApplicantResponseForm(request.POST, request.FILES, prefix=f"r{req.pk}")
    if not form.is_valid():
        return status(request, number, response_form=form, response_request=req.pk, http_status=400)
    today = timezone.localdate()
    try:
        if req.kind == RequestKind.CORRECTION:
            services.submit_correction(
                app,
                response=form.cleaned_data["response"],
                files=form.cleaned_data["attachments"],
                online=True,
                by=None,
                today=today,
            )
            messages.success(request, _("补正已提交，答复期限自今日起重新计算。"))
        elif req.kind == RequestKind.EXPLANATION:
            services.submit_explanation(app, response=form.cleaned_data["response"], online=True, by=None, today=today)
            messages.success(request, _("说明已提交。"))
        else:
            services.applicant_fee_note(app, reference=form.cleaned_data["response"], today=today)
            messages.success(request, _("已收到您的缴费说明，工作人员确认后继续办理。"))
    except (ValidationError, Conflict) as exc:
        form.add_error(None, exc.messages if isinstance(exc, ValidationError) else str(exc))
        return status(request, number, response_form=form, response_request=req.pk, http_status=409)
    return redirect("applications_public:status", number=app.number)


def _withdraw_code_refusal(request, number, app, form):
    """This session has no grant for the application: ask for the 查询码 again, keeping what was typed.

    The check is rate-limited like the lookup and gives the same answer for an unknown number as for a wrong code.
    Returns the refusal page, or None when the code is right.
    """
    code = request.POST.get("withdraw-code", "").strip()[:20]
    if not code:
        error, http_status = _("为保护您的申请，请输入查询码后再提交撤回。您填写的内容已保留。"), 403
    elif _rate_limited(request):
        error, http_status = _("查询过于频繁，请稍后再试。您填写的内容已保留。"), 429
    elif app is None or not services.code_matches(app, code):
        error, http_status = _("申请编号或查询码不正确。"), 400
    else:
        return None
    return render(
        request,
        "applications/public/withdraw.html",
        {"number": number, "form": form, "error": error},
        status=http_status,
    )


@require_POST
def withdraw(request, number):
    """The applicant withdraws the application (撤回申请) on the status page; same service as staff use."""
    app = Application.objects.select_related("organization").filter(number=number).first()
    if app is None or app.pk not in request.session.get(SESSION_KEY, []):
        refusal = _withdraw_code_refusal(
            request, number, app, PublicWithdrawForm(request.POST, prefix="withdraw", ask_code=True)
        )
        if refusal is not None:
            return refusal
        _grant(request, app)
    form = PublicWithdrawForm(request.POST, prefix="withdraw")
    if not form.is_valid():
        return status(request, app.number, withdraw_form=form, http_status=400)
    today = timezone.localdate()
    try:
        services.withdraw(app, reason=form.cleaned_data["reason"], by=None, version=None, today=today, online=True)
    except (ValidationError, Conflict) as exc:
        form.add_error(None, exc.messages if isinstance(exc, ValidationError) else str(exc))
        return status(request, app.number, withdraw_form=form, http_status=409)
    messages.success(
        request,
        _("您的申请 %(no)s 已于 %(d)s 撤回，本机关不再办理。如仍需要该信息，可以重新提出申请。")
        % {"no": app.number, "d": today.strftime("%Y-%m-%d")},
    )
    return redirect("applications_public:status", number=app.number)


def letter_download(request, number, letter_id, fmt):
    app = _granted(request, number)
    if fmt not in ("pdf", "docx"):
        raise Http404
    letter = letters.ensure_files(get_object_or_404(app.letters, pk=letter_id, to_applicant=True))
    f = letter.pdf if fmt == "pdf" else letter.docx
    return FileResponse(f.open("rb"), as_attachment=True, filename=f"{letter.title}-{app.number}.{fmt}")
