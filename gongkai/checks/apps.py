from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChecksConfig(AppConfig):
    name = "gongkai.checks"
    verbose_name = _("年报检查")
