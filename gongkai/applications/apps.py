from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApplicationsConfig(AppConfig):
    name = "gongkai.applications"
    verbose_name = _("依申请公开")

    def ready(self):
        from gongkai import i18n

        # The pure idcheck and fees mark their texts with gongkai.i18n: route them through Django's translation.
        i18n.install_django()
