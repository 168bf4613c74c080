"""行政复议/行政诉讼 cases, complaints (投诉举报), ratings (评议), 督办, 通报, 工作要点/台账 and 政务新媒体.

Law that is data lives in rows: the decision-type → report-column mapping (``ResultMapping``) is
seeded from spec §1.9 and editable in the admin. Periods come from ``gongkai.workdays``.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from . import counting


class CaseKind(models.TextChoices):
    RECONSIDERATION = counting.RECONSIDERATION, _("行政复议")
    LITIGATION = counting.LITIGATION, _("行政诉讼")


class Route(models.TextChoices):
    DIRECT = counting.DIRECT, _("未经复议直接起诉")
    AFTER_RECONSIDERATION = counting.AFTER_RECONSIDERATION, _("复议后起诉")


class Procedure(models.TextChoices):
    ORDINARY = "ordinary", _("普通程序")
    SIMPLIFIED = "simplified", _("简易程序")


class DecisionType(models.TextChoices):
    # 行政复议法（2023）
    UPHOLD = "uphold", _("维持（复议法第六十八条）")
    CHANGE = "change", _("变更")
    REVOKE = "revoke", _("撤销或者部分撤销")
    CONFIRM_ILLEGAL = "confirm_illegal", _("确认违法")
    ORDER_PERFORMANCE = "order_performance", _("责令履行")
    CONFIRM_VOID = "confirm_void", _("确认无效")
    DISMISS = "dismiss", _("驳回复议请求")
    TERMINATE = "terminate", _("终止")
    MEDIATION = "mediation", _("调解")
    SETTLEMENT = "settlement", _("和解")
    # 行政诉讼法
    REJECT_CLAIMS = "reject_claims", _("判决驳回诉讼请求")
    REJECT_SUIT = "reject_suit", _("裁定驳回起诉")
    WITHDRAWN = "withdrawn", _("撤诉")
    # 二审
    AFFIRMED = counting.AFFIRMED, _("驳回上诉，维持原判")


RECONSIDERATION_DECISIONS = [
    DecisionType.UPHOLD,
    DecisionType.CHANGE,
    DecisionType.REVOKE,
    DecisionType.CONFIRM_ILLEGAL,
    DecisionType.ORDER_PERFORMANCE,
    DecisionType.CONFIRM_VOID,
    DecisionType.DISMISS,
    DecisionType.TERMINATE,
    DecisionType.MEDIATION,
    DecisionType.SETTLEMENT,
]
FIRST_INSTANCE_DECISIONS = [
    DecisionType.REJECT_CLAIMS,
    DecisionType.REVOKE,
    DecisionType.CHANGE,
    DecisionType.CONFIRM_ILLEGAL,
    DecisionType.ORDER_PERFORMANCE,
    DecisionType.CONFIRM_VOID,
    DecisionType.REJECT_SUIT,
    DecisionType.WITHDRAWN,
    DecisionType.MEDIATION,
]
APPEAL_DECISIONS = [DecisionType.AFFIRMED, *FIRST_INSTANCE_DECISIONS]


class ResultCategory(models.TextChoices):
    UPHELD = counting.UPHELD, _("结果维持")
    CORRECTED = counting.CORRECTED, _("结果纠正")
    OTHER = counting.OTHER, _("其他结果")


class ResultMapping(models.Model):
    """Which report column (表四) a decision type counts in. Not fixed by any text read (spec §1.9 [U])."""

    decision_type = models.CharField(_("决定/裁判类型"), max_length=30, choices=DecisionType.choices, unique=True)
    category = models.CharField(_("年报统计口径"), max_length=20, choices=ResultCategory.choices)
    source = models.CharField(_("依据"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("复议诉讼结果归类")
        verbose_name_plural = _("复议诉讼结果归类")
        ordering = ["decision_type"]

    def __str__(self):
        return f"{self.get_decision_type_display()} → {self.get_category_display()}"


class Case(models.Model):
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("被申请人/被告机关"),
        related_name="legal_cases",
        on_delete=models.PROTECT,
    )
    kind = models.CharField(_("类型"), max_length=20, choices=CaseKind.choices)
    route = models.CharField(_("起诉方式"), max_length=30, choices=Route.choices, blank=True)
    procedure = models.CharField(
        _("复议程序"), max_length=20, choices=Procedure.choices, default=Procedure.ORDINARY, blank=True
    )
    number = models.CharField(_("案号"), max_length=100, blank=True)
    authority = models.CharField(_("复议机关/受理法院"), max_length=100)
    applicant = models.CharField(_("申请人/原告"), max_length=100)
    subject = models.TextField(_("请求事项"), blank=True)
    filed_on = models.DateField(_("受理/立案日期"), help_text=_("年度报告按此日期所在年度统计"))
    copy_received_on = models.DateField(_("收到申请书/起诉状副本日期"), null=True, blank=True)
    reply_due = models.DateField(_("答复/答辩期限"), null=True, blank=True, db_index=True, editable=False)
    replied_on = models.DateField(_("提交答复/答辩状日期"), null=True, blank=True)
    decision_type = models.CharField(_("复议决定/一审结果"), max_length=30, choices=DecisionType.choices, blank=True)
    decided_on = models.DateField(_("决定/一审裁判日期"), null=True, blank=True)
    appeal_filed_on = models.DateField(_("上诉日期"), null=True, blank=True)
    appeal_decision = models.CharField(_("二审结果"), max_length=30, choices=DecisionType.choices, blank=True)
    appeal_decided_on = models.DateField(_("二审裁判日期"), null=True, blank=True)
    reconsideration = models.ForeignKey(
        "self",
        verbose_name=_("此前的行政复议案件"),
        null=True,
        blank=True,
        related_name="lawsuits",
        on_delete=models.SET_NULL,
    )
    application = models.ForeignKey(
        "applications.Application",
        verbose_name=_("涉及的政府信息公开申请"),
        null=True,
        blank=True,
        related_name="legal_cases",
        on_delete=models.SET_NULL,
    )
    note = models.TextField(_("备注"), blank=True)
    reminded_for_due = models.DateField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("复议诉讼案件")
        verbose_name_plural = _("复议诉讼案件")
        ordering = ["-filed_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(kind__in=[k.value for k in CaseKind]), name="case_kind_valid"),
            models.CheckConstraint(
                condition=models.Q(kind=CaseKind.RECONSIDERATION, route="")
                | models.Q(kind=CaseKind.LITIGATION, route__in=[r.value for r in Route]),
                name="case_route_matches_kind",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.number or self.applicant}"

    @property
    def is_concluded(self) -> bool:
        return counting.outcome_as_of(self.facts(), as_of=None) is not None

    def facts(self) -> counting.CaseFacts:
        return counting.CaseFacts(
            kind=self.kind,
            route=self.route,
            filed_on=self.filed_on,
            decision_type=self.decision_type,
            decided_on=self.decided_on,
            appeal_filed_on=self.appeal_filed_on,
            appeal_decision=self.appeal_decision,
            appeal_decided_on=self.appeal_decided_on,
        )

    def reply_overdue(self, today) -> bool:
        return bool(self.reply_due and not self.replied_on and today > self.reply_due)


# ---------------------------------------------------------------- complaints (投诉、举报)


class ComplaintKind(models.TextChoices):
    COMPLAINT = "complaint", _("投诉")
    REPORT = "report", _("举报")


class ComplaintCategory(models.TextChoices):
    NOT_PROACTIVE = "not_proactive", _("未按要求主动公开政府信息")
    APPLICATION = "application", _("对政府信息公开申请不依法答复处理")
    RIGHTS = "rights", _("在政府信息公开工作中侵犯合法权益")
    OTHER = "other", _("其他")


class Channel(models.TextChoices):
    ONLINE = "online", _("网上提交")
    LETTER = "letter", _("信件")
    PHONE = "phone", _("电话")
    VISIT = "visit", _("来访")
    OTHER = "other", _("其他")


class ComplaintStatus(models.TextChoices):
    RECEIVED = "received", _("已登记")
    FOUND = "found", _("已查证")
    ANSWERED = "answered", _("已答复")


class Finding(models.TextChoices):
    FOUNDED = "founded", _("查证属实")
    UNFOUNDED = "unfounded", _("查证不属实")


class Measure(models.TextChoices):
    RECTIFICATION = "rectification", _("督促整改")
    CRITICISM = "criticism", _("通报批评")
    BOTH = "both", _("督促整改并通报批评")


class Complaint(models.Model):
    """A 投诉/举报 (条例 第四十七条第二款, 第五十一条), handled by the supervising office.

    Visibility: the handling office (and its supervisors) see everything; the agency complained
    about sees the complaint, the finding and the measure but never the complainant's personal data.
    """

    number = models.CharField(_("编号"), max_length=30, unique=True)
    query_code_hash = models.CharField(max_length=128, editable=False)
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("受理机关（主管部门）"),
        related_name="complaints_handled",
        on_delete=models.PROTECT,
    )
    subject_organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("被投诉举报机关"),
        related_name="complaints_against",
        on_delete=models.PROTECT,
    )
    kind = models.CharField(_("类型"), max_length=20, choices=ComplaintKind.choices, default=ComplaintKind.COMPLAINT)
    category = models.CharField(_("事由"), max_length=30, choices=ComplaintCategory.choices)
    channel = models.CharField(_("渠道"), max_length=20, choices=Channel.choices, default=Channel.ONLINE)
    content = models.TextField(_("投诉举报内容"))
    application_number = models.CharField(_("相关申请编号"), max_length=40, blank=True)
    complainant_name = models.CharField(_("姓名/名称"), max_length=100)
    complainant_phone = models.CharField(_("联系电话"), max_length=40, blank=True)
    complainant_email = models.EmailField(_("电子邮箱"), blank=True)
    complainant_address = models.CharField(_("通信地址"), max_length=200, blank=True)
    received_on = models.DateField(_("收到日期"))
    status = models.CharField(
        _("状态"), max_length=20, choices=ComplaintStatus.choices, default=ComplaintStatus.RECEIVED
    )
    finding = models.CharField(_("查证结论"), max_length=20, choices=Finding.choices, blank=True)
    measure = models.CharField(_("处理措施"), max_length=20, choices=Measure.choices, blank=True)
    finding_note = models.TextField(_("查证情况"), blank=True)
    found_on = models.DateField(_("查证日期"), null=True, blank=True)
    reply = models.TextField(_("答复内容"), blank=True)
    replied_on = models.DateField(_("答复日期"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("投诉举报")
        verbose_name_plural = _("投诉举报")
        ordering = ["-received_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(finding=Finding.FOUNDED) | ~models.Q(measure=""),
                name="complaint_founded_has_measure",
            ),
            models.CheckConstraint(
                condition=~models.Q(finding=Finding.UNFOUNDED) | models.Q(measure=""),
                name="complaint_unfounded_has_no_measure",
            ),
        ]

    def __str__(self):
        return f"{self.number} {self.subject_organization}"


# ---------------------------------------------------------------- ratings (评议)


class Score(models.TextChoices):
    SATISFIED = "satisfied", _("满意")
    BASIC = "basic", _("基本满意")
    UNSATISFIED = "unsatisfied", _("不满意")


class Rating(models.Model):
    """评议: the applicant's rating of a closed application (条例 第四十六条 社会评议)."""

    application = models.OneToOneField(
        "applications.Application", verbose_name=_("申请"), related_name="rating", on_delete=models.CASCADE
    )
    organization = models.ForeignKey(
        "organizations.Organization", verbose_name=_("被评议机关"), related_name="ratings", on_delete=models.PROTECT
    )
    score = models.CharField(_("评价"), max_length=20, choices=Score.choices)
    comment = models.TextField(_("意见建议"), blank=True)
    rated_on = models.DateField(_("评议日期"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("申请人评议")
        verbose_name_plural = _("申请人评议")
        ordering = ["-rated_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(score__in=["satisfied", "basic", "unsatisfied"]), name="rating_score_valid"
            )
        ]

    def __str__(self):
        return f"{self.organization} {self.get_score_display()}"


# ---------------------------------------------------------------- 督办 and 通报


class UrgingStatus(models.TextChoices):
    ISSUED = "issued", _("待办理")
    REPLIED = "replied", _("已反馈，待确认")
    CLOSED = "closed", _("已办结")


class Urging(models.Model):
    """督办: a formal urging by the supervising office (条例 第四十七条 督促整改)."""

    organization = models.ForeignKey(
        "organizations.Organization", verbose_name=_("被督办机关"), related_name="urgings", on_delete=models.PROTECT
    )
    issuer = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("督办机关"),
        related_name="urgings_issued",
        on_delete=models.PROTECT,
    )
    subject = models.CharField(_("督办事项"), max_length=200)
    reason = models.TextField(_("督办理由与要求"))
    due_on = models.DateField(_("办理期限"), db_index=True)
    application = models.ForeignKey(
        "applications.Application",
        verbose_name=_("相关申请"),
        null=True,
        blank=True,
        related_name="urgings",
        on_delete=models.SET_NULL,
    )
    complaint = models.ForeignKey(
        Complaint,
        verbose_name=_("相关投诉举报"),
        null=True,
        blank=True,
        related_name="urgings",
        on_delete=models.SET_NULL,
    )
    status = models.CharField(_("状态"), max_length=20, choices=UrgingStatus.choices, default=UrgingStatus.ISSUED)
    issued_on = models.DateField(_("督办日期"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, related_name="+", null=True, blank=True, on_delete=models.SET_NULL
    )
    reply = models.TextField(_("办理情况"), blank=True)
    replied_on = models.DateField(_("反馈日期"), null=True, blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, related_name="+", null=True, blank=True, on_delete=models.SET_NULL
    )
    review_note = models.TextField(_("确认意见"), blank=True)
    closed_on = models.DateField(_("办结日期"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, related_name="+", null=True, blank=True, on_delete=models.SET_NULL
    )
    reminded_for_due = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("督办")
        verbose_name_plural = _("督办")
        ordering = ["status", "due_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=[s.value for s in UrgingStatus]), name="urging_status_valid"
            ),
        ]

    def __str__(self):
        return f"{self.organization} · {self.subject}"

    def is_overdue(self, today) -> bool:
        return self.status == UrgingStatus.ISSUED and today > self.due_on


class Bulletin(models.Model):
    """通报: a dated notice of the supervising office listing agencies and their problems."""

    organization = models.ForeignKey(
        "organizations.Organization", verbose_name=_("通报机关"), related_name="bulletins", on_delete=models.PROTECT
    )
    title = models.CharField(_("标题"), max_length=200)
    issued_on = models.DateField(_("通报日期"))
    intro = models.TextField(_("导语"), blank=True)
    closing = models.TextField(_("工作要求"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("通报")
        verbose_name_plural = _("通报")
        ordering = ["-issued_on", "-id"]

    def __str__(self):
        return self.title


class BulletinItem(models.Model):
    bulletin = models.ForeignKey(Bulletin, related_name="items", on_delete=models.CASCADE)
    agency = models.ForeignKey("organizations.Organization", related_name="+", on_delete=models.PROTECT)
    problems = models.JSONField(default=list)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]


# ---------------------------------------------------------------- 工作要点 and 工作台账


class WorkPlan(models.Model):
    organization = models.ForeignKey(
        "organizations.Organization", verbose_name=_("下达机关"), related_name="work_plans", on_delete=models.PROTECT
    )
    year = models.PositiveIntegerField(_("年度"))
    title = models.CharField(_("名称"), max_length=200)
    source = models.CharField(
        _("来源文件"), max_length=200, blank=True, help_text=_("如：河南省2024年政务公开工作要点")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("工作要点")
        verbose_name_plural = _("工作要点")
        ordering = ["-year", "-id"]

    def __str__(self):
        return f"{self.year} {self.title}"


class WorkTask(models.Model):
    plan = models.ForeignKey(WorkPlan, related_name="tasks", on_delete=models.CASCADE)
    title = models.CharField(_("任务"), max_length=200)
    description = models.TextField(_("要求"), blank=True)
    due_on = models.DateField(_("完成时限"), null=True, blank=True)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self):
        return self.title


class TaskStatus(models.TextChoices):
    TODO = "todo", _("未开始")
    DOING = "doing", _("推进中")
    DONE = "done", _("已完成")


class TaskAssignment(models.Model):
    task = models.ForeignKey(WorkTask, related_name="assignments", on_delete=models.CASCADE)
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("承办机关"),
        related_name="task_assignments",
        on_delete=models.PROTECT,
    )
    status = models.CharField(_("进展"), max_length=20, choices=TaskStatus.choices, default=TaskStatus.TODO)
    evidence = models.TextField(_("完成情况与佐证"), blank=True)
    evidence_url = models.URLField(_("佐证链接"), blank=True)
    completed_on = models.DateField(_("完成日期"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("任务分解")
        verbose_name_plural = _("任务分解")
        ordering = ["task__order", "task_id", "organization__path"]
        constraints = [models.UniqueConstraint(fields=["task", "organization"], name="assignment_unique")]

    def __str__(self):
        return f"{self.task} · {self.organization}"


class LogKind(models.TextChoices):
    MEETING = "meeting", _("工作会议")
    TRAINING = "training", _("业务培训")
    SELF_INSPECTION = "self_inspection", _("自查自纠")
    INSPECTION = "inspection", _("监督检查")
    OTHER = "other", _("其他")


class WorkLog(models.Model):
    """工作台账: meetings, trainings, self-inspections (条例 第四十八条 培训)."""

    organization = models.ForeignKey(
        "organizations.Organization", verbose_name=_("机关"), related_name="work_logs", on_delete=models.PROTECT
    )
    kind = models.CharField(_("类别"), max_length=20, choices=LogKind.choices)
    held_on = models.DateField(_("日期"))
    title = models.CharField(_("名称"), max_length=200)
    participants = models.PositiveIntegerField(_("参加人数"), null=True, blank=True)
    summary = models.TextField(_("内容摘要"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("工作台账")
        verbose_name_plural = _("工作台账")
        ordering = ["-held_on", "-id"]

    def __str__(self):
        return f"{self.held_on} {self.title}"


# ---------------------------------------------------------------- 政务新媒体


class Platform(models.TextChoices):
    WECHAT = "wechat", _("微信公众号")
    WEIBO = "weibo", _("微博")
    DOUYIN = "douyin", _("抖音")
    TOUTIAO = "toutiao", _("今日头条")
    KUAISHOU = "kuaishou", _("快手")
    VIDEO = "wechat_video", _("微信视频号")
    APP = "app", _("移动客户端")
    OTHER = "other", _("其他")


class AccountStatus(models.TextChoices):
    ACTIVE = "active", _("正常运营")
    SUSPENDED = "suspended", _("暂停更新")
    CLOSED = "closed", _("已关停")
    MERGED = "merged", _("已整合")


class NewMediaAccount(models.Model):
    organization = models.ForeignKey(
        "organizations.Organization", verbose_name=_("主办机关"), related_name="new_media", on_delete=models.PROTECT
    )
    platform = models.CharField(_("平台"), max_length=20, choices=Platform.choices)
    name = models.CharField(_("账号名称"), max_length=100)
    operator = models.CharField(_("运维单位/责任人"), max_length=100)
    status = models.CharField(_("状态"), max_length=20, choices=AccountStatus.choices, default=AccountStatus.ACTIVE)
    opened_on = models.DateField(_("开设日期"), null=True, blank=True)
    closed_on = models.DateField(_("关停/整合日期"), null=True, blank=True)
    note = models.TextField(_("备注"), blank=True)

    class Meta:
        verbose_name = _("政务新媒体账号")
        verbose_name_plural = _("政务新媒体账号")
        ordering = ["organization__path", "platform", "name"]

    def __str__(self):
        return f"{self.get_platform_display()} · {self.name}"


class CheckResult(models.TextChoices):
    COMPLIANT = "compliant", _("排查合格")
    RECTIFIED = "rectified", _("发现问题，已整改")
    PENDING = "pending", _("发现问题，整改中")
    NONE = "none", _("无政务新媒体")


class NewMediaCheck(models.Model):
    """The yearly 政务新媒体排查整治 check; "无政务新媒体" is a valid recorded answer."""

    organization = models.ForeignKey(
        "organizations.Organization", verbose_name=_("机关"), related_name="new_media_checks", on_delete=models.PROTECT
    )
    year = models.PositiveIntegerField(_("年度"))
    checked_on = models.DateField(_("排查日期"))
    result = models.CharField(_("排查结果"), max_length=20, choices=CheckResult.choices)
    accounts_checked = models.PositiveIntegerField(_("排查账号数"), default=0)
    problems = models.TextField(_("发现问题"), blank=True)
    rectification = models.TextField(_("整改情况"), blank=True)

    class Meta:
        verbose_name = _("政务新媒体排查整治")
        verbose_name_plural = _("政务新媒体排查整治")
        ordering = ["-year", "organization__path"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "year"], name="newmedia_check_one_per_year"),
            models.CheckConstraint(
                condition=~models.Q(result="none") | models.Q(accounts_checked=0),
                name="newmedia_none_has_no_accounts",
            ),
        ]

    def __str__(self):
        return f"{self.organization} {self.year} {self.get_result_display()}"
