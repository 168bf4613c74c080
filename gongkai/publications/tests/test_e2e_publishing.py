"""Browser story: a clerk drafts, a reviewer returns it, the clerk fixes it, the head approves, and it
appears on the portal and in search for a 2-character query."""

import pytest

from gongkai.publications.models import Publication, Status
from gongkai.publications.test_support import node

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _as(page, login, username):
    page.context.clear_cookies()
    login(username)


def _checklist_and(page, decision, comments=""):
    for box in page.locator("#pre-review input[type=checkbox]").all():
        box.check()
    page.check(f"#pre-review input[name=decision][value={decision}]")
    if comments:
        page.fill("#pre-review textarea[name=comments]", comments)
    page.click("#pre-review button[type=submit]")


def _review(page, decision, comments=""):
    page.check(f"#review input[name=decision][value={decision}]")
    if comments:
        page.fill("#review textarea[name=comments]", comments)
    page.click("#review button[type=submit]")


def test_a_draft_goes_through_review_to_the_portal_and_search(page, login, world):
    yd = world["orgs"]["yuandian"]
    homestead = node("art21-tw-04")  # before the form renders: restores rows a transactional test flushed
    _as(page, login, "yd_clerk")
    page.goto(f"/staff/publications/new/?org={yd.pk}")
    page.fill("#id_title", "原店镇2025年第二批宅基地审核结果公示")
    page.fill("#id_formed_on", "2025-06-02")
    page.select_option("#id_node", str(homestead.pk))
    page.select_option("#id_disclosure", "proactive")
    page.fill("#id_body", "<p>本批次受理宅基地申请7户，均符合一户一宅规定。</p>")
    page.click("main button[type=submit]")
    page.get_by_text("草稿已保存").wait_for()
    pub = Publication.objects.get(title="原店镇2025年第二批宅基地审核结果公示")
    detail = f"/staff/publications/{pub.pk}/"
    page.get_by_role("button", name="提交预审").click()
    page.get_by_text("已提交预审").wait_for()

    # The reviewer passes the 保密审查 checklist, then returns it in the review round.
    _as(page, login, "yd_reviewer")
    page.goto(detail)
    _checklist_and(page, "approve")
    page.get_by_text("预审通过").first.wait_for()
    _review(page, "return", "请补充低保户优先情况说明")
    page.get_by_text("已退回修改").first.wait_for()

    # The clerk reads the comment, fixes the text and submits again.
    _as(page, login, "yd_clerk")
    page.goto(detail)
    assert page.get_by_text("请补充低保户优先情况说明").is_visible()
    page.get_by_role("link", name="编辑").click()
    page.fill("#id_body", "<p>本批次受理宅基地申请7户，其中低保户2户优先审核，均符合一户一宅规定。</p>")
    page.click("main button[type=submit]")
    page.get_by_role("button", name="提交预审").click()

    _as(page, login, "yd_reviewer")
    page.goto(detail)
    _checklist_and(page, "approve")
    _review(page, "approve", "同意")
    page.get_by_text("已同意").wait_for()

    # The head approves in the last round and publishes.
    _as(page, login, "yd_head")
    page.goto(detail)
    _review(page, "approve", "同意发布")
    page.get_by_role("button", name="立即发布").click()
    page.get_by_text("已发布").first.wait_for()
    pub.refresh_from_db()
    assert pub.status == Status.PUBLISHED

    # Anyone finds it on the portal and by a 2-character search.
    page.context.clear_cookies()
    page.goto(f"/org/{yd.pk}/catalogue/{node('art21-tw-04').pk}/")
    assert page.get_by_role("link", name="原店镇2025年第二批宅基地审核结果公示").is_visible()
    page.goto("/")
    page.fill("#q", "低保")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=*")
    result = page.locator("ol.results li").filter(has_text="第二批宅基地审核结果公示")
    assert result.count() == 1
    assert result.locator("mark").first.inner_text() == "低保"
    result.locator("a.result-title").click()
    assert page.locator("table.pub-metadata").get_by_text(pub.index_number).is_visible()


def test_portal_pages_read_at_large_font_sizes_and_by_keyboard(page, world):
    from gongkai.publications.test_support import make_publication, publish_through_review

    yd = world["orgs"]["yuandian"]
    pub = publish_through_review(
        make_publication(yd, by=world["users"]["yd_clerk"], document_number="原政〔2025〕12号"), world["users"]
    )
    page.set_viewport_size({"width": 800, "height": 900})
    for url in [f"/publications/{pub.pk}/", f"/org/{yd.pk}/", "/search/?q=低保", f"/org/{yd.pk}/guide/"]:
        page.goto(url)
        page.evaluate("document.documentElement.style.fontSize = '200%'")  # a reader's 200% text size (适老化)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 1, f"{url} scrolls sideways at 200% text: {overflow}px"
    # The first Tab reaches the skip link, which moves focus to the main content.
    page.goto(f"/publications/{pub.pk}/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
