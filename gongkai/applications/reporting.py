"""Table 三 of the annual report, counted from dates (never from manual edits).

For year Y (Jan 1 = s, Dec 31 = e), over the applications of ``org_ids``:
* 一 ``new``: received_on in [s, e];
* 二 ``carried_in``: received_on < s and not concluded before s;
* 三 result rows: concluded_on in [s, e], by decision_category (exactly one row per application);
* 四 ``carried_out``: received_on ≤ e and not concluded by e.
Columns follow ApplicantType (自然人 … 其他) plus 总计. The （七）总计 row sums the result rows.
So 一 + 二 = （七） + 四 holds per column by construction.

One GROUP BY query with conditional counts does it all.
"""

from datetime import date

from django.db.models import Count, Q, QuerySet

from . import categories
from .models import APPLICANT_COLUMNS, Application

ROW_IDS = ["new", "carried_in", *categories.IDS, "total", "carried_out"]


def _bounds(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


def _relevant(org_ids, year: int) -> QuerySet:
    s, e = _bounds(year)
    return Application.objects.filter(organization_id__in=list(org_ids), received_on__lte=e).filter(
        Q(concluded_on__isnull=True) | Q(concluded_on__gte=s)
    )


def section3(org_ids: list[int], year: int) -> dict[str, list[int]]:
    s, e = _bounds(year)
    rows = (
        _relevant(org_ids, year)
        .order_by()
        .values("applicant_type", "decision_category")
        .annotate(
            new=Count("id", filter=Q(received_on__gte=s)),
            carried_in=Count("id", filter=Q(received_on__lt=s)),
            concluded=Count("id", filter=Q(concluded_on__lte=e)),
            carried_out=Count("id", filter=Q(concluded_on__isnull=True) | Q(concluded_on__gt=e)),
        )
    )
    width = len(APPLICANT_COLUMNS)
    out = {row: [0] * (width + 1) for row in ROW_IDS}
    col_of = {t: i for i, t in enumerate(APPLICANT_COLUMNS)}
    for r in rows:
        c = col_of[r["applicant_type"]]
        out["new"][c] += r["new"]
        out["carried_in"][c] += r["carried_in"]
        out["carried_out"][c] += r["carried_out"]
        if r["concluded"] and r["decision_category"]:
            out[r["decision_category"]][c] += r["concluded"]
            out["total"][c] += r["concluded"]
    for values in out.values():
        values[width] = sum(values[:width])
    return out


def section3_records(org_ids, year: int, row_id: str, column: int) -> QuerySet:
    """The applications behind one cell (drill-down). ``column`` 0–5 = applicant type, 6 = 总计."""
    s, e = _bounds(year)
    qs = _relevant(org_ids, year)
    if row_id == "new":
        qs = qs.filter(received_on__gte=s)
    elif row_id == "carried_in":
        qs = qs.filter(received_on__lt=s)
    elif row_id == "carried_out":
        qs = qs.filter(Q(concluded_on__isnull=True) | Q(concluded_on__gt=e))
    elif row_id == "total":
        qs = qs.filter(concluded_on__lte=e)
    elif row_id in categories.BY_ID:
        qs = qs.filter(concluded_on__lte=e, decision_category=row_id)
    else:
        raise KeyError(row_id)
    if 0 <= column < len(APPLICANT_COLUMNS):
        qs = qs.filter(applicant_type=APPLICANT_COLUMNS[column])
    elif column != len(APPLICANT_COLUMNS):
        raise IndexError(column)
    return qs.select_related("organization").order_by("received_on", "id")
