"""The editable calendar (one 国务院办公厅 notice per year, with its dates) and statutory periods as data."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from . import calc


class DayKind(models.TextChoices):
    HOLIDAY = calc.HOLIDAY, _("放假")
    WORKDAY = calc.WORKDAY, _("调休上班")


class Counting(models.TextChoices):
    WORKING = "working", _("工作日")
    CALENDAR = "calendar", _("自然日")


class RuleKind(models.TextChoices):
    REPLY = "reply", _("依申请公开答复（第三十三条）")
    EXTENSION = "extension", _("延长答复期限上限（第三十三条）")
    CORRECTION_NOTICE = "correction_notice", _("补正告知（第三十条）")
    CONSULTATION = "consultation", _("征求意见（第三十二条、第三十四条）")
    PUBLICATION = "publication", _("主动公开（第二十六条）")
    RECONSIDERATION_REPLY = "reconsideration_reply", _("行政复议答复（行政复议法第四十八条）")
    RECONSIDERATION_REPLY_SIMPLIFIED = (
        "reconsideration_reply_simplified",
        _("行政复议答复·简易程序（行政复议法第五十四条）"),
    )
    LITIGATION_DEFENCE = "litigation_defence", _("行政诉讼答辩（行政诉讼法第六十七条）")


class CalendarYear(models.Model):
    """One year's arrangement (国务院办公厅关于XXXX年部分节假日安排的通知)."""

    year = models.PositiveSmallIntegerField(
        _("年度"),
        unique=True,
        validators=[MinValueValidator(calc.MIN_YEAR), MaxValueValidator(calc.MAX_YEAR)],
    )
    title = models.CharField(_("通知标题"), max_length=200, blank=True)
    number = models.CharField(_("文号"), max_length=100, blank=True)
    published_on = models.DateField(_("发布日期"), null=True, blank=True)
    source_url = models.URLField(_("来源网址"), max_length=500, blank=True)
    note = models.TextField(_("备注"), blank=True)
    loaded = models.BooleanField(
        _("已录入完整安排"),
        default=True,
        help_text=_("未勾选时该年度按周末和固定日期节日暂定计算，期限标注为暂定"),
    )
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("年度放假安排")
        verbose_name_plural = _("年度放假安排")
        ordering = ["-year"]

    def __str__(self):
        return f"{self.year}年 {self.title or ''}".strip()


class CalendarDay(models.Model):
    """A declared holiday date or a 调休 working day."""

    arrangement = models.ForeignKey(
        CalendarYear, verbose_name=_("年度放假安排"), related_name="days", on_delete=models.CASCADE
    )
    date = models.DateField(_("日期"), unique=True)
    kind = models.CharField(_("类型"), max_length=10, choices=DayKind.choices)
    name = models.CharField(_("名称"), max_length=50, help_text=_("如“国庆节”“春节调休”"))

    class Meta:
        verbose_name = _("放假/调休日期")
        verbose_name_plural = _("放假/调休日期")
        ordering = ["date"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=[k.value for k in DayKind]), name="calendarday_kind_valid"
            )
        ]

    def __str__(self):
        return f"{self.date.isoformat()} {self.get_kind_display()} {self.name}"


class DeadlineRule(models.Model):
    """A statutory period as data; the row in force on a date is the latest ``effective_from`` not after it."""

    kind = models.CharField(_("期限类型"), max_length=40, choices=RuleKind.choices)
    days = models.PositiveSmallIntegerField(_("天数"))
    counting = models.CharField(_("计算方式"), max_length=10, choices=Counting.choices, default=Counting.WORKING)
    legal_basis = models.TextField(_("法律依据"), blank=True)
    effective_from = models.DateField(_("生效日期"))

    class Meta:
        verbose_name = _("法定期限")
        verbose_name_plural = _("法定期限")
        ordering = ["kind", "-effective_from"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "effective_from"], name="deadlinerule_unique_kind_date"),
            models.CheckConstraint(
                condition=models.Q(counting__in=[c.value for c in Counting]), name="deadlinerule_counting_valid"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}：{self.days}{self.get_counting_display()}"
