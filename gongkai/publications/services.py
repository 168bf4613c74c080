"""Every state change of 主动公开: one function each, atomic, audited."""

import hashlib
from datetime import date, datetime

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.audit.services import record, snapshot
from gongkai.organizations.access import roles_in
from gongkai.organizations.models import Role
from gongkai.portal.cache import bump as bump_portal
from gongkai.workdays import services as workdays
from gongkai.workdays.clock import simple_deadline

from . import content, search, workflow
from .models import (
    Attachment,
    CatalogueNode,
    Disclosure,
    IndexSequence,
    Publication,
    PublicationEvent,
    PublishingSettings,
    Status,
    Validity,
    YearlyFigures,
)

# 第十七条 保密审查 (and the 预审 the seed report describes): every item must be confirmed.
CHECKLIST = [
    ("no_state_secret", _("不涉及国家秘密，已履行保密审查程序（第十七条）")),
    ("no_prohibited", _("不属于法律、行政法规禁止公开的信息（第十四条）")),
    ("no_security_risk", _("公开后不会危及国家安全、公共安全、经济安全、社会稳定（第十四条）")),
    ("no_third_party", _("不涉及商业秘密、个人隐私等第三方合法权益，或已取得同意（第十五条）")),
    ("accurate", _("内容准确，与已公开的政府信息一致，文字、格式、附件已核对")),
]
CHECKLIST_KEYS = [k for k, _label in CHECKLIST]

EDITABLE_FIELDS = [
    "title",
    "issuing_authority",
    "document_number",
    "written_on",
    "formed_on",
    "topic",
    "genre",
    "node",
    "summary",
    "body",
    "legal_kind",
    "effective_on",
    "disclosure",
    "disclosure_ground",
    "interprets",
    "interpretation_kind",
    "video_url",
]


class WorkflowError(Exception):
    """A transition that is not allowed now; the message is Chinese and shown to the user."""


def _require_roles(org, by, roles) -> None:
    if by is None or roles is None:
        return
    if not (roles_in(by, org) & set(roles)):
        raise PermissionDenied


def _move(publication, action, *, by, to=None, comments="", role="", on=None, **updates):
    """Compare-and-swap transition along workflow.TRANSITIONS; appends one PublicationEvent."""
    sources, default_to, roles = workflow.TRANSITIONS[action]
    if publication.status not in sources:
        raise WorkflowError(
            _("当前状态为“%(status)s”，不能执行“%(action)s”。")
            % {"status": publication.get_status_display(), "action": workflow.ACTION_LABELS[action]}
        )
    _require_roles(publication.organization, by, roles)
    to = to or default_to
    old = publication.status
    updated = Publication.objects.filter(pk=publication.pk, status=old).update(
        status=to, updated_at=timezone.now(), **updates
    )
    if not updated:
        raise WorkflowError(_("该信息已被他人处理，请刷新后重试。"))
    publication.status = to
    for k, v in updates.items():
        setattr(publication, k, v)
    PublicationEvent.objects.create(
        publication=publication,
        by=by if getattr(by, "is_authenticated", False) else None,
        action=action,
        from_status=old,
        to_status=to,
        review_round=publication.review_round,
        role=role,
        comments=comments,
        on=on,
    )
    record(
        actor=by,
        obj=publication,
        action=f"publication.{action}",
        before={"status": old},
        after={"status": to, **{k: v for k, v in updates.items()}},
        note=comments,
    )
    return publication


def settings_for(org) -> PublishingSettings:
    obj, _created = PublishingSettings.objects.get_or_create(organization=org)
    return obj


def compute_publish_due(formed_on: date | None) -> date | None:
    """第二十六条: 20 工作日 from the day the information was formed or changed (period is data)."""
    if formed_on is None:
        return None
    due, _explanation = simple_deadline(
        formed_on, workdays.period("publication"), workdays.get_calendar(), what=_("主动公开")
    )
    return due


def _clean_data(org, data: dict) -> dict:
    data = {k: v for k, v in data.items() if k in EDITABLE_FIELDS}
    if "body" in data:
        data["body"] = content.sanitize(data["body"])
    node = data.get("node")
    if node is not None and node.organization_id not in (None, org.pk):
        raise WorkflowError(_("所选目录不属于本机关。"))
    interprets = data.get("interprets")
    if interprets is not None and interprets.organization_id != org.pk:
        raise WorkflowError(_("只能解读本机关的政策文件。"))
    return data


@transaction.atomic
def create_publication(*, organization, by, data: dict) -> Publication:
    _require_roles(organization, by, workflow.DRAFTER_ROLES)
    data = _clean_data(organization, data)
    pub = Publication(organization=organization, created_by=by, **data)
    pub.body_text = content.plain_text(pub.body)
    pub.publish_due = compute_publish_due(pub.formed_on)
    pub.save()
    PublicationEvent.objects.create(publication=pub, by=by, action="create", to_status=pub.status)
    record(actor=by, obj=pub, action="publication.create", after=snapshot(pub, ["title", "formed_on", "publish_due"]))
    return pub


@transaction.atomic
def update_publication(*, publication, by, data: dict) -> Publication:
    pub = Publication.objects.select_for_update().get(pk=publication.pk)
    if pub.status not in workflow.EDITABLE:
        raise WorkflowError(_("只有草稿或退回修改的信息可以编辑。"))
    _require_roles(pub.organization, by, workflow.DRAFTER_ROLES)
    data = _clean_data(pub.organization, data)
    before = snapshot(pub, list(data))
    for k, v in data.items():
        setattr(pub, k, v)
    pub.body_text = content.plain_text(pub.body)
    pub.publish_due = compute_publish_due(pub.formed_on)
    pub.save()
    PublicationEvent.objects.create(publication=pub, by=by, action="edit", from_status=pub.status, to_status=pub.status)
    record(actor=by, obj=pub, action="publication.edit", before=before, after=snapshot(pub, list(data)))
    return pub


@transaction.atomic
def submit(*, publication, by) -> Publication:
    """The drafter sends the draft to 预审; the 公开属性 must be set first."""
    if not publication.disclosure:
        raise WorkflowError(_("请先确定公开属性（主动公开、依申请公开或不予公开）。"))
    if publication.disclosure != Disclosure.PROACTIVE and not publication.disclosure_ground.strip():
        raise WorkflowError(_("依申请公开或不予公开的，须写明理由和法律依据。"))
    return _move(publication, "submit", by=by, review_round=0, checklist={})


@transaction.atomic
def pre_review(*, publication, by, checklist: dict, approve: bool, comments: str = "") -> Publication:
    """预审 / 保密审查 (第十七条): every checklist item confirmed → review rounds; otherwise returned."""
    ticked = {k: bool(checklist.get(k)) for k in CHECKLIST_KEYS}
    if not approve:
        if not comments.strip():
            raise WorkflowError(_("退回时请填写修改意见。"))
        return _move(publication, "pre_review_return", by=by, comments=comments, checklist=ticked)
    if not all(ticked.values()):
        raise WorkflowError(_("保密审查清单须逐项确认后才能通过；有疑问的请退回或报主管部门确定。"))
    rounds = settings_for(publication.organization).rounds()
    if rounds:
        return _move(
            publication,
            "pre_review_pass",
            by=by,
            to=Status.IN_REVIEW,
            comments=comments,
            checklist=ticked,
            review_round=1,
        )
    return _move(
        publication, "pre_review_pass", by=by, to=_approved_status(publication), comments=comments, checklist=ticked
    )


def _approved_status(publication) -> str:
    return Status.APPROVED if publication.disclosure == Disclosure.PROACTIVE else Status.NOT_PUBLIC


def current_round_role(publication) -> str | None:
    rounds = settings_for(publication.organization).rounds()
    if publication.status != Status.IN_REVIEW or not 1 <= publication.review_round <= len(rounds):
        return None
    return rounds[publication.review_round - 1]


def can_review(publication, user) -> bool:
    role = current_round_role(publication)
    if role is None:
        return False
    have = roles_in(user, publication.organization)
    return workflow.REVIEW_ROLES.get(role) in have or Role.ADMIN in have


@transaction.atomic
def review(*, publication, by, approve: bool, comments: str = "") -> Publication:
    """One review round: approve (next round, or approved after the last) or return with comments."""
    role = current_round_role(publication)
    if role is None:
        raise WorkflowError(_("该信息当前不在审核中。"))
    if not can_review(publication, by):
        raise PermissionDenied
    if not approve:
        if not comments.strip():
            raise WorkflowError(_("退回时请填写修改意见。"))
        return _move(publication, "return", by=by, role=role, comments=comments)
    rounds = settings_for(publication.organization).rounds()
    if publication.review_round < len(rounds):
        return _move(
            publication, "approve", by=by, to=Status.IN_REVIEW, role=role, comments=comments,
            review_round=publication.review_round + 1,
        )  # fmt: skip
    return _move(publication, "approve", by=by, to=_approved_status(publication), role=role, comments=comments)


def next_index_number(org, year: int) -> str:
    """索引号 from the agency's pattern, e.g. {机构代码}/{年}-{序号} → HA411203-YDZ/2025-00012. Call inside a transaction."""
    conf = settings_for(org)
    seq, _created = IndexSequence.objects.select_for_update().get_or_create(organization=org, year=year)
    IndexSequence.objects.filter(pk=seq.pk).update(last=F("last") + 1)
    seq.refresh_from_db()
    number = str(seq.last).zfill(conf.sequence_width)
    return conf.index_pattern.replace("{机构代码}", org.code).replace("{年}", str(year)).replace("{序号}", number)


def _go_public(publication, action, *, by, now: datetime):
    today = timezone.localdate(now)
    updates = {"published_at": now, "published_on": today}
    if not publication.index_number:
        updates["index_number"] = next_index_number(publication.organization, today.year)
    pub = _move(publication, action, by=by, **updates)
    search.index(pub)
    bump_portal()
    return pub


@transaction.atomic
def publish(*, publication, by, now: datetime | None = None) -> Publication:
    return _go_public(publication, "publish", by=by, now=now or timezone.now())


@transaction.atomic
def schedule(*, publication, by, at: datetime) -> Publication:
    if at <= timezone.now():
        raise WorkflowError(_("定时发布时间须晚于当前时间。"))
    return _move(
        publication, "schedule", by=by, scheduled_at=at, comments=timezone.localtime(at).strftime("%Y-%m-%d %H:%M")
    )


@transaction.atomic
def unschedule(*, publication, by) -> Publication:
    return _move(publication, "unschedule", by=by, scheduled_at=None)


def publish_due_scheduled(now: datetime) -> int:
    """Publish every SCHEDULED publication whose time has come (the worker's tick). Restart-safe: the
    status compare-and-swap makes a second worker or a rerun skip what is already published."""
    done = 0
    for pk in Publication.objects.filter(status=Status.SCHEDULED, scheduled_at__lte=now).values_list("pk", flat=True):
        with transaction.atomic():
            pub = Publication.objects.select_related("organization").filter(pk=pk, status=Status.SCHEDULED).first()
            if pub is None:
                continue
            try:
                _go_public(pub, "publish_scheduled", by=None, now=now)
            except WorkflowError:
                continue
            done += 1
    return done


@transaction.atomic
def withdraw(*, publication, by, reason: str) -> Publication:
    if not reason.strip():
        raise WorkflowError(_("请填写撤回理由。"))
    pub = _move(publication, "withdraw", by=by, comments=reason)
    search.unindex(pub)
    bump_portal()
    return pub


@transaction.atomic
def reopen(*, publication, by) -> Publication:
    return _move(publication, "reopen", by=by, review_round=0)


def _change_validity(publication, action, *, by, on: date, reason: str, to: str, date_field: str):
    if publication.status != Status.PUBLISHED:
        raise WorkflowError(_("只有已发布的信息可以修改有效性。"))
    if publication.validity == Validity.REPEALED:
        raise WorkflowError(_("该文件已废止。"))
    if not reason.strip():
        raise WorkflowError(_("请填写理由。"))
    if on is None:
        raise WorkflowError(_("请填写日期。"))
    if publication.published_on and on < publication.published_on:
        raise WorkflowError(_("日期不能早于发布日期。"))
    _require_roles(publication.organization, by, workflow.VALIDITY_ROLES)
    before = {"validity": publication.validity, date_field: getattr(publication, date_field)}
    Publication.objects.filter(pk=publication.pk).update(validity=to, **{date_field: on})
    publication.validity = to
    search.index(publication)  # the search table keeps a copy of 有效性 for its filter
    bump_portal()
    publication.validity = to
    setattr(publication, date_field, on)
    PublicationEvent.objects.create(
        publication=publication, by=by, action=action, from_status=publication.status,
        to_status=publication.status, comments=reason, on=on,
    )  # fmt: skip
    record(
        actor=by, obj=publication, action=f"publication.{action}", before=before,
        after={"validity": to, date_field: on}, note=reason,
    )  # fmt: skip
    return publication


@transaction.atomic
def repeal(*, publication, by, on: date, reason: str) -> Publication:
    """废止: the document stays published (people must be able to see it was repealed) with 有效性 已废止."""
    return _change_validity(
        publication, "repeal", by=by, on=on, reason=reason, to=Validity.REPEALED, date_field="repealed_on"
    )


@transaction.atomic
def amend(*, publication, by, on: date, reason: str) -> Publication:
    """修改: 有效性 becomes 已修改 (the amended text is published as its own document)."""
    if publication.validity != Validity.IN_FORCE:
        raise WorkflowError(_("只有现行有效的文件可以标记为已修改。"))
    return _change_validity(
        publication, "amend", by=by, on=on, reason=reason, to=Validity.AMENDED, date_field="amended_on"
    )


ROLE_KINDS = {
    Attachment.Role.ATTACHMENT: {"pdf", "docx", "png", "jpg"},
    Attachment.Role.GRAPHIC: {"png", "jpg"},
    Attachment.Role.VIDEO: {"mp4"},
}


@transaction.atomic
def add_attachment(*, publication, by, upload, role: str = Attachment.Role.ATTACHMENT) -> Attachment:
    if publication.status not in workflow.EDITABLE:
        raise WorkflowError(_("只有草稿或退回修改的信息可以增删附件。"))
    _require_roles(publication.organization, by, workflow.DRAFTER_ROLES)
    try:
        kind = content.check_upload(upload, allowed=ROLE_KINDS[role])
    except content.FileRejected as exc:
        raise WorkflowError(str(exc)) from exc
    upload.seek(0)
    data = upload.read()
    att = Attachment(
        publication=publication,
        name=(getattr(upload, "name", "") or "附件").rsplit("/", 1)[-1][:200],
        kind=kind,
        role=role,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
    )
    att.file.save("upload", ContentFile(data), save=False)
    att.save()
    record(actor=by, obj=att, action="publication.attachment_add", organization=publication.organization,
           after={"publication": publication.pk, "name": att.name, "kind": kind, "size": att.size})  # fmt: skip
    return att


@transaction.atomic
def remove_attachment(*, attachment, by) -> None:
    pub = attachment.publication
    if pub.status not in workflow.EDITABLE:
        raise WorkflowError(_("只有草稿或退回修改的信息可以增删附件。"))
    _require_roles(pub.organization, by, workflow.DRAFTER_ROLES)
    record(actor=by, obj=attachment, action="publication.attachment_remove", organization=pub.organization,
           before={"publication": pub.pk, "name": attachment.name})  # fmt: skip
    attachment.file.delete(save=False)
    attachment.delete()


@transaction.atomic
def update_settings(*, organization, by, data: dict) -> PublishingSettings:
    _require_roles(organization, by, {Role.HEAD, Role.ADMIN})
    conf = settings_for(organization)
    fields = ["index_pattern", "sequence_width", "review_rounds"]
    before = snapshot(conf, fields)
    rounds = data.get("review_rounds", conf.review_rounds)
    if any(r not in workflow.REVIEW_ROLES for r in rounds):
        raise WorkflowError(_("审核轮次只能是审核人或负责人。"))
    if "{序号}" not in data.get("index_pattern", conf.index_pattern):
        raise WorkflowError(_("索引号格式须包含 {序号}。"))
    for k in fields:
        if k in data:
            setattr(conf, k, data[k])
    conf.save()
    bump_portal()
    record(actor=by, obj=conf, action="publication.settings", organization=organization, before=before,
           after=snapshot(conf, fields))  # fmt: skip
    return conf


@transaction.atomic
def save_guide(*, organization, by, text: str, today: date) -> PublishingSettings:
    """Store (or clear, with empty text) the edited 公开指南 that replaces the generated one."""
    _require_roles(organization, by, {Role.CLERK, Role.HEAD, Role.ADMIN})
    conf = settings_for(organization)
    before = {"guide_override": conf.guide_override}
    conf.guide_override = content.sanitize(text).strip()
    conf.guide_updated_on = today
    conf.save()
    bump_portal()
    record(actor=by, obj=conf, action="publication.guide", organization=organization, before=before,
           after={"guide_override": conf.guide_override})  # fmt: skip
    return conf


@transaction.atomic
def add_catalogue_node(*, organization, by, name: str, code: str = "") -> CatalogueNode:
    _require_roles(organization, by, {Role.CLERK, Role.HEAD, Role.ADMIN})
    name = name.strip()
    if not name:
        raise WorkflowError(_("请填写目录名称。"))
    code = code.strip() or f"own-{CatalogueNode.objects.filter(organization=organization).count() + 1}"
    if CatalogueNode.objects.filter(organization=organization, code=code).exists():
        raise WorkflowError(_("目录编码已存在。"))
    node = CatalogueNode.objects.create(
        organization=organization, code=code, name=name, source=_("本机关自定"), position=1000
    )
    bump_portal()
    record(actor=by, obj=node, action="publication.node_add", organization=organization, after={"name": name})
    return node


FIGURE_FIELDS = ["licensing", "penalty", "enforcement", "fees_wan_yuan"]


@transaction.atomic
def set_yearly_figures(
    *, organization, by, year: int, values: dict, note: str = "", source: str = "staff"
) -> YearlyFigures:
    _require_roles(organization, by, {Role.CLERK, Role.HEAD, Role.ADMIN})
    obj, _created = YearlyFigures.objects.select_for_update().get_or_create(organization=organization, year=year)
    before = snapshot(obj, [*FIGURE_FIELDS, "note"])
    for k in FIGURE_FIELDS:
        if k in values:
            setattr(obj, k, values[k])
    obj.note = note
    obj.save()
    record(actor=by, obj=obj, action=f"publication.figures_{source}", organization=organization, before=before,
           after=snapshot(obj, [*FIGURE_FIELDS, "note"]))  # fmt: skip
    return obj


@transaction.atomic
def import_yearly_figures(*, organization, by, rows: list[dict]) -> list[YearlyFigures]:
    """Rows already parsed and checked by ``figures_io.parse``; all or nothing."""
    return [
        set_yearly_figures(
            organization=organization, by=by, year=r["year"], values=r, note=r.get("note", ""), source="import"
        )
        for r in rows
    ]
