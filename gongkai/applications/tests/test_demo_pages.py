"""The demo data: every state and category where the issue asks, and every page renders for it."""

import pytest
from django.urls import reverse
from django.utils import timezone

from gongkai.applications import categories, demo
from gongkai.applications.models import Application, Consultation
from gongkai.applications.reporting import section3
from gongkai.applications.workflow import Status
from gongkai.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_demo_covers_every_state_and_category_and_is_idempotent(world, client_for):
    demo.load(world)
    count = Application.objects.count()
    demo.load(world)
    assert Application.objects.count() == count
    yd, zw = world["orgs"]["yuandian"], world["orgs"]["zhangwan"]
    assert set(Application.objects.filter(organization=yd).values_list("status", flat=True)) == set(Status.values)
    for org, year in ((yd, 2025), (yd, 2026), (zw, 2024)):
        s = section3([org.pk], year)
        assert all(s[c.id][6] >= 1 for c in categories.CATEGORIES), (org, year)
    assert section3([yd.pk], 2024)["new"][6] == 0 and section3([yd.pk], 2024)["carried_out"][6] == 0
    assert Application.objects.filter(organization=yd).overdue(timezone.localdate()).exists()
    # The newer paths too: a 第三十二条 notice to an objecting third party, and a withdrawal made online.
    assert Consultation.objects.filter(application__organization=yd, disclosure_letter__isnull=False).exists()
    online = AuditEntry.objects.filter(
        action="applications.withdrawn", actor__isnull=True, note__contains="通过网站撤回"
    )
    assert online.exists()

    clerk, sup = client_for("yd_clerk"), client_for("sz_supervisor")
    for bucket in ("today", "soon", "overdue", "paused", "review", "open", "closed", "all"):
        assert clerk.get(reverse("applications:queue"), {"bucket": bucket}).status_code == 200
    for app in Application.objects.filter(organization=yd):
        assert clerk.get(reverse("applications:detail", args=[app.pk])).status_code == 200
        assert sup.get(reverse("applications:detail", args=[app.pk])).status_code == 200
    assert clerk.get(reverse("applications:templates")).status_code == 200
