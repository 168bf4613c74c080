"""The one way to write the audit trail.

Every service that changes state calls :func:`record` inside its own transaction, so the
change and its audit row commit or roll back together.
"""

from datetime import date, datetime
from decimal import Decimal

from django.db import models

from .models import AuditEntry


def _jsonable(value):
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [_jsonable(v) for v in value]
    if hasattr(value, "name") and hasattr(value, "url"):  # FieldFile
        return value.name or ""
    return value


def snapshot(obj: models.Model, fields: list[str] | None = None) -> dict:
    """The concrete field values of ``obj`` (or only ``fields``), ready for JSON."""
    names = fields or [f.attname for f in obj._meta.concrete_fields]
    return {name: _jsonable(getattr(obj, name)) for name in names}


def entry(
    *,
    actor,
    obj: models.Model,
    action: str,
    before: dict | None = None,
    after: dict | None = None,
    organization=None,
    note: str = "",
) -> AuditEntry:
    """One audit row, not yet saved (see :func:`record` and :func:`record_many`).

    ``actor`` may be a User, None (the system) or a label string.
    """
    organization_id = organization.pk if organization is not None else getattr(obj, "organization_id", None)
    if organization_id is None:
        if obj._meta.label_lower == "organizations.organization":
            organization_id = obj.pk
        elif (owner := getattr(obj, "organization", None)) is not None:  # a property, not a foreign key
            organization_id = owner.pk
    if actor is None:
        actor_user, label = None, "系统"
    elif isinstance(actor, str):
        actor_user, label = None, actor
    else:
        actor_user = actor if getattr(actor, "is_authenticated", False) else None
        label = (actor.get_full_name() or actor.get_username()) if actor_user else "公众"
    return AuditEntry(
        actor=actor_user,
        actor_label=label[:150],
        organization_id=organization_id,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=str(obj)[:200],
        action=action,
        before=_jsonable(before) if before is not None else None,
        after=_jsonable(after) if after is not None else None,
        note=note,
    )


def record(**kwargs) -> AuditEntry:
    """Append one audit row (the arguments of :func:`entry`)."""
    row = entry(**kwargs)
    row.save()
    return row


def record_many(rows: list[AuditEntry]) -> list[AuditEntry]:
    """Append many rows built by :func:`entry` in a few INSERTs (a recalculation pass audits thousands)."""
    return AuditEntry.objects.bulk_create(rows, batch_size=1000)
