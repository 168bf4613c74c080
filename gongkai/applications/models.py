"""依申请公开: applications, their clock events, requests to the applicant, consultations, letters."""

import hashlib

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from . import categories, fees
from .workflow import TERMINAL, Status


class ApplicantType(models.TextChoices):
    """The six applicant columns of table 三 (in report order)."""

    NATURAL = "natural", _("自然人")
    COMMERCIAL = "commercial", _("商业企业")
    RESEARCH = "research", _("科研机构")
    WELFARE = "welfare", _("社会公益组织")
    LEGAL = "legal", _("法律服务机构")
    OTHER = "other", _("其他")


APPLICANT_COLUMNS = [t.value for t in ApplicantType]


class IdType(models.TextChoices):
    RESIDENT_ID = "resident_id", _("居民身份证")
    USCC = "uscc", _("统一社会信用代码")
    PASSPORT = "passport", _("护照")
    HK_MACAO = "hk_macao", _("港澳居民来往内地通行证")
    TAIWAN = "taiwan", _("台湾居民来往大陆通行证")
    OTHER = "other", _("其他证件")


class Channel(models.TextChoices):
    """How the application arrived; 第三十一条 fixes 收到申请之日 per channel."""

    ONLINE = "online", _("互联网（网上申请）")
    IN_PERSON = "in_person", _("当面提交")
    POST_SIGNED = "post_signed", _("邮寄（需签收）")
    POST_UNSIGNED = "post_unsigned", _("平常信函（无需签收）")
    FAX = "fax", _("传真")
    ORAL = "oral", _("口头提出（代为填写）")


class Form(models.TextChoices):
    PAPER = "paper", _("纸质")
    EMAIL = "email", _("电子邮件")
    DISC = "disc", _("光盘")
    INSPECT = "inspect", _("当场查阅、抄录")


class Delivery(models.TextChoices):
    POST = "post", _("邮寄")
    EMAIL = "email", _("电子邮件")
    PICKUP = "pickup", _("自行领取")
    ONLINE = "online", _("网上下载")


class ClockState(models.TextChoices):
    RUNNING = "running", _("计时中")
    PAUSED = "paused", _("暂停计时")
    CLOSED = "closed", _("已结束")


class AgencySettings(models.Model):
    """Per-agency knobs of the 依申请公开 workflow ([I]/[U] facts are data, not code)."""

    organization = models.OneToOneField(
        "organizations.Organization", on_delete=models.CASCADE, related_name="application_settings"
    )
    head_review_required = models.BooleanField(_("答复须经负责人审核"), default=False)
    payment_days = models.PositiveSmallIntegerField(
        _("缴费期限（工作日）"), default=10, help_text=_("109号未读到缴费期限的规定，由本机关确定")
    )
    correction_days = models.PositiveSmallIntegerField(
        _("默认补正期限（工作日）"), default=10, help_text=_("第三十条“合理的补正期限”，由本机关确定")
    )
    reconsideration_body = models.CharField(
        _("行政复议机关"), max_length=100, blank=True, help_text=_("留空时使用上级人民政府")
    )
    letter_prefix = models.CharField(_("文号前缀"), max_length=30, blank=True, help_text=_("如：原政公开"))
    heavy_applicant_threshold = models.PositiveSmallIntegerField(_("大量申请提示阈值（件/自然月）"), default=10)
    same_request_threshold = models.PositiveSmallIntegerField(_("多人同类申请提示阈值（人）"), default=3)

    class Meta:
        verbose_name = _("依申请公开设置")
        verbose_name_plural = _("依申请公开设置")

    def __str__(self):
        return str(self.organization)

    @classmethod
    def for_org(cls, org):
        obj, _created = cls.objects.get_or_create(organization=org)
        return obj

    def reconsideration_body_name(self) -> str:
        if self.reconsideration_body:
            return self.reconsideration_body
        parent = self.organization.parent
        return parent.name if parent else str(_("上一级行政机关"))


class FeeSchedule(models.Model):
    """109号 tiers as data. The newest row in force applies."""

    effective_from = models.DateField(_("施行日期"))
    per_item = models.JSONField(_("按件计收标准"), default=fees.default_per_item)
    per_page = models.JSONField(_("按量计收标准"), default=fees.default_per_page)
    source = models.CharField(_("依据"), max_length=200, default="国办函〔2020〕109号 第三条至第五条")

    class Meta:
        verbose_name = _("信息处理费标准")
        verbose_name_plural = _("信息处理费标准")
        ordering = ["-effective_from"]

    def __str__(self):
        return f"{self.source}（{self.effective_from}起）"


class Counter(models.Model):
    """Per agency/year sequences (申请编号, letter 文号)."""

    organization = models.ForeignKey("organizations.Organization", on_delete=models.CASCADE)
    year = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=20)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organization", "year", "kind"], name="app_counter_unique")]


class ApplicationQuerySet(models.QuerySet):
    def open(self):
        return self.filter(concluded_on__isnull=True)

    def overdue(self, today):
        return self.open().filter(due_on__lt=today)


def applicant_key(id_type: str, id_number: str) -> str:
    from .idcheck import normalize

    return hashlib.sha256(f"{id_type}:{normalize(id_number)}".encode()).hexdigest()[:32]


class Application(models.Model):
    organization = models.ForeignKey(
        "organizations.Organization", verbose_name=_("受理机关"), on_delete=models.PROTECT, related_name="applications"
    )
    number = models.CharField(_("申请编号"), max_length=40, unique=True)
    access_code_hash = models.CharField(max_length=128, editable=False)
    submission_token = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    version = models.PositiveIntegerField(default=0, editable=False)

    # Applicant (personal data: staff of the handling agency only; masked in lists; never logged)
    applicant_type = models.CharField(_("申请人类型"), max_length=20, choices=ApplicantType.choices)
    applicant_name = models.CharField(_("申请人姓名或名称"), max_length=100)
    contact_person = models.CharField(_("联系人"), max_length=50, blank=True)
    id_type = models.CharField(_("证件类型"), max_length=20, choices=IdType.choices)
    id_number = models.CharField(_("证件号码"), max_length=40)
    applicant_key = models.CharField(max_length=32, db_index=True, editable=False)
    phone = models.CharField(_("联系电话"), max_length=30)
    email = models.EmailField(_("电子邮箱"), blank=True)
    address = models.CharField(_("通信地址"), max_length=200, blank=True)
    postal_code = models.CharField(_("邮政编码"), max_length=10, blank=True)

    # Request
    description = models.TextField(_("所需政府信息的名称、文号或者特征性描述"))
    purpose = models.CharField(_("用途（选填）"), max_length=200, blank=True)
    preferred_form = models.CharField(_("信息的提供形式"), max_length=20, choices=Form.choices)
    delivery = models.CharField(_("获取信息的方式"), max_length=20, choices=Delivery.choices)
    channel = models.CharField(_("提交方式"), max_length=20, choices=Channel.choices)
    submitted_on = models.DateField(_("提交日期"))
    received_on = models.DateField(_("收到申请之日"), db_index=True)
    receipt_rule = models.CharField(_("收到申请之日的认定"), max_length=200, blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("承办人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_applications",
    )

    # State and clock
    status = models.CharField(_("状态"), max_length=20, choices=Status.choices, default=Status.RECEIVED)
    clock_state = models.CharField(_("计时状态"), max_length=10, choices=ClockState.choices, default=ClockState.RUNNING)
    due_on = models.DateField(_("答复期限"), null=True, blank=True, db_index=True)
    days_left = models.IntegerField(_("剩余工作日"), null=True, blank=True)
    correction_due_on = models.DateField(_("补正告知期限"), null=True, blank=True)
    extended_days = models.PositiveSmallIntegerField(_("已延长工作日"), default=0)
    extension_requested_days = models.PositiveSmallIntegerField(default=0)
    extension_reason = models.TextField(blank=True)
    extension_requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reminded_soon_for = models.DateField(null=True, blank=True, editable=False)
    reminded_overdue_for = models.DateField(null=True, blank=True, editable=False)

    # Decision (one result row of table 三)
    decision_category = models.CharField(
        _("办理结果"), max_length=40, choices=categories.CHOICES, blank=True, db_index=True
    )
    partial_withheld_category = models.CharField(
        _("不予公开部分的理由类别"), max_length=40, choices=categories.WITHHELD_CHOICES, blank=True
    )
    legal_basis = models.TextField(_("法律依据"), blank=True)
    reasons = models.TextField(_("理由"), blank=True)
    access_instructions = models.TextField(_("获取信息的方式、途径和时间"), blank=True)
    responsible_agency = models.CharField(_("负责公开的机关及联系方式"), max_length=200, blank=True)
    review_stage = models.CharField(max_length=10, blank=True)  # "" | "reviewer" | "head"
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    concluded_on = models.DateField(_("办结日期"), null=True, blank=True, db_index=True)

    created_at = models.DateTimeField(auto_now_add=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("政府信息公开申请")
        verbose_name_plural = _("政府信息公开申请")
        ordering = ["-received_on", "-id"]
        indexes = [
            models.Index(fields=["organization", "received_on"], name="app_org_received"),
            models.Index(fields=["organization", "concluded_on"], name="app_org_concluded"),
            models.Index(fields=["organization", "applicant_key", "received_on"], name="app_org_applicant"),
            # The staff queue's order (views.queue): a supervisor over a province pages through every agency's
            # applications without sorting them all; the partial one serves the default 在办 list and its counts.
            models.Index(fields=["due_on", "received_on", "id"], name="app_queue_order"),
            models.Index(
                fields=["due_on", "received_on", "id"],
                condition=models.Q(concluded_on__isnull=True),
                name="app_open_queue",
            ),
            # The queue's 暂停计时 and 待审核 counts, without reading every open row.
            models.Index(fields=["clock_state"], condition=models.Q(concluded_on__isnull=True), name="app_open_clock"),
            models.Index(fields=["status"], condition=models.Q(concluded_on__isnull=True), name="app_open_status"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(status__in=[s.value for s in Status]), name="app_status_valid"),
            models.CheckConstraint(
                condition=models.Q(applicant_type__in=APPLICANT_COLUMNS), name="app_applicant_type_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(decision_category="") | models.Q(decision_category__in=categories.IDS),
                name="app_category_valid",
            ),
            # concluded ⇔ a result row is set (every concluded application is counted exactly once)
            models.CheckConstraint(
                condition=(models.Q(concluded_on__isnull=True) | ~models.Q(decision_category="")),
                name="app_concluded_has_category",
            ),
        ]

    def __str__(self):
        return self.number

    @property
    def is_closed(self) -> bool:
        """Concluded (answered, terminated or withdrawn): the cases app offers the rating form then."""
        return self.status in TERMINAL

    @property
    def category(self):
        return categories.BY_ID.get(self.decision_category)

    @property
    def masked_name(self) -> str:
        name = self.applicant_name
        if self.applicant_type != ApplicantType.NATURAL:
            return name[:2] + "*" * max(1, len(name) - 4) + name[-2:] if len(name) > 4 else name[:1] + "**"
        return name[:1] + "*" * max(1, len(name) - 1)

    @property
    def masked_id(self) -> str:
        v = self.id_number
        return v[:3] + "*" * max(0, len(v) - 7) + v[-4:] if len(v) > 7 else "***"

    @property
    def masked_phone(self) -> str:
        v = self.phone
        return v[:3] + "****" + v[-4:] if len(v) >= 8 else "***"


class ClockEntry(models.Model):
    """One event of the statutory clock (kinds of gongkai.workdays.clock.Kind)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="clock_entries")
    kind = models.CharField(max_length=30)
    on = models.DateField()
    days = models.IntegerField(null=True, blank=True)
    until = models.DateField(null=True, blank=True)
    note = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["on", "id"]

    def __str__(self):
        return f"{self.kind} {self.on}"


def attachment_path(instance, filename):
    return f"applications/{instance.application.organization_id}/{instance.application_id}/{filename}"


class Attachment(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=attachment_path)
    name = models.CharField(_("文件名"), max_length=200)
    size = models.PositiveIntegerField()
    content_type = models.CharField(max_length=100)
    from_applicant = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return self.name


class RequestKind(models.TextChoices):
    CORRECTION = "correction", _("补正告知")
    EXPLANATION = "explanation", _("说明理由")
    FEE = "fee", _("收费通知")


class ApplicantRequest(models.Model):
    """Something the agency asks of the applicant, answered online or on paper."""

    class Outcome(models.TextChoices):
        OPEN = "open", _("待答复")
        ANSWERED = "answered", _("已答复")
        PAID = "paid", _("已缴费")
        LAPSED = "lapsed", _("逾期")
        CANCELLED = "cancelled", _("已取消")

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="requests")
    kind = models.CharField(max_length=20, choices=RequestKind.choices)
    issued_on = models.DateField()
    respond_by = models.DateField(_("答复期限"))
    text = models.TextField(_("内容"))
    fee_method = models.CharField(max_length=10, blank=True)
    fee_quantity = models.PositiveIntegerField(null=True, blank=True)
    fee_amount = models.PositiveIntegerField(null=True, blank=True)
    fee_explanation = models.TextField(blank=True)
    outcome = models.CharField(max_length=10, choices=Outcome.choices, default=Outcome.OPEN)
    response = models.TextField(_("申请人答复"), blank=True)
    responded_on = models.DateField(null=True, blank=True)
    responded_online = models.BooleanField(default=False)

    class Meta:
        ordering = ["issued_on", "id"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.issued_on}"

    @property
    def is_open(self):
        return self.outcome == self.Outcome.OPEN


class Consultation(models.Model):
    """第三十二条 third party / 第三十四条 co-producing agency; time excluded from the clock."""

    class Kind(models.TextChoices):
        THIRD_PARTY = "third_party", _("征求第三方意见")
        COPRODUCER = "coproducer", _("征求共同制作机关意见")

    class Outcome(models.TextChoices):
        OPEN = "open", _("等待意见")
        AGREES = "agrees", _("同意公开")
        OBJECTS = "objects", _("不同意公开")
        LAPSED = "lapsed", _("逾期未提出意见")
        CANCELLED = "cancelled", _("申请已撤回，不再征求")

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="consultations")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    party = models.CharField(_("被征求意见方"), max_length=200)
    party_address = models.CharField(_("地址或联系方式"), max_length=200, blank=True)
    matter = models.TextField(_("征求意见的信息"))
    sent_on = models.DateField(_("发出日期"))
    due_on = models.DateField(_("意见期限"))
    answered_on = models.DateField(null=True, blank=True)
    outcome = models.CharField(max_length=10, choices=Outcome.choices, default=Outcome.OPEN)
    opinion = models.TextField(_("意见"), blank=True)
    # 第三十二条: the third party objected but the agency decides to disclose in the public interest, and tells the
    # third party in writing what it will disclose and why (the 决定公开告知书).
    disclosure_content = models.TextField(_("决定公开的政府信息内容"), blank=True)
    disclosure_reasons = models.TextField(_("决定公开的理由"), blank=True)
    disclosure_letter = models.OneToOneField(
        "Letter", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("决定公开告知书")
    )

    class Meta:
        ordering = ["sent_on", "id"]

    def __str__(self):
        return f"{self.get_kind_display()}：{self.party}"


class Review(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="reviews")
    stage = models.CharField(max_length=10)
    approved = models.BooleanField()
    comments = models.TextField(blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    category = models.CharField(max_length=40, blank=True)

    class Meta:
        ordering = ["at", "id"]


class LetterKind(models.TextChoices):
    RECEIPT = "receipt", _("登记回执")
    CORRECTION = "correction", _("补正告知书")
    EXTENSION = "extension", _("延期答复告知书")
    THIRD_PARTY = "third_party", _("第三方征求意见书")
    THIRD_PARTY_NOTICE = "third_party_notice", _("决定公开告知书（致第三方）")
    COPRODUCER = "coproducer", _("征求共同制作机关意见函")
    EXPLANATION = "explanation", _("说明理由告知书")
    DELAY = "delay", _("延迟答复告知书")
    FEE = "fee", _("收费通知书")
    REPLY_GRANTED = "reply_granted", _("政府信息公开申请答复书（予以公开）")
    REPLY_PARTIAL = "reply_partial", _("政府信息公开申请答复书（部分公开）")
    REPLY_WITHHELD = "reply_withheld", _("政府信息公开申请答复书（不予公开）")
    REPLY_UNABLE = "reply_unable", _("政府信息公开申请答复书（无法提供）")
    REPLY_DECLINED = "reply_declined", _("政府信息公开申请答复书（不予处理）")
    REPLY_OTHER = "reply_other", _("政府信息公开申请处理告知书（其他处理）")


REPLY_KIND_BY_FAMILY = {
    "granted": LetterKind.REPLY_GRANTED,
    "partial": LetterKind.REPLY_PARTIAL,
    "withheld": LetterKind.REPLY_WITHHELD,
    "unable": LetterKind.REPLY_UNABLE,
    "declined": LetterKind.REPLY_DECLINED,
    "other": LetterKind.REPLY_OTHER,
}


class LetterTemplate(models.Model):
    """Editable letter text with ``{占位符}``; a row with an organization overrides the default row."""

    organization = models.ForeignKey(
        "organizations.Organization", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("文书类型"), max_length=20, choices=LetterKind.choices)
    title = models.CharField(_("标题"), max_length=100)
    body = models.TextField(_("正文"))
    source = models.CharField(_("依据"), max_length=300)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("文书模板")
        verbose_name_plural = _("文书模板")
        constraints = [
            models.UniqueConstraint(fields=["organization", "kind"], name="letter_template_unique"),
            models.UniqueConstraint(
                fields=["kind"], condition=models.Q(organization__isnull=True), name="letter_template_default_unique"
            ),
        ]

    def __str__(self):
        return self.get_kind_display()


def letter_path(instance, filename):
    return f"letters/{instance.application.organization_id}/{instance.application_id}/{filename}"


class Letter(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="letters")
    kind = models.CharField(max_length=20, choices=LetterKind.choices)
    number = models.CharField(_("文号"), max_length=60)
    title = models.CharField(max_length=100)
    text = models.TextField()
    issued_on = models.DateField()
    pdf = models.FileField(upload_to=letter_path)
    docx = models.FileField(upload_to=letter_path)
    to_applicant = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["issued_on", "id"]

    def __str__(self):
        return f"{self.title} {self.number}"
