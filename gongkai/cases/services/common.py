"""What the services of the cases app share: mail after commit, staff addresses, the conflict error."""

import logging

from django.core.mail import send_mail
from django.db import transaction

from gongkai.organizations.models import WORK_ROLES, Membership, Organization

log = logging.getLogger("gongkai.cases")


class Conflict(Exception):
    """Someone else changed the record first (compare-and-swap failed)."""


def _mail(subject: str, body: str, recipients: list[str]) -> None:
    recipients = sorted({r for r in recipients if r})
    if not recipients:
        return

    def send():
        try:
            send_mail(subject, body, None, recipients)
        except Exception:  # mail trouble must not undo the recorded change
            log.exception("could not send mail %r", subject)

    transaction.on_commit(send)


def staff_emails(org: Organization, roles=WORK_ROLES) -> list[str]:
    return list(
        Membership.objects.filter(organization=org, role__in=list(roles))
        .exclude(user__email="")
        .values_list("user__email", flat=True)
    )
