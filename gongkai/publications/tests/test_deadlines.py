from datetime import date

from gongkai.publications.models import Publication
from gongkai.publications.test_support import make_publication, publish_through_review
from gongkai.workdays import services as workdays


def test_a_new_holiday_moves_the_stored_due_date_of_open_drafts_only(orgs, users):
    yd = orgs["yuandian"]
    draft = make_publication(yd, by=users["yd_clerk"], formed_on=date(2025, 3, 3))
    done = publish_through_review(make_publication(yd, by=users["yd_clerk"], formed_on=date(2025, 3, 3)), users)
    assert draft.publish_due == date(2025, 3, 31)
    # The agency's calendar gains a rest day inside the period (say, a local closure).
    rows = workdays.parse_days("2025-03-12,holiday,临时休息日")
    change = workdays.import_days(rows=rows, by=users["admin"])
    draft.refresh_from_db()
    assert draft.publish_due == date(2025, 4, 1)
    assert any(c.obj.pk == draft.pk for c in change.changed if isinstance(c.obj, Publication))
    assert Publication.objects.get(pk=done.pk).publish_due == date(2025, 3, 31)
