"""Background jobs (``manage.py run_worker``): 督办 deadline reminders and 答复/答辩 reminders of cases.

Each reminder is claimed with a compare-and-swap on ``reminded_for_due`` so a restart never sends twice.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.audit.services import record

from . import services
from .models import Case, Urging, UrgingStatus

REMIND_DAYS_BEFORE = 2  # calendar days before the due date


def _remind_case(case, today) -> bool:
    with transaction.atomic():
        claimed = (
            Case.objects.filter(pk=case.pk, replied_on__isnull=True)
            .exclude(reminded_for_due=case.reply_due)
            .update(reminded_for_due=case.reply_due)
        )
        if not claimed:
            return False
        record(actor=None, obj=case, action="case.reminded", after={"reply_due": case.reply_due})
        what = _("书面答复") if case.kind == "reconsideration" else _("答辩状")
        services._mail(
            _("【期限提醒】%(c)s") % {"c": case},
            _("%(c)s 的%(w)s应于%(d)s前提交（%(a)s）。")
            % {"c": case, "w": what, "d": f"{case.reply_due:%Y年%m月%d日}", "a": case.authority},
            services.staff_emails(case.organization),
        )
    return True


def tick(now) -> int:
    today = timezone.localdate(now)
    horizon = today + timedelta(days=REMIND_DAYS_BEFORE)
    done = 0
    urgings = Urging.objects.filter(status=UrgingStatus.ISSUED, due_on__lte=horizon).select_related("organization")
    for urging in urgings:
        if urging.reminded_for_due != urging.due_on and services.remind_urging(urging, today=today):
            done += 1
    cases = Case.objects.filter(replied_on__isnull=True, reply_due__isnull=False, reply_due__lte=horizon)
    for case in cases.select_related("organization"):
        if case.reminded_for_due != case.reply_due and _remind_case(case, today):
            done += 1
    return done
