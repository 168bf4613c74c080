"""Supervisors upload subordinate agencies' reports and see the checker's results (no browser)."""

from datetime import UTC, datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.audit.models import AuditEntry
from gongkai.checks.models import CheckedReport
from gongkai.checks.testing import SEED, make_check
from gongkai.checks.views import match_organization
from gongkai.reports.tests.fixtures.corpus import make_case

pytestmark = pytest.mark.django_db


def seed_file(name="原店镇2024年报.txt"):
    return SimpleUploadedFile(name, SEED.read_bytes(), content_type="text/plain")


def test_a_supervisor_uploads_the_seed_and_sees_its_errors(client_for, orgs):
    c = client_for("sz_supervisor")
    got = c.post(reverse("checks:upload"), {"files": [seed_file()]})
    check = CheckedReport.objects.get()
    assert got.status_code == 302 and got["Location"] == reverse("checks:detail", kwargs={"check_id": check.pk})
    assert check.organization == orgs["yuandian"] and check.year == 2024  # matched from the title
    assert check.template == "2021" and check.errors >= 1
    page = c.get(got["Location"]).content.decode()
    assert "《政务信息公开条例》并不存在" in page
    assert "右移了 1 列" in page
    assert "第49行" in page and 'rowspan="22"' in page  # source next to the read table


def test_the_upload_is_audited(client_for, orgs):
    client_for("sz_supervisor").post(reverse("checks:upload"), {"files": [seed_file()]})
    entry = AuditEntry.objects.get(action="checks.check_report")
    assert entry.organization == orgs["yuandian"] and entry.after["errors"] >= 1


def test_several_files_at_once_and_pasted_html(client_for, orgs):
    html_case = make_case(2, "html", "blank", template="2021")
    docx_case = make_case(3, "docx", "clean", template="2021")
    got = client_for("sz_supervisor").post(
        reverse("checks:upload"),
        {
            "organization": orgs["zhangwan"].pk,
            "year": 2023,
            "files": [SimpleUploadedFile(docx_case.name, docx_case.data), seed_file()],
            "pasted_html": html_case.data.decode("utf-8"),
        },
    )
    assert got.status_code == 302 and got["Location"] == reverse("checks:home")
    checks = CheckedReport.objects.order_by("pk")
    assert [c.source_kind for c in checks] == ["docx", "text", "html"]
    assert {(c.organization, c.year) for c in checks} == {(orgs["zhangwan"], 2023)}


def test_an_unreadable_file_is_named_and_the_pasted_text_is_kept(client_for):
    got = client_for("sz_supervisor").post(
        reverse("checks:upload"),
        {"files": [SimpleUploadedFile("x.pdf", b"%PDF-1.4 broken")], "pasted_html": "<p>不是年报</p>"},
    )
    assert got.status_code == 400
    page = got.content.decode()
    assert "“x.pdf”无法读取" in page and "不是年报" in page
    assert not CheckedReport.objects.exists()


def test_a_report_of_an_unknown_organization_asks_for_a_choice(client_for):
    data = SEED.read_bytes().replace("原店镇人民政府 2024".encode(), "某某县某某局 2024".encode())
    got = client_for("sz_supervisor").post(reverse("checks:upload"), {"files": [SimpleUploadedFile("a.txt", data)]})
    assert got.status_code == 400 and "请选择被检查机构" in got.content.decode()


def test_nothing_uploaded_is_a_form_error(client_for):
    got = client_for("sz_supervisor").post(reverse("checks:upload"), {})
    assert got.status_code == 400 and "请选择至少一个报告文件" in got.content.decode()


def test_a_supervisor_cannot_choose_an_organization_outside_its_subtree(client_for, orgs):
    got = client_for("sz_supervisor").post(
        reverse("checks:upload"), {"organization": orgs["smx"].pk, "files": [seed_file()]}
    )
    assert got.status_code == 400 and not CheckedReport.objects.exists()


def test_a_clerk_cannot_upload(client_for):
    assert client_for("yd_clerk").get(reverse("checks:upload")).status_code == 404
    assert client_for("yd_clerk").post(reverse("checks:upload"), {"files": [seed_file()]}).status_code == 404


def test_results_are_kept_per_agency_and_year_with_history(client_for, world):
    first, second = make_check(world), make_check(world)
    page = client_for("sz_supervisor").get(reverse("checks:home")).content.decode()
    assert page.count(reverse("checks:detail", kwargs={"check_id": second.pk})) == 1
    assert reverse("checks:detail", kwargs={"check_id": first.pk}) not in page  # only the latest per org/year
    detail = client_for("sz_supervisor").get(reverse("checks:detail", kwargs={"check_id": second.pk})).content.decode()
    assert reverse("checks:detail", kwargs={"check_id": first.pk}) in detail


def test_other_agencies_cannot_see_a_result(client_for, world):
    check = make_check(world)
    url = reverse("checks:detail", kwargs={"check_id": check.pk})
    assert client_for("zw_clerk").get(url).status_code == 404
    assert client_for("yd_clerk").get(url).status_code == 200  # the checked agency sees its own result
    assert check.source_name not in client_for("zw_clerk").get(reverse("checks:home")).content.decode()


def test_organization_matching(orgs):
    cands = list(orgs.values())
    assert match_organization("三门峡市陕州区原店镇人民政府", cands) == orgs["yuandian"]
    assert match_organization("陕州区原店镇", cands) == orgs["yuandian"]
    assert match_organization("", cands) is None
    assert match_organization("某某局", cands) is None


def test_the_demo_check_is_loaded_once(world):
    from gongkai.checks import demo

    demo.load(world)
    demo.load(world)
    (check,) = CheckedReport.objects.all()
    assert check.organization == world["orgs"]["yuandian"] and check.errors >= 1


def test_level_rules_follow_the_checked_organization(client_for, orgs):
    from gongkai.checks.services import level_of

    data = SEED.read_bytes().replace("规章\t0\t0\t0".encode(), "规章\t1\t0\t1".encode())
    client_for("sz_supervisor").post(
        reverse("checks:upload"), {"files": [SimpleUploadedFile("a.txt", data)], "organization": orgs["yuandian"].pk}
    )
    check = CheckedReport.objects.get()
    assert any(f["rule"] == "R-LEVEL" and "乡镇" in f["message"] for f in check.findings)
    assert level_of(orgs["yuandian"]) == "township" and level_of(orgs["smx"]) is None


def test_an_implausible_year_in_the_title_asks_for_the_year(client_for):
    data = SEED.read_bytes().replace("原店镇人民政府 2024 年".encode(), "原店镇人民政府 1999 年".encode())
    data = data.replace("统计时限为 2024".encode(), "统计时限为 1999".encode())
    got = client_for("sz_supervisor").post(reverse("checks:upload"), {"files": [SimpleUploadedFile("a.txt", data)]})
    assert got.status_code == 400 and "请填写报告年度" in got.content.decode()
    assert not CheckedReport.objects.exists()


def _check(org, year, name):
    return CheckedReport.objects.create(
        organization=org,
        year=year,
        source_name=name,
        source_kind=CheckedReport.Kind.TEXT,
        source_file=f"checks/{name}",
        template="2021",
        result={"findings": []},
    )


def test_the_home_pages_through_the_latest_check_of_every_agency_and_year(client_for, orgs, monkeypatch):
    from gongkai import pagination

    monkeypatch.setattr(pagination, "PER_PAGE", 2)
    keys = [(orgs["yuandian"], y) for y in (2022, 2024, 2021, 2023)] + [(orgs["zhangwan"], 2024)]
    for org, year in keys:
        _check(org, year, f"最新{org.pk}-{year}.txt")
        old = _check(org, year, f"较早{org.pk}-{year}.txt")  # saved later, but checked earlier
        CheckedReport.objects.filter(pk=old.pk).update(checked_at=datetime(2020, 1, 1, tzinfo=UTC))
    latest = [f"最新{org.pk}-{year}.txt" for org, year in sorted(keys, key=lambda k: (k[0].path, -k[1]))]
    c = client_for("sz_supervisor")
    seen = []
    for n in (1, 2, 3):
        html = c.get(reverse("checks:home"), {"page": n}).content.decode()
        assert f"第 {n} / 3 页，共 5 条" in html and "较早" not in html
        seen += sorted((name for name in latest if name in html), key=html.index)
    assert seen == latest  # one row per agency and year, each once, by agency and newest year first
    second = c.get(reverse("checks:home"), {"page": 2}).content.decode()
    assert 'href="?page=1"' in second and 'href="?page=3"' in second
    for bad, shown in (("abc", 1), ("99", 3)):
        got = c.get(reverse("checks:home"), {"page": bad})
        assert got.status_code == 200 and f"第 {shown} / 3 页，共 5 条" in got.content.decode()
    own = client_for("zw_clerk").get(reverse("checks:home")).content.decode()  # access unchanged: its own only
    assert f"最新{orgs['zhangwan'].pk}-2024.txt" in own and "原店镇" not in own
