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


def orgs_in(org):
    from gongkai.organizations.models import Organization

    return Organization.objects.filter(path__startswith=org.path).values_list("pk", flat=True)


def _find(q, **filters):
    items, has_next, _terms = search.find(
        q, search.Filters(**filters), offset=0, limit=20, queryset=Publication.objects.published()
    )
    return {p.title for p in items}


def test_the_portal_search_filters_on_its_own_table(corpus, orgs, users):
    from gongkai.publications import services

    yd, shanzhou = orgs["yuandian"], orgs["shanzhou"]
    assert _find("低保") == found("低保")
    assert _find("低保", org_id=yd.pk) == {"关于做好城乡低保动态管理工作的通知", "社会救助情况公示"}
    subtree = tuple(orgs_in(shanzhou))
    assert _find("低保", org_id=shanzhou.pk, org_ids=subtree) == found("低保")
    assert _find("低保", org_id=shanzhou.pk) == set()
    assert _find("宅基地", node_id=node("art21-tw-04").pk) == {"2025年第一批农村宅基地审核结果公示"}
    assert _find("低保", genre="measures") == {"张湾乡低保提标公示"}
    assert _find("低保", year=1999) == set()
    services.repeal(publication=corpus["zw"], by=users["zw_head"], on=corpus["zw"].published_on, reason="被替代")
    assert _find("低保", validity="repealed") == {"张湾乡低保提标公示"}
    assert "张湾乡低保提标公示" not in _find("低保", validity="in_force")


def test_the_portal_search_pages_newest_first_past_false_candidates(orgs, users):
    yd = orgs["yuandian"]
    for i in range(23):
        publish_through_review(
            make_publication(yd, by=users["yd_clerk"], title=f"宅基地公示第{i}号", body="<p>正文</p>"), users
        )
    for i in range(5):  # 宅基 and 基地 in every one, never 宅基地: index candidates the substring check must drop
        publish_through_review(
            make_publication(yd, by=users["yd_clerk"], title=f"宅基申请与基地建设提示{i}", body="<p>正文</p>"), users
        )
    everything = Publication.objects.all()
    first, has_next, _ = search.find("宅基地", search.Filters(), offset=0, limit=20, queryset=everything)
    assert len(first) == 20 and has_next
    assert [p.pk for p in first] == sorted((p.pk for p in first), reverse=True)
    rest, has_next, _ = search.find("宅基地", search.Filters(), offset=20, limit=20, queryset=everything)
    assert len(rest) == 3 and not has_next
    assert all("宅基地" in p.title for p in first + rest)


def test_only_terms_the_index_matches_exactly_skip_the_substring_check():
    exact = {t.text: t.index_is_exact for t in search.parse_query("低保 暖 GB2312 宅基地 低保， café")}
    assert exact == {"低保": True, "暖": True, "GB2312": True, "宅基地": False, "低保，": False, "café": False}
