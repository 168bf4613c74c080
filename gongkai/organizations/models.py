"""Organizations (省/市/县区/乡镇街道/部门) and the roles people hold in them."""

from django.conf import settings
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    PROVINCE = "province", _("省级")
    CITY = "city", _("市级")
    COUNTY = "county", _("县区级")
    TOWNSHIP = "township", _("乡镇街道")
    DEPARTMENT = "department", _("部门")


class Role(models.TextChoices):
    CLERK = "clerk", _("公开专员")
    REVIEWER = "reviewer", _("审核人")
    HEAD = "head", _("负责人")
    SUPERVISOR = "supervisor", _("监督（主管部门）")
    ADMIN = "admin", _("系统管理员")


# Roles that act on the organization's own work (as opposed to supervising its subtree).
WORK_ROLES = frozenset({Role.CLERK, Role.REVIEWER, Role.HEAD, Role.ADMIN})


class OrganizationQuerySet(models.QuerySet):
    def subtree(self, org):
        return self.filter(path__startswith=org.path)


class Organization(models.Model):
    name = models.CharField(_("机构名称"), max_length=100)
    short_name = models.CharField(_("简称"), max_length=50, blank=True)
    code = models.CharField(
        _("机构代码"), max_length=40, unique=True, help_text=_("用于索引号等编号，如统一社会信用代码或自编代码")
    )
    level = models.CharField(_("层级"), max_length=20, choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级机构（主管部门）"),
        null=True,
        blank=True,
        related_name="children",
        on_delete=models.PROTECT,
    )
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    # Contact facts for the 公开指南 (条例 第十二条).
    office_name = models.CharField(_("政府信息公开工作机构"), max_length=100, blank=True)
    address = models.CharField(_("办公地址"), max_length=200, blank=True)
    office_hours = models.CharField(_("办公时间"), max_length=200, blank=True)
    phone = models.CharField(_("联系电话"), max_length=50, blank=True)
    fax = models.CharField(_("传真号码"), max_length=50, blank=True)
    website = models.URLField(_("网址"), blank=True)
    email = models.EmailField(_("电子邮箱"), blank=True)
    postal_code = models.CharField(_("邮政编码"), max_length=10, blank=True)
    is_active = models.BooleanField(_("启用"), default=True)

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        verbose_name = _("机构")
        verbose_name_plural = _("机构")
        ordering = ["path"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        with transaction.atomic():
            super().save(*args, **kwargs)
            path = (self.parent.path if self.parent_id else "") + f"{self.pk:07d}/"
            if path != self.path:
                old = self.path
                self.path = path
                Organization.objects.filter(pk=self.pk).update(path=path)
                if old:
                    for child in Organization.objects.filter(path__startswith=old).exclude(pk=self.pk):
                        child.path = path + child.path[len(old) :]
                        Organization.objects.filter(pk=child.pk).update(path=child.path)

    @property
    def display_name(self):
        return self.short_name or self.name

    def ancestors(self):
        ids = [int(p) for p in self.path.strip("/").split("/") if p]
        by_id = {o.pk: o for o in Organization.objects.filter(pk__in=ids)}
        return [by_id[i] for i in ids if i in by_id and i != self.pk]

    def descendants(self, include_self=True):
        qs = Organization.objects.subtree(self)
        return qs if include_self else qs.exclude(pk=self.pk)

    def is_within(self, other) -> bool:
        return self.path.startswith(other.path)

    @property
    def supervising_office(self):
        """The 主管部门: the parent organization."""
        return self.parent


class Membership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("用户"), related_name="memberships", on_delete=models.CASCADE
    )
    organization = models.ForeignKey(
        Organization, verbose_name=_("机构"), related_name="memberships", on_delete=models.CASCADE
    )
    role = models.CharField(_("角色"), max_length=20, choices=Role.choices)

    class Meta:
        verbose_name = _("岗位")
        verbose_name_plural = _("岗位")
        constraints = [
            models.UniqueConstraint(fields=["user", "organization", "role"], name="membership_unique_role"),
            models.CheckConstraint(condition=models.Q(role__in=[r.value for r in Role]), name="membership_role_valid"),
        ]

    def __str__(self):
        return f"{self.user} · {self.organization} · {self.get_role_display()}"
