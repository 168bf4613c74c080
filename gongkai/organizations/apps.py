from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganizationsConfig(AppConfig):
    name = "gongkai.organizations"
    verbose_name = _("机构与人员")
