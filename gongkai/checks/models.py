"""Checked annual reports: what a supervising office read from a subordinate agency's published report."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CheckedReport(models.Model):
    class Kind(models.TextChoices):
        TEXT = "text", _("文本")
        HTML = "html", _("网页")
        DOCX = "docx", _("Word 文档")
        PDF = "pdf", _("PDF")

    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("被检查机构"),
        related_name="checked_reports",
        on_delete=models.PROTECT,
    )
    year = models.PositiveSmallIntegerField(_("报告年度"))
    source_name = models.CharField(_("文件名"), max_length=255)
    source_kind = models.CharField(_("文件类型"), max_length=10, choices=Kind.choices)
    source_file = models.FileField(_("原文件"), upload_to="checks/%Y/", max_length=255)
    template = models.CharField(_("报告格式"), max_length=4)
    title = models.CharField(_("报告标题"), max_length=255, blank=True)
    stated_organization = models.CharField(_("报告所写机构"), max_length=200, blank=True)
    result = models.JSONField(_("读取结果（report-ids JSON，含问题）"))
    side_by_side = models.TextField(_("原文与读取结果对照（HTML）"), blank=True)
    errors = models.PositiveIntegerField(_("错误"), default=0)
    warnings = models.PositiveIntegerField(_("警告"), default=0)
    notes = models.PositiveIntegerField(_("提示"), default=0)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("检查人"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    checked_at = models.DateTimeField(_("检查时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("年报检查结果")
        verbose_name_plural = _("年报检查结果")
        ordering = ["organization__path", "-year", "-checked_at"]
        indexes = [models.Index(fields=["organization", "year"])]
        constraints = [
            models.CheckConstraint(condition=models.Q(template__in=["2019", "2021"]), name="checks_template_valid"),
            models.CheckConstraint(condition=models.Q(year__gte=2008, year__lte=2100), name="checks_year_range"),
        ]

    def __str__(self):
        return f"{self.organization} {self.year}年 · {self.source_name}"

    @property
    def findings(self) -> list[dict]:
        return self.result.get("findings", [])
