from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


def _invalidate(sender, instance, **kwargs):
    from django.utils import timezone

    from .models import CalendarDay, CalendarYear
    from .services import invalidate_calendar

    if sender is CalendarDay:
        # Touch the year so that other processes notice the change (see services.get_calendar).
        CalendarYear.objects.filter(pk=instance.arrangement_id).update(updated_at=timezone.now())
    invalidate_calendar()


class WorkdaysConfig(AppConfig):
    name = "gongkai.workdays"
    verbose_name = _("工作日与期限")

    def ready(self):
        from gongkai import i18n

        # The pure calendar and clock mark their texts with gongkai.i18n: route them through Django's translation.
        i18n.install_django()

        # Cache invalidation only (any edit, including the Django admin); no domain flow runs on signals.
        from .models import CalendarDay, CalendarYear

        for model in (CalendarYear, CalendarDay):
            post_save.connect(_invalidate, sender=model, dispatch_uid=f"workdays-invalidate-save-{model.__name__}")
            post_delete.connect(_invalidate, sender=model, dispatch_uid=f"workdays-invalidate-delete-{model.__name__}")
