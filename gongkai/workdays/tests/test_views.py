"""Staff pages: calendar grid, entering a year, importing dates, recalculation."""

import re
from datetime import date
from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from gongkai.workdays import services
from gongkai.workdays.models import CalendarDay, CalendarYear
from gongkai.workdays.services import Changed

D = date.fromisoformat
pytestmark = pytest.mark.django_db

YEAR_2027 = {
    "year": "2027",
    "title": "国务院办公厅关于2027年部分节假日安排的通知",
    "number": "国办发明电〔2026〕1号",
    "published_on": "2026-11-10",
    "source_url": "https://www.gov.cn/example",
    "note": "",
    "days": "2027-01-01,holiday,元旦\n2027-02-05,holiday,春节\n2027-02-20,workday,春节调休",
}


@pytest.fixture
def hook(monkeypatch, orgs):
    def recompute_all(*, calendar, today, by):
        return [
            Changed(orgs["yuandian"], D("2027-02-04"), D("2027-02-08")),
            Changed(orgs["zhangwan"], D("2027-02-04"), D("2027-02-08")),
        ]

    monkeypatch.setattr(services, "deadline_hooks", lambda: [SimpleNamespace(recompute_all=recompute_all)])


def test_any_staff_member_sees_the_month_grid(client_for):
    for who in ("yd_reviewer", "sz_supervisor", "smx_supervisor"):
        r = client_for(who).get("/staff/workdays/?year=2024")
        assert r.status_code == 200
        html = r.content.decode()
        assert "2024年工作日历" in html
        assert 'class="day workday" title="国庆节调休"><time datetime="2024-10-12">12</time>' in html
        assert 'class="day holiday" title="国庆节"><time datetime="2024-10-01">1</time>' in html
        assert "国办发明电〔2023〕7号" in html
        assert "251天" in html


def test_only_clerks_and_admins_get_the_edit_buttons(client_for):
    assert "录入" in client_for("yd_clerk").get("/staff/workdays/?year=2027").content.decode()
    assert "导入日期清单" not in client_for("yd_reviewer").get("/staff/workdays/?year=2027").content.decode()


def test_an_unloaded_year_is_marked_provisional(client_for):
    html = client_for("yd_reviewer").get("/staff/workdays/?year=2027").content.decode()
    assert '<span class="badge provisional">暂定</span>' in html
    assert "尚未录入2027年的国务院放假安排" in html


def test_a_bad_year_parameter_falls_back_to_this_year(client_for):
    assert client_for("yd_clerk").get("/staff/workdays/?year=abc").status_code == 200
    assert client_for("yd_clerk").get("/staff/workdays/?year=99999").status_code == 200


def test_the_calculator_explains_a_deadline(client_for):
    r = client_for("yd_reviewer").get("/staff/workdays/?year=2024&start=2024-09-27&days=20")
    html = r.content.decode()
    assert "期限：2024-10-30" in html
    assert "10月1日至7日国庆节放假不计" in html
    r = client_for("yd_reviewer").get("/staff/workdays/?start=2099-12-30&days=300")
    assert r.status_code == 200
    assert "超出日历范围" in r.content.decode()


def test_anonymous_users_are_sent_to_login():
    r = Client().get("/staff/workdays/")
    assert r.status_code == 302 and "/staff/login/" in r["Location"]


def test_a_reviewer_cannot_enter_an_arrangement(client_for):
    c = client_for("yd_reviewer")
    assert c.get("/staff/workdays/arrangement/?year=2027").status_code == 403
    assert c.post("/staff/workdays/arrangement/", YEAR_2027).status_code == 403
    assert c.post("/staff/workdays/import/", {"text": "2027-01-01,holiday,元旦"}).status_code == 403
    assert not CalendarYear.objects.filter(year=2027).exists()


def test_the_form_is_prefilled_for_an_existing_year(client_for):
    html = client_for("yd_clerk").get("/staff/workdays/arrangement/?year=2024").content.decode()
    assert "2024-10-12,workday,国庆节调休" in html
    assert "国办发明电〔2023〕7号" in html


def test_a_clerk_enters_a_new_year_and_sees_the_changed_deadlines(client_for, hook):
    r = client_for("yd_clerk").post("/staff/workdays/arrangement/", YEAR_2027)
    assert r.status_code == 200
    html = r.content.decode()
    assert "2027年放假安排已保存" in html
    assert "三门峡市陕州区原店镇人民政府" in html or "原店镇" in html
    assert "2027-02-08" in html
    assert "另有1项属于其他机构" in html  # 张湾乡's item is counted, not shown
    year = CalendarYear.objects.get(year=2027)
    assert (year.number, year.loaded, year.days.count()) == ("国办发明电〔2026〕1号", True, 3)
    assert not services.get_calendar().is_provisional(D("2027-05-01"))


def test_bad_lines_are_listed_and_nothing_is_saved(client_for, hook):
    data = {**YEAR_2027, "days": "2027-01-01,holiday,元旦\n2027-02-31,holiday,春节\n2028-01-01,holiday,元旦"}
    r = client_for("yd_clerk").post("/staff/workdays/arrangement/", data)
    assert r.status_code == 400
    html = r.content.decode()
    assert "第2行：“2027-02-31”不是有效日期" in html
    assert "第3行：2028-01-01 不属于2027年" in html
    assert "2027-02-31,holiday,春节" in html  # what was typed is kept
    assert not CalendarYear.objects.filter(year=2027).exists()


def test_import_of_a_short_list(client_for, hook):
    r = client_for("yd_clerk").post(
        "/staff/workdays/import/", {"text": "2027-01-01,holiday,元旦\n2027-02-07,workday,春节调休"}
    )
    assert r.status_code == 200
    assert "已导入2个日期" in r.content.decode()
    assert CalendarDay.objects.get(date=D("2027-02-07")).kind == "workday"


def test_import_of_a_gbk_file(client_for, hook):
    upload = SimpleUploadedFile("2027.csv", "2027-01-01,放假,元旦\r\n".encode("gb18030"), content_type="text/csv")
    r = client_for("yd_clerk").post("/staff/workdays/import/", {"text": "", "file": upload})
    assert r.status_code == 200
    assert CalendarDay.objects.get(date=D("2027-01-01")).name == "元旦"


def test_a_bad_import_saves_nothing(client_for, hook):
    r = client_for("yd_clerk").post(
        "/staff/workdays/import/", {"text": "2027-01-01,holiday,元旦\n2027-01-02;holiday;x"}
    )
    assert r.status_code == 400
    assert "第2行：应为“日期,类型,名称”三项" in r.content.decode()
    assert not CalendarDay.objects.filter(date__year=2027).exists()
    r = client_for("yd_clerk").post("/staff/workdays/import/", {"text": "  "})
    assert r.status_code == 400
    assert "请填写日期清单或上传文件" in r.content.decode()


def test_recompute_is_post_only(client_for, hook):
    c = client_for("yd_clerk")
    assert c.get("/staff/workdays/recompute/").status_code == 405
    r = c.post("/staff/workdays/recompute/")
    assert r.status_code == 200
    assert "已重新计算期限" in r.content.decode()


def test_the_menu_links_the_calendar(client_for):
    html = client_for("yd_clerk").get("/staff/").content.decode()
    assert "/staff/workdays/" in html


def test_staff_are_reminded_to_enter_next_years_notice(client_for):
    import time_machine

    with time_machine.travel("2026-11-05 10:00 +0800"):
        html = client_for("yd_clerk").get("/staff/workdays/").content.decode()
    assert "2027年放假安排尚未录入" in html
    assert "/staff/workdays/arrangement/?year=2027" in html
    with time_machine.travel("2025-11-05 10:00 +0800"):
        html = client_for("yd_clerk").get("/staff/workdays/").content.decode()
    assert "2026年放假安排尚未录入" not in html


@pytest.mark.parametrize("model", ["calendaryear", "calendarday", "deadlinerule"])
def test_the_admin_lists_the_calendar_tables(admin_client, model):
    assert admin_client.get(f"/admin/workdays/{model}/").status_code == 200
    assert admin_client.get(f"/admin/workdays/{model}/add/").status_code == 200


def test_an_admin_edit_changes_the_calendar_at_once(admin_client):
    year = CalendarYear.objects.get(year=2024)
    day = CalendarDay.objects.get(date=D("2024-10-12"))
    services.get_calendar()
    r = admin_client.post(
        f"/admin/workdays/calendarday/{day.pk}/change/",
        {"arrangement": year.pk, "date": "2024-10-12", "kind": "holiday", "name": "国庆节"},
    )
    assert r.status_code == 302
    assert not services.get_calendar().is_working_day(D("2024-10-12"))


def test_a_province_sized_change_lists_the_first_items_and_exports_them_all(orgs, client_for, monkeypatch):
    from gongkai.applications.testing import make_application
    from gongkai.applications.tests.helpers import on
    from gongkai.workdays import views

    monkeypatch.setattr(views, "RESULT_ROWS", 1)
    with on("2026-03-02"):
        mine = [make_application(orgs["yuandian"])[0] for _ in range(2)]
        make_application(orgs["zhangwan"])
        c = client_for("yd_clerk")
        r = c.post("/staff/workdays/import/", {"text": "2026-03-20,holiday,临时放假"})
        html = r.content.decode()
        assert r.status_code == 200 and "共 2 项。下表列出前 1 项。" in html and "另有1项属于其他机构" in html
        link = re.search(r'href="(/staff/workdays/changes\.csv\?since=[^"]+)"', html).group(1)
        got = c.get(link.replace("&amp;", "&"))
        assert got.status_code == 200 and got["Content-Type"].startswith("text/csv")
        text = got.content.decode("utf-8")
        assert text.startswith("\ufeff机构,事项,原期限,新期限,重新计算时间")
        lines = text.strip().splitlines()[1:]
        assert sorted(line.split(",")[1] for line in lines) == sorted(a.number for a in mine)  # not 张湾乡's
        assert all(",2026-03-30,2026-03-31," in line for line in lines)
        assert c.get("/staff/workdays/changes.csv", {"since": "yesterday"}).status_code == 400
        assert client_for("yd_reviewer").get(link).status_code == 403
