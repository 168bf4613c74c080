"""评议: the applicant rates a closed application with its number and 查询码; supervisors see the figures."""

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from gongkai.cases import reporting
from gongkai.cases.models import Rating
from gongkai.cases.testing import make_rating

from .paging import assert_pages_through

pytestmark = pytest.mark.django_db


def closed_application(org, users):
    from gongkai.applications import services as app_services
    from gongkai.applications.testing import make_application

    app, code = make_application(org)
    app_services.withdraw(app, reason="已获取", by=users["yd_clerk"], version=app.version, today=timezone.localdate())
    app.refresh_from_db()
    return app, code


def test_the_applicant_rates_a_closed_application(orgs, users):
    app, code = closed_application(orgs["yuandian"], users)
    c = Client()
    assert c.get(f"/complaints/rate/?number={app.number}").status_code == 200
    r = c.post("/complaints/rate/", {"number": app.number, "code": code, "score": "basic", "comment": "还可以"})
    assert r.status_code == 200 and "感谢您的评价" in r.content.decode()
    rating = Rating.objects.get()
    assert (rating.application, rating.organization, rating.score, rating.comment) == (
        app,
        orgs["yuandian"],
        "basic",
        "还可以",
    )
    c.post("/complaints/rate/", {"number": app.number, "code": code, "score": "satisfied"})
    assert Rating.objects.get().score == "satisfied"


def test_a_wrong_code_is_refused(orgs, users):
    app, _code = closed_application(orgs["yuandian"], users)
    r = Client().post("/complaints/rate/", {"number": app.number, "code": "WRONG123", "score": "unsatisfied"})
    assert r.status_code == 400 and "查询码不正确" in r.content.decode()
    assert not Rating.objects.exists()


def test_an_open_application_cannot_be_rated_yet(orgs):
    from gongkai.applications.testing import make_application

    app, code = make_application(orgs["yuandian"])
    r = Client().post("/complaints/rate/", {"number": app.number, "code": code, "score": "unsatisfied"})
    assert r.status_code == 400 and "办结后才能评价" in r.content.decode()
    assert not Rating.objects.exists()


def test_supervisors_see_the_figures_per_agency(orgs, users, client_for):
    app, code = closed_application(orgs["yuandian"], users)
    Client().post("/complaints/rate/", {"number": app.number, "code": code, "score": "unsatisfied", "comment": "太慢"})
    figures = reporting.rating_figures([orgs["yuandian"].pk], timezone.localdate().year)
    assert (figures["total"], figures["unsatisfied"], figures["satisfaction_rate"]) == (1, 1, 0.0)
    body = client_for("sz_supervisor").get("/staff/cases/ratings/").content.decode()
    assert "太慢" in body and "原店镇" in body
    assert "太慢" not in client_for("zw_clerk").get("/staff/cases/ratings/").content.decode()


def test_code_guessing_is_rate_limited(orgs, users, settings):
    from django.core.cache import cache

    cache.clear()
    settings.GONGKAI_LOOKUP_RATE = "2/m"
    app, code = closed_application(orgs["yuandian"], users)
    c = Client()
    for _ in range(2):
        assert c.post("/complaints/rate/", {"number": app.number, "code": "BAD", "score": "basic"}).status_code == 400
    r = c.post("/complaints/rate/", {"number": app.number, "code": code, "score": "basic"})
    assert r.status_code == 429 and not Rating.objects.exists()
    assert c.post("/complaints/status/", {"number": "TS1", "code": "1"}).status_code == 429
    cache.clear()


def test_the_status_page_of_a_closed_application_links_to_the_rating_form(orgs, users):
    from django.urls import reverse

    app, code = closed_application(orgs["yuandian"], users)
    c = Client()
    c.post(reverse("applications_public:lookup"), {"number": app.number, "code": code})
    page = c.get(reverse("applications_public:status", args=[app.number])).content.decode()
    assert f"/complaints/rate/?number={app.number}" in page


# ---------------------------------------------------------------- paged lists


def test_the_ratings_of_a_year_page_through_every_rating_keeping_the_filters(orgs, client_for, two_per_page):
    for i in range(5):
        make_rating(orgs["yuandian"], rated_on=date(2025, 6, 1), comment=f"评议意见{i}号")
    make_rating(orgs["yuandian"], rated_on=date(2024, 6, 1), comment="上一年的评议")
    make_rating(orgs["zhangwan"], rated_on=date(2025, 6, 1), comment="张湾乡的评议")
    assert_pages_through(
        client_for("sz_supervisor"),
        reverse("cases:rating-list"),
        {"year": 2025, "org": orgs["yuandian"].pk},
        [f"<td>评议意见{i}号</td>" for i in range(5)],
        absent=["上一年的评议", "张湾乡的评议"],
    )


def test_the_ratings_page_pages_through_every_agency_and_links_to_all_ratings_of_the_year(
    orgs, client_for, two_per_page
):
    make_rating(orgs["yuandian"], rated_on=date(2025, 6, 1), comment="评议意见")
    c = client_for("sz_supervisor")
    subtree = ["shanzhou", "yuandian", "zhangwan", "dayang", "szfgw", "szzrzy"]
    assert_pages_through(
        c,
        reverse("cases:ratings"),
        {"year": 2025},
        [f'href="/staff/cases/desk/{orgs[k].pk}/#ratings"' for k in subtree],
        absent=[f'href="/staff/cases/desk/{orgs["smx"].pk}/#ratings"'],
    )
    body = c.get(reverse("cases:ratings"), {"year": 2025}).content.decode()
    assert "评议意见" in body and f'href="{reverse("cases:rating-list")}?year=2025"' in body
    assert "评议意见" not in client_for("zw_clerk").get(reverse("cases:rating-list"), {"year": 2025}).content.decode()


def test_the_figures_of_each_agency_come_from_one_query_and_match_each_agencys_own(orgs, django_assert_num_queries):
    today = timezone.localdate()
    year = today.year
    make_rating(orgs["yuandian"], rated_on=today, score="satisfied")
    make_rating(orgs["yuandian"], rated_on=today, score="unsatisfied")
    make_rating(orgs["zhangwan"], rated_on=today, score="basic")
    make_rating(orgs["zhangwan"], rated_on=date(year - 1, 6, 1), score="unsatisfied")  # another year
    ids = [orgs["yuandian"].pk, orgs["zhangwan"].pk, orgs["dayang"].pk]
    with django_assert_num_queries(1):
        by_org = reporting.rating_figures_by_org(ids, year)
    assert by_org == {pk: reporting.rating_figures([pk], year) for pk in ids}
    assert by_org[orgs["yuandian"].pk]["total"] == 2 and by_org[orgs["dayang"].pk]["satisfaction_rate"] is None
