import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_clerk_logs_in_and_cannot_open_another_town(page, login, world):
    login("yd_clerk")
    assert page.locator("h1").inner_text() == "工作台"
    assert "三门峡市陕州区原店镇人民政府" in page.content()
    page.goto(f"/staff/organizations/{world['orgs']['yuandian'].pk}/")
    assert page.locator("h1").inner_text() == "三门峡市陕州区原店镇人民政府"

    page.context.clear_cookies()
    login("zw_clerk")
    assert "张湾乡" in page.content()
    response = page.goto(f"/staff/organizations/{world['orgs']['yuandian'].pk}/")
    assert response.status == 404
