"""Registration: online filing, staff registration (第三十一条 receipt day) and 一事一申请 splitting."""

from datetime import date

from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from gongkai.organizations.models import Role
from gongkai.workdays.clock import Kind

from .. import clockwork, letters
from ..models import (
    Application,
    Attachment,
    LetterKind,
    applicant_key,
)
from ..receipt import receipt_date
from ..workflow import Status
from .base import APPLICANT, _audit, _claim, _need_role, _next_number, _recompute, log, new_access_code

# -- registration --------------------------------------------------------------------------------

APPLICATION_FIELDS = [
    "applicant_type",
    "applicant_name",
    "contact_person",
    "id_type",
    "id_number",
    "phone",
    "email",
    "address",
    "postal_code",
    "description",
    "purpose",
    "preferred_form",
    "delivery",
]


def _create(*, organization, data: dict, files, channel, submitted_on, received_on, rule, by, today, token=None):
    code = new_access_code()
    app = Application(
        organization=organization,
        number=_next_number(organization, received_on.year),
        access_code_hash=make_password(code),
        submission_token=token,
        channel=channel,
        submitted_on=submitted_on,
        received_on=received_on,
        receipt_rule=rule,
        registered_by=by,
        applicant_key=applicant_key(data["id_type"], data["id_number"]),
        **{k: data.get(k, "") for k in APPLICATION_FIELDS},
    )
    app.save()
    for f in files or []:
        Attachment.objects.create(
            application=app, file=f, name=f.name[:200], size=f.size, content_type=getattr(f, "content_type", "") or ""
        )
    clockwork.add_event(app, Kind.RECEIVED, received_on, note=app.get_channel_display())
    st = _recompute(app, today)
    letters.issue(app, LetterKind.RECEIPT, on=today, values={"答复期限": letters.cn_date(st.due_date)})
    _audit(
        app,
        by=by if by is not None else APPLICANT,
        action="registered",
        after={"status": app.status, "channel": channel, "received_on": received_on, "due_on": app.due_on},
        note=_("登记申请（%(channel)s），收到申请之日 %(d)s")
        % {"channel": app.get_channel_display(), "d": received_on},
    )
    if app.email:
        number, email, org_name = app.number, app.email, organization.name
        transaction.on_commit(lambda: _send_code(number, code, email, org_name))
    return app, code


def _send_code(number, code, email, org_name):
    try:
        _send_code_mail(number, code, email, org_name)
    except OSError:
        log.exception("could not e-mail the access code of %s", number)


def _send_code_mail(number, code, email, org_name):
    send_mail(
        _("政府信息公开申请已登记（%(no)s）") % {"no": number},
        _(
            "您好：\n\n%(org)s已登记您的政府信息公开申请。\n申请编号：%(no)s\n查询码：%(code)s\n\n"
            "请妥善保管查询码，凭申请编号和查询码可在网站上查询办理进度、答复补正或收费通知、下载文书。"
        )
        % {"org": org_name, "no": number, "code": code},
        None,
        [email],
    )


@transaction.atomic
def submit_online(*, organization, data: dict, files, token: str, today: date):
    """A member of the public files online. Returns (application, access code or None if a duplicate)."""
    existing = Application.objects.filter(submission_token=token).first()
    if existing is not None:
        return existing, None
    try:
        with transaction.atomic():
            return _create(
                organization=organization,
                data=data,
                files=files,
                channel="online",
                submitted_on=today,
                received_on=today,
                rule=receipt_date("online", submitted_on=today, today=today)[1],
                by=None,
                today=today,
                token=token,
            )
    except IntegrityError:
        existing = Application.objects.filter(submission_token=token).first()
        if existing is None:
            raise
        return existing, None


@transaction.atomic
def register(
    *, organization, data: dict, files, channel: str, submitted_on, signed_on=None, confirmed_on=None, by, today
):
    """Staff register an application that came by letter, in person, by fax or orally (代为填写)."""
    _need_role(by, organization, Role.CLERK, Role.REVIEWER, Role.HEAD)
    received_on, rule = receipt_date(
        channel, submitted_on=submitted_on, today=today, signed_on=signed_on, confirmed_on=confirmed_on
    )
    return _create(
        organization=organization,
        data=data,
        files=files,
        channel=channel,
        submitted_on=submitted_on,
        received_on=received_on,
        rule=rule,
        by=by,
        today=today,
    )


@transaction.atomic
def split(app, *, items: list[str], by, version, today) -> list[Application]:
    """一事一申请 (国办函〔2020〕109号 第四条): split a multi-item application into one application per item.

    Every part keeps the 收到申请之日, the channel and the same 查询码, so the applicant follows all of them.
    Only before any procedural step (补正, consultation, fee, decision).
    """
    items = [i.strip() for i in items if i.strip()]
    if len(items) < 2:
        raise ValidationError({"items": _("拆分至少需要两项内容，每行一项。")})
    if app.status != Status.RECEIVED or app.requests.exists() or app.consultations.exists():
        raise ValidationError(_("只有尚未告知补正、征求意见或收费的申请才能拆分。"))
    _claim(app, version=version)
    app.description = items[0]
    app.save(update_fields=["description"])
    parts = []
    for text in items[1:]:
        part = Application.objects.get(pk=app.pk)
        part.pk = None
        part.number = _next_number(app.organization, app.received_on.year)
        part.submission_token = None
        part.version = 0
        part.description = text
        part.registered_by = by
        part.reminded_soon_for = part.reminded_overdue_for = None
        part.save()
        clockwork.add_event(part, Kind.RECEIVED, part.received_on, note=part.get_channel_display())
        _recompute(part, today)
        _audit(
            part,
            by=by,
            action="split_created",
            after={"from": app.number},
            note=_("由申请 %(no)s 拆分而来（一事一申请）") % {"no": app.number},
        )
        parts.append(part)
    _audit(
        app,
        by=by,
        action="split",
        after={"parts": [p.number for p in parts]},
        note=_("按一事一申请拆分为%(n)d件：%(nos)s")
        % {"n": len(items), "nos": "、".join([app.number] + [p.number for p in parts])},
    )
    return parts
