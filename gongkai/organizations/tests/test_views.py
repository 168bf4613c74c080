from datetime import UTC, datetime

import time_machine
from django.urls import reverse

from gongkai.audit.models import AuditEntry
from gongkai.audit.services import entry, record_many


def _audit(org, n, *, prefix="分页测试操作"):
    """``n`` entries for ``org``, all at the same instant: only the id orders them. Oldest first."""
    with time_machine.travel(datetime(2025, 3, 3, 9, tzinfo=UTC), tick=False):
        record_many([entry(actor="测试", obj=org, action=f"{prefix}{i:02d}") for i in range(n)])
    return [f"{prefix}{i:02d}" for i in range(n)]


def test_the_organization_page_shows_the_latest_entries_and_links_to_the_whole_trail(orgs, client_for):
    yd = orgs["yuandian"]
    actions = _audit(yd, 25)
    c = client_for("yd_clerk")
    page = c.get(reverse("organizations:detail", args=[yd.pk])).content.decode()
    assert all(a in page for a in actions[-20:]) and not any(a in page for a in actions[:5])
    assert f'href="{reverse("organizations:audit", args=[yd.pk])}"' in page
    trail = c.get(reverse("organizations:audit", args=[yd.pk])).content.decode()
    assert all(a in trail for a in actions)  # the older ones are reachable


def test_the_audit_trail_pages_through_every_entry_newest_first(orgs, client_for, monkeypatch):
    from gongkai import pagination

    monkeypatch.setattr(pagination, "PER_PAGE", 2)
    yd = orgs["yuandian"]
    before = AuditEntry.objects.filter(organization=yd).count()
    actions = _audit(yd, 5)
    _audit(orgs["zhangwan"], 1, prefix="张湾乡的操作")
    total = before + 5
    pages = (total + 1) // 2
    c = client_for("yd_clerk")
    url = reverse("organizations:audit", args=[yd.pk])
    seen = []
    for n in range(1, pages + 1):
        html = c.get(url, {"page": n}).content.decode()
        assert f"第 {n} / {pages} 页，共 {total} 条" in html and "张湾乡的操作" not in html
        seen += sorted((a for a in actions if a in html), key=html.index)
    assert seen == actions[::-1]  # each once, newest first (the id breaks the tie in time)
    second = c.get(url, {"page": 2}).content.decode()
    assert 'href="?page=1"' in second and 'href="?page=3"' in second
    for bad, shown in (("abc", 1), ("99", pages)):
        got = c.get(url, {"page": bad})
        assert got.status_code == 200 and f"第 {shown} / {pages} 页" in got.content.decode()


def test_the_audit_trail_keeps_the_organization_pages_access_rules(orgs, client_for):
    url = reverse("organizations:audit", args=[orgs["yuandian"].pk])
    assert client_for("zw_clerk").get(url).status_code == 404  # another township
    assert client_for("sz_supervisor").get(url).status_code == 200  # the supervising county
    assert client_for("yd_clerk").get(url).status_code == 200
