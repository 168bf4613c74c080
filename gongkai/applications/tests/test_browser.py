"""Browser story: the public files, the clerk asks for 补正, the applicant answers online, the clerk decides
部分公开, the reviewer approves, and the applicant downloads the PDF 答复书 (text read back with pypdfium2)."""

import pypdfium2
import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def staff_page(browser, live_server, username):
    from gongkai.organizations.demo import DEMO_PASSWORD

    context = browser.new_context(locale="zh-CN", base_url=live_server.url)
    pg = context.new_page()
    pg.set_default_timeout(15000)
    pg.goto("/staff/login/")
    pg.fill("#id_username", username)
    pg.fill("#id_password", DEMO_PASSWORD)
    pg.click("button[type=submit]")
    pg.wait_for_load_state()
    return pg


def open_action(pg, name):
    pg.click(f"#action-{name} summary")
    return pg.locator(f"#action-{name}")


def test_an_application_from_filing_to_the_downloaded_reply(page, browser, live_server, world, tmp_path):
    from gongkai.applications.models import Application

    yd = world["orgs"]["yuandian"]
    # 1. a member of the public files an application
    page.goto(f"/apply/{yd.pk}/new/")
    page.check("input[name=applicant_type][value=natural]")
    page.fill("#id_applicant_name", "张三")
    page.select_option("#id_id_type", "resident_id")
    page.fill("#id_id_number", "11010519491231002X")
    page.fill("#id_phone", "13800138000")
    page.fill("#id_email", "zhangsan@example.com")
    page.fill("#id_address", "河南省三门峡市陕州区原店镇某村")
    page.fill("#id_description", "原店镇村道修建的合同")
    page.select_option("#id_preferred_form", "email")
    page.select_option("#id_delivery", "email")
    page.click("button[name=submit]")
    if page.locator("#matches").count():
        page.click("button[name=submit]")
    number = page.inner_text("#app-number").strip()
    assert page.inner_text("#app-code").strip()
    app = Application.objects.get(number=number)
    assert app.status == "received"

    # 2. the clerk asks for 补正
    clerk = staff_page(browser, live_server, "yd_clerk")
    clerk.goto(f"/staff/applications/{app.pk}/")
    form = open_action(clerk, "correction")
    form.locator("textarea[name=items]").fill("请写明村道名称和合同签订年份。")
    form.locator("button[type=submit]").click()
    clerk.wait_for_load_state()
    assert "待申请人补正" in clerk.inner_text("#app-status")

    # 3. the applicant answers on the status page
    page.goto(f"/apply/status/{number}/")
    assert "请写明村道名称" in page.content()
    page.fill("textarea[name$=-response]", "乡道Y001原店至张湾段，2025年签订的施工合同。")
    page.click("form[action*=respond] button[type=submit]")
    page.wait_for_load_state()
    assert "办理中" in page.inner_text("#app-status")

    # 4. the clerk decides 部分公开
    clerk.goto(f"/staff/applications/{app.pk}/")
    form = open_action(clerk, "decide")
    form.locator("select[name=category]").select_option("partial")
    form.locator("select[name=partial_withheld_category]").select_option("withheld.third_party")
    form.locator("textarea[name=reasons]").fill("合同中的报价明细属于第三方商业秘密，不予公开。")
    form.locator("textarea[name=access_instructions]").fill("可公开部分以电子邮件方式发送。")
    form.locator("button[type=submit]").click()
    clerk.wait_for_load_state()
    assert "答复审核中" in clerk.inner_text("#app-status")

    # 5. the reviewer approves
    reviewer = staff_page(browser, live_server, "yd_reviewer")
    reviewer.goto(f"/staff/applications/{app.pk}/")
    form = open_action(reviewer, "review")
    form.locator("select[name=approve]").select_option("1")
    form.locator("button[type=submit]").click()
    reviewer.wait_for_load_state()
    assert "已答复" in reviewer.inner_text("#app-status")

    # 6. the applicant downloads the PDF 答复书
    page.goto(f"/apply/status/{number}/")
    with page.expect_download() as dl:
        page.click("a.letter-pdf[data-kind=reply_partial]")
    path = tmp_path / "reply.pdf"
    dl.value.save_as(path)
    pdf = pypdfium2.PdfDocument(str(path))
    text = "".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    text = "".join(text.split())
    assert "部分公开" in text and "商业秘密" in text
    assert "六十日" in text and "行政复议" in text and "六个月" in text and "应当先" in text
