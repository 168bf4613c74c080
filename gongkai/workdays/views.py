"""Staff pages: the calendar per year, entering a year's arrangement, importing dates, recalculation."""

import calendar as pycal
import csv
import io
from datetime import date, datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from gongkai.audit.models import AuditEntry
from gongkai.organizations import access
from gongkai.organizations.decorators import staff_required
from gongkai.organizations.models import Role

from . import calc, services
from .clock import simple_deadline
from .forms import ArrangementForm, CalculatorForm, ImportForm
from .models import CalendarYear

EDIT_ROLES = {Role.CLERK, Role.ADMIN}
# Column headers of the month grids, Monday first (the full names, calc.WEEKDAYS, go in the headers' abbr).
WEEKDAYS_SHORT = (
    pgettext_lazy("short weekday", "一"),
    pgettext_lazy("short weekday", "二"),
    pgettext_lazy("short weekday", "三"),
    pgettext_lazy("short weekday", "四"),
    pgettext_lazy("short weekday", "五"),
    pgettext_lazy("short weekday", "六"),
    pgettext_lazy("short weekday", "日"),
)


def can_edit(user) -> bool:
    """The calendar is shared by every organization: any 公开专员 or 系统管理员 may enter a new notice."""
    return user.is_superuser or any(m.role in EDIT_ROLES for m in access._memberships(user))


def _require_editor(user):
    if not can_edit(user):
        raise PermissionDenied


def _year_param(request, default: int) -> int:
    try:
        year = int(request.GET.get("year", default))
    except ValueError:
        return default
    return year if calc.MIN_YEAR <= year <= calc.MAX_YEAR else default


def month_grid(cal: calc.WorkCalendar, year: int) -> list[dict]:
    months = []
    for month in range(1, 13):
        weeks = []
        for week in pycal.Calendar(firstweekday=0).monthdatescalendar(year, month):
            cells = []
            for d in week:
                if d.month != month:
                    cells.append(None)
                    continue
                kind = cal.day_kind(d)
                name = cal.holiday_name(d) or cal.makeup_name(d) or ""
                cells.append({"date": d, "kind": kind, "name": name, "working": cal.is_working_day(d)})
            weeks.append(cells)
        months.append({"month": month, "weeks": weeks})
    return months


@staff_required
def calendar_view(request):
    today = timezone.localdate()
    year = _year_param(request, today.year)
    cal = services.get_calendar()
    arrangement = CalendarYear.objects.filter(year=year).first()
    calculator = CalculatorForm(request.GET if "start" in request.GET else None)
    result = None
    if calculator.is_bound and calculator.is_valid():
        try:
            due, lines = simple_deadline(
                calculator.cleaned_data["start"], calculator.cleaned_data["days"], cal, what=_("为起算日")
            )
            result = {
                "due": due,
                "lines": lines,
                "provisional": cal.any_provisional(calculator.cleaned_data["start"], due),
            }
        except calc.OutOfRange as exc:
            calculator.add_error(None, str(exc))
    context = {
        "year": year,
        "arrangement": arrangement,
        "provisional": cal.is_provisional(date(year, 1, 1)),
        "months": month_grid(cal, year),
        "entries": cal.days_in_year(year),
        "working_days": cal.working_days_in_year(year),
        "years": CalendarYear.objects.order_by("year"),
        "prev_year": year - 1 if year > calc.MIN_YEAR else None,
        "next_year": year + 1 if year < calc.MAX_YEAR else None,
        "can_edit": can_edit(request.user),
        "calculator": calculator,
        "result": result,
        "weekday_names": [(_(full), short) for full, short in zip(calc.WEEKDAYS, WEEKDAYS_SHORT, strict=True)],
        # The notice for next year usually appears in Oct–Nov: remind staff to enter it.
        "next_year_missing": today.month >= 10 and cal.is_provisional(date(today.year + 1, 1, 1)),
        "today": today,
    }
    return render(request, "workdays/calendar.html", context)


def _changed_for(user, changed):
    """Changed items the user may see, and how many others there were (other organizations' items)."""
    visible_ids = set(access.visible_organizations(user).values_list("pk", flat=True))
    shown, hidden = [], 0
    for item in changed:
        org_id = getattr(item.obj, "organization_id", None)
        if (
            org_id is None
            and getattr(item.obj, "_meta", None)
            and item.obj._meta.label_lower == "organizations.organization"
        ):
            org_id = item.obj.pk
        if org_id is None or org_id in visible_ids or user.is_superuser:
            shown.append(item)
        else:
            hidden += 1
    return shown, hidden


# The result page lists this many changed items; all of them are in the CSV (a province changes thousands).
RESULT_ROWS = 200


def _result(request, change, title, started):
    shown, hidden = _changed_for(request.user, change.changed)
    messages.success(request, _("已保存，并重新计算了所有未办结事项的期限。"))
    return render(
        request,
        "workdays/recomputed.html",
        {
            "title": title,
            "arrangements": change.arrangements,
            "changed": shown[:RESULT_ROWS],
            "total": len(shown),
            "hidden": hidden,
            "since": started.isoformat(),
        },
    )


@staff_required
def changes_csv(request):
    """Every due date recomputed since ``?since=`` (the start of a pass), from the audit trail, as CSV for Excel."""
    _require_editor(request.user)
    try:
        since = datetime.fromisoformat(request.GET.get("since", ""))
    except ValueError:
        return HttpResponseBadRequest(
            _("缺少或无法识别重新计算的时间（since）。"), content_type="text/plain; charset=utf-8"
        )
    if timezone.is_naive(since):
        since = timezone.make_aware(since)
    rows = AuditEntry.objects.filter(action="workdays.deadline_recomputed", at__gte=since).select_related(
        "organization"
    )
    if not request.user.is_superuser:
        rows = rows.filter(organization__in=access.visible_organizations(request.user))
    out = io.StringIO()
    out.write("\ufeff")  # so that Excel reads the file as UTF-8
    writer = csv.writer(out)
    writer.writerow([_("机构"), _("事项"), _("原期限"), _("新期限"), _("重新计算时间")])
    for e in rows.order_by("organization__path", "id"):
        writer.writerow(
            [
                e.organization.name if e.organization else "",
                e.object_repr,
                (e.before or {}).get("due") or "",
                (e.after or {}).get("due") or "",
                timezone.localtime(e.at).strftime("%Y-%m-%d %H:%M"),
            ]
        )
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="deadline-changes.csv"'
    return response


@staff_required
@require_http_methods(["GET", "POST"])
def arrangement_edit(request):
    _require_editor(request.user)
    year = _year_param(request, timezone.localdate().year + 1)
    if request.method == "POST":
        form = ArrangementForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            started = timezone.now()
            change = services.save_arrangement(
                year=data["year"],
                days=data["rows"],
                title=data["title"],
                number=data["number"],
                published_on=data["published_on"],
                source_url=data["source_url"],
                note=data["note"],
                by=request.user,
            )
            return _result(request, change, _("%(y)d年放假安排已保存") % {"y": data["year"]}, started)
        return render(request, "workdays/arrangement_form.html", {"form": form, "year": year}, status=400)
    arrangement = CalendarYear.objects.filter(year=year).first()
    initial = {"year": year}
    if arrangement is not None:
        initial.update(
            title=arrangement.title,
            number=arrangement.number,
            published_on=arrangement.published_on,
            source_url=arrangement.source_url,
            note=arrangement.note,
            days="\n".join(f"{d.date.isoformat()},{d.kind},{d.name}" for d in arrangement.days.all()),
        )
    else:
        initial["title"] = _("国务院办公厅关于%(y)d年部分节假日安排的通知") % {"y": year}
    return render(
        request,
        "workdays/arrangement_form.html",
        {"form": ArrangementForm(initial=initial), "year": year, "arrangement": arrangement},
    )


@staff_required
@require_http_methods(["GET", "POST"])
def import_view(request):
    _require_editor(request.user)
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            started = timezone.now()
            change = services.import_days(rows=form.cleaned_data["rows"], by=request.user)
            return _result(request, change, _("已导入%(n)d个日期") % {"n": len(form.cleaned_data["rows"])}, started)
        return render(request, "workdays/import.html", {"form": form}, status=400)
    return render(request, "workdays/import.html", {"form": ImportForm()})


@staff_required
@require_POST
def recompute_view(request):
    _require_editor(request.user)
    started = timezone.now()
    changed = services.recompute_open_deadlines(by=request.user)
    return _result(request, services.CalendarChange([], changed), _("已重新计算期限"), started)
