import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from gongkai.audit.models import AuditEntry
from gongkai.organizations import access
from gongkai.organizations.models import Organization


def test_it_keeps_paths_of_the_tree(orgs):
    yd = orgs["yuandian"]
    assert yd.path.startswith(orgs["shanzhou"].path)
    assert [o.name for o in yd.ancestors()] == ["河南省人民政府", "三门峡市人民政府", "三门峡市陕州区人民政府"]
    subtree = set(Organization.objects.subtree(orgs["shanzhou"]).values_list("code", flat=True))
    assert {"HA411203-YDZ", "HA411203-ZWX", "HA411203"} <= subtree
    assert "HA4112" not in subtree


def test_it_moves_descendants_when_a_parent_moves(orgs):
    shanzhou = orgs["shanzhou"]
    shanzhou.parent = orgs["henan"]
    shanzhou.save()
    orgs["yuandian"].refresh_from_db()
    assert orgs["yuandian"].path.startswith(orgs["henan"].path)
    assert not orgs["yuandian"].is_within(orgs["smx"])


def test_a_clerk_works_for_one_organization_only(users, orgs):
    clerk = users["yd_clerk"]
    assert list(access.work_organizations(clerk)) == [orgs["yuandian"]]
    assert access.get_organization_for_user(clerk, orgs["yuandian"].pk) == orgs["yuandian"]
    with pytest.raises(Http404):
        access.get_organization_for_user(clerk, orgs["zhangwan"].pk)


def test_a_supervisor_reads_its_subtree_but_does_not_act_there(users, orgs):
    sup = users["sz_supervisor"]
    visible = set(access.visible_organizations(sup))
    assert orgs["yuandian"] in visible and orgs["zhangwan"] in visible
    assert orgs["smx"] not in visible and orgs["henan"] not in visible
    with pytest.raises(PermissionDenied):
        access.get_organization_for_user(sup, orgs["yuandian"].pk, write=True)


def test_the_city_supervisor_sees_the_district_below(users, orgs):
    assert orgs["yuandian"] in set(access.visible_organizations(users["smx_supervisor"]))
    assert orgs["henan"] not in set(access.visible_organizations(users["smx_supervisor"]))


def test_visible_filters_querysets_by_organization(users, orgs):
    from gongkai.organizations.models import Membership

    qs = access.visible(Membership.objects.all(), users["yd_clerk"])
    assert {m.organization_id for m in qs} == {orgs["yuandian"].pk}


def test_contact_edit_writes_an_audit_row(client_for, orgs):
    c = client_for("yd_clerk")
    url = f"/staff/organizations/{orgs['yuandian'].pk}/edit/"
    r = c.post(
        url,
        {
            "office_name": "原店镇政务公开办",
            "address": "原店镇政府院内",
            "phone": "0398-1",
            "fax": "",
            "website": "",
            "email": "",
            "postal_code": "",
            "office_hours": "工作日",
        },
    )
    assert r.status_code == 302
    entry = AuditEntry.objects.get(action="organization.contact_updated")
    assert entry.before["office_name"] == "原店镇党政办公室"
    assert entry.after["office_name"] == "原店镇政务公开办"
    assert entry.actor.username == "yd_clerk"


def test_a_bad_email_keeps_what_was_typed(client_for, orgs):
    c = client_for("yd_clerk")
    r = c.post(f"/staff/organizations/{orgs['yuandian'].pk}/edit/", {"office_name": "新名称", "email": "not-an-email"})
    assert r.status_code == 200
    assert "新名称" in r.content.decode()
    assert "有效" in r.content.decode()  # Django's Chinese "输入一个有效的 Email 地址。"
    orgs["yuandian"].refresh_from_db()
    assert orgs["yuandian"].office_name == "原店镇党政办公室"


def test_a_supervisor_cannot_edit_a_town(client_for, orgs):
    r = client_for("sz_supervisor").get(f"/staff/organizations/{orgs['yuandian'].pk}/edit/")
    assert r.status_code == 403
