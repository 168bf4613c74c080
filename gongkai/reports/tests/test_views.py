import re
from datetime import date

import pytest
import time_machine
from django.urls import reverse

from gongkai.reports import services
from gongkai.reports.models import Report, Status

from .helpers import add_application
from .test_workflow import _fill, _publish, _yearly_figures

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(orgs, users):
    _yearly_figures(orgs["yuandian"], users["yd_clerk"])
    add_application(orgs["yuandian"], date(2024, 3, 1), concluded=date(2024, 3, 9), category="granted")
    r = services.create_report(organization=orgs["yuandian"], year=2024, by=users["yd_clerk"])
    _fill(r.open_version(), users["yd_clerk"])
    return r


def test_a_clerk_generates_a_report_from_the_data(orgs, client_for):
    add_application(orgs["yuandian"], date(2024, 3, 1), concluded=date(2024, 3, 9), category="granted")
    c = client_for("yd_clerk")
    resp = c.post(reverse("reports:create", args=[orgs["yuandian"].pk]), {"year": 2024})
    report = Report.objects.get(organization=orgs["yuandian"], year=2024)
    assert resp.status_code == 302 and resp["Location"] == reverse("reports:detail", args=[report.pk])
    page = c.get(resp["Location"]).content.decode()
    assert "<h1>三门峡市陕州区原店镇人民政府 2024年政府信息公开工作年度报告</h1>" in page
    assert 'data-cell="section3:granted:6"><a href=' in page  # every generated number drills down
    assert "校验结果" in page


def test_a_bad_year_is_refused_with_a_message_and_kept(orgs, client_for):
    resp = client_for("yd_clerk").post(reverse("reports:create", args=[orgs["yuandian"].pk]), {"year": "2999"})
    assert resp.status_code == 400
    assert "不能编制未来年度的报告" in resp.content.decode()
    assert 'value="2999"' in resp.content.decode()


def test_the_drilldown_lists_the_applications_behind_a_number(report, client_for):
    url = reverse("reports:records", args=[report.pk]) + "?cell=section3:granted:6&version=1"
    page = client_for("yd_clerk").get(url).content.decode()
    assert "当前数据中对应 1 条记录" in page
    assert "T2024-" in page
    assert client_for("yd_clerk").get(reverse("reports:records", args=[report.pk]) + "?cell=bogus").status_code == 400


def test_edits_are_shown_at_once_and_bad_input_keeps_what_was_typed(report, client_for, monkeypatch):
    c = client_for("yd_clerk")
    url = reverse("reports:edit", args=[report.pk])
    resp = c.post(url, {"overview": "贯彻落实《政务信息公开条例》。", "problems": "无", "other": "无"})
    assert resp.status_code == 302
    page = c.get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert "R-STATUTE" in page and "政务信息公开条例" in page


def test_manual_table_cells_reject_negative_numbers(orgs, users, client_for, monkeypatch):
    from gongkai.reports import generator

    real = generator.selector
    monkeypatch.setattr(
        generator, "selector", lambda t, records=False: None if t == "section4" else real(t, records=records)
    )
    r = services.create_report(organization=orgs["yuandian"], year=2024, by=users["yd_clerk"])
    c = client_for("yd_clerk")
    resp = c.post(reverse("reports:edit", args=[r.pk]), {"overview": "我的文字", "s4__0": "-3"})
    assert resp.status_code == 400
    body = resp.content.decode()
    assert "我的文字" in body and 'value="-3"' in body
    resp = c.post(reverse("reports:edit", args=[r.pk]), {"overview": "我的文字", "s4__0": "2"})
    assert resp.status_code == 302
    assert r.open_version().data["section4"][0] == 2


def test_the_workflow_buttons_follow_roles(report, client_for, users):
    clerk, head = client_for("yd_clerk"), client_for("yd_head")
    assert clerk.post(reverse("reports:submit", args=[report.pk])).status_code == 302
    assert report.open_version().status == Status.REVIEW
    page = clerk.get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert "负责人批准" not in page
    assert "负责人批准" in head.get(reverse("reports:detail", args=[report.pk])).content.decode()
    clerk.post(reverse("reports:approve", args=[report.pk]))
    assert report.open_version().status == Status.REVIEW  # refused: not the head
    head.post(reverse("reports:approve", args=[report.pk]))
    assert report.open_version().status == Status.APPROVED
    with time_machine.travel(date(2026, 2, 10)):  # after the 2025-01-31 deadline: late is an error
        resp = clerk.post(reverse("reports:publish", args=[report.pk]), {"override_reason": ""}, follow=True)
        assert "不能发布" in resp.content.decode()
        assert report.current_published() is None
        clerk.post(reverse("reports:publish", args=[report.pk]), {"override_reason": "负责人出差，批准延误"})
    assert report.current_published().override_reason == "负责人出差，批准延误"


def test_the_public_sees_only_published_versions_with_their_history(report, users, client):
    assert client.get(reverse("reports_public:report", args=[report.pk])).status_code == 404
    v1 = _publish(report.open_version(), users)
    page = client.get(reverse("reports_public:report", args=[report.pk])).content.decode()
    assert "2024年政府信息公开工作年度报告" in page
    assert "T2024-" not in page  # no drill-down to personal records on the public side
    v2 = services.start_correction(report, by=users["yd_clerk"], change_note="更正表三的一处数字")
    assert client.get(reverse("reports_public:version", args=[report.pk, 2])).status_code == 404  # a draft
    _publish(v2, users)
    page = client.get(reverse("reports_public:report", args=[report.pk])).content.decode()
    assert "更正表三的一处数字" in page and "版本记录" in page
    old = client.get(reverse("reports_public:version", args=[report.pk, v1.number])).content.decode()
    assert "这是已被更正的历史版本" in old
    listing = client.get(reverse("reports_public:organization", args=[report.organization_id])).content.decode()
    assert "第1版" in listing and "第2版" in listing
    assert report.title in client.get(reverse("reports_public:index")).content.decode()


@pytest.mark.parametrize("fmt", ["json", "html", "docx", "xlsx", "pdf"])
def test_published_downloads(report, users, client, fmt):
    _publish(report.open_version(), users)
    resp = client.get(reverse("reports_public:download", args=[report.pk, 1, fmt]))
    assert resp.status_code == 200
    assert resp["Content-Disposition"].startswith("attachment" if fmt != "html" else "inline")
    assert len(resp.content) > 500


def test_the_json_schema_is_published(client):
    resp = client.get(reverse("reports_public:schema"))
    assert resp.status_code == 200 and resp.json()["title"] == "政府信息公开工作年度报告（数据）"


def test_the_supervisor_sees_missing_late_published_and_erroneous_reports(orgs, users, client_for):
    _yearly_figures(orgs["yuandian"], users["yd_clerk"], 2025)
    yd = services.create_report(organization=orgs["yuandian"], year=2025, by=users["yd_clerk"])
    v = services.update_content(yd.open_version(), by=users["yd_clerk"], sections={"overview": "《政务信息公开条例》"})
    v = services.approve(services.submit(v, by=users["yd_clerk"]), by=users["yd_head"])
    services.publish(v, by=users["yd_clerk"], override_reason="按期发布", today=date(2026, 1, 20))
    services.create_report(organization=orgs["zhangwan"], year=2025, by=users["zw_clerk"])
    with time_machine.travel(date(2026, 3, 1)):
        page = client_for("sz_supervisor").get(reverse("reports:supervision") + "?year=2025").content.decode()
    assert f'data-org="{orgs["dayang"].pk}" data-state="missing late"' in page
    assert f'data-org="{orgs["zhangwan"].pk}" data-state="drafting late"' in page
    assert f'data-org="{orgs["yuandian"].pk}" data-state="published' in page
    assert "项错误" in page
    # The township clerk is not a supervisor: no such menu entry, and only its own row.
    assert "年报督查" not in client_for("yd_clerk").get(reverse("organizations:staff-home")).content.decode()
    assert "年报督查" in client_for("sz_supervisor").get(reverse("organizations:staff-home")).content.decode()


def test_the_supervisor_sees_the_aggregate_table_three_of_its_subtree(orgs, client_for):
    add_application(orgs["yuandian"], date(2024, 3, 1), concluded=date(2024, 3, 9), category="granted")
    add_application(orgs["zhangwan"], date(2024, 3, 1), concluded=date(2024, 3, 9), category="granted")
    add_application(orgs["szfgw"], date(2024, 3, 1))
    url = reverse("reports:aggregate", args=[orgs["shanzhou"].pk]) + "?year=2024"
    page = client_for("sz_supervisor").get(url).content.decode()
    assert 'data-cell="section3:granted:6">2<' in page
    assert 'data-cell="section3:new:6">3<' in page
    own = client_for("yd_clerk").get(reverse("reports:aggregate", args=[orgs["yuandian"].pk]) + "?year=2024")
    assert 'data-cell="section3:new:6">1<' in own.content.decode()


def test_the_supervisor_compiles_its_own_governments_report(orgs, client_for):
    add_application(orgs["zhangwan"], date(2024, 3, 1), concluded=date(2024, 3, 9), category="granted")
    c = client_for("sz_supervisor")
    resp = c.post(reverse("reports:create", args=[orgs["shanzhou"].pk]), {"year": 2024, "scope": "subtree"})
    assert resp.status_code == 302
    report = Report.objects.get(organization=orgs["shanzhou"], year=2024)
    assert report.scope == "subtree"
    assert report.open_version().data["section3"]["granted"][6] == 1


def test_exports_for_staff_include_findings(report, client_for):
    resp = client_for("yd_clerk").get(reverse("reports:export", args=[report.pk]) + "?format=json")
    assert resp.status_code == 200
    assert "findings" in resp.json()
    assert client_for("zw_clerk").get(reverse("reports:export", args=[report.pk]) + "?format=json").status_code == 404


def test_blank_yearly_figures_point_to_where_they_are_entered(orgs, users, client_for):
    r = services.create_report(organization=orgs["yuandian"], year=2023, by=users["yd_clerk"])
    assert r.open_version().data["section2"]["licensing"] is None  # blank, not 0
    page = client_for("yd_clerk").get(reverse("reports:detail", args=[r.pk])).content.decode()
    assert reverse("publications:figures", args=[orgs["yuandian"].pk]) in page


def test_a_draft_says_when_its_records_have_changed(report, orgs, client_for, users):
    c = client_for("yd_clerk")
    url = reverse("reports:detail", args=[report.pk])
    assert "草稿中的数字已不是最新" not in c.get(url).content.decode()
    add_application(orgs["yuandian"], date(2024, 7, 1))
    assert "草稿中的数字已不是最新" in c.get(url).content.decode()
    c.post(reverse("reports:refresh", args=[report.pk]))
    assert "草稿中的数字已不是最新" not in c.get(url).content.decode()
    assert report.open_version().data["section3"]["new"][6] == 2


def test_personas_can_only_do_what_their_role_allows(report, orgs, client_for):
    # A reviewer reviews but does not draft; a supervisor reads its subtree but does not act for a township.
    assert (
        client_for("yd_reviewer")
        .post(reverse("reports:create", args=[orgs["yuandian"].pk]), {"year": 2023})
        .status_code
        == 403
    )
    supervisor = client_for("sz_supervisor")
    assert supervisor.get(reverse("reports:detail", args=[report.pk])).status_code == 200
    assert supervisor.post(reverse("reports:submit", args=[report.pk])).status_code == 403
    assert supervisor.get(reverse("reports:edit", args=[report.pk])).status_code == 403
    assert report.open_version().status == Status.DRAFT
    # Another township's staff do not even learn that the report exists.
    for url in (reverse("reports:detail", args=[report.pk]), reverse("reports:records", args=[report.pk])):
        assert client_for("zw_clerk").get(url).status_code == 404
    # The 市 supervisor reads the whole 陕州区 subtree too.
    assert client_for("smx_supervisor").get(reverse("reports:detail", args=[report.pk])).status_code == 200


def _walk(c, url, params, pages):
    """The HTML of pages 1…pages of a paged list, each checked for the pager's count line."""
    out = []
    for n in range(1, pages + 1):
        html = c.get(url, {**params, "page": n}).content.decode()
        assert f"第 {n} / {pages} 页" in html
        out.append(html)
    return out


def test_the_drilldown_pages_through_every_record_keeping_the_cell(report, orgs, client_for, monkeypatch):
    from gongkai import pagination
    from gongkai.applications.models import Application

    monkeypatch.setattr(pagination, "PER_PAGE", 2)
    for _ in range(4):  # the same day as the fixture's: only the id orders them
        add_application(orgs["yuandian"], date(2024, 3, 1), concluded=date(2024, 3, 9), category="granted")
    add_application(orgs["yuandian"], date(2024, 3, 1), concluded=date(2024, 3, 9), category="other.other")
    numbers = list(
        Application.objects.filter(decision_category="granted").order_by("id").values_list("number", flat=True)
    )
    assert len(numbers) == 5
    c = client_for("yd_clerk")
    url = reverse("reports:records", args=[report.pk])
    params = {"cell": "section3:granted:6", "version": 1}
    seen = []
    for html in _walk(c, url, params, 3):
        assert "当前数据中对应 5 条记录" in html and "共 5 条" in html
        seen += sorted((n for n in numbers if n in html), key=html.index)
    assert seen == numbers  # each once, in order: none repeated or skipped
    second = c.get(url, {**params, "page": 2}).content.decode()
    assert "?cell=section3%3Agranted%3A6&amp;version=1&amp;page=3" in second
    assert "?cell=section3%3Agranted%3A6&amp;version=1&amp;page=1" in second
    for bad, shown in (("abc", 1), ("99", 3)):
        got = c.get(url, {**params, "page": bad})
        assert got.status_code == 200 and f"第 {shown} / 3 页，共 5 条" in got.content.decode()


def test_the_supervision_desk_pages_through_every_agency_keeping_the_year(orgs, users, client_for, monkeypatch):
    from gongkai import pagination
    from gongkai.organizations.models import Level, Organization

    monkeypatch.setattr(pagination, "PER_PAGE", 2)
    for i in range(3):
        Organization.objects.create(name=f"测试乡{i}", code=f"TEST-{i}", level=Level.TOWNSHIP, parent=orgs["shanzhou"])
    Organization.objects.create(
        name="已撤并乡", code="TEST-OFF", level=Level.TOWNSHIP, parent=orgs["shanzhou"], is_active=False
    )
    services.create_report(organization=orgs["zhangwan"], year=2025, by=users["zw_clerk"])
    expected = list(
        Organization.objects.subtree(orgs["shanzhou"])
        .filter(is_active=True)
        .order_by("path")
        .values_list("pk", flat=True)
    )
    pages = (len(expected) + 1) // 2
    assert pages >= 3
    c = client_for("sz_supervisor")
    url = reverse("reports:supervision")
    seen = []
    for html in _walk(c, url, {"year": 2025}, pages):
        assert f"共 {len(expected)} 个机构：已发布 0，未发布 {len(expected)}" in html  # the summary counts every page
        seen += [int(pk) for pk in re.findall(r'data-org="(\d+)"', html)]
    assert seen == expected  # each once, in the tree's order
    second = c.get(url, {"year": 2025, "page": 2}).content.decode()
    assert "?year=2025&amp;page=3" in second and "?year=2025&amp;page=1" in second
    for bad, shown in (("abc", 1), ("99", pages)):
        got = c.get(url, {"year": 2025, "page": bad})
        assert got.status_code == 200 and f"第 {shown} / {pages} 页，共 {len(expected)} 条" in got.content.decode()


def test_the_report_index_pages_through_every_agency_of_a_system_administrator(orgs, client_for, monkeypatch):
    from gongkai import pagination
    from gongkai.organizations.models import Organization

    monkeypatch.setattr(pagination, "PER_PAGE", 2)
    expected = list(Organization.objects.order_by("path").values_list("pk", flat=True))
    pages = (len(expected) + 1) // 2
    assert pages >= 3
    c = client_for("admin")
    url = reverse("reports:index")
    seen = []
    for html in _walk(c, url, {}, pages):
        seen += [int(pk) for pk in re.findall(r'<h2 id="org-(\d+)">', html)]
    assert seen == expected  # each agency once, in the tree's order
    second = c.get(url, {"page": 2}).content.decode()
    assert 'href="?page=1"' in second and 'href="?page=3"' in second
    for bad, shown in (("abc", 1), ("99", pages)):
        got = c.get(url, {"page": bad})
        assert got.status_code == 200 and f"第 {shown} / {pages} 页，共 {len(expected)} 条" in got.content.decode()
    own = client_for("yd_clerk").get(url).content.decode()  # a clerk's one agency: no pager
    assert re.findall(r'<h2 id="org-(\d+)">', own) == [str(orgs["yuandian"].pk)] and "第 1 / " not in own


def test_the_public_index_pages_through_every_agency_with_a_published_report(orgs, client, monkeypatch):
    from django.utils import timezone

    from gongkai import pagination
    from gongkai.organizations.models import Organization
    from gongkai.reports.models import Report, ReportVersion

    monkeypatch.setattr(pagination, "PER_PAGE", 2)
    agencies = list(Organization.objects.order_by("path")[:5])
    for i, org in enumerate(agencies):
        for year in (2024, 2025) if i % 2 else (2025,):
            report = Report.objects.create(organization=org, year=year)
            ReportVersion.objects.create(
                report=report, number=1, status="published", data={}, published_at=timezone.now()
            )
    Report.objects.create(organization=orgs["dayang"], year=2025)  # never published: not listed
    url = reverse("reports_public:index")
    seen, page = [], 1
    while True:
        html = client.get(url, {"page": page}).content.decode()
        seen += [int(pk) for pk in re.findall(r'annual-reports/organizations/(\d+)/"', html)]
        if 'rel="next"' not in html:
            break
        page += 1
    assert seen == [o.pk for o in agencies] and page == 3  # each agency once, in the tree's order
    one_year = client.get(url, {"year": 2024}).content.decode()
    assert re.findall(r'annual-reports/organizations/(\d+)/"', one_year) == [str(agencies[1].pk), str(agencies[3].pk)]
    named = client.get(url, {"q": agencies[4].name.removesuffix("人民政府")[-3:]}).content.decode()
    assert str(agencies[4].pk) in re.findall(r'annual-reports/organizations/(\d+)/"', named)
    assert "没有符合条件的年度报告" in client.get(url, {"q": "不存在的机关"}).content.decode()
    assert client.get(url, {"page": "abc", "year": "x"}).status_code == 200
