"""Every state change of an application: check the state, record the clock event, recompute, audit.

Each action is ``@transaction.atomic`` with keyword-only arguments and ``by=`` the acting user (None for the
applicant or the system). Concurrency: each action claims the application with a compare-and-swap on
``version`` (and ``status``); the loser gets :class:`workflow.Conflict`, and nothing is written.
Personal data of the applicant never goes into audit rows.
"""

import logging
import secrets
from datetime import date

from django.contrib.auth.hashers import check_password, make_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils.translation import gettext as _

from gongkai.audit.services import record
from gongkai.organizations.access import has_role
from gongkai.organizations.models import Role
from gongkai.workdays.clock import Kind

from . import categories, clockwork, fees, letters
from .models import (
    AgencySettings,
    ApplicantRequest,
    Application,
    Attachment,
    Consultation,
    Counter,
    FeeSchedule,
    LetterKind,
    LetterTemplate,
    RequestKind,
    Review,
    applicant_key,
)
from .receipt import ReceiptError, receipt_date  # noqa: F401 (ReceiptError is part of the API)
from .workflow import TERMINAL, Conflict, Status, check

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


# -- simple actions ------------------------------------------------------------------------------


@transaction.atomic
def assign(app, *, assignee, by, version, today):
    if app.status in TERMINAL:
        raise ValidationError(_("申请已办结，不能再指派。"))
    if assignee is not None and not has_role(assignee, app.organization, Role.CLERK, Role.REVIEWER, Role.HEAD):
        raise ValidationError(_("承办人必须是本机关的工作人员。"))
    before = app.assignee_id
    _claim(app, version=version)
    app.assignee = assignee
    app.save(update_fields=["assignee"])
    _recompute(app, today)
    _audit(
        app,
        by=by,
        action="assigned",
        before={"assignee": before},
        after={"assignee": assignee.pk if assignee else None},
        note=_("指派承办人：%(name)s") % {"name": (assignee.get_full_name() or assignee.username) if assignee else "—"},
    )


@transaction.atomic
def withdraw(app, *, reason: str, by, version, today):
    """The applicant withdrew (in writing, registered by staff): 三（六）3 其他."""
    _claim(app, version=version, to=Status.WITHDRAWN)
    app.requests.filter(outcome=ApplicantRequest.Outcome.OPEN).update(outcome=ApplicantRequest.Outcome.CANCELLED)
    _conclude(app, category="other.other", on=today, note=_("申请人撤回申请"))
    app.reasons = reason
    app.save(update_fields=["reasons"])
    _recompute(app, today)
    _audit(
        app, by=by, action="withdrawn", after={"status": app.status}, note=_("申请人撤回申请：%(r)s") % {"r": reason}
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


# -- 补正 (第三十条) -------------------------------------------------------------------------------


@transaction.atomic
def request_correction(app, *, items: str, respond_by: date, by, version, today):
    if app.requests.filter(kind=RequestKind.CORRECTION).exists():
        raise ValidationError(_("第三十条要求一次性告知补正，本申请已告知过补正。"))
    st = clockwork.state_of(app, today=today)
    if st.correction_due and today > st.correction_due:
        raise ValidationError(
            _("补正告知应自收到申请之日起7个工作日内（%(d)s前）发出，已超过期限。") % {"d": st.correction_due}
        )
    if respond_by <= today:
        raise ValidationError(_("补正期限应晚于今天。"))
    _claim(app, version=version, to=Status.CORRECTION)
    req = ApplicantRequest.objects.create(
        application=app, kind=RequestKind.CORRECTION, issued_on=today, respond_by=respond_by, text=items
    )
    clockwork.add_event(app, Kind.CORRECTION_REQUESTED, today, until=respond_by)
    _recompute(app, today)
    letters.issue(
        app, LetterKind.CORRECTION, on=today, values={"补正事项": items, "补正期限": letters.cn_date(respond_by)}
    )
    _audit(
        app,
        by=by,
        action="correction_requested",
        after={"status": app.status, "respond_by": respond_by},
        note=_("告知申请人补正，补正期限至 %(d)s") % {"d": respond_by},
    )
    return req


@transaction.atomic
def submit_correction(app, *, response: str, files=(), online: bool, by, version=None, today):
    """The corrected application arrives (online on the status page, or on paper registered by staff)."""
    req = app.requests.filter(kind=RequestKind.CORRECTION, outcome=ApplicantRequest.Outcome.OPEN).first()
    if req is None:
        raise ValidationError(_("没有待补正的事项。"))
    _claim(app, version=version, to=Status.RECEIVED)
    req.response, req.responded_on, req.responded_online = response, today, online
    req.outcome = ApplicantRequest.Outcome.ANSWERED
    req.save()
    for f in files or []:
        Attachment.objects.create(
            application=app, file=f, name=f.name[:200], size=f.size, content_type=getattr(f, "content_type", "") or ""
        )
    clockwork.add_event(app, Kind.CORRECTION_RECEIVED, today)
    _recompute(app, today)
    _audit(
        app,
        by=by if by is not None else APPLICANT,
        action="correction_received",
        after={"status": app.status, "due_on": app.due_on},
        note=_("收到补正的申请，答复期限重新计算至 %(d)s") % {"d": app.due_on},
    )


@transaction.atomic
def lapse_correction(app, *, today, by=SYSTEM):
    """补正期限届满未补正: 视为放弃申请 → 三（六）1."""
    req = app.requests.filter(kind=RequestKind.CORRECTION, outcome=ApplicantRequest.Outcome.OPEN).first()
    if req is None or req.respond_by >= today:
        raise ValidationError(_("补正期限尚未届满。"))
    _claim(app, version=None, to=Status.CLOSED)
    req.outcome = ApplicantRequest.Outcome.LAPSED
    req.save(update_fields=["outcome"])
    _conclude(app, category="other.no_correction", on=today, close_kind=Kind.CORRECTION_LAPSED)
    _recompute(app, today)
    letters.issue(
        app,
        LetterKind.REPLY_OTHER,
        on=today,
        values={"理由": _("您未在补正期限内补正，视为放弃申请，本机关不再处理该政府信息公开申请。")},
    )
    _audit(
        app, by=by, action="correction_lapsed", after={"status": app.status}, note=_("补正期限届满未补正，视为放弃申请")
    )


# -- 第三十五条 -------------------------------------------------------------------------------------


@transaction.atomic
def request_explanation(app, *, text: str, respond_by: date, by, version, today):
    if respond_by <= today:
        raise ValidationError(_("说明期限应晚于今天。"))
    _claim(app, version=version, to=Status.EXPLANATION)
    ApplicantRequest.objects.create(
        application=app, kind=RequestKind.EXPLANATION, issued_on=today, respond_by=respond_by, text=text
    )
    letters.issue(
        app, LetterKind.EXPLANATION, on=today, values={"说明事项": text, "说明期限": letters.cn_date(respond_by)}
    )
    _audit(
        app,
        by=by,
        action="explanation_requested",
        after={"status": app.status},
        note=_("要求申请人说明理由（第三十五条）"),
    )


@transaction.atomic
def submit_explanation(app, *, response: str, online: bool, by, version=None, today):
    req = app.requests.filter(kind=RequestKind.EXPLANATION, outcome=ApplicantRequest.Outcome.OPEN).first()
    if req is None:
        raise ValidationError(_("没有待说明的事项。"))
    _claim(app, version=version, to=Status.RECEIVED)
    req.response, req.responded_on, req.responded_online = response, today, online
    req.outcome = ApplicantRequest.Outcome.ANSWERED
    req.save()
    _recompute(app, today)
    _audit(app, by=by if by is not None else APPLICANT, action="explanation_received", note=_("收到申请人的说明"))


@transaction.atomic
def set_delay(app, *, until: date, reason: str, by, version, today):
    """第三十五条: reasons accepted but the answer needs more time — a reasonable delay."""
    if app.due_on and until <= app.due_on:
        raise ValidationError(_("延迟答复期限应晚于现有答复期限（%(d)s）。") % {"d": app.due_on})
    _claim(app, version=version)
    clockwork.add_event(app, Kind.DELAY_SET, today, until=until, note=reason)
    _recompute(app, today)
    letters.issue(app, LetterKind.DELAY, on=today, values={"延迟答复期限": letters.cn_date(until), "延迟理由": reason})
    _audit(
        app,
        by=by,
        action="delay_set",
        after={"due_on": app.due_on},
        note=_("确定延迟答复期限至 %(d)s（第三十五条）") % {"d": until},
    )


# -- consultations (第三十二条、第三十四条) ----------------------------------------------------------


@transaction.atomic
def start_consultation(app, *, kind: str, party: str, party_address: str, matter: str, by, version, today):
    from gongkai.workdays import services as workdays

    if app.consultations.filter(kind=kind, outcome=Consultation.Outcome.OPEN).exists():
        raise ValidationError(_("同类征求意见尚未结束。"))
    _claim(app, version=version, to=Status.CONSULTING)
    cal = workdays.get_calendar()
    due = cal.add_working_days(today, workdays.period("consultation"))
    c = Consultation.objects.create(
        application=app, kind=kind, party=party, party_address=party_address, matter=matter, sent_on=today, due_on=due
    )
    sent = Kind.THIRD_PARTY_SENT if kind == Consultation.Kind.THIRD_PARTY else Kind.COPRODUCER_SENT
    clockwork.add_event(app, sent, today, until=due, note=party)
    _recompute(app, today)
    letter_kind = LetterKind.THIRD_PARTY if kind == Consultation.Kind.THIRD_PARTY else LetterKind.COPRODUCER
    letters.issue(
        app,
        letter_kind,
        on=today,
        values={"被征求意见方": party, "征求意见事项": matter, "意见期限": letters.cn_date(due)},
        to_applicant=False,
    )
    _audit(
        app,
        by=by,
        action="consultation_started",
        after={"status": app.status},
        note=_("%(k)s：%(p)s，意见期限 %(d)s") % {"k": c.get_kind_display(), "p": party, "d": due},
    )
    return c


def _close_consultation(app, c, *, outcome, opinion, on, by, version, today, lapsed=False):
    third = c.kind == Consultation.Kind.THIRD_PARTY
    others_open = app.consultations.filter(outcome=Consultation.Outcome.OPEN).exclude(pk=c.pk).exists()
    _claim(app, version=version, to=Status.CONSULTING if others_open else Status.RECEIVED)
    c.outcome, c.opinion, c.answered_on = outcome, opinion, on
    c.save()
    if lapsed:
        kind = Kind.THIRD_PARTY_LAPSED if third else Kind.COPRODUCER_LAPSED
    else:
        kind = Kind.THIRD_PARTY_ANSWERED if third else Kind.COPRODUCER_ANSWERED
    clockwork.add_event(app, kind, on)
    _recompute(app, today)
    _audit(
        app,
        by=by,
        action="consultation_closed",
        after={"status": app.status, "due_on": app.due_on},
        note=_("%(p)s：%(o)s") % {"p": c.party, "o": c.get_outcome_display()},
    )


@transaction.atomic
def record_consultation_answer(consultation, *, outcome: str, opinion: str, answered_on: date, by, version, today):
    app = consultation.application
    if consultation.outcome != Consultation.Outcome.OPEN:
        raise ValidationError(_("该征求意见已结束。"))
    if answered_on > today or answered_on < consultation.sent_on:
        raise ValidationError(_("收到意见的日期应在发出日期和今天之间。"))
    _close_consultation(
        app, consultation, outcome=outcome, opinion=opinion, on=answered_on, by=by, version=version, today=today
    )


@transaction.atomic
def lapse_consultation(consultation, *, today, by=SYSTEM):
    app = consultation.application
    if consultation.outcome != Consultation.Outcome.OPEN or consultation.due_on >= today:
        raise ValidationError(_("意见期限尚未届满。"))
    # 第三十四条: co-producer silence = 视为同意公开; 第三十二条: third-party silence = the agency decides.
    _close_consultation(
        app,
        consultation,
        outcome=Consultation.Outcome.LAPSED,
        opinion="",
        on=consultation.due_on,
        by=by,
        version=None,
        today=today,
        lapsed=True,
    )


# -- extension (第三十三条第二款) ------------------------------------------------------------------


@transaction.atomic
def request_extension(app, *, days: int, reason: str, by, version, today):
    from gongkai.workdays import services as workdays

    limit = workdays.period("extension")
    if app.extended_days:
        raise ValidationError(_("答复期限只能延长一次，本申请已经延长。"))
    if not 1 <= days <= limit:
        raise ValidationError(_("延长的期限最长不得超过%(n)d个工作日。") % {"n": limit})
    if app.due_on and today > app.due_on:
        raise ValidationError(_("答复期限已过，不能再延长。"))
    _claim(app, version=version)
    app.extension_requested_days, app.extension_reason, app.extension_requested_by = days, reason, by
    app.save(update_fields=["extension_requested_days", "extension_reason", "extension_requested_by"])
    _recompute(app, today)
    _audit(
        app,
        by=by,
        action="extension_requested",
        after={"days": days},
        note=_("申请延长答复期限%(n)d个工作日，待负责人批准") % {"n": days},
    )


@transaction.atomic
def decide_extension(app, *, approve: bool, comments: str = "", by, version, today):
    """The 工作机构负责人 approves (the applicant is notified by the 延期答复告知书) or refuses."""
    _need_role(by, app.organization, Role.HEAD)
    if not app.extension_requested_days:
        raise ValidationError(_("没有待批准的延期申请。"))
    days = app.extension_requested_days
    _claim(app, version=version)
    app.extension_requested_days = 0
    app.save(update_fields=["extension_requested_days"])
    if not approve:
        _audit(app, by=by, action="extension_refused", note=_("负责人未同意延期：%(c)s") % {"c": comments})
        return
    old_due = app.due_on
    clockwork.add_event(app, Kind.EXTENDED, today, days=days, note=app.extension_reason)
    st = _recompute(app, today)
    letters.issue(
        app,
        LetterKind.EXTENSION,
        on=today,
        values={
            "延长天数": str(days),
            "延期理由": app.extension_reason,
            "原答复期限": letters.cn_date(old_due),
            "延长后答复期限": letters.cn_date(st.due_date) or _("恢复计时后另行计算"),
        },
    )
    _audit(
        app,
        by=by,
        action="extension_approved",
        before={"due_on": old_due},
        after={"due_on": app.due_on},
        note=_("负责人同意延长答复期限%(n)d个工作日，已告知申请人") % {"n": days},
    )


# -- 信息处理费 (第四十二条; 国办函〔2020〕109号) ----------------------------------------------------


def fee_schedule(on: date):
    row = FeeSchedule.objects.filter(effective_from__lte=on).first()
    if row is None:
        return fees.DEFAULT_PER_ITEM, fees.DEFAULT_PER_PAGE_TIERS
    return row.per_item or fees.DEFAULT_PER_ITEM, row.per_page or fees.DEFAULT_PER_PAGE_TIERS


def monthly_count(app: Application) -> int:
    """This application's ordinal among the applicant's applications to this agency in its calendar month."""
    month_start = app.received_on.replace(day=1)
    return (
        Application.objects.filter(
            organization=app.organization,
            applicant_key=app.applicant_key,
            received_on__gte=month_start,
            received_on__lte=app.received_on,
        )
        .filter(Q(received_on__lt=app.received_on) | Q(pk__lte=app.pk))
        .count()
    )


def fee_quote(app: Application, *, method: str, pages: int | None) -> fees.FeeResult:
    per_item, per_page = fee_schedule(app.received_on)
    quantity = monthly_count(app) if method == fees.PER_ITEM else (pages or 0)
    if quantity < 1:
        raise ValidationError(_("按量计收须填写页数。"))
    return fees.calculate(method, quantity, per_item_rule=per_item, per_page_tiers=per_page)


@transaction.atomic
def issue_fee_notice(app, *, method: str, pages: int | None, by, version, today):
    from gongkai.workdays import services as workdays

    if app.requests.filter(kind=RequestKind.FEE).exists():
        raise ValidationError(_("本申请已发出过收费通知。"))
    quote = fee_quote(app, method=method, pages=pages)
    if quote.amount <= 0:
        raise ValidationError(_("按109号标准本申请不收费（%(e)s）。") % {"e": quote.explanation})
    settings_ = AgencySettings.for_org(app.organization)
    pay_by = workdays.get_calendar().add_working_days(today, settings_.payment_days)
    _claim(app, version=version, to=Status.FEE_PENDING)
    req = ApplicantRequest.objects.create(
        application=app,
        kind=RequestKind.FEE,
        issued_on=today,
        respond_by=pay_by,
        text=quote.explanation,
        fee_method=method,
        fee_quantity=quote.quantity,
        fee_amount=quote.amount,
        fee_explanation=quote.explanation,
    )
    clockwork.add_event(app, Kind.FEE_NOTICE_ISSUED, today, until=pay_by)
    _recompute(app, today)
    letters.issue(
        app,
        LetterKind.FEE,
        on=today,
        values={
            "计费方式": _("按件计收") if method == fees.PER_ITEM else _("按量计收"),
            "计费说明": quote.explanation,
            "收费金额": str(quote.amount),
            "缴费期限": letters.cn_date(pay_by),
        },
    )
    _audit(
        app,
        by=by,
        action="fee_notice_issued",
        after={"amount": quote.amount, "pay_by": pay_by},
        note=_("发出收费通知：%(a)d元，缴费期限 %(d)s") % {"a": quote.amount, "d": pay_by},
    )
    return req


@transaction.atomic
def record_fee_paid(app, *, by, version, today, reference: str = ""):
    req = app.requests.filter(kind=RequestKind.FEE, outcome=ApplicantRequest.Outcome.OPEN).first()
    if req is None:
        raise ValidationError(_("没有待缴的收费通知。"))
    _claim(app, version=version, to=Status.RECEIVED)
    req.outcome, req.responded_on = ApplicantRequest.Outcome.PAID, today
    if reference:
        req.response = reference
    req.save()
    clockwork.add_event(app, Kind.FEE_PAID, today)
    _recompute(app, today)
    _audit(
        app,
        by=by,
        action="fee_paid",
        after={"status": app.status, "due_on": app.due_on},
        note=_("确认申请人已缴纳信息处理费"),
    )


@transaction.atomic
def applicant_fee_note(app, *, reference: str, today):
    """The applicant reports payment online (staff still confirm it)."""
    req = app.requests.filter(kind=RequestKind.FEE, outcome=ApplicantRequest.Outcome.OPEN).first()
    if req is None:
        raise ValidationError(_("没有待缴的收费通知。"))
    req.response, req.responded_on, req.responded_online = reference, today, True
    req.save()
    _audit(app, by=APPLICANT, action="fee_reported", note=_("申请人在线报告已缴费，待工作人员确认"))


@transaction.atomic
def lapse_fee(app, *, today, by=SYSTEM):
    req = app.requests.filter(kind=RequestKind.FEE, outcome=ApplicantRequest.Outcome.OPEN).first()
    if req is None or req.respond_by >= today:
        raise ValidationError(_("缴费期限尚未届满。"))
    _claim(app, version=None, to=Status.CLOSED)
    req.outcome = ApplicantRequest.Outcome.LAPSED
    req.save(update_fields=["outcome"])
    _conclude(app, category="other.unpaid_fee", on=today, close_kind=Kind.FEE_LAPSED)
    _recompute(app, today)
    letters.issue(
        app,
        LetterKind.REPLY_OTHER,
        on=today,
        values={"理由": _("您未在缴费期限内按收费通知要求缴纳费用，本机关不再处理该政府信息公开申请。")},
    )
    _audit(app, by=by, action="fee_lapsed", after={"status": app.status}, note=_("逾期未缴费，不再处理"))


# -- decision and review (第三十六–三十九条; 第四十五条 审核) -------------------------------------------


def validate_decision(*, category: str, partial_withheld_category: str, reasons: str, access_instructions: str) -> dict:
    errors = {}
    if category not in {c.id for c in categories.DECIDABLE}:
        errors["category"] = _("请选择一个办理结果。")
        return errors
    cat = categories.get(category)
    if cat.family == "partial" and partial_withheld_category not in {
        c.id for c in categories.CATEGORIES if c.family == "withheld"
    }:
        errors["partial_withheld_category"] = _("部分公开须选择不予公开部分的理由类别（第三十七条）。")
    if cat.reasons_required and not reasons.strip():
        errors["reasons"] = _("此办理结果须说明理由（第三十六条第（三）项、第三十七条）。")
    if cat.access_required and not access_instructions.strip():
        errors["access_instructions"] = _("须写明获取信息的方式、途径和时间（第三十六条、第四十条）。")
    return errors


@transaction.atomic
def draft_decision(
    app,
    *,
    category: str,
    legal_basis: str = "",
    reasons: str = "",
    access_instructions: str = "",
    responsible_agency: str = "",
    partial_withheld_category: str = "",
    by,
    version,
    today,
):
    errors = validate_decision(
        category=category,
        partial_withheld_category=partial_withheld_category,
        reasons=reasons,
        access_instructions=access_instructions,
    )
    if errors:
        raise ValidationError(errors)
    if app.consultations.filter(outcome=Consultation.Outcome.OPEN).exists():
        raise ValidationError(_("征求意见尚未结束，不能作出答复。"))
    cat = categories.get(category)
    _claim(app, version=version, to=Status.REVIEW)
    if app.requests.filter(kind=RequestKind.EXPLANATION, outcome=ApplicantRequest.Outcome.OPEN).exists():
        app.requests.filter(kind=RequestKind.EXPLANATION, outcome=ApplicantRequest.Outcome.OPEN).update(
            outcome=ApplicantRequest.Outcome.LAPSED
        )
    app.decision_category = category
    app.partial_withheld_category = partial_withheld_category if cat.family == "partial" else ""
    app.legal_basis = legal_basis.strip() or cat.basis
    app.reasons, app.access_instructions, app.responsible_agency = reasons, access_instructions, responsible_agency
    app.review_stage = "reviewer"
    app.decided_by = by
    app.save(
        update_fields=[
            "decision_category",
            "partial_withheld_category",
            "legal_basis",
            "reasons",
            "access_instructions",
            "responsible_agency",
            "review_stage",
            "decided_by",
        ]
    )
    _audit(
        app,
        by=by,
        action="decision_drafted",
        after={"category": category},
        note=_("拟定答复：%(c)s，提交审核") % {"c": cat.label},
    )


@transaction.atomic
def review_decision(app, *, approve: bool, comments: str, by, version, today):
    """审核人 (then 负责人 where configured) approves — the answer is sent — or returns it with comments."""
    stage = app.review_stage or "reviewer"
    needed = (Role.REVIEWER, Role.HEAD) if stage == "reviewer" else (Role.HEAD,)
    _need_role(by, app.organization, *needed)
    if by is not None and by.pk == app.decided_by_id and not by.is_superuser:
        raise PermissionDenied(_("拟稿人不能审核自己拟定的答复。"))
    if not approve and not comments.strip():
        raise ValidationError({"comments": _("退回时须写明审核意见。")})
    Review.objects.create(
        application=app, stage=stage, approved=approve, comments=comments, by=by, category=app.decision_category
    )
    if not approve:
        _claim(app, version=version, to=Status.RECEIVED)
        app.decision_category, app.review_stage = "", ""
        app.save(update_fields=["decision_category", "review_stage"])
        _audit(app, by=by, action="decision_returned", note=_("审核退回：%(c)s") % {"c": comments})
        return
    head_needed = AgencySettings.for_org(app.organization).head_review_required
    if stage == "reviewer" and head_needed and not has_role(by, app.organization, Role.HEAD):
        _claim(app, version=version, to=Status.REVIEW)
        app.review_stage = "head"
        app.save(update_fields=["review_stage"])
        _audit(app, by=by, action="decision_reviewed", note=_("审核人同意，提交负责人审核"))
        return
    _send_decision(app, by=by, version=version, today=today)


def _send_decision(app, *, by, version, today):
    from .models import REPLY_KIND_BY_FAMILY

    _claim(app, version=version, to=Status.ANSWERED)
    app.review_stage = ""
    app.save(update_fields=["review_stage"])
    _conclude(app, category=app.decision_category, on=today, note=str(app.category.label))
    _recompute(app, today)
    letter = letters.issue(app, REPLY_KIND_BY_FAMILY[app.category.family], on=today)
    _audit(
        app,
        by=by,
        action="answered",
        after={"status": app.status, "category": app.decision_category, "letter": letter.number},
        note=_("审核通过，答复书已送达申请人：%(c)s（%(n)s）") % {"c": app.category.label, "n": letter.number},
    )
    return letter


@transaction.atomic
def update_settings(settings_obj, *, data: dict, by):
    _need_role(by, settings_obj.organization, Role.HEAD)
    fields = list(data)
    before = {f: getattr(settings_obj, f) for f in fields}
    for f, v in data.items():
        setattr(settings_obj, f, v)
    settings_obj.save()
    record(
        actor=by,
        obj=settings_obj,
        action="applications.settings_saved",
        before=before,
        after=data,
        organization=settings_obj.organization,
        note=_("修改依申请公开设置"),
    )


# -- letter templates ----------------------------------------------------------------------------


@transaction.atomic
def save_letter_template(*, organization, kind: str, title: str, body: str, by):
    problems = letters.template_problems(kind, body)
    if problems:
        raise ValidationError({"body": problems})
    tpl = LetterTemplate.objects.filter(organization=organization, kind=kind).first()
    default = letters.template_for(None, kind)
    before = {"title": tpl.title, "body": tpl.body} if tpl else None
    if tpl is None:
        tpl = LetterTemplate(organization=organization, kind=kind, source=default.source)
    tpl.title, tpl.body, tpl.updated_by = title, body, by
    tpl.save()
    record(
        actor=by,
        obj=tpl,
        action="applications.letter_template_saved",
        before=before,
        after={"title": title, "body": body},
        organization=organization,
        note=_("修改文书模板：%(k)s") % {"k": tpl.get_kind_display()},
    )
    return tpl
