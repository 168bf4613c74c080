"""督办: issued by the supervising office, seen and answered by the agency, closed by the supervisor."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from gongkai.cases import periodic, services
from gongkai.cases.models import Urging
from gongkai.cases.testing import make_urging

from .paging import assert_pages_through

pytestmark = pytest.mark.django_db


def test_the_supervisor_issues_an_urging_that_the_agency_sees(orgs, client_for, django_capture_on_commit_callbacks):
    sup = client_for("sz_supervisor")
    assert sup.get("/staff/cases/urgings/new/").status_code == 200
    due = timezone.localdate() + timedelta(days=5)
    with django_capture_on_commit_callbacks(execute=True):
        r = sup.post(
            "/staff/cases/urgings/new/",
            {
                "organization": orgs["yuandian"].pk,
                "subject": "逾期申请",
                "reason": "请立即答复",
                "due_on": due.isoformat(),
            },
        )
    assert r.status_code == 302
    urging = Urging.objects.get()
    assert (urging.organization, urging.issuer, urging.status) == (orgs["yuandian"], orgs["shanzhou"], "issued")
    assert {"yd_clerk@example.gov.cn", "yd_head@example.gov.cn"} <= {a for m in mail.outbox for a in m.to}
    assert "逾期申请" in client_for("yd_clerk").get("/staff/cases/urgings/").content.decode()
    assert "逾期申请" not in client_for("zw_clerk").get("/staff/cases/urgings/").content.decode()
    assert client_for("zw_clerk").get(f"/staff/cases/urgings/{urging.pk}/").status_code == 404


def test_only_a_supervisor_above_the_agency_may_urge(orgs, users):
    today = timezone.localdate()
    kwargs = {"subject": "x", "reason": "y", "due_on": today, "today": today}
    with pytest.raises(ValidationError):
        services.issue_urging(organization=orgs["zhangwan"], by=users["yd_clerk"], **kwargs)
    with pytest.raises(ValidationError):  # a supervisor does not urge its own organization
        services.issue_urging(organization=orgs["shanzhou"], by=users["sz_supervisor"], **kwargs)
    assert (
        services.issue_urging(organization=orgs["shanzhou"], by=users["smx_supervisor"], **kwargs).issuer == orgs["smx"]
    )


def test_a_clerk_cannot_open_the_urging_form(client_for):
    assert client_for("yd_clerk").get("/staff/cases/urgings/new/").status_code == 403


def test_the_urging_is_replied_to_and_closed(orgs, users, client_for):
    urging = make_urging(orgs["yuandian"], users["sz_supervisor"])
    yd, sup = client_for("yd_clerk"), client_for("sz_supervisor")
    url = f"/staff/cases/urgings/{urging.pk}/"
    assert sup.post(url + "confirm/", {"accept": "1"}).status_code == 400  # nothing to confirm yet
    assert yd.post(url + "reply/", {"text": ""}).status_code == 400
    assert yd.post(url + "reply/", {"text": "已答复申请人"}).status_code == 302
    assert yd.post(url + "confirm/", {"accept": "1"}).status_code == 403  # the agency does not close its own urging
    assert sup.post(url + "confirm/", {"accept": "0", "note": ""}).status_code == 400
    assert sup.post(url + "confirm/", {"accept": "0", "note": "请附答复书"}).status_code == 302
    urging.refresh_from_db()
    assert urging.status == "issued" and urging.review_note == "请附答复书"
    yd.post(url + "reply/", {"text": "已附答复书"})
    assert sup.post(url + "confirm/", {"accept": "1", "note": "办结"}).status_code == 302
    urging.refresh_from_db()
    assert (urging.status, urging.closed_by) == ("closed", users["sz_supervisor"])


def test_a_stale_reply_is_refused(orgs, users):
    urging = make_urging(orgs["yuandian"], users["sz_supervisor"])
    other = Urging.objects.get(pk=urging.pk)
    services.reply_urging(urging, text="a", by=users["yd_clerk"], today=timezone.localdate())
    with pytest.raises(services.Conflict):
        services._cas(other, "issued", status="replied")


def test_the_worker_reminds_once_per_due_date(orgs, users, django_capture_on_commit_callbacks):
    today = timezone.localdate()
    urging = make_urging(orgs["yuandian"], users["sz_supervisor"], due_on=today + timedelta(days=10))
    assert periodic.tick(timezone.now()) == 0
    with time_machine.travel(timezone.now() + timedelta(days=9)), django_capture_on_commit_callbacks(execute=True):
        mail.outbox.clear()
        assert periodic.tick(timezone.now()) == 1
        assert periodic.tick(timezone.now()) == 0
    assert any("督办提醒" in m.subject for m in mail.outbox)
    Urging.objects.filter(pk=urging.pk).update(due_on=today + timedelta(days=12))
    with time_machine.travel(timezone.now() + timedelta(days=11)):
        assert periodic.tick(timezone.now()) == 1


def test_the_worker_reminds_of_a_case_reply_due(orgs):
    from gongkai.cases.testing import make_case

    today = timezone.localdate()
    make_case(orgs["yuandian"], filed_on=today, copy_received_on=today)
    with time_machine.travel(timezone.now() + timedelta(days=30)):
        assert periodic.tick(timezone.now()) == 1
        assert periodic.tick(timezone.now()) == 0


# ---------------------------------------------------------------- paged lists


def test_the_urging_list_pages_through_every_urging_keeping_the_filters(orgs, users, client_for, two_per_page):
    due = timezone.localdate() + timedelta(days=5)
    urgings = [make_urging(orgs["yuandian"], users["sz_supervisor"], due_on=due) for _ in range(5)]
    replied = make_urging(orgs["yuandian"], users["sz_supervisor"], due_on=due)
    services.reply_urging(replied, text="已答复", by=users["yd_clerk"], today=timezone.localdate())
    other_org = make_urging(orgs["zhangwan"], users["sz_supervisor"], due_on=due)
    assert_pages_through(
        client_for("sz_supervisor"),
        reverse("cases:urging-list"),
        {"status": "issued", "org": orgs["yuandian"].pk},
        [f'href="/staff/cases/urgings/{u.pk}/"' for u in urgings],
        absent=[f'href="/staff/cases/urgings/{u.pk}/"' for u in (replied, other_org)],
    )
