from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "gongkai.portal"
    verbose_name = _("公开门户")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from gongkai.organizations.models import Organization

        from .cache import bump

        # Cache invalidation only (not domain flow): organization facts appear on every portal page.
        def organization_changed(sender, **kwargs):
            bump()

        post_save.connect(organization_changed, sender=Organization, dispatch_uid="portal-org-save")
        post_delete.connect(organization_changed, sender=Organization, dispatch_uid="portal-org-delete")
