"""The supervising office's desk, 督办 (supervision orders) and 通报 (bulletins)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from gongkai.organizations import access
from gongkai.organizations.decorators import staff_required
from gongkai.organizations.models import Organization, Role
from gongkai.pagination import paginate

from .. import documents, forms, reporting, selectors, services
from ..models import Bulletin, Rating, Urging, UrgingStatus
from .common import PANEL_ROWS, complaints_for, form_errors, href, org_filter

# ---------------------------------------------------------------- the desk


def _desk_roots(user):
    roots = selectors.desk_roots(user)
    return roots or list(access.work_organizations(user).order_by("path")[:1])


# A subtree up to this many agencies lists every one; a bigger one (a city, a province) lists the agencies with
# problems unless ``?show=all``, DESK_PAGE_ROWS at a time. The totals and the 通报 always cover every agency.
DESK_ALL_ROWS = 60
DESK_PAGE_ROWS = 100


@staff_required
def desk(request):
    today = timezone.localdate()
    year = request.GET.get("year")
    year = int(year) if year and year.isdigit() else None
    show = request.GET.get("show", "")
    desks = [selectors.desk(root, today, report_year=year) for root in _desk_roots(request.user)]
    for d in desks:
        d.can_bulletin = request.user.is_superuser or access.has_role(request.user, d.root, Role.SUPERVISOR)
        d.show_all = show == "all" or (show != "problems" and len(d.rows) <= DESK_ALL_ROWS)
        d.page = paginate(request, d.shown_rows, per_page=DESK_PAGE_ROWS)
    return render(
        request,
        "cases/desk.html",
        {
            "desks": desks,
            "today": today,
            "bulletin_form": forms.BulletinForm(initial={"issued_on": today, "title": _("关于政务公开工作情况的通报")}),
        },
    )


def _panel(qs, more_href=None, link=None):
    """A short panel: the first rows, how many there are in all, and the paged list that holds every one."""
    if qs is None:
        return None
    rows = list(qs[:PANEL_ROWS])
    if link:
        rows = [{"obj": o, "href": href(link[0], **{link[1]: o.pk})} for o in rows]
    total = len(rows) if len(rows) < PANEL_ROWS else qs.count()
    return {"rows": rows, "total": total, "more_href": more_href}


def _list_href(name, **params) -> str | None:
    url = href(name)
    return f"{url}?{urlencode(params)}" if url else None


@staff_required
def desk_agency(request, org_id):
    org = access.get_organization_for_user(request.user, org_id)
    today = timezone.localdate()
    ids = [org.pk]
    report = None
    subtree_status = selectors.report_status_function()
    if subtree_status is not None:
        try:
            report = next((s for s in subtree_status(org, today.year - 1, today=today) if s.org.pk == org.pk), None)
        except Exception:  # reports app not migrated
            report = None
    app = ("applications:detail", "application_id")
    return render(
        request,
        "cases/desk_agency.html",
        {
            "org": org,
            "today": today,
            "overdue": _panel(
                selectors.overdue_applications(ids, today),
                _list_href("applications:queue", bucket="overdue", org=org.pk),
                app,
            ),
            "soon": _panel(
                selectors.due_soon_applications(ids, today),
                _list_href("applications:queue", bucket="soon", within=selectors.DUE_SOON_WORKING_DAYS, org=org.pk),
                app,
            ),
            "publications": _panel(
                selectors.overdue_publications(ids, today),
                _list_href("publications:queue", status="overdue", org=org.pk),
                ("publications:detail", "publication_id"),
            ),
            "report": report,
            "cases": _panel(
                selectors.pending_case_replies(ids).select_related("organization"),
                _list_href("cases:case-list", awaiting=1, org=org.pk),
            ),
            "complaints": _panel(
                complaints_for(request.user).filter(subject_organization=org).order_by("-received_on", "-id"),
                _list_href("cases:complaint-list", org=org.pk),
            ),
            "ratings": _panel(
                Rating.objects.filter(organization=org, rated_on__year=today.year)
                .select_related("application")
                .order_by("-rated_on", "-id"),
                _list_href("cases:rating-list", year=today.year, org=org.pk),
            ),
            "rating_figures": reporting.rating_figures([org.pk], today.year),
            "urgings": _panel(
                Urging.objects.filter(organization=org).order_by("status", "due_on", "-id"),
                _list_href("cases:urging-list", org=org.pk),
            ),
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
    urgings, filter_org = org_filter(request, urgings)
    return render(
        request,
        "cases/urging_list.html",
        {
            "page": paginate(request, urgings.order_by("status", "due_on", "-id")),
            "today": timezone.localdate(),
            "status": status,
            "statuses": UrgingStatus.choices,
            "filter_org": filter_org,
        },
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
        complaint = complaints_for(request.user).filter(pk=int(request.GET["complaint"])).first()
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
            form_errors(form, exc)
    return render(request, "cases/urging_form.html", {"form": form, "application": application, "complaint": complaint})


def _urging_context(request, urging, **extra):
    app = getattr(urging, "application", None) if hasattr(Urging, "application") else None
    return {
        "urging": urging,
        "today": timezone.localdate(),
        "application": app,
        "application_href": href("applications:detail", application_id=app.pk) if app else None,
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
            form_errors(form, exc if isinstance(exc, ValidationError) else ValidationError(str(exc)))
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
            form_errors(form, exc if isinstance(exc, ValidationError) else ValidationError(str(exc)))
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
    bulletins = _bulletins_for(request.user).order_by("-issued_on", "-id")
    return render(request, "cases/bulletin_list.html", {"page": paginate(request, bulletins)})


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
