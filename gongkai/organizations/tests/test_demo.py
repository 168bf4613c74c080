from io import StringIO

from django.core.management import call_command

from gongkai.organizations.models import Membership, Organization, Role


def test_load_demo_is_idempotent(db):
    call_command("load_demo", stdout=StringIO())
    counts = (Organization.objects.count(), Membership.objects.count())
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert (Organization.objects.count(), Membership.objects.count()) == counts
    assert "yd_clerk" in out.getvalue()
    yd = Organization.objects.get(short_name="原店镇")
    assert yd.parent.short_name == "陕州区"
    assert {m.role for m in Membership.objects.filter(organization=yd)} >= {Role.CLERK, Role.REVIEWER, Role.HEAD}
