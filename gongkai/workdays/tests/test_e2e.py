"""In the browser: a clerk imports next year's dates and sees the calendar change."""

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_clerk_imports_dates_and_the_month_grid_shows_them(page, login, world):
    login("yd_clerk")
    page.goto("/staff/workdays/?year=2027")
    assert page.locator("h1 .badge.provisional").inner_text() == "暂定"
    page.click("text=导入日期清单")
    page.fill("#id_text", "2027-02-05,holiday,春节\n2027-02-99,holiday,错")
    page.click("text=导入并重新计算期限")
    assert "第2行：“2027-02-99”不是有效日期" in page.content()
    page.fill("#id_text", "2027-02-05,holiday,春节\n2027-02-20,workday,春节调休")
    page.click("text=导入并重新计算期限")
    assert page.locator("h1").inner_text() == "已导入2个日期"
    page.click("text=查看2027年工作日历")
    assert page.locator('td.day.holiday[title="春节"] time[datetime="2027-02-05"]').count() == 1
    assert page.locator('td.day.workday time[datetime="2027-02-20"]').count() == 1
    assert page.locator("h1 .badge.provisional").count() == 0
