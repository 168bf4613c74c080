"""Annual reports (政府信息公开工作年度报告, 条例 第四十九–五十条): one per organization and year, in versions.

A version moves draft → review → approved → published; a published version is locked and never changes
(its numbers are a stored snapshot). A correction after publication is a new version with a public
change note; the earlier version becomes ``superseded`` and stays readable.
"""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gongkai.organizations.models import Level, Organization


class Template(models.TextChoices):
    T2021 = "2021", _("国办公开办函〔2021〕30号格式")
    T2019 = "2019", _("国办公开办函〔2019〕60号格式")


class Scope(models.TextChoices):
    OWN = "own", _("本机关")
    SUBTREE = "subtree", _("汇总本级及所属机构")


class Status(models.TextChoices):
    DRAFT = "draft", _("草稿")
    REVIEW = "review", _("内部审核中")
    APPROVED = "approved", _("负责人已批准")
    PUBLISHED = "published", _("已发布")
    SUPERSEDED = "superseded", _("已被更正版本替代")


OPEN_STATUSES = (Status.DRAFT, Status.REVIEW, Status.APPROVED)
PUBLIC_STATUSES = (Status.PUBLISHED, Status.SUPERSEDED)

# The one transition table (STYLE §7.4): status -> {action: new status}.
TRANSITIONS = {
    Status.DRAFT: {"submit": Status.REVIEW},
    Status.REVIEW: {"return": Status.DRAFT, "approve": Status.APPROVED},
    Status.APPROVED: {"return": Status.DRAFT, "publish": Status.PUBLISHED},
    Status.PUBLISHED: {},
    Status.SUPERSEDED: {},
}


class ReportDeadline(models.Model):
    """When the report on year Y is due: (Y+1)-month-day.

    条例 第四十九条 sets 1月31日 for 县级以上人民政府部门; a 乡镇's date comes from the county's notice
    (regulation.md §1.6 [I]), so this is data: one row per level, optionally overridden per organization.
    """

    level = models.CharField(_("层级"), max_length=20, choices=Level.choices, blank=True)
    organization = models.OneToOneField(
        Organization,
        verbose_name=_("机构（单独设置）"),
        null=True,
        blank=True,
        related_name="report_deadline",
        on_delete=models.CASCADE,
    )
    month = models.PositiveSmallIntegerField(_("月"), default=1)
    day = models.PositiveSmallIntegerField(_("日"), default=31)
    remind_days = models.CharField(
        _("提前提醒天数"), max_length=50, default="14,3", help_text=_("截止日前多少天提醒，逗号分隔，如 14,3")
    )
    source = models.CharField(_("依据"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("年报截止日期")
        verbose_name_plural = _("年报截止日期")
        constraints = [
            models.CheckConstraint(
                condition=(Q(level="") & Q(organization__isnull=False)) | (~Q(level="") & Q(organization__isnull=True)),
                name="report_deadline_level_xor_org",
            ),
            models.UniqueConstraint(fields=["level"], condition=~Q(level=""), name="report_deadline_one_per_level"),
            models.CheckConstraint(condition=Q(month__gte=1, month__lte=12), name="report_deadline_month"),
            models.CheckConstraint(condition=Q(day__gte=1, day__lte=31), name="report_deadline_day"),
        ]

    def __str__(self):
        who = self.organization.name if self.organization_id else self.get_level_display()
        return f"{who}：次年{self.month}月{self.day}日"

    def due_for(self, year: int) -> date:
        """The due date of the report on ``year`` (clamped to the month's last day)."""
        import calendar

        last = calendar.monthrange(year + 1, self.month)[1]
        return date(year + 1, self.month, min(self.day, last))

    def reminder_days(self) -> list[int]:
        out = []
        for part in self.remind_days.replace("，", ",").split(","):
            part = part.strip()
            if part.isdigit():
                out.append(int(part))
        return sorted(set(out), reverse=True)


class Report(models.Model):
    organization = models.ForeignKey(
        Organization, verbose_name=_("机构"), related_name="annual_reports", on_delete=models.PROTECT
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    template = models.CharField(_("格式"), max_length=10, choices=Template.choices, default=Template.T2021)
    scope = models.CharField(_("统计范围"), max_length=10, choices=Scope.choices, default=Scope.OWN)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, related_name="+", on_delete=models.SET_NULL
    )

    class Meta:
        verbose_name = _("年度报告")
        verbose_name_plural = _("年度报告")
        ordering = ["-year", "organization__path"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "year"], name="report_one_per_org_year"),
            models.CheckConstraint(condition=Q(template__in=[t.value for t in Template]), name="report_template_valid"),
            models.CheckConstraint(condition=Q(scope__in=[s.value for s in Scope]), name="report_scope_valid"),
        ]

    def __str__(self):
        return f"{self.organization.name} {self.year}年政府信息公开工作年度报告"

    @property
    def title(self):
        return str(self)

    def current_published(self):
        return self.versions.filter(status=Status.PUBLISHED).first()

    def open_version(self):
        return self.versions.filter(status__in=OPEN_STATUSES).first()

    def latest_version(self):
        return self.versions.order_by("-number").first()


class ReportVersion(models.Model):
    report = models.ForeignKey(Report, verbose_name=_("年度报告"), related_name="versions", on_delete=models.CASCADE)
    number = models.PositiveSmallIntegerField(_("版本"))
    status = models.CharField(_("状态"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    # The report's content as report-ids.md JSON (template, organization, year, sections, section2/3/4),
    # without findings. For a published version this is the stored snapshot: data changes never reach it.
    data = models.JSONField(_("报告内容"))
    findings = models.JSONField(_("校验结果"), default=list, blank=True)
    # Tables filled from the system's records (e.g. ["section2", "section3"]); the others are typed by staff.
    generated_tables = models.JSONField(default=list, blank=True)
    generated_at = models.DateTimeField(_("数据生成时间"), null=True, blank=True)
    change_note = models.TextField(_("更正说明"), blank=True, help_text=_("更正版本必填，随报告公开"))
    override_reason = models.TextField(_("带错误发布的理由"), blank=True)
    return_note = models.TextField(_("退回意见"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, related_name="+", on_delete=models.SET_NULL
    )
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, related_name="+", on_delete=models.SET_NULL
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, related_name="+", on_delete=models.SET_NULL
    )
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, related_name="+", on_delete=models.SET_NULL
    )

    class Meta:
        verbose_name = _("年度报告版本")
        verbose_name_plural = _("年度报告版本")
        ordering = ["report", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="report_version_unique_number"),
            models.UniqueConstraint(
                fields=["report"],
                condition=Q(status__in=[s.value for s in OPEN_STATUSES]),
                name="report_one_open_version",
            ),
            models.UniqueConstraint(
                fields=["report"], condition=Q(status=Status.PUBLISHED), name="report_one_current_published"
            ),
            models.CheckConstraint(condition=Q(status__in=[s.value for s in Status]), name="report_version_status"),
            models.CheckConstraint(
                condition=Q(status__in=[s.value for s in PUBLIC_STATUSES], published_at__isnull=False)
                | Q(status__in=[s.value for s in OPEN_STATUSES], published_at__isnull=True),
                name="report_version_published_at",
            ),
        ]

    def __str__(self):
        return f"{self.report} 第{self.number}版"

    @property
    def organization(self):
        return self.report.organization

    @property
    def is_locked(self) -> bool:
        return self.status in PUBLIC_STATUSES

    @property
    def is_editable(self) -> bool:
        return self.status == Status.DRAFT

    def error_count(self) -> int:
        return sum(1 for f in self.findings or [] if f.get("severity") == "error")

    def warning_count(self) -> int:
        return sum(1 for f in self.findings or [] if f.get("severity") == "warning")

    def allowed_actions(self) -> set[str]:
        return set(TRANSITIONS.get(self.status, {}))


class ReportReminder(models.Model):
    """One reminder sent before an organization's report deadline; the unique row is the claim."""

    organization = models.ForeignKey(Organization, related_name="+", on_delete=models.CASCADE)
    year = models.PositiveSmallIntegerField()
    days_before = models.PositiveSmallIntegerField()
    due_on = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organization", "year", "days_before"], name="report_reminder_once")
        ]
