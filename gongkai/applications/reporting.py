"""Table 三 of the annual report, counted from dates (never from manual edits).

For year Y (Jan 1 = s, Dec 31 = e), over the applications of ``org_ids``:
* 一 ``new``: received_on in [s, e];
* 二 ``carried_in``: received_on < s and not concluded before s;
* 三 result rows: concluded_on in [s, e], by decision_category (exactly one row per application);
  an application the applicant withdrew (撤回, online or on paper) has no row of its own: it is concluded as
  ``other.other`` = （六）其他处理 3.其他, in the year of withdrawal;
* 四 ``carried_out``: received_on ≤ e and not concluded by e.
Columns follow ApplicantType (自然人 … 其他) plus 总计. The （七）总计 row sums the result rows.
So 一 + 二 = （七） + 四 holds per column by construction.

One GROUP BY query with conditional counts does it all (written as SQL once, see _section3_sql).
"""

from datetime import date
from functools import cache

from django.db import connection
from django.db.models import Q, QuerySet

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


@cache
def _section3_sql(vendor: str, n_orgs: int) -> str:
    """The GROUP BY of :func:`section3` as SQL, built once per (database, size of the org list).

    Written out rather than built by the ORM on every call: building and compiling the annotated
    ``values()`` query cost ~2 ms a call, several times the query itself for one agency (docs/performance.md).
    """
    meta = Application._meta
    qn = connection.ops.quote_name

    def c(field):
        return qn(meta.get_field(field).column)

    org, received, concluded = c("organization"), c("received_on"), c("concluded_on")
    orgs = f"{org} IN ({', '.join(['%s'] * n_orgs)})"
    return (
        f"SELECT {c('applicant_type')}, {c('decision_category')},"
        f" SUM(CASE WHEN {received} >= %s THEN 1 ELSE 0 END),"
        f" SUM(CASE WHEN {received} < %s THEN 1 ELSE 0 END),"
        f" SUM(CASE WHEN {concluded} <= %s THEN 1 ELSE 0 END),"
        f" SUM(CASE WHEN {concluded} IS NULL OR {concluded} > %s THEN 1 ELSE 0 END)"
        f" FROM {qn(meta.db_table)}"
        f" WHERE {orgs} AND {received} <= %s AND ({concluded} IS NULL OR {concluded} >= %s)"
        f" GROUP BY {c('applicant_type')}, {c('decision_category')}"
    )


def section3(org_ids: list[int], year: int) -> dict[str, list[int]]:
    s, e = _bounds(year)
    org_ids = [int(i) for i in org_ids]
    width = len(APPLICANT_COLUMNS)
    out = {row: [0] * (width + 1) for row in ROW_IDS}
    if org_ids:
        vendor = connection.vendor
        ds, de = connection.ops.adapt_datefield_value(s), connection.ops.adapt_datefield_value(e)
        params = [ds, ds, de, de, *org_ids, de, ds]
        with connection.cursor() as cursor:
            cursor.execute(_section3_sql(vendor, len(org_ids)), params)
            rows = cursor.fetchall()
        col_of = {t: i for i, t in enumerate(APPLICANT_COLUMNS)}
        for applicant_type, category, new, carried_in, concluded, carried_out in rows:
            c = col_of[applicant_type]
            out["new"][c] += new or 0
            out["carried_in"][c] += carried_in or 0
            out["carried_out"][c] += carried_out or 0
            if concluded and category:
                out[category][c] += concluded
                out["total"][c] += concluded
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
