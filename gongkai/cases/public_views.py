"""Public pages (/complaints/): the complaint form, its status lookup, and the 评议 (rating) form.

No account is needed. The complainant's contact data is kept for the handling office only.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from gongkai import ratelimit

from . import forms, services

SESSION_KEY = "gongkai_complaint_receipt"


def _rate_limited(request) -> bool:
    return ratelimit.exceeded(request, "cases-lookup")


@require_http_methods(["GET", "POST"])
def complaint_new(request):
    initial = {}
    if request.GET.get("application"):
        initial["application_number"] = request.GET["application"][:40]
    form = forms.ComplaintForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        complaint, code = services.register_complaint(
            **form.cleaned_data, channel="online", received_on=timezone.localdate(), by=None
        )
        request.session[SESSION_KEY] = {
            "number": complaint.number,
            "code": code,
            "office": complaint.organization.name,
        }
        return redirect("cases_public:complaint-done")
    return render(request, "cases/public/complaint_form.html", {"form": form})


def complaint_done(request):
    receipt = request.session.pop(SESSION_KEY, None)
    if receipt is None:
        return redirect("cases_public:complaint-status")
    return render(request, "cases/public/complaint_done.html", {"receipt": receipt})


@require_http_methods(["GET", "POST"])
def complaint_status(request):
    form = forms.LookupForm(request.POST or None)
    complaint = None
    if request.method == "POST" and _rate_limited(request):
        form.add_error(None, _("查询过于频繁，请稍后再试。"))
        return render(request, "cases/public/complaint_status.html", {"form": form}, status=429)
    if request.method == "POST" and form.is_valid():
        complaint = services.find_complaint(form.cleaned_data["number"], form.cleaned_data["code"])
        if complaint is None:
            form.add_error(None, _("编号或查询码不正确。"))
    return render(
        request,
        "cases/public/complaint_status.html",
        {"form": form, "complaint": complaint},
        status=400 if request.method == "POST" and complaint is None else 200,
    )


@require_http_methods(["GET", "POST"])
def rate(request):
    """评议: ``/complaints/rate/?number=…`` — the applicant rates a closed application (number + 查询码)."""
    form = forms.RatingForm(request.POST or None, initial={"number": request.GET.get("number", "")[:40]})
    if request.method == "POST" and _rate_limited(request):
        form.is_valid()
        form.add_error(None, _("查询过于频繁，请稍后再试。"))
        return render(request, "cases/public/rate.html", {"form": form}, status=429)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        application = services.find_application(data["number"], data["code"])
        if application is None:
            form.add_error(None, _("申请编号或查询码不正确。"))
        else:
            try:
                services.rate_application(
                    application=application, score=data["score"], comment=data["comment"], today=timezone.localdate()
                )
                messages.success(request, _("感谢您的评价。"))
                return render(request, "cases/public/rate_done.html", {"application": application})
            except ValidationError as exc:
                form.add_error(None, exc.messages[0])
    return render(request, "cases/public/rate.html", {"form": form}, status=400 if form.errors else 200)
