"""Walk a paged staff list (``gongkai.pagination``) page by page, the way a user follows its pager."""

from collections import Counter
from html import escape

from django.utils.http import urlencode


def pager_href(params: dict, page: int) -> str:
    """The pager's link to ``page``: the list's other query parameters first, kept as they were."""
    return escape("?" + urlencode({**params, "page": page}))


def assert_pages_through(client, url: str, params: dict, rows: list[str], *, absent=(), per_page: int = 2) -> None:
    """Every text in ``rows`` (one per expected row) appears exactly once over all the pages, none of ``absent``
    does, each page links to its neighbours keeping ``params``, and a bad or too large ``?page=`` is a page too."""
    pages = -(-len(rows) // per_page)
    assert pages > 1, "make more rows than one page holds"
    seen = Counter()
    for n in range(1, pages + 1):
        response = client.get(url, {**params, "page": n})
        assert response.status_code == 200
        body = response.content.decode()
        assert f"第 {n} / {pages} 页，共 {len(rows)} 条" in body
        seen.update({row: body.count(row) for row in rows})
        assert not [a for a in absent if a in body], "a row outside the filter is listed"
        if n > 1:
            assert pager_href(params, n - 1) in body
        if n < pages:
            assert pager_href(params, n + 1) in body
    assert seen == Counter({row: 1 for row in rows}), "a row is repeated or skipped"
    for bad, shown in (("abc", 1), ("0", pages), (str(pages + 7), pages), ("9" * 30, pages)):
        response = client.get(url, {**params, "page": bad})
        assert response.status_code == 200, bad
        assert f"第 {shown} / {pages} 页" in response.content.decode(), bad
