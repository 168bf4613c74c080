"""The supervising office's desk: figures per agency, drill-down, 通报 export."""

import io
import re
from datetime import date, timedelta
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from gongkai.cases import selectors, services
from gongkai.cases.models import Bulletin
from gongkai.cases.testing import make_case, make_complaint, make_rating, make_urging

from .paging import assert_pages_through

pytestmark = pytest.mark.django_db


def overdue_application(org):
    from gongkai.applications.testing import make_application

    return make_application(org, today=timezone.localdate() - timedelta(days=60))[0]


def row(desk, org):
    return next(r for r in desk.rows if r.org == org)


def test_the_desk_counts_overdue_applications_by_agency(orgs, users):
    overdue_application(orgs["yuandian"])
    overdue_application(orgs["yuandian"])
    overdue_application(orgs["zhangwan"])
    from gongkai.applications.testing import make_application

    make_application(orgs["dayang"])  # fresh: not overdue
    d = selectors.desk(orgs["shanzhou"], timezone.localdate())
    assert d.has_applications
    assert row(d, orgs["yuandian"]).overdue_apps == 2
    assert row(d, orgs["zhangwan"]).overdue_apps == 1
    assert row(d, orgs["dayang"]).overdue_apps == 0
    assert d.totals["overdue_apps"] == 3
    assert orgs["smx"] not in [r.org for r in d.rows]


def test_the_desk_counts_applications_due_soon(orgs):
    from gongkai.applications.testing import make_application
    from gongkai.workdays import services as workdays

    today = timezone.localdate()
    cal = workdays.get_calendar()
    # received so that the 20th working day falls 2 working days from today
    received = today - timedelta(days=1)
    while cal.add_working_days(received, 20) > cal.add_working_days(today, 2):
        received -= timedelta(days=1)
    make_application(orgs["yuandian"], today=received)
    d = selectors.desk(orgs["shanzhou"], today)
    assert row(d, orgs["yuandian"]).due_soon_apps == 1


def test_the_desk_shows_complaints_and_urgings(orgs, users):
    today = timezone.localdate()
    c = make_complaint(orgs["yuandian"])
    services.record_finding(
        c, finding="founded", measure="criticism", note="属实", by=users["sz_supervisor"], today=today
    )
    u = make_urging(orgs["yuandian"], users["sz_supervisor"])

    from gongkai.cases.models import Urging

    Urging.objects.filter(pk=u.pk).update(due_on=today - timedelta(days=1))
    r = row(selectors.desk(orgs["shanzhou"], today), orgs["yuandian"])
    assert (r.complaints_open, r.complaints_founded, r.urgings_open, r.urgings_overdue) == (1, 1, 1, 1)
    assert "被投诉举报经查证属实 1 件" in r.problems() and "督办事项逾期未反馈 1 件" in r.problems()


def test_the_supervisor_opens_the_desk_and_the_drill_down(orgs, client_for):
    app = overdue_application(orgs["yuandian"])
    sup = client_for("sz_supervisor")
    body = sup.get("/staff/cases/desk/").content.decode()
    assert "原店镇" in body and "张湾乡" in body
    detail = sup.get(f"/staff/cases/desk/{orgs['yuandian'].pk}/").content.decode()
    assert app.number in detail and f"?application={app.pk}" in detail
    assert client_for("zw_clerk").get(f"/staff/cases/desk/{orgs['yuandian'].pk}/").status_code == 404


def test_a_clerk_sees_only_its_own_agency_on_the_desk(orgs, client_for):
    body = client_for("yd_clerk").get("/staff/cases/desk/").content.decode()
    assert "原店镇" in body and "张湾乡" not in body


def test_the_urging_form_is_prefilled_from_an_overdue_application(orgs, client_for):
    app = overdue_application(orgs["yuandian"])
    sup = client_for("sz_supervisor")
    page = sup.get(f"/staff/cases/urgings/new/?application={app.pk}").content.decode()
    assert app.number in page
    due = (timezone.localdate() + timedelta(days=3)).isoformat()
    r = sup.post(
        f"/staff/cases/urgings/new/?application={app.pk}",
        {"organization": orgs["yuandian"].pk, "subject": "逾期", "reason": "请答复", "due_on": due},
    )
    assert r.status_code == 302
    from gongkai.cases.models import Urging

    assert Urging.objects.get().application == app


def test_a_bulletin_lists_the_agencies_with_problems_and_exports(orgs, client_for):
    overdue_application(orgs["yuandian"])
    sup = client_for("sz_supervisor")
    r = sup.post(
        f"/staff/cases/desk/{orgs['shanzhou'].pk}/bulletin/",
        {
            "title": "关于政务公开工作情况的通报",
            "issued_on": "2026-11-28",
            "intro": "现通报如下：",
            "closing": "请整改。",
        },
    )
    assert r.status_code == 302
    bulletin = Bulletin.objects.get()
    items = {i.agency: i.problems for i in bulletin.items.all()}
    assert "依申请公开逾期未答复 1 件" in items[orgs["yuandian"]]
    assert not any("依申请公开" in p for p in items.get(orgs["zhangwan"], []))
    assert orgs["smx"] not in items

    docx_bytes = sup.get(f"/staff/cases/bulletins/{bulletin.pk}/docx/").content
    from docx import Document

    text = "\n".join(p.text for p in Document(io.BytesIO(docx_bytes)).paragraphs)
    assert "关于政务公开工作情况的通报" in text and "原店镇" in text and "逾期未答复 1 件" in text

    pdf = sup.get(f"/staff/cases/bulletins/{bulletin.pk}/pdf/")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    import pypdfium2

    doc = pypdfium2.PdfDocument(pdf.content)
    assert "原店镇" in doc[0].get_textpage().get_text_range()


def test_a_clerk_cannot_issue_a_bulletin(orgs, client_for):
    r = client_for("yd_clerk").post(
        f"/staff/cases/desk/{orgs['yuandian'].pk}/bulletin/", {"title": "x", "issued_on": "2026-11-28"}
    )
    assert r.status_code == 403


def test_an_agency_reads_the_bulletins_that_name_it_and_no_others(orgs, users, client_for):
    b = services.create_bulletin(
        organization=orgs["shanzhou"],
        title="第三季度通报",
        issued_on=timezone.localdate(),
        intro="",
        closing="",
        items=[(orgs["yuandian"], ["依申请公开逾期未答复 1 件"])],
        by=users["sz_supervisor"],
    )
    assert client_for("yd_clerk").get(f"/staff/cases/bulletins/{b.pk}/").status_code == 200
    assert "第三季度通报" in client_for("yd_clerk").get("/staff/cases/bulletins/").content.decode()
    assert client_for("zw_clerk").get(f"/staff/cases/bulletins/{b.pk}/").status_code == 404
    assert client_for("zw_clerk").get(f"/staff/cases/bulletins/{b.pk}/pdf/").status_code == 404
    assert "第三季度通报" not in client_for("zw_clerk").get("/staff/cases/bulletins/").content.decode()


def test_the_desk_shows_case_replies_due_and_overdue(orgs, client_for):
    from gongkai.cases.testing import make_case

    today = timezone.localdate()
    make_case(orgs["yuandian"], filed_on=today - timedelta(days=40), copy_received_on=today - timedelta(days=30))
    make_case(orgs["yuandian"], filed_on=today - timedelta(days=2), copy_received_on=today - timedelta(days=1))
    r = row(selectors.desk(orgs["shanzhou"], today), orgs["yuandian"])
    assert r.cases_overdue == 1
    assert "行政复议答复/行政诉讼答辩逾期未提交 1 件" in r.problems()
    body = client_for("sz_supervisor").get(f"/staff/cases/desk/{orgs['yuandian'].pk}/").content.decode()
    assert "待提交答复/答辩的复议诉讼案件" in body and body.count("陕政复〔2026〕1号") == 2


# ---------------------------------------------------------------- paged lists and the agency page's short panels


def test_the_bulletin_list_pages_through_every_bulletin(orgs, users, client_for, two_per_page):
    bulletins = [
        services.create_bulletin(
            organization=orgs["shanzhou"],
            title=f"第{i}期通报",
            issued_on=timezone.localdate(),
            intro="",
            closing="",
            items=[],
            by=users["sz_supervisor"],
        )
        for i in range(5)
    ]
    assert_pages_through(
        client_for("sz_supervisor"),
        reverse("cases:bulletin-list"),
        {},
        [f'href="/staff/cases/bulletins/{b.pk}/"' for b in bulletins],
    )


def panel(body: str, section: str) -> str:
    return re.search(rf'<section id="{section}">(.*?)</section>', body, re.S).group(1)


def due_soon_application(org):
    from gongkai.applications.testing import make_application
    from gongkai.workdays import services as workdays

    today = timezone.localdate()
    cal = workdays.get_calendar()
    received = today - timedelta(days=1)  # so that the 20th working day falls 2 working days from today
    while cal.add_working_days(received, 20) > cal.add_working_days(today, 2):
        received -= timedelta(days=1)
    return make_application(org, today=received)[0]


def test_each_desk_panel_gives_its_total_and_links_to_a_list_holding_every_row(orgs, users, client_for, monkeypatch):
    from gongkai.applications.testing import make_application
    from gongkai.cases.views import desk

    monkeypatch.setattr(desk, "PANEL_ROWS", 2)
    today = timezone.localdate()
    yd, zw, sup = orgs["yuandian"], orgs["zhangwan"], users["sz_supervisor"]
    filed = today - timedelta(days=20)

    def app_link(a):
        return f'href="{reverse("applications:detail", args=[a.pk])}"'

    expected = {  # panel: (a text of each of its rows on the full list, texts the full list must not show)
        "cases": (
            [
                f'href="/staff/cases/{make_case(yd, number=f"陕政复〔2026〕{i}号", filed_on=filed).pk}/"'
                for i in range(3)
            ],
            [
                f'href="/staff/cases/{make_case(yd, number="陕政复〔2026〕8号", filed_on=filed, replied_on=today).pk}/"',
                f'href="/staff/cases/{make_case(zw, number="陕政复〔2026〕9号", filed_on=filed).pk}/"',
            ],
        ),
        "complaints": (
            [f'href="/staff/cases/complaints/{make_complaint(yd).pk}/"' for _ in range(3)],
            [f'href="/staff/cases/complaints/{make_complaint(zw).pk}/"'],
        ),
        "urgings": (
            [f'href="/staff/cases/urgings/{make_urging(yd, sup).pk}/"' for _ in range(3)],
            [f'href="/staff/cases/urgings/{make_urging(zw, sup).pk}/"'],
        ),
        "ratings": (
            [f"<td>{make_rating(yd, rated_on=today, comment=f'评议意见{i}号').comment}</td>" for i in range(3)],
            [make_rating(yd, rated_on=date(today.year - 1, 6, 1), comment="上一年的评议").comment],
        ),
        "overdue": (
            [app_link(make_application(yd, today=today - timedelta(days=60))[0]) for _ in range(3)],
            [app_link(make_application(zw, today=today - timedelta(days=60))[0])],
        ),
        "soon": ([app_link(due_soon_application(yd)) for _ in range(3)], [app_link(due_soon_application(zw))]),
    }
    c = client_for("sz_supervisor")
    body = c.get(reverse("cases:desk-agency", args=[yd.pk])).content.decode()
    for section, (rows, absent) in expected.items():
        shown = panel(body, section)
        assert "共 3 条，此处列出前 2 条。" in shown, section
        full_list = c.get(unescape(re.search(r'<a href="([^"]+)">[^<]*查看全部', shown).group(1)))
        assert full_list.status_code == 200, section
        assert all(row in full_list.content.decode() for row in rows), section
        assert not any(a in full_list.content.decode() for a in absent), section


def test_a_desk_panel_with_every_row_shown_gives_its_total_too(orgs, users, client_for):
    make_urging(orgs["yuandian"], users["sz_supervisor"])
    body = client_for("sz_supervisor").get(reverse("cases:desk-agency", args=[orgs["yuandian"].pk])).content.decode()
    assert "共 1 条。" in panel(body, "urgings") and "panel-total" not in panel(body, "complaints")  # empty: "无。"


def test_a_big_subtree_lists_the_agencies_with_problems_and_can_list_them_all(orgs, client_for, monkeypatch):
    from gongkai.cases.views import desk as desk_views

    monkeypatch.setattr(selectors, "report_status_function", lambda: None)  # no year's report is due here
    overdue_application(orgs["yuandian"])
    overdue_application(orgs["yuandian"])
    sup = client_for("sz_supervisor")
    small = sup.get("/staff/cases/desk/").content.decode()  # 陕州区's subtree is under the threshold: all listed
    assert "原店镇" in small and "张湾乡" in small and "只看存在问题的机关" in small

    monkeypatch.setattr(desk_views, "DESK_ALL_ROWS", 2)
    body = unescape(sup.get("/staff/cases/desk/").content.decode())
    n = len(selectors.desk(orgs["shanzhou"], timezone.localdate()).rows)
    assert f"共 {n} 个机关，其中 1 个存在问题。" in body
    assert "原店镇" in body and "张湾乡" not in body
    assert re.search(r"合计</th>\s*<td class=\"num\">2</td>", body)  # the totals still cover every agency
    assert "?show=all" in body
    everyone = sup.get("/staff/cases/desk/", {"show": "all"}).content.decode()
    assert "原店镇" in everyone and "张湾乡" in everyone
    assert "张湾乡" not in sup.get("/staff/cases/desk/", {"show": "problems"}).content.decode()


def test_the_desk_pages_through_its_agencies_keeping_the_choice_and_the_totals(orgs, client_for, monkeypatch):
    from gongkai.cases.views import desk as desk_views

    monkeypatch.setattr(desk_views, "DESK_PAGE_ROWS", 2)
    overdue_application(orgs["yuandian"])
    sup = client_for("sz_supervisor")
    names = [r.org.display_name for r in selectors.desk(orgs["shanzhou"], timezone.localdate()).rows]
    seen, page = [], 1
    while True:
        body = unescape(sup.get("/staff/cases/desk/", {"show": "all", "page": page}).content.decode())
        assert re.search(r"合计</th>\s*<td class=\"num\">1</td>", body)  # every page totals every agency
        seen += [n for n in names if f">{n}</a></th>" in body]
        if 'rel="next"' not in body:
            break
        assert f"?show=all&page={page + 1}" in body
        page += 1
    assert sorted(seen) == sorted(names) and page == (len(names) + 1) // 2
