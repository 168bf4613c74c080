from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "gongkai.reports"
    verbose_name = _("年度报告")

    def ready(self):
        from gongkai import i18n

        # The pure report core and readers mark their texts with gongkai.i18n: route them through Django's
        # translation.
        i18n.install_django()
