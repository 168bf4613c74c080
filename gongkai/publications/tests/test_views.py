import io
from datetime import date
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from gongkai.audit.models import AuditEntry
from gongkai.publications import figures_io, services
from gongkai.publications.models import Publication, Status, YearlyFigures
from gongkai.publications.test_support import make_publication, node


def _form(**over):
    data = {
        "title": "关于开展2025年宅基地专项清理的通知",
        "issuing_authority": "原店镇人民政府",
        "document_number": "",
        "written_on": "2025-03-03",
        "formed_on": "2025-03-03",
        "topic": "城乡建设、环境保护",
        "genre": "notice",
        "node": str(node("art21-tw-04").pk),
        "summary": "",
        "body": "<p>各村：</p><script>alert(1)</script>",
        "legal_kind": "",
        "disclosure": "proactive",
        "disclosure_ground": "",
    }
    data.update(over)
    return data


def test_a_clerk_drafts_through_the_form(client_for, orgs):
    c = client_for("yd_clerk")
    r = c.post(reverse("publications:create") + f"?org={orgs['yuandian'].pk}", _form())
    pub = Publication.objects.get()
    assert r.status_code == 302 and r["Location"] == reverse("publications:detail", args=[pub.pk])
    assert pub.status == Status.DRAFT and "<script" not in pub.body
    assert c.get(reverse("publications:detail", args=[pub.pk])).status_code == 200


def test_bad_input_gives_a_400_and_keeps_what_was_typed(client_for, orgs):
    r = client_for("yd_clerk").post(
        reverse("publications:create") + f"?org={orgs['yuandian'].pk}", _form(formed_on="2025-02-01", node="")
    )
    assert r.status_code == 400
    html = r.content.decode()
    assert "关于开展2025年宅基地专项清理的通知" in html and "不能早于成文日期" in html
    assert not Publication.objects.exists()


def test_another_agencys_node_cannot_be_chosen(client_for, orgs, users):
    zw_node = services.add_catalogue_node(organization=orgs["zhangwan"], by=users["zw_clerk"], name="张湾乡动态")
    r = client_for("yd_clerk").post(
        reverse("publications:create") + f"?org={orgs['yuandian'].pk}", _form(node=str(zw_node.pk))
    )
    assert r.status_code == 400 and not Publication.objects.exists()


def test_the_review_actions_through_the_pages(client_for, orgs, users):
    pub = make_publication(orgs["yuandian"], by=users["yd_clerk"])
    clerk, reviewer, head = client_for("yd_clerk"), client_for("yd_reviewer"), client_for("yd_head")
    assert clerk.get(reverse("publications:submit", args=[pub.pk])).status_code == 405
    clerk.post(reverse("publications:submit", args=[pub.pk]))
    checks = {f"check_{k}": "on" for k in services.CHECKLIST_KEYS}
    reviewer.post(reverse("publications:pre-review", args=[pub.pk]), {"decision": "approve", **checks})
    r = reviewer.post(
        reverse("publications:review", args=[pub.pk]), {"decision": "return", "comments": ""}, follow=True
    )
    assert "退回时请填写修改意见" in r.content.decode()
    reviewer.post(reverse("publications:review", args=[pub.pk]), {"decision": "return", "comments": "请补充文号"})
    pub.refresh_from_db()
    assert pub.status == Status.RETURNED
    assert "请补充文号" in clerk.get(reverse("publications:detail", args=[pub.pk])).content.decode()
    # The clerk may not pre-review or publish; the page refuses with 403.
    clerk.post(reverse("publications:submit", args=[pub.pk]))
    assert (
        clerk.post(reverse("publications:pre-review", args=[pub.pk]), {"decision": "approve", **checks}).status_code
        == 403
    )
    reviewer.post(reverse("publications:pre-review", args=[pub.pk]), {"decision": "approve", **checks})
    reviewer.post(reverse("publications:review", args=[pub.pk]), {"decision": "approve"})
    head.post(reverse("publications:review", args=[pub.pk]), {"decision": "approve", "comments": "同意发布"})
    clerk.post(reverse("publications:publish", args=[pub.pk]))
    pub.refresh_from_db()
    assert pub.status == Status.PUBLISHED
    assert client_for("yd_clerk").get(f"/publications/{pub.pk}/").status_code == 200


def test_the_queue_flags_overdue_items(client_for, orgs, users):
    make_publication(orgs["yuandian"], by=users["yd_clerk"], title="逾期未发的公示", formed_on=date(2025, 1, 2))
    html = client_for("yd_clerk").get(reverse("publications:queue")).content.decode()
    assert "逾期未发的公示" in html and "已超期" in html and "超过第二十六条" in html
    html = client_for("yd_clerk").get(reverse("publications:queue") + "?status=overdue").content.decode()
    assert "逾期未发的公示" in html


def test_yearly_figures_entered_by_staff_are_audited(client_for, orgs):
    yd = orgs["yuandian"]
    r = client_for("yd_clerk").post(
        reverse("publications:figures", args=[yd.pk]),
        {"year": "2025", "licensing": "14", "penalty": "3", "enforcement": "0", "fees_wan_yuan": "1.25", "note": ""},
    )
    assert r.status_code == 302
    row = YearlyFigures.objects.get(organization=yd, year=2025)
    assert (row.licensing, row.fees_wan_yuan) == (14, Decimal("1.25"))
    assert AuditEntry.objects.filter(action="publication.figures_staff", organization=yd).count() == 1
    r = client_for("yd_clerk").post(
        reverse("publications:figures", args=[yd.pk]),
        {"year": "2025", "licensing": "-1", "penalty": "3", "enforcement": "0", "fees_wan_yuan": "x", "note": ""},
    )
    assert r.status_code == 400
    assert (
        client_for("yd_reviewer")
        .post(reverse("publications:figures", args=[yd.pk]), {"year": "2025", "licensing": "1"})
        .status_code
        == 403
    )


def test_yearly_figures_import_from_the_downloaded_templates(client_for, orgs):
    yd = orgs["yuandian"]
    c = client_for("yd_clerk")
    xlsx = c.get(reverse("publications:figures-template-xlsx", args=[yd.pk]))
    assert xlsx.status_code == 200 and xlsx.content.startswith(b"PK")
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(xlsx.content))
    ws = wb.active
    ws.append([2023, 7, 2, 1, 0.5, "补录"])
    out = io.BytesIO()
    wb.save(out)
    out.name = "figures.xlsx"
    out.seek(0)
    r = c.post(reverse("publications:figures-import", args=[yd.pk]), {"file": out})
    assert r.status_code == 302
    assert YearlyFigures.objects.get(organization=yd, year=2023).enforcement == 1
    csv_bytes = c.get(reverse("publications:figures-template-csv", args=[yd.pk])).content
    assert csv_bytes.decode("utf-8-sig").splitlines()[0] == ",".join(figures_io.HEADERS)
    bad = io.BytesIO("年度,行政许可,行政处罚,行政强制,行政事业性收费（万元）,说明\n2022,3,x,0,-1,\n".encode())
    bad.name = "bad.csv"
    r = c.post(reverse("publications:figures-import", args=[yd.pk]), {"file": bad})
    assert r.status_code == 400
    html = r.content.decode()
    assert "第2行：行政处罚须为非负整数" in html and "行政事业性收费须为非负金额" in html
    assert not YearlyFigures.objects.filter(year=2022).exists()


def test_gb18030_csv_is_accepted():
    data = "年度,行政许可,行政处罚,行政强制,行政事业性收费（万元）,说明\n2024,0,0,0,0,据年报\n".encode("gb18030")
    assert figures_io.parse(data) == [
        {"year": 2024, "licensing": 0, "penalty": 0, "enforcement": 0, "fees_wan_yuan": Decimal("0"), "note": "据年报"}
    ]


def test_only_the_head_changes_publishing_settings(client_for, orgs):
    yd = orgs["yuandian"]
    data = {"index_pattern": "{机构代码}-{年}-{序号}", "sequence_width": "4", "review_rounds": "head"}
    assert client_for("yd_clerk").post(reverse("publications:settings", args=[yd.pk]), data).status_code == 403
    assert client_for("yd_head").post(reverse("publications:settings", args=[yd.pk]), data).status_code == 302
    assert services.settings_for(yd).rounds() == ["head"]
    r = client_for("yd_head").post(reverse("publications:settings", args=[yd.pk]), {**data, "index_pattern": "{年}"})
    assert r.status_code == 400


def test_an_impossible_formation_date_is_refused_not_a_500(client_for, orgs):
    r = client_for("yd_clerk").post(
        reverse("publications:create") + f"?org={orgs['yuandian'].pk}", _form(formed_on="1900-01-01", written_on="")
    )
    assert r.status_code == 400 and "日期不合理" in r.content.decode()


def _queue_page(c, n, **params):
    return c.get(reverse("publications:queue"), {**params, "page": n}).content.decode()


def test_the_queue_pages_through_every_publication_keeping_the_filters(client_for, orgs, users, monkeypatch):
    from gongkai import pagination

    monkeypatch.setattr(pagination, "PER_PAGE", 2)
    yd = orgs["yuandian"]
    titles = [make_publication(yd, by=users["yd_clerk"], title=f"分页测试第{i}号通知").title for i in range(5)]
    submitted = make_publication(yd, by=users["yd_clerk"], title="分页测试已提交的通知")
    services.submit(publication=submitted, by=users["yd_clerk"])
    Publication.objects.update(updated_at=timezone.now())  # all tied: only the id keeps the pages apart
    c = client_for("yd_clerk")
    filters = {"org": yd.pk, "status": Status.DRAFT}
    seen = []
    for n in (1, 2, 3):
        page = _queue_page(c, n, **filters)
        assert f"第 {n} / 3 页，共 5 条" in page
        assert "分页测试已提交的通知" not in page  # the status filter holds on every page
        seen += sorted((t for t in titles if t in page), key=page.index)
    assert seen == titles[::-1]  # each once, newest first: the id breaks the tie, no row repeated or skipped
    second = _queue_page(c, 2, **filters)
    assert f"?org={yd.pk}&amp;status=draft&amp;page=1" in second
    assert f"?org={yd.pk}&amp;status=draft&amp;page=3" in second


def test_the_open_queue_pages_through_every_item_in_deadline_order(client_for, orgs, users, monkeypatch):
    from gongkai import pagination

    monkeypatch.setattr(pagination, "PER_PAGE", 2)
    yd = orgs["yuandian"]
    titles = [
        make_publication(yd, by=users["yd_clerk"], title=f"待办分页第{i}号通知", formed_on=date(2025, 3, 3)).title
        for i in range(5)
    ]
    Publication.objects.update(updated_at=timezone.now())  # same deadline, same time: only the id separates them
    c = client_for("yd_clerk")
    seen = []
    for n in (1, 2, 3):
        page = _queue_page(c, n, org=yd.pk)
        seen += sorted((t for t in titles if t in page), key=page.index)
    assert seen == titles[::-1]


def test_a_bad_or_too_large_queue_page_gives_the_nearest_page(client_for, orgs, users, monkeypatch):
    from gongkai import pagination

    monkeypatch.setattr(pagination, "PER_PAGE", 2)
    for i in range(3):
        make_publication(orgs["yuandian"], by=users["yd_clerk"], title=f"页码测试第{i}号通知")
    c = client_for("yd_clerk")
    bad = c.get(reverse("publications:queue"), {"status": "draft", "page": "abc"})
    assert bad.status_code == 200 and "第 1 / 2 页，共 3 条" in bad.content.decode()
    far = c.get(reverse("publications:queue"), {"status": "draft", "page": "99"})
    assert far.status_code == 200 and "第 2 / 2 页，共 3 条" in far.content.decode()
