"""Shared helpers of the application services: the compare-and-swap claim, audit rows, numbering, 查询码."""

import logging
import secrets
from datetime import date

from django.contrib.auth.hashers import check_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F
from django.utils.translation import gettext as _

from gongkai.audit.services import record
from gongkai.organizations.access import has_role
from gongkai.organizations.models import Role
from gongkai.workdays.clock import Kind

from .. import clockwork, letters
from ..models import ApplicantRequest, Application, Counter, LetterKind
from ..workflow import Conflict, Status, check

log = logging.getLogger("gongkai.applications")
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
APPLICANT = "申请人"
SYSTEM = None


# -- helpers -------------------------------------------------------------------------------------


def _claim(app: Application, *, version: int | None, to: str | None = None) -> None:
    """Compare-and-swap: bump ``version`` (and set ``status``) only if nobody changed the row meanwhile."""
    expected = app.version if version is None else version
    new_status = to or app.status
    if to is not None:
        check(app.status, to)
    done = Application.objects.filter(pk=app.pk, version=expected, status=app.status).update(
        version=F("version") + 1, status=new_status
    )
    if done != 1:
        raise Conflict(_("该申请刚刚已被其他人处理（或页面已过期），本次操作未保存。请刷新页面查看最新情况后再操作。"))
    app.version = expected + 1
    app.status = new_status


def _audit(app, *, by, action: str, note: str, before: dict | None = None, after: dict | None = None):
    record(actor=by, obj=app, action=f"applications.{action}", before=before, after=after, note=note)


def _recompute(app, today):
    return clockwork.recompute(app, today=today)


def _need_role(user, org, *roles):
    if user is not None and not has_role(user, org, *roles, Role.ADMIN):
        raise PermissionDenied


def _next_number(org, year: int) -> str:
    counter, _created = Counter.objects.get_or_create(organization=org, year=year, kind="application")
    Counter.objects.filter(pk=counter.pk).update(last=F("last") + 1)
    counter.refresh_from_db()
    return f"{org.code}-{year}-{counter.last:04d}"


def new_access_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))


def code_matches(app: Application, code: str) -> bool:
    return check_password("".join(code.split()).upper(), app.access_code_hash)


def _conclude(app, *, category: str, on: date, close_kind=Kind.CLOSED, note=""):
    app.decision_category = category
    app.concluded_on = on
    app.save(update_fields=["decision_category", "concluded_on"])
    if close_kind is not None:
        clockwork.add_event(app, close_kind, on, note=note)


def _close_on_lapse(
    app, *, kind: str, today, by, not_yet: str, category: str, close_kind, reason: str, action: str, note: str
) -> None:
    """The applicant let an open request (补正, 缴费) lapse: the request lapses, the case closes under ``category``
    (三（六）), and the agency issues the 告知书 giving ``reason``. ``not_yet`` is the refusal while time remains."""
    req = app.requests.filter(kind=kind, outcome=ApplicantRequest.Outcome.OPEN).first()
    if req is None or req.respond_by >= today:
        raise ValidationError(not_yet)
    _claim(app, version=None, to=Status.CLOSED)
    req.outcome = ApplicantRequest.Outcome.LAPSED
    req.save(update_fields=["outcome"])
    _conclude(app, category=category, on=today, close_kind=close_kind)
    _recompute(app, today)
    letters.issue(app, LetterKind.REPLY_OTHER, on=today, values={"理由": reason})
    _audit(app, by=by, action=action, after={"status": app.status}, note=note)
