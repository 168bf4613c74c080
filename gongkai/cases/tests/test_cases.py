"""复议/诉讼 cases: deadlines through the workday engine, table 四 from records, the editable mapping."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from gongkai.cases import deadlines, reporting
from gongkai.cases.models import Case, ResultMapping
from gongkai.cases.testing import make_case

from .paging import assert_pages_through

pytestmark = pytest.mark.django_db


def test_it_gives_the_agency_10_working_days_to_answer_a_reconsideration(orgs):
    # 2024-09-27 (Fri): 09-29 (Sun, 调休上班), 09-30, [国庆 10-01..07], 10-08..11, 10-12 (Sat, 调休上班), 10-14..16.
    case = make_case(orgs["yuandian"], filed_on=date(2024, 9, 25), copy_received_on=date(2024, 9, 27))
    assert case.reply_due == date(2024, 10, 16)


def test_the_simplified_procedure_gives_5_working_days(orgs):
    case = make_case(
        orgs["yuandian"], procedure="simplified", filed_on=date(2024, 9, 25), copy_received_on=date(2024, 9, 27)
    )
    assert case.reply_due == date(2024, 10, 10)


def test_the_defence_is_due_15_calendar_days_after_the_copy(orgs):
    case = make_case(
        orgs["yuandian"],
        kind="litigation",
        route="direct",
        procedure="",
        filed_on=date(2024, 3, 1),
        copy_received_on=date(2024, 3, 4),
    )
    assert case.reply_due == date(2024, 3, 19)


def test_a_defence_deadline_on_a_holiday_rolls_to_the_next_working_day(orgs):
    # 2024-09-20 + 15 = 2024-10-05 (国庆假期) → 2024-10-08 (民事诉讼法 第八十五条).
    case = make_case(
        orgs["yuandian"],
        kind="litigation",
        route="direct",
        procedure="",
        filed_on=date(2024, 9, 18),
        copy_received_on=date(2024, 9, 20),
    )
    assert case.reply_due == date(2024, 10, 8)
    _due, lines = deadlines.reply_due(case)
    assert "顺延" in lines[0]


def test_a_defence_deadline_on_a_sunday_rolls_to_monday(orgs):
    case = make_case(
        orgs["yuandian"],
        kind="litigation",
        route="after_reconsideration",
        procedure="",
        filed_on=date(2024, 5, 30),
        copy_received_on=date(2024, 6, 1),
    )
    assert case.reply_due == date(2024, 6, 17)


def test_without_a_copy_there_is_no_deadline(orgs):
    assert make_case(orgs["yuandian"], copy_received_on=None).reply_due is None


def test_a_lawsuit_needs_a_route(orgs):
    with pytest.raises(ValidationError):
        make_case(orgs["yuandian"], kind="litigation", route="", procedure="")


def test_a_result_needs_its_date(orgs):
    with pytest.raises(ValidationError):
        make_case(orgs["yuandian"], decision_type="uphold", decided_on=None)


def test_the_recompute_hook_repairs_stored_due_dates(orgs, users):
    from gongkai.workdays import services as workdays

    case = make_case(orgs["yuandian"], filed_on=date(2024, 9, 25), copy_received_on=date(2024, 9, 27))
    Case.objects.filter(pk=case.pk).update(reply_due=date(2024, 10, 11))
    changed = workdays.recompute_open_deadlines(by=users["admin"], today=date(2024, 10, 1))
    mine = [c for c in changed if isinstance(c.obj, Case)]
    assert [(c.old_due, c.new_due) for c in mine] == [(date(2024, 10, 11), date(2024, 10, 16))]
    case.refresh_from_db()
    assert case.reply_due == date(2024, 10, 16)


def test_replied_cases_are_left_alone_by_the_recompute_hook(orgs, users):
    from gongkai.workdays import services as workdays

    case = make_case(
        orgs["yuandian"], filed_on=date(2024, 9, 25), copy_received_on=date(2024, 9, 27), replied_on=date(2024, 10, 9)
    )
    Case.objects.filter(pk=case.pk).update(reply_due=date(2024, 10, 11))
    workdays.recompute_open_deadlines(by=users["admin"], today=date(2024, 10, 1))
    case.refresh_from_db()
    assert case.reply_due == date(2024, 10, 11)


def _year_2024(orgs):
    yd = orgs["yuandian"]
    make_case(yd, filed_on=date(2024, 3, 1), copy_received_on=None, decision_type="uphold", decided_on=date(2024, 5, 1))
    make_case(
        yd, filed_on=date(2024, 4, 1), copy_received_on=None, decision_type="dismiss", decided_on=date(2024, 6, 1)
    )
    make_case(
        yd, filed_on=date(2024, 12, 1), copy_received_on=None, decision_type="revoke", decided_on=date(2025, 1, 20)
    )
    make_case(
        yd,
        kind="litigation",
        route="direct",
        procedure="",
        filed_on=date(2024, 7, 1),
        copy_received_on=None,
        decision_type="confirm_illegal",
        decided_on=date(2024, 11, 1),
    )
    make_case(
        yd,
        kind="litigation",
        route="after_reconsideration",
        procedure="",
        filed_on=date(2024, 8, 1),
        copy_received_on=None,
    )
    make_case(orgs["zhangwan"], filed_on=date(2024, 3, 1), copy_received_on=None)  # another agency


def test_table_four_is_computed_from_the_records(orgs):
    _year_2024(orgs)
    assert reporting.section4([orgs["yuandian"].pk], 2024) == [1, 0, 1, 1, 3, 0, 1, 0, 0, 1, 0, 0, 0, 1, 1]
    both = reporting.section4([orgs["yuandian"].pk, orgs["zhangwan"].pk], 2024)
    assert both[3:5] == [2, 4]


def test_the_result_mapping_is_data_and_editable(orgs):
    _year_2024(orgs)
    ResultMapping.objects.filter(decision_type="dismiss").update(category="upheld")
    assert reporting.section4([orgs["yuandian"].pk], 2024)[:5] == [2, 0, 0, 1, 3]


def test_the_default_mapping_follows_the_spec(db):
    m = reporting.result_mapping()
    assert m["uphold"] == "upheld"
    assert {m[k] for k in ("change", "revoke", "confirm_illegal", "order_performance", "confirm_void")} == {"corrected"}
    assert {m[k] for k in ("dismiss", "terminate", "mediation", "settlement", "withdrawn", "reject_suit")} == {"other"}


def test_drill_down_returns_the_cases_behind_a_cell(orgs):
    _year_2024(orgs)
    pending = reporting.section4_records([orgs["yuandian"].pk], 2024, 3)
    assert [c.filed_on for c in pending] == [date(2024, 12, 1)]
    assert reporting.section4_records([orgs["yuandian"].pk], 2024, 4).count() == 3
    assert reporting.section4_records([orgs["yuandian"].pk], 2024, 13).count() == 1


def test_a_clerk_registers_a_case_through_the_form(client_for, orgs):
    c = client_for("yd_clerk")
    r = c.post(
        "/staff/cases/new/",
        {
            "kind": "reconsideration",
            "procedure": "ordinary",
            "authority": "三门峡市陕州区人民政府",
            "applicant": "张三",
            "filed_on": "2024-09-25",
            "copy_received_on": "2024-09-27",
        },
    )
    assert r.status_code == 302
    case = Case.objects.get()
    assert case.organization == orgs["yuandian"] and case.reply_due == date(2024, 10, 16)
    page = c.get(r["Location"])
    assert "2024-10-16" in page.content.decode()


def test_bad_input_keeps_what_was_typed(client_for):
    r = client_for("yd_clerk").post(
        "/staff/cases/new/",
        {"kind": "litigation", "authority": "陕州区人民法院", "applicant": "王五", "filed_on": "2024-09-25"},
    )
    assert r.status_code == 200
    body = r.content.decode()
    assert "王五" in body and "复议后起诉" in body and not Case.objects.exists()


def test_a_case_links_to_its_application(client_for, orgs):
    from gongkai.applications.testing import make_application

    app, _code = make_application(orgs["yuandian"])
    c = client_for("yd_clerk")
    r = c.post(
        "/staff/cases/new/",
        {
            "kind": "reconsideration",
            "procedure": "ordinary",
            "authority": "三门峡市陕州区人民政府",
            "applicant": "张三",
            "filed_on": "2024-09-25",
            "application_number": app.number,
        },
    )
    assert r.status_code == 302
    assert Case.objects.get().application == app
    r = c.post(
        "/staff/cases/new/",
        {
            "kind": "reconsideration",
            "authority": "x",
            "applicant": "y",
            "filed_on": "2024-09-25",
            "application_number": "NOPE-1",
        },
    )
    assert r.status_code == 200 and "本机关没有这个申请编号" in r.content.decode()


# ---------------------------------------------------------------- paged lists


def test_the_case_list_pages_through_every_case_keeping_the_filters(orgs, client_for, two_per_page):
    filed = timezone.localdate() - timedelta(days=20)  # one date for all: only the id tells them apart
    cases = [make_case(orgs["yuandian"], number=f"陕政复〔2026〕{i}号", filed_on=filed) for i in range(1, 6)]
    other_kind = make_case(
        orgs["yuandian"], kind="litigation", route="direct", procedure="", number="（2026）豫1203行初1号"
    )
    other_org = make_case(orgs["zhangwan"], number="陕政复〔2026〕99号")
    assert_pages_through(
        client_for("sz_supervisor"),
        reverse("cases:case-list"),
        {"kind": "reconsideration", "org": orgs["yuandian"].pk},
        [f'href="/staff/cases/{c.pk}/"' for c in cases],
        absent=[f'href="/staff/cases/{c.pk}/"' for c in (other_kind, other_org)],
    )
