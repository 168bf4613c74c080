"""信息处理费 under 国办函〔2020〕109号 (pure functions; tiers are data, see FeeSchedule; text marked with gongkai.i18n).

第三条: 按件计收 or 按量计收, both 超额累进, one standard per application, never both.
Tiers (regulation.md §3):
* per item: n-th application of the same applicant in one calendar month — ≤10 free; 11–30 100元/件;
  31+ one more 100元/件 per band of 10 (31–40: 200, 41–50: 300 …);
* per page: ≤30 free; 31–100 10元/页; 101–200 20元/页; 201+ 40元/页.
"""

from dataclasses import dataclass
from math import ceil

from gongkai.i18n import gettext as _
from gongkai.i18n import ngettext

# Default tiers as data: (lower bound inclusive, upper bound inclusive or None, yuan per unit).
DEFAULT_PER_PAGE_TIERS = [[1, 30, 0], [31, 100, 10], [101, 200, 20], [201, None, 40]]
# per item: free up to 10, 100 up to 30, then +step per band of band_size
DEFAULT_PER_ITEM = {"free_up_to": 10, "first_band_up_to": 30, "first_band_fee": 100, "band_size": 10, "band_step": 100}


def default_per_item() -> dict:
    return dict(DEFAULT_PER_ITEM)


def default_per_page() -> list:
    return [list(t) for t in DEFAULT_PER_PAGE_TIERS]


PER_ITEM = "per_item"
PER_PAGE = "per_page"


@dataclass(frozen=True)
class FeeResult:
    method: str
    quantity: int
    amount: int  # yuan
    explanation: str


def per_item_fee(n: int, rule: dict = DEFAULT_PER_ITEM) -> int:
    """Fee for the ``n``-th application of the same applicant in the same calendar month."""
    if n <= rule["free_up_to"]:
        return 0
    if n <= rule["first_band_up_to"]:
        return rule["first_band_fee"]
    bands = ceil((n - rule["first_band_up_to"]) / rule["band_size"])
    return rule["first_band_fee"] + rule["band_step"] * bands


def per_page_fee(pages: int, tiers: list = DEFAULT_PER_PAGE_TIERS) -> int:
    total = 0
    for low, high, price in tiers:
        top = pages if high is None else min(pages, high)
        if top >= low:
            total += (top - low + 1) * price
    return total


def calculate(
    method: str, quantity: int, *, per_item_rule=DEFAULT_PER_ITEM, per_page_tiers=DEFAULT_PER_PAGE_TIERS
) -> FeeResult:
    """``quantity`` is the applicant's ordinal count this month (按件) or the number of pages (按量)."""
    if quantity < 1:
        raise ValueError("quantity must be positive")
    if method == PER_ITEM:
        amount = per_item_fee(quantity, per_item_rule)
        text = _("按件计收：该申请人本自然月内在本机关累计第%(n)s件申请，按超额累进标准应收%(amount)s元。") % {
            "n": quantity,
            "amount": amount,
        }
    elif method == PER_PAGE:
        amount = per_page_fee(quantity, per_page_tiers)
        text = ngettext(
            "按量计收：提供信息共%(n)s页，按超额累进标准应收%(amount)s元。",
            "按量计收：提供信息共%(n)s页，按超额累进标准应收%(amount)s元。",
            quantity,
        ) % {"n": quantity, "amount": amount}
    else:
        raise ValueError(f"unknown method {method!r}")
    return FeeResult(method, quantity, amount, text)
