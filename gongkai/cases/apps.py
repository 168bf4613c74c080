from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "gongkai.cases"
    verbose_name = _("复议诉讼与监督")

    def ready(self):
        from gongkai import i18n

        # The pure counting of table 四 (counting.py) marks its labels with gongkai.i18n: route them through
        # Django's translation.
        i18n.install_django()
