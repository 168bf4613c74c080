from django.db import transaction

from gongkai.audit.services import record, snapshot

from .models import Organization

CONTACT_FIELDS = ["office_name", "address", "office_hours", "phone", "fax", "website", "email", "postal_code"]


@transaction.atomic
def update_contact(org: Organization, *, by, data: dict) -> Organization:
    """Change the 公开指南 contact facts of an organization (条例 第十二条), with an audit row."""
    org = Organization.objects.select_for_update().get(pk=org.pk)
    before = snapshot(org, CONTACT_FIELDS)
    for field in CONTACT_FIELDS:
        if field in data:
            setattr(org, field, data[field])
    org.save(update_fields=CONTACT_FIELDS)
    after = snapshot(org, CONTACT_FIELDS)
    if before != after:
        record(actor=by, obj=org, action="organization.contact_updated", before=before, after=after)
    return org
