"""Staff home hook (docs/interfaces.md, ``home.py``): the 督办 banner.

A 督办 is open for the agency it is addressed to while it waits for the agency's answer (status 待办理,
also after the supervisor returns it); once answered it waits for the supervisor, and closed it is done.
Only the organizations the user works for count (``access.work_organizations``): a supervisor sees the
督办 it issued on its desk, not here.
"""

from django.db.models import Count, Min, Q

from gongkai.organizations import access

from .models import Urging, UrgingStatus

SHOWN = 20  # listed on the home page; the 督办 list has the rest


def banners(user, *, today) -> list[dict]:
    open_urgings = Urging.objects.filter(
        status=UrgingStatus.ISSUED, organization__in=access.work_organizations(user).values("pk")
    )
    figures = open_urgings.aggregate(
        count=Count("pk"),
        overdue=Count("pk", filter=Q(due_on__lt=today)),
        nearest=Min("due_on", filter=Q(due_on__gte=today)),
    )
    if not figures["count"]:
        return []
    shown = open_urgings.select_related("organization", "issuer").order_by("due_on", "pk")[:SHOWN]
    return [
        {
            "template": "cases/home_urgings.html",
            "rows": [{"urging": u, "overdue": u.is_overdue(today)} for u in shown],
            **figures,
        }
    ]
