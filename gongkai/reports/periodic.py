"""Reminders before the annual-report deadline (条例 第四十九条; the dates are ReportDeadline rows).

Each reminder is claimed by inserting its unique ReportReminder row, so a restarted worker never sends twice.
"""

import logging

from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from gongkai.audit.services import record
from gongkai.organizations.models import Membership, Organization, Role

from . import schedule
from .models import ReportReminder, ReportVersion, Status

log = logging.getLogger("gongkai.reports")


def _recipients(org) -> list[str]:
    members = Membership.objects.filter(organization=org, role__in=[Role.CLERK, Role.HEAD]).select_related("user")
    return sorted({m.user.email for m in members if m.user.email and m.user.is_active})


def _send(subject, body, to):
    try:
        send_mail(subject, body, None, to)
    except Exception:  # a mail server outage must not stop the worker; the audit row is kept
        log.exception("report reminder mail failed")


def _claim(org, year, days, due) -> bool:
    try:
        with transaction.atomic():
            ReportReminder.objects.create(organization=org, year=year, days_before=days, due_on=due)
    except IntegrityError:
        return False
    return True


def tick(now) -> int:
    today = timezone.localdate(now)
    year = today.year - 1
    rules = schedule.all_rules()
    published = set(
        ReportVersion.objects.filter(report__year=year, status=Status.PUBLISHED).values_list(
            "report__organization_id", flat=True
        )
    )
    sent = 0
    for org in Organization.objects.filter(is_active=True).exclude(pk__in=published):
        rule = schedule.rule_for(org, rules=rules)
        due = rule.due_for(year)
        left = (due - today).days
        due_windows = [d for d in rule.reminder_days() if 0 <= left <= d]
        if not due_windows:
            continue
        nearest = min(due_windows)
        # Claim the nearest window; wider windows that were missed are claimed silently.
        fresh = _claim(org, year, nearest, due)
        for d in due_windows:
            if d != nearest:
                _claim(org, year, d, due)
        if not fresh:
            continue
        with transaction.atomic():
            record(
                actor=None,
                obj=org,
                action="report.deadline_reminder",
                after={"year": year, "due": due, "days_left": left},
            )
            to = _recipients(org)
            if to:
                subject = f"【年报提醒】{org.name}{year}年度政府信息公开工作年度报告须于{due:%Y年%m月%d日}前发布"
                body = (
                    f"{org.name}：\n\n依照《中华人民共和国政府信息公开条例》第四十九条，"
                    f"{year}年度政府信息公开工作年度报告须于{due:%Y年%m月%d日}前向社会公布，"
                    f"距期限还有{left}天。请登录政务公开工作台完成编制、审核和发布。\n"
                )
                transaction.on_commit(lambda s=subject, b=body, t=to: _send(s, b, t))
        sent += 1
    return sent
