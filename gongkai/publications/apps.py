from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicationsConfig(AppConfig):
    name = "gongkai.publications"
    verbose_name = _("主动公开")
