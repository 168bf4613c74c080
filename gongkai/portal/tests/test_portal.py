import uuid
from xml.etree import ElementTree

import pytest
from django.test import Client

from gongkai.publications import services
from gongkai.publications.models import Attachment
from gongkai.publications.test_support import (
    PDF_BYTES,
    PNG_BYTES,
    make_publication,
    node,
    publish_through_review,
    upload,
)

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def published(orgs, users):
    yd = orgs["yuandian"]
    pub = make_publication(yd, by=users["yd_clerk"], document_number="原政〔2025〕12号", node=node("art21-tw-08"))
    services.add_attachment(publication=pub, by=users["yd_clerk"], upload=upload("实施细则.pdf", PDF_BYTES))
    publish_through_review(pub, users)
    interp = make_publication(
        yd, by=users["yd_clerk"], title="图解：低保认定怎么做", interprets=pub, interpretation_kind="graphic", genre="interpretation",
        node=node("art21-tw-08"),
    )  # fmt: skip
    services.add_attachment(
        publication=interp, by=users["yd_clerk"], upload=upload("图解.png", PNG_BYTES), role=Attachment.Role.GRAPHIC
    )
    publish_through_review(interp, users)
    draft = make_publication(yd, by=users["yd_clerk"], title="尚未发布的草稿")
    return {"pub": pub, "interp": interp, "draft": draft}


def test_the_publication_page_shows_the_metadata_block_attachments_and_interpretation(client, published):
    pub = published["pub"]
    html = client.get(f"/publications/{pub.pk}/").content.decode()
    for label in ("索引号", "发文机关", "文号", "成文日期", "发布日期", "主题分类", "有效性"):
        assert f">{label}</th>" in html
    assert pub.index_number in html and "原政〔2025〕12号" in html and "现行有效" in html
    assert "实施细则.pdf" in html
    assert "图解：低保认定怎么做" in html  # related interpretation
    interp_html = client.get(f"/publications/{published['interp'].pk}/").content.decode()
    assert pub.title in interp_html and "<img" in interp_html


def test_drafts_are_not_public(client, published):
    assert client.get(f"/publications/{published['draft'].pk}/").status_code == 404


def test_public_attachments_are_served_only_for_published_items(client, published):
    att = published["pub"].attachments.get()
    r = client.get(f"/publications/{published['pub'].pk}/files/{att.pk}/?download=1")
    assert r.status_code == 200 and b"".join(r.streaming_content) == PDF_BYTES
    assert "attachment" in r["Content-Disposition"]
    draft_att = services.add_attachment(publication=published["draft"], by=None, upload=upload("x.pdf", PDF_BYTES))
    assert client.get(f"/publications/{published['draft'].pk}/files/{draft_att.pk}/").status_code == 404


def test_a_repealed_document_says_so(client, published, users):
    from django.utils import timezone

    services.repeal(publication=published["pub"], by=users["yd_head"], on=timezone.localdate(), reason="被替代")
    html = client.get(f"/publications/{published['pub'].pk}/").content.decode()
    assert "已废止" in html and "本文件已废止" in html
    assert "有效性变更记录" in html and "被替代" in html


def test_every_portal_page_renders_without_javascript(client, published, orgs):
    yd = orgs["yuandian"]
    n = node("art21-tw-08")
    for url in [
        "/", f"/org/{yd.pk}/", f"/org/{yd.pk}/guide/", f"/org/{yd.pk}/catalogue/", f"/org/{yd.pk}/catalogue/{n.pk}/",
        f"/org/{yd.pk}/proactive/", f"/org/{yd.pk}/proactive/?subtree=1&page=2", f"/org/{orgs['shanzhou'].pk}/proactive/?subtree=1",
        f"/org/{yd.pk}/interpretations/", f"/org/{yd.pk}/apply/", "/search/", "/guide/", "/catalogue/", "/proactive/",
        "/apply-index/", "/reports/",
    ]:  # fmt: skip
        r = client.get(url)
        assert r.status_code == 200, url
        assert b"<script" not in r.content, url
    assert published["pub"].title in client.get(f"/org/{yd.pk}/catalogue/{n.pk}/").content.decode()
    assert published["pub"].title in client.get(f"/org/{orgs['shanzhou'].pk}/proactive/?subtree=1").content.decode()
    assert published["pub"].title not in client.get(f"/org/{orgs['shanzhou'].pk}/proactive/").content.decode()


def test_a_township_catalogue_has_the_eight_township_topics_and_a_county_does_not(client, orgs):
    yd_html = client.get(f"/org/{orgs['yuandian'].pk}/catalogue/").content.decode()
    for name in [
        "贯彻落实农业农村政策",
        "农田水利工程建设运营",
        "宅基地使用情况审核",
        "筹资筹劳",
        "社会救助",
        "行政法规、规章和规范性文件",
    ]:
        assert name in yd_html
    sz_html = client.get(f"/org/{orgs['shanzhou'].pk}/catalogue/").content.decode()
    assert "宅基地使用情况审核" not in sz_html and "治安管理" in sz_html
    assert client.get(f"/org/{orgs['yuandian'].pk}/catalogue/999999/").status_code == 404


def test_the_guide_is_generated_from_the_agency_data_and_can_be_overridden(client, orgs, users):
    from django.utils import timezone

    yd = orgs["yuandian"]
    html = client.get(f"/org/{yd.pk}/guide/").content.decode()
    for fact in [yd.office_name, yd.address, yd.office_hours, yd.phone, yd.fax, "宅基地使用情况审核", "20个工作日"]:
        assert fact in html
    services.save_guide(
        organization=yd,
        by=users["yd_clerk"],
        text="<p>人工编辑的指南</p><script>x</script>",
        today=timezone.localdate(),
    )
    html = client.get(f"/org/{yd.pk}/guide/").content.decode()
    assert "人工编辑的指南" in html and "<script>x" not in html


def test_atom_feeds_per_agency_and_per_node(client, published, orgs):
    yd = orgs["yuandian"]
    r = client.get(f"/org/{yd.pk}/feed.atom")
    assert r.status_code == 200 and r["Content-Type"].startswith("application/atom+xml")
    titles = [e.findtext(f"{ATOM}title") for e in ElementTree.fromstring(r.content).iter(f"{ATOM}entry")]
    assert published["pub"].title in titles and "尚未发布的草稿" not in titles
    r = client.get(f"/org/{yd.pk}/catalogue/{node('art20-01').pk}/feed.atom")
    assert list(ElementTree.fromstring(r.content).iter(f"{ATOM}entry")) == []
    r = client.get(f"/org/{yd.pk}/catalogue/{node('art21-tw-08').pk}/feed.atom")
    assert len(list(ElementTree.fromstring(r.content).iter(f"{ATOM}entry"))) == 2


def test_the_sitemap_lists_published_pages_only(client, published):
    index = client.get("/sitemap.xml")
    assert index.status_code == 200
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    sections = [loc.text for loc in ElementTree.fromstring(index.content).iter(f"{ns}loc")]
    assert any("sitemap-publications.xml" in s for s in sections)
    body = client.get("/sitemap-publications.xml").content
    locs = [loc.text for loc in ElementTree.fromstring(body).iter(f"{ns}loc")]
    assert any(loc.endswith(f"/publications/{published['pub'].pk}/") for loc in locs)
    assert not any(loc.endswith(f"/publications/{published['draft'].pk}/") for loc in locs)


def test_cached_portal_pages_change_as_soon_as_the_data_changes(client, orgs, users):
    yd = orgs["yuandian"]
    url = f"/org/{yd.pk}/catalogue/{node('art20-11').pk}/"
    assert "第一篇" not in client.get(url).content.decode()
    assert "第一篇" not in client.get(url).content.decode()  # served from the cache
    publish_through_review(make_publication(yd, by=users["yd_clerk"], title="第一篇"), users)
    assert "第一篇" in client.get(url).content.decode()
    yd.phone = "0398-7777777"
    yd.save()
    assert "0398-7777777" in client.get(f"/org/{yd.pk}/").content.decode()


def test_a_cached_page_is_replayed_before_the_session_middleware_with_the_same_headers(client, orgs, published):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = f"/org/{orgs['yuandian'].pk}/catalogue/{node('art21-tw-08').pk}/"
    first = client.get(url)
    with CaptureQueriesContext(connection) as queries:
        again = client.get(url)
    assert again.content == first.content
    # A hit reads only the portal token: no organization, node or publication query.
    assert len(queries.captured_queries) == 1 and "portalstate" in queries.captured_queries[0]["sql"]
    assert not hasattr(again.wsgi_request, "session")  # answered before SessionMiddleware ran
    for header in ("Content-Type", "X-Frame-Options", "X-Content-Type-Options", "Content-Security-Policy"):
        assert again[header] == first[header]
    assert not again.cookies


def test_cached_search_results_change_as_soon_as_a_publication_is_published(client, orgs, users, published):
    url = "/search/?q=宅基地"
    assert "确权公告" not in client.get(url).content.decode()
    assert "确权公告" not in client.get(url).content.decode()  # now cached
    pub = make_publication(orgs["yuandian"], by=users["yd_clerk"], title="宅基地确权公告")
    publish_through_review(pub, users)
    assert "<mark>宅基地</mark>确权公告" in client.get(url).content.decode()


def test_staff_with_a_session_never_get_a_cached_page(client_for, client, orgs):
    yd = orgs["yuandian"]
    client.get(f"/org/{yd.pk}/")
    r = client_for("yd_clerk").get(f"/org/{yd.pk}/")
    assert r.status_code == 200 and r.wsgi_request.user.is_authenticated


def test_attachments_are_served_with_the_type_of_their_content_not_their_name(client, orgs, users):
    pub = make_publication(orgs["yuandian"], by=users["yd_clerk"])
    att = services.add_attachment(publication=pub, by=users["yd_clerk"], upload=upload("page.html", PDF_BYTES))
    publish_through_review(pub, users)
    r = client.get(f"/publications/{pub.pk}/files/{att.pk}/")
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    assert r["X-Content-Type-Options"] == "nosniff"


def test_a_cached_page_still_gets_the_https_redirect(client, orgs, settings):
    url = f"/org/{orgs['yuandian'].pk}/"
    assert client.get(url, secure=True).status_code == 200  # now cached
    settings.SECURE_SSL_REDIRECT = True
    r = Client().get(url)  # a new handler: SecurityMiddleware reads the setting when it is built
    assert r.status_code == 301 and r["Location"].startswith("https://")


def test_pages_are_shared_through_redis_when_redis_url_is_set(client, orgs, monkeypatch):
    """REDIS_URL switches the cache to django's RedisCache: the client library must be installed and work."""
    import redis
    from django.core.cache.backends.redis import RedisCache

    from gongkai.portal import cache as portal_cache

    try:
        redis.Redis.from_url("redis://127.0.0.1:6379/15", socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("no Redis server on 127.0.0.1:6379")
    shared = RedisCache("redis://127.0.0.1:6379/15", {"KEY_PREFIX": f"test-{uuid.uuid4().hex}"})
    monkeypatch.setattr(portal_cache, "cache", shared)
    url = f"/org/{orgs['yuandian'].pk}/"
    first = client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        again = Client().get(url)  # another client: the page comes from Redis
    assert again.content == first.content
    assert len(queries.captured_queries) == 1  # the token only
    shared.clear()
