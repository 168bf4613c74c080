import pytest

from gongkai.audit.models import AuditEntry
from gongkai.audit.services import record


def test_it_records_who_what_and_before_after(orgs, users):
    entry = record(
        actor=users["yd_clerk"], obj=orgs["yuandian"], action="test.changed", before={"a": 1}, after={"a": 2}
    )
    assert entry.organization == orgs["yuandian"]
    assert entry.object_type == "organizations.organization"
    assert entry.actor_label.startswith("王丽")


def test_rows_cannot_be_changed_or_deleted(orgs):
    entry = record(actor=None, obj=orgs["yuandian"], action="test.x")
    assert entry.actor_label == "系统"
    entry.note = "tampered"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
    with pytest.raises(PermissionError):
        AuditEntry.objects.filter(pk=entry.pk).update(note="x")
    with pytest.raises(PermissionError):
        AuditEntry.objects.all().delete()
    assert AuditEntry.objects.get(pk=entry.pk).note == ""
