"""Search on the bigram index: run on SQLite (FTS5) and PostgreSQL (tsvector + GIN) by the two suite runs."""

import pytest

from gongkai.publications import search
from gongkai.publications.models import Publication
from gongkai.publications.test_support import make_publication, node, publish_through_review


@pytest.fixture
def corpus(orgs, users):
    yd, zw = orgs["yuandian"], orgs["zhangwan"]

    def pub(org, prefix, title, body, **extra):
        return publish_through_review(
            make_publication(org, by=users[f"{prefix}_clerk"], title=title, body=body, **extra), users, prefix=prefix
        )

    return {
        "dibao": pub(
            yd,
            "yd",
            "关于做好城乡低保动态管理工作的通知",
            "<p>入户核查，动态调整。</p>",
            document_number="原政〔2025〕12号",
        ),
        "zhaijidi": pub(
            yd, "yd", "2025年第一批农村宅基地审核结果公示", "<p>本批次受理申请11户。</p>", node=node("art21-tw-04")
        ),
        "body_only": pub(yd, "yd", "社会救助情况公示", "<p>本季度新增低保对象12户，特困供养人员3人。</p>"),
        "split": pub(yd, "yd", "低温天气防范提示", "<p>做好保暖工作，保障安全。</p>"),  # 低 … 保 but never 低保
        "zw": pub(
            zw, "zw", "张湾乡低保提标公示", "<p>农村低保标准提高。</p>", legal_kind="normative", genre="measures"
        ),
        "draft": make_publication(yd, by=users["yd_clerk"], title="低保草稿不应被检索到"),
    }


def found(q, qs=None):
    qs, _terms = search.apply(qs if qs is not None else Publication.objects.published(), q)
    return set(qs.values_list("title", flat=True))


def test_a_two_character_query_finds_titles_and_bodies_but_not_split_characters(corpus):
    assert found("低保") == {"关于做好城乡低保动态管理工作的通知", "社会救助情况公示", "张湾乡低保提标公示"}


def test_a_three_character_query(corpus):
    assert found("宅基地") == {"2025年第一批农村宅基地审核结果公示"}
    assert found("宅基田") == set()


def test_a_one_character_query(corpus):
    assert "低温天气防范提示" in found("温")
    assert found("暖") == {"低温天气防范提示"}


def test_document_numbers_are_searchable(corpus):
    assert found("原政〔2025〕12号") == {"关于做好城乡低保动态管理工作的通知"}


def test_several_terms_must_all_occur(corpus):
    assert found("低保 动态") == {"关于做好城乡低保动态管理工作的通知"}
    assert found("低保 宅基地") == set()


def test_filters_combine_with_the_query(corpus, orgs):
    shanzhou = orgs["shanzhou"]
    subtree = Publication.objects.published().filter(organization__path__startswith=shanzhou.path)
    assert found("低保", subtree) == found("低保")
    assert found("低保", Publication.objects.published().filter(organization=shanzhou)) == set()
    assert found("低保", Publication.objects.published().filter(legal_kind="normative")) == {"张湾乡低保提标公示"}
    assert found("低保", Publication.objects.published().filter(published_on__year=1999)) == set()


def test_withdrawn_publications_leave_the_index(corpus, users):
    from gongkai.publications import services

    services.withdraw(publication=corpus["dibao"], by=users["yd_head"], reason="误发")
    assert "关于做好城乡低保动态管理工作的通知" not in found("低保")


def test_the_search_page_highlights_and_filters(corpus, client, orgs):
    r = client.get("/search/", {"q": "低保", "org": orgs["yuandian"].pk})
    assert r.status_code == 200
    html = r.content.decode()
    assert "<mark>低保</mark>" in html
    assert "张湾乡低保提标公示" not in html
    assert "低温天气防范提示" not in html
    r = client.get(
        "/search/",
        {"q": "低保", "org": orgs["shanzhou"].pk, "subtree": "1", "validity": "in_force", "genre": "measures"},
    )
    assert "张湾乡<mark>低保</mark>提标公示" in r.content.decode()
    r = client.get("/search/", {"q": "低保", "year": "1999"})
    assert "没有找到" in r.content.decode()


def test_the_search_page_escapes_the_query(corpus, client):
    r = client.get("/search/", {"q": "<script>低保"})
    assert r.status_code == 200
    assert "<script>低保" not in r.content.decode()


def test_tokenize_makes_bigrams_and_run_ends():
    assert search.tokenize("低保,宅基地 GB2024") == ["低保", "保", "宅基", "基地", "地", "gb2024"]
