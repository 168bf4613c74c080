"""Browser story: generate, edit (the error shows at once), review, approve with a reason, publish, read publicly."""

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_report_goes_from_the_data_to_the_portal(page, login, world):
    login("yd_clerk")
    page.goto("/staff/reports/")
    page.fill("#id_year", "2024")
    page.click("text=由系统数据生成年度报告")
    assert "2024年政府信息公开工作年度报告" in page.locator("h1").inner_text()
    assert page.locator("table.t3").count() == 1

    page.click("text=修改正文和手工填写的表格")
    page.fill("#id_overview", "2024年，原店镇贯彻落实《政务信息公开条例》。")
    page.click("text=保存草稿")
    assert "R-STATUTE" in page.locator(".findings").inner_text()
    page.click("text=提交内部审核")
    assert "内部审核中" in page.content()

    page.context.clear_cookies()
    login("yd_head")
    page.goto("/staff/reports/")
    page.click("text=2024年度")
    page.click("text=负责人批准")
    page.click("text=在门户网站发布")
    assert "不能发布" in page.locator(".messages").inner_text()  # errors need a reason
    page.fill("#id_override_reason", "负责人决定先行发布，文字错误另行更正")
    page.click("text=在门户网站发布")
    assert "已发布" in page.content()

    page.context.clear_cookies()
    page.goto("/annual-reports/")
    page.click("text=三门峡市陕州区原店镇人民政府 2024年政府信息公开工作年度报告")
    assert page.locator("table.t3 th", has_text="申请人情况").count() == 1
    assert "《政务信息公开条例》" in page.content()
