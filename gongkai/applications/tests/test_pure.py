"""Pure rules: ID checksums, 109号 fee tiers, 第三十一条 receipt days (no database)."""

from datetime import date

import pytest

from gongkai.applications import fees, idcheck
from gongkai.applications.receipt import ReceiptError, receipt_date


@pytest.mark.parametrize("value", ["11010519491231002X", "11010519491231002x", "110105 19491231 002X"])
def test_it_accepts_valid_resident_ids(value):
    assert idcheck.resident_id_problem(value) is None


@pytest.mark.parametrize(
    ("value", "why"),
    [("110105194912310021", "校验位"), ("11010519491331002X", "出生日期"), ("1101051949123100", "18位")],
)
def test_it_rejects_bad_resident_ids(value, why):
    assert why in idcheck.resident_id_problem(value)


def test_it_checks_unified_social_credit_codes():
    assert idcheck.uscc_problem("91350100M000100Y43") is None
    assert "校验位" in idcheck.uscc_problem("91350100M000100Y44")
    assert "18位" in idcheck.uscc_problem("91350100M000100YI3")  # I is not in the alphabet
    body = "9141120000MA12345"
    assert idcheck.uscc_problem(body + idcheck.uscc_check_char(body)) is None


def test_fee_tiers_per_item_are_progressive():
    assert [fees.per_item_fee(n) for n in (1, 10, 11, 30, 31, 40, 41, 50, 51)] == [
        0,
        0,
        100,
        100,
        200,
        200,
        300,
        300,
        400,
    ]
    # 35 applications in one month: 20 × 100 + 5 × 200
    assert sum(fees.per_item_fee(n) for n in range(1, 36)) == 3000


def test_fee_tiers_per_page_are_progressive():
    assert fees.per_page_fee(30) == 0
    assert fees.per_page_fee(31) == 10
    assert fees.per_page_fee(150) == 70 * 10 + 50 * 20
    assert fees.per_page_fee(250) == 70 * 10 + 100 * 20 + 50 * 40


def test_a_fee_is_either_per_item_or_per_page():
    with pytest.raises(ValueError):
        fees.calculate("both", 3)
    assert fees.calculate(fees.PER_PAGE, 150).amount == 1700


TODAY = date(2026, 3, 10)


def test_receipt_days_follow_article_31_per_channel():
    d = date(2026, 3, 2)
    assert receipt_date("in_person", submitted_on=d, today=TODAY)[0] == d
    assert receipt_date("oral", submitted_on=d, today=TODAY)[0] == d
    assert receipt_date("post_signed", submitted_on=d, signed_on=date(2026, 3, 5), today=TODAY)[0] == date(2026, 3, 5)
    assert receipt_date("post_unsigned", submitted_on=d, confirmed_on=date(2026, 3, 6), today=TODAY)[0] == date(
        2026, 3, 6
    )
    assert receipt_date("fax", submitted_on=d, confirmed_on=date(2026, 3, 3), today=TODAY)[0] == date(2026, 3, 3)
    assert "第三十一条第（三）项" in receipt_date("online", submitted_on=d, today=TODAY)[1]


@pytest.mark.parametrize(
    ("channel", "kw", "field"),
    [
        ("post_signed", {}, "signed_on"),
        ("fax", {}, "confirmed_on"),
        ("post_unsigned", {"confirmed_on": date(2026, 3, 1)}, "confirmed_on"),
        ("in_person", {"submitted_on": date(2026, 3, 11)}, "submitted_on"),
    ],
)
def test_receipt_days_refuse_missing_or_impossible_dates(channel, kw, field):
    kw = {"submitted_on": date(2026, 3, 2), **kw}
    with pytest.raises(ReceiptError) as err:
        receipt_date(channel, today=TODAY, **kw)
    assert err.value.field == field
