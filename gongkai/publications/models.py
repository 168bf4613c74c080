"""主动公开: publications, their catalogue, review trail, attachments and yearly figures.

条例 第十九–二十六条 decide what is published and when; 第十七条 the 保密审查 before it goes out;
第十二条 the 目录 (索引、名称、内容概述、生成日期).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.organizations.models import Level


class Scope(models.TextChoices):
    """Which agencies a standard catalogue node applies to."""

    ALL = "all", _("各级行政机关（第二十条）")
    CITY_COUNTY = "city_county", _("设区的市级、县级人民政府及其部门（第二十一条）")
    TOWNSHIP = "township", _("乡（镇）人民政府（第二十一条）")


class CatalogueNodeQuerySet(models.QuerySet):
    def for_organization(self, org):
        """Standard nodes that apply to ``org`` (by its level) plus the nodes ``org`` defined itself."""
        scopes = [Scope.ALL]
        if org.level == Level.TOWNSHIP:
            scopes.append(Scope.TOWNSHIP)
        elif org.level in (Level.CITY, Level.COUNTY, Level.DEPARTMENT):
            scopes.append(Scope.CITY_COUNTY)
        return self.filter(
            models.Q(organization__isnull=True, scope__in=scopes) | models.Q(organization=org), is_active=True
        )


class CatalogueNode(models.Model):
    """One heading of the 政府信息公开目录. Standard nodes (no organization) come from the 条例; agencies add their own."""

    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("机构"),
        null=True,
        blank=True,
        related_name="catalogue_nodes",
        on_delete=models.CASCADE,
        help_text=_("留空表示条例规定的通用目录项"),
    )
    code = models.CharField(_("编码"), max_length=40)
    name = models.CharField(_("名称"), max_length=200)
    scope = models.CharField(_("适用范围"), max_length=20, choices=Scope.choices, default=Scope.ALL)
    source = models.CharField(_("依据"), max_length=200, blank=True)
    position = models.PositiveIntegerField(_("排序"), default=0)
    is_active = models.BooleanField(_("启用"), default=True)

    objects = CatalogueNodeQuerySet.as_manager()

    class Meta:
        verbose_name = _("目录项")
        verbose_name_plural = _("目录项")
        ordering = ["scope", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "code"], name="catalogue_node_unique_code"),
            models.UniqueConstraint(
                fields=["code"], condition=models.Q(organization__isnull=True), name="catalogue_node_unique_std_code"
            ),
        ]

    def __str__(self):
        return self.name


class PublishingSettings(models.Model):
    """Per-agency publishing configuration (data, not code)."""

    organization = models.OneToOneField(
        "organizations.Organization", related_name="publishing_settings", on_delete=models.CASCADE
    )
    index_pattern = models.CharField(
        _("索引号格式"),
        max_length=100,
        default="{机构代码}/{年}-{序号}",
        help_text=_("可用占位符：{机构代码}、{年}、{序号}"),
    )
    sequence_width = models.PositiveSmallIntegerField(_("序号位数"), default=5)
    review_rounds = models.JSONField(
        _("审核轮次"),
        default=list,
        blank=True,
        help_text=_('依次审核的角色，如 ["reviewer", "head"]（审核人、负责人）'),
    )
    guide_override = models.TextField(
        _("公开指南（人工编辑版）"), blank=True, help_text=_("留空则按本机关信息自动生成公开指南")
    )
    guide_updated_on = models.DateField(_("指南更新日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("公开设置")
        verbose_name_plural = _("公开设置")

    def __str__(self):
        return str(self.organization)

    def rounds(self) -> list[str]:
        return list(self.review_rounds or ["reviewer", "head"])


class IndexSequence(models.Model):
    """The last 序号 used for an agency's 索引号 in a year."""

    organization = models.ForeignKey("organizations.Organization", on_delete=models.CASCADE)
    year = models.PositiveIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organization", "year"], name="index_sequence_unique")]


class Status(models.TextChoices):
    DRAFT = "draft", _("草稿")
    PRE_REVIEW = "pre_review", _("待预审（保密审查）")
    IN_REVIEW = "in_review", _("审核中")
    RETURNED = "returned", _("退回修改")
    APPROVED = "approved", _("审核通过待发布")
    SCHEDULED = "scheduled", _("定时发布")
    PUBLISHED = "published", _("已发布")
    WITHDRAWN = "withdrawn", _("已撤回")
    NOT_PUBLIC = "not_public", _("不予主动公开（已登记）")


class Disclosure(models.TextChoices):
    PROACTIVE = "proactive", _("主动公开")
    ON_REQUEST = "on_request", _("依申请公开")
    WITHHELD = "withheld", _("不予公开")


class Validity(models.TextChoices):
    IN_FORCE = "in_force", _("现行有效")
    AMENDED = "amended", _("已修改")
    REPEALED = "repealed", _("已废止")


class LegalKind(models.TextChoices):
    NONE = "", _("非规章、非规范性文件")
    REGULATION = "regulation", _("规章")
    NORMATIVE = "normative", _("行政规范性文件")


class Genre(models.TextChoices):
    NOTICE = "notice", _("通知")
    ANNOUNCEMENT = "announcement", _("公告")
    DECISION = "decision", _("决定")
    OPINION = "opinion", _("意见")
    MEASURES = "measures", _("办法")
    RULES = "rules", _("规定")
    PLAN = "plan", _("规划")
    SCHEME = "scheme", _("方案")
    REPORT = "report", _("报告")
    BULLETIN = "bulletin", _("通报")
    REPLY = "reply", _("批复")
    LETTER = "letter", _("函")
    NEWS = "news", _("工作动态")
    INTERPRETATION = "interpretation", _("政策解读")
    OTHER = "other", _("其他")


class InterpretationKind(models.TextChoices):
    TEXT = "text", _("文字解读")
    GRAPHIC = "graphic", _("图解")
    VIDEO = "video", _("视频解读")


# 主题分类: the State Council's 公文主题分类 headings (a filter, not law; agencies may type others).
TOPICS = [
    "综合政务",
    "国民经济管理、国有资产监管",
    "财政、金融、审计",
    "国土资源、能源",
    "农业、林业、水利",
    "工业、交通",
    "商贸、海关、旅游",
    "市场监管、安全生产监管",
    "城乡建设、环境保护",
    "科技、教育",
    "文化、广电、新闻出版",
    "卫生、体育",
    "人口与计划生育、妇女儿童工作",
    "劳动、人事、监察",
    "公安、安全、司法",
    "民政、扶贫、救灾",
    "民族、宗教",
    "其他",
]


class PublicationQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Status.PUBLISHED)

    def open_work(self):
        return self.exclude(status__in=[Status.PUBLISHED, Status.WITHDRAWN, Status.NOT_PUBLIC])

    def overdue(self, today):
        return self.open_work().filter(publish_due__lt=today, disclosure=Disclosure.PROACTIVE)


class Publication(models.Model):
    organization = models.ForeignKey(
        "organizations.Organization", verbose_name=_("机构"), related_name="publications", on_delete=models.PROTECT
    )
    title = models.CharField(_("标题"), max_length=300)
    index_number = models.CharField(_("索引号"), max_length=100, blank=True, db_index=True)
    issuing_authority = models.CharField(_("发文机关"), max_length=200, blank=True)
    document_number = models.CharField(_("文号"), max_length=100, blank=True)
    written_on = models.DateField(_("成文日期"), null=True, blank=True)
    formed_on = models.DateField(_("形成或变更日期"), help_text=_("第二十六条：自此日起20个工作日内公开"))
    published_on = models.DateField(_("发布日期"), null=True, blank=True, db_index=True)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    topic = models.CharField(_("主题分类"), max_length=50, blank=True)
    genre = models.CharField(_("体裁"), max_length=20, choices=Genre.choices, default=Genre.NOTICE)
    node = models.ForeignKey(
        CatalogueNode, verbose_name=_("目录"), related_name="publications", on_delete=models.PROTECT
    )
    summary = models.CharField(_("内容概述"), max_length=500, blank=True)
    body = models.TextField(_("正文"), blank=True)
    body_text = models.TextField(_("正文（纯文本）"), blank=True, editable=False)
    legal_kind = models.CharField(_("文件性质"), max_length=20, choices=LegalKind.choices, blank=True, default="")
    validity = models.CharField(_("有效性"), max_length=20, choices=Validity.choices, default=Validity.IN_FORCE)
    effective_on = models.DateField(_("施行日期"), null=True, blank=True)
    amended_on = models.DateField(_("修改日期"), null=True, blank=True)
    repealed_on = models.DateField(_("废止日期"), null=True, blank=True)
    disclosure = models.CharField(_("公开属性"), max_length=20, choices=Disclosure.choices, blank=True)
    disclosure_ground = models.CharField(_("不公开（依申请公开）的理由和依据"), max_length=300, blank=True)
    # 政策解读: a publication that explains another one.
    interprets = models.ForeignKey(
        "self",
        verbose_name=_("解读的政策文件"),
        null=True,
        blank=True,
        related_name="interpretations",
        on_delete=models.SET_NULL,
    )
    interpretation_kind = models.CharField(_("解读形式"), max_length=20, choices=InterpretationKind.choices, blank=True)
    video_url = models.URLField(_("视频链接"), blank=True)
    # Workflow.
    status = models.CharField(_("状态"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True)
    review_round = models.PositiveSmallIntegerField(_("审核轮次"), default=0)
    checklist = models.JSONField(_("保密审查清单"), default=dict, blank=True)
    publish_due = models.DateField(_("应公开期限"), null=True, blank=True, db_index=True)
    scheduled_at = models.DateTimeField(_("定时发布时间"), null=True, blank=True, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("起草人"), null=True, related_name="+", on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = PublicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("主动公开信息")
        verbose_name_plural = _("主动公开信息")
        ordering = ["-published_on", "-id"]
        indexes = [
            models.Index(fields=["organization", "status", "published_on"], name="pub_org_status_date"),
            models.Index(fields=["organization", "node", "status", "published_on"], name="pub_org_node_status_date"),
            models.Index(fields=["status", "published_on", "id"], name="pub_status_date"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(status__in=Status.values), name="publication_status_valid"),
            models.CheckConstraint(condition=models.Q(validity__in=Validity.values), name="publication_validity_valid"),
            models.UniqueConstraint(
                fields=["organization", "index_number"],
                condition=~models.Q(index_number=""),
                name="publication_unique_index_number",
            ),
        ]

    def __str__(self):
        return self.title

    def is_overdue(self, today) -> bool:
        return bool(
            self.publish_due
            and self.publish_due < today
            and self.disclosure in ("", Disclosure.PROACTIVE)
            and self.status not in (Status.PUBLISHED, Status.WITHDRAWN, Status.NOT_PUBLIC)
        )

    @property
    def is_public(self) -> bool:
        return self.status == Status.PUBLISHED


class PublicationEvent(models.Model):
    """The history of one publication: every transition, review decision and validity change."""

    publication = models.ForeignKey(Publication, related_name="events", on_delete=models.CASCADE)
    at = models.DateTimeField(_("时间"), auto_now_add=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    action = models.CharField(_("操作"), max_length=30)
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20, blank=True)
    review_round = models.PositiveSmallIntegerField(default=0)
    role = models.CharField(max_length=20, blank=True)
    comments = models.TextField(_("意见"), blank=True)
    on = models.DateField(_("日期"), null=True, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return f"{self.publication_id} {self.action}"


def attachment_path(instance, filename):
    return f"publications/{instance.publication.organization_id}/{instance.publication_id}/{instance.sha256[:16]}.{instance.kind}"


class Attachment(models.Model):
    class Kind(models.TextChoices):
        PDF = "pdf", "PDF"
        DOCX = "docx", "DOCX"
        PNG = "png", "PNG"
        JPEG = "jpg", "JPEG"
        MP4 = "mp4", "MP4"

    class Role(models.TextChoices):
        ATTACHMENT = "attachment", _("附件")
        GRAPHIC = "graphic", _("图解")
        VIDEO = "video", _("视频")

    publication = models.ForeignKey(Publication, related_name="attachments", on_delete=models.CASCADE)
    file = models.FileField(_("文件"), upload_to=attachment_path, max_length=255)
    name = models.CharField(_("文件名"), max_length=200)
    kind = models.CharField(_("类型"), max_length=10, choices=Kind.choices)
    role = models.CharField(_("用途"), max_length=20, choices=Role.choices, default=Role.ATTACHMENT)
    size = models.PositiveBigIntegerField(_("大小"))
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("附件")
        verbose_name_plural = _("附件")
        ordering = ["id"]

    def __str__(self):
        return self.name

    @property
    def organization(self):
        return self.publication.organization


class SearchDocument(models.Model):
    """CJK-bigram tokens of one published publication, indexed per database (see migrations), with copies of
    the columns search filters and sorts on, so a query never touches the publications table until the last page
    of candidates (on PostgreSQL ``tokens`` is emptied by a trigger once turned into the ``tsv`` column)."""

    publication = models.OneToOneField(Publication, primary_key=True, related_name="+", on_delete=models.CASCADE)
    tokens = models.TextField()
    published_on = models.DateField(null=True)
    org_id = models.BigIntegerField(null=True)
    node_ref = models.BigIntegerField(null=True)
    validity = models.CharField(max_length=20, blank=True)
    genre = models.CharField(max_length=20, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["published_on", "publication"], name="searchdoc_date"),
            models.Index(fields=["org_id", "published_on", "publication"], name="searchdoc_org_date"),
        ]


class YearlyFigures(models.Model):
    """第二十条第（五）（六）（八）项: decisions and fees that are not documents (report table 二)."""

    organization = models.ForeignKey(
        "organizations.Organization", verbose_name=_("机构"), related_name="yearly_figures", on_delete=models.CASCADE
    )
    year = models.PositiveIntegerField(_("年度"))
    licensing = models.PositiveIntegerField(_("行政许可处理决定数量"), default=0)
    penalty = models.PositiveIntegerField(_("行政处罚处理决定数量"), default=0)
    enforcement = models.PositiveIntegerField(_("行政强制处理决定数量"), default=0)
    fees_wan_yuan = models.DecimalField(_("行政事业性收费金额（万元）"), max_digits=14, decimal_places=4, default=0)
    note = models.CharField(_("说明"), max_length=300, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("年度统计数据")
        verbose_name_plural = _("年度统计数据")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "year"], name="yearly_figures_unique"),
            models.CheckConstraint(condition=models.Q(fees_wan_yuan__gte=0), name="yearly_figures_fees_nonneg"),
        ]

    def __str__(self):
        return f"{self.organization} {self.year}"


class PortalState(models.Model):
    """One row: a token that changes whenever something the public portal shows changes (page-cache key)."""

    token = models.CharField(max_length=32)

    class Meta:
        verbose_name = _("门户缓存版本")
