"""投诉、举报: routing to the supervising office, who sees what, finding and reply."""

import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from gongkai.audit.models import AuditEntry
from gongkai.cases import reporting, services
from gongkai.cases.models import Complaint
from gongkai.cases.testing import make_complaint

from .paging import assert_pages_through

pytestmark = pytest.mark.django_db


def test_a_complaint_goes_to_the_supervising_office_of_the_agency(orgs):
    assert make_complaint(orgs["yuandian"]).organization == orgs["shanzhou"]
    assert make_complaint(orgs["szfgw"]).organization == orgs["shanzhou"]
    assert make_complaint(orgs["shanzhou"]).organization == orgs["smx"]


def test_a_complaint_about_the_top_organization_stays_there(orgs):
    assert make_complaint(orgs["henan"]).organization == orgs["henan"]


def test_the_public_form_needs_no_account_and_routes_the_complaint(orgs, django_capture_on_commit_callbacks):
    c = Client()
    assert c.get("/complaints/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        r = c.post(
            "/complaints/",
            {
                "subject_organization": orgs["yuandian"].pk,
                "kind": "complaint",
                "category": "application",
                "content": "申请逾期没有答复。",
                "complainant_name": "李四",
                "complainant_email": "lisi@example.com",
            },
        )
    assert r.status_code == 302
    complaint = Complaint.objects.get()
    assert complaint.organization == orgs["shanzhou"] and complaint.received_on == timezone.localdate()
    done = c.get(r["Location"]).content.decode()
    number = re.search(r'id="complaint-number">([^<]+)<', done).group(1)
    code = re.search(r'id="complaint-code">([^<]+)<', done).group(1)
    assert number == complaint.number
    # the supervising office is told by e-mail
    assert any("sz_supervisor@example.gov.cn" in m.to for m in mail.outbox)
    status = c.post("/complaints/status/", {"number": number, "code": code})
    assert status.status_code == 200 and "已登记" in status.content.decode()
    assert c.post("/complaints/status/", {"number": number, "code": "00000000"}).status_code == 400


def test_the_public_form_asks_for_a_way_to_answer_and_keeps_the_text(orgs):
    r = Client().post(
        "/complaints/",
        {
            "subject_organization": orgs["yuandian"].pk,
            "kind": "complaint",
            "category": "application",
            "content": "申请逾期没有答复。",
            "complainant_name": "李四",
        },
    )
    assert r.status_code == 200
    assert "请至少留下一种联系方式" in r.content.decode() and "申请逾期没有答复。" in r.content.decode()
    assert not Complaint.objects.exists()


def test_the_audit_trail_leaves_out_the_complainants_data(orgs):
    complaint = make_complaint(orgs["yuandian"], complainant_phone="13912345678")
    entry = AuditEntry.objects.for_object(complaint).get()
    assert "13912345678" not in str(entry.after) and "李四" not in str(entry.after)


def test_another_agency_never_sees_the_complaint(orgs, client_for):
    complaint = make_complaint(orgs["yuandian"], content="关于原店镇的投诉")
    zw = client_for("zw_clerk")
    assert zw.get(f"/staff/cases/complaints/{complaint.pk}/").status_code == 404
    assert "关于原店镇的投诉" not in zw.get("/staff/cases/complaints/").content.decode()
    assert (
        zw.post(f"/staff/cases/complaints/{complaint.pk}/finding/", {"finding": "unfounded", "note": "x"}).status_code
        == 404
    )
    dfg = client_for("dy_clerk")
    assert dfg.get(f"/staff/cases/complaints/{complaint.pk}/").status_code == 404


def test_the_agency_complained_about_sees_it_without_the_complainants_data(orgs, client_for):
    complaint = make_complaint(orgs["yuandian"], complainant_name="李四", complainant_phone="13912345678")
    body = client_for("yd_clerk").get(f"/staff/cases/complaints/{complaint.pk}/").content.decode()
    assert complaint.number in body
    assert "13912345678" not in body and "李四" not in body
    assert "记录查证结论" not in body


def test_the_supervising_office_sees_the_complainant(orgs, client_for):
    complaint = make_complaint(orgs["yuandian"], complainant_name="李四", complainant_phone="13912345678")
    body = client_for("sz_supervisor").get(f"/staff/cases/complaints/{complaint.pk}/").content.decode()
    assert "13912345678" in body and "李四" in body and "记录查证结论" in body


def test_the_agency_cannot_record_the_finding_on_itself(orgs, client_for):
    complaint = make_complaint(orgs["yuandian"])
    r = client_for("yd_clerk").post(
        f"/staff/cases/complaints/{complaint.pk}/finding/", {"finding": "unfounded", "note": "我们没问题"}
    )
    assert r.status_code == 403
    complaint.refresh_from_db()
    assert complaint.finding == ""


def test_a_founded_complaint_needs_a_measure(orgs, users):
    complaint = make_complaint(orgs["yuandian"])
    with pytest.raises(ValidationError):
        services.record_finding(
            complaint, finding="founded", measure="", note="属实", by=users["sz_supervisor"], today=timezone.localdate()
        )


def test_the_supervisor_records_the_finding_and_replies(orgs, client_for, django_capture_on_commit_callbacks):
    complaint = make_complaint(orgs["yuandian"], complainant_email="lisi@example.com")
    c = client_for("sz_supervisor")
    url = f"/staff/cases/complaints/{complaint.pk}/"
    r = c.post(url + "reply/", {"text": "答复"})
    assert r.status_code == 400 and "请先记录查证结论" in r.content.decode()
    r = c.post(url + "finding/", {"finding": "founded", "measure": "", "note": "逾期属实"})
    assert r.status_code == 400 and "督促整改或者通报批评" in r.content.decode()
    assert (
        c.post(url + "finding/", {"finding": "founded", "measure": "rectification", "note": "逾期属实"}).status_code
        == 302
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert c.post(url + "reply/", {"text": "经查属实，已督促整改。"}).status_code == 302
    complaint.refresh_from_db()
    assert (complaint.status, complaint.finding, complaint.measure) == ("answered", "founded", "rectification")
    assert mail.outbox[0].to == ["lisi@example.com"] and "已督促整改" in mail.outbox[0].body


def test_complaints_are_counted_for_the_narrative(orgs, users):
    today = timezone.localdate()
    sup = users["sz_supervisor"]
    a = make_complaint(orgs["yuandian"])
    b = make_complaint(orgs["yuandian"])
    make_complaint(orgs["yuandian"])
    make_complaint(orgs["zhangwan"])
    services.record_finding(a, finding="founded", measure="both", note="属实", by=sup, today=today)
    services.record_finding(b, finding="unfounded", measure="rectification", note="不属实", by=sup, today=today)
    figures = reporting.complaint_figures([orgs["yuandian"].pk], today.year)
    assert figures["received"] == 3
    assert (figures["founded"], figures["unfounded"], figures["pending"]) == (1, 1, 1)
    assert (figures["rectification"], figures["criticism"]) == (1, 1)


def test_the_complaint_links_to_the_application_it_names(orgs, client_for):
    from gongkai.applications.testing import make_application

    app, _code = make_application(orgs["yuandian"])
    complaint = make_complaint(orgs["yuandian"], application_number=app.number)
    body = client_for("sz_supervisor").get(f"/staff/cases/complaints/{complaint.pk}/").content.decode()
    assert f"/staff/applications/{app.pk}/" in body


# ---------------------------------------------------------------- paged lists


def test_the_complaint_list_pages_through_every_complaint_keeping_the_filters(orgs, users, client_for, two_per_page):
    complaints = [make_complaint(orgs["yuandian"]) for _ in range(5)]
    answered = make_complaint(orgs["yuandian"])
    services.record_finding(
        answered, finding="unfounded", measure="", note="不属实", by=users["sz_supervisor"], today=timezone.localdate()
    )
    other_org = make_complaint(orgs["zhangwan"])
    assert_pages_through(
        client_for("sz_supervisor"),
        reverse("cases:complaint-list"),
        {"status": "received", "org": orgs["yuandian"].pk},
        [f'href="/staff/cases/complaints/{c.pk}/"' for c in complaints],
        absent=[f'href="/staff/cases/complaints/{c.pk}/"' for c in (answered, other_org)],
    )


def test_a_refused_reply_shows_the_same_page_with_the_application_link(orgs, client_for):
    from gongkai.applications.testing import make_application

    app = make_application(orgs["yuandian"])[0]
    complaint = make_complaint(orgs["yuandian"], application_number=app.number)
    c = client_for("sz_supervisor")
    url = f"/staff/cases/complaints/{complaint.pk}/"
    link = f'<a href="/staff/applications/{app.pk}/">{app.number}</a>'
    assert link in c.get(url).content.decode()
    refused = c.post(url + "reply/", {"text": "答复"})
    assert refused.status_code == 400 and "请先记录查证结论" in refused.content.decode()
    assert link in refused.content.decode()  # the error page is the complaint page, not a reduced copy
