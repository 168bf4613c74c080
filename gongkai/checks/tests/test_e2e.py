"""A supervisor uploads a subordinate's report in the browser and reads the findings."""

import pytest

from gongkai.checks.testing import SEED

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_supervisor_checks_an_uploaded_report(page, login, world):
    login("sz_supervisor")
    page.goto("/staff/checks/")
    page.click("text=上传报告进行检查")
    page.set_input_files("input[type=file]", str(SEED))
    page.click("form.form button[type=submit]")
    page.wait_for_load_state()
    assert "检查结果：三门峡市陕州区原店镇人民政府 2024年" in page.text_content("h1")
    body = page.text_content("main")
    assert "《政务信息公开条例》并不存在" in body
    assert "“真给公开”应为“政务公开”" in body
    page.goto("/staff/checks/")
    assert "三门峡市陕州区原店镇人民政府" in page.text_content("table")
