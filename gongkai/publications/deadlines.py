"""Recompute the stored 第二十六条 publication due dates after the working-day calendar changed."""

from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.workdays import services as workdays
from gongkai.workdays.clock import simple_deadline
from gongkai.workdays.services import Changed

from .models import Publication


@transaction.atomic
def recompute_all(*, calendar, today, by) -> list[Changed]:  # noqa: ARG001 (hook signature)
    days = workdays.period("publication")
    changed = []
    for pub in Publication.objects.open_work().exclude(formed_on__isnull=True).select_for_update():
        new_due, _explanation = simple_deadline(pub.formed_on, days, calendar, what=_("主动公开"))
        if new_due != pub.publish_due:
            changed.append(Changed(pub, pub.publish_due, new_due))
            pub.publish_due = new_due
    workdays.save_changed(Publication, [item.obj for item in changed], ["publish_due"])
    return changed
