"""Background jobs (``manage.py run_worker`` calls ``tick(now)`` every loop).

* lapses: 补正期限 and 缴费期限 that passed without an answer end the case (三（六）1/2); consultation windows
  that ended without an opinion resume the clock (第三十二条、第三十四条);
* reminders: due within 3 working days, and overdue — to the assignee (or the agency's clerks) and to the
  supervisors of every ancestor organization, once per deadline. The claim is a compare-and-swap on
  ``reminded_soon_for`` / ``reminded_overdue_for`` = ``due_on``, so a restart never sends twice, and a new
  deadline (after an extension) is reminded again.
"""

import logging

from django.core.exceptions import ValidationError
from django.core.mail import send_mass_mail
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.audit.services import record
from gongkai.organizations.models import Membership, Role

from . import services
from .models import ApplicantRequest, Application, Consultation, RequestKind
from .workflow import Conflict

log = logging.getLogger("gongkai.applications")
SOON_WORKING_DAYS = 3


def recipients(app: Application) -> list:
    users = []
    if app.assignee_id:
        users.append(app.assignee)
    else:
        users += [
            m.user
            for m in Membership.objects.filter(organization=app.organization, role=Role.CLERK).select_related("user")
        ]
    ancestor_ids = [int(p) for p in app.organization.path.strip("/").split("/") if p]
    users += [
        m.user
        for m in Membership.objects.filter(organization_id__in=ancestor_ids, role=Role.SUPERVISOR).select_related(
            "user"
        )
    ]
    seen, out = set(), []
    for u in users:
        if u.pk not in seen:
            seen.add(u.pk)
            out.append(u)
    return out


def _remind(app: Application, *, overdue: bool, today) -> None:
    users = recipients(app)
    if overdue:
        subject = _("【已超期】政府信息公开申请 %(no)s 答复期限为 %(d)s") % {"no": app.number, "d": app.due_on}
    else:
        subject = _("【即将到期】政府信息公开申请 %(no)s 答复期限为 %(d)s") % {"no": app.number, "d": app.due_on}
    body = _("%(org)s 的政府信息公开申请 %(no)s，答复期限 %(d)s。请登录政务公开工作台办理。") % {
        "org": app.organization.name,
        "no": app.number,
        "d": app.due_on,
    }
    try:
        send_mass_mail([(subject, body, None, [u.email]) for u in users if u.email])
    except OSError:
        log.exception("reminder mail for %s failed", app.number)
    record(
        actor=None,
        obj=app,
        action="applications.reminder_overdue" if overdue else "applications.reminder_soon",
        after={"due_on": app.due_on, "recipients": [u.pk for u in users]},
        note=subject,
    )


def send_reminders(today, calendar=None) -> int:
    from gongkai.workdays import services as workdays

    calendar = calendar or workdays.get_calendar()
    soon_limit = calendar.add_working_days(today, SOON_WORKING_DAYS)
    done = 0
    base = Application.objects.open().filter(due_on__isnull=False).select_related("organization", "assignee")
    for overdue, qs, field in (
        (False, base.filter(due_on__gte=today, due_on__lte=soon_limit), "reminded_soon_for"),
        (True, base.filter(due_on__lt=today), "reminded_overdue_for"),
    ):
        for app in qs.exclude(**{field: F("due_on")}):
            claimed = (
                Application.objects.filter(pk=app.pk, due_on=app.due_on)
                .exclude(**{field: app.due_on})
                .update(**{field: app.due_on})
            )
            if claimed:
                _remind(app, overdue=overdue, today=today)
                done += 1
    return done


def run_lapses(today) -> int:
    done = 0
    open_requests = ApplicantRequest.objects.filter(
        outcome=ApplicantRequest.Outcome.OPEN, respond_by__lt=today, kind__in=[RequestKind.CORRECTION, RequestKind.FEE]
    ).select_related("application")
    for req in open_requests:
        fn = services.lapse_correction if req.kind == RequestKind.CORRECTION else services.lapse_fee
        try:
            fn(Application.objects.get(pk=req.application_id), today=today)
            done += 1
        except (ValidationError, Conflict) as exc:
            log.info("lapse of %s skipped: %s", req.application_id, exc)
    for c in Consultation.objects.filter(outcome=Consultation.Outcome.OPEN, due_on__lt=today):
        try:
            services.lapse_consultation(Consultation.objects.get(pk=c.pk), today=today)
            done += 1
        except (ValidationError, Conflict) as exc:
            log.info("consultation lapse %s skipped: %s", c.pk, exc)
    return done


def tick(now) -> int:
    today = timezone.localdate(now)
    return run_lapses(today) + send_reminders(today)
