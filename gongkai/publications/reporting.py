"""Annual-report selectors for table 二 (主动公开政府信息情况), ids of shared/spec/report-ids.md.

规章 / 行政规范性文件 figures are counted from the documents' dates, never typed:
* 本年制发件数: documents whose issue date (成文日期, else 发布日期) falls in the year;
* 本年废止件数: documents whose 废止日期 falls in the year;
* 现行有效件数: documents issued on or before 31 December of the year and not repealed by then
  (a document marked 已修改 is still in force in its amended form).
Only documents that were published (and not withdrawn) count. The other cells come from ``YearlyFigures``;
a year with no figures entered gives ``None`` (blank), never 0.
"""

from datetime import date

from django.db.models import Q
from django.db.models.functions import Coalesce

from .models import LegalKind, Publication, Status, YearlyFigures

KINDS = {"regulations": LegalKind.REGULATION, "normative_documents": LegalKind.NORMATIVE}
COLUMNS = ["issued", "repealed", "in_force"]


def _documents(org_id: int, kind: str):
    return (
        Publication.objects.filter(organization_id=org_id, legal_kind=kind, status=Status.PUBLISHED)
        .annotate(issued_on=Coalesce("written_on", "published_on"))
        .filter(issued_on__isnull=False)
    )


def _column_filter(column: str, year: int) -> Q:
    start, end = date(year, 1, 1), date(year, 12, 31)
    if column == "issued":
        return Q(issued_on__range=(start, end))
    if column == "repealed":
        return Q(repealed_on__range=(start, end))
    if column == "in_force":
        return Q(issued_on__lte=end) & (Q(repealed_on__isnull=True) | Q(repealed_on__gt=end))
    raise ValueError(column)


def section2(org_id: int, year: int) -> dict:
    out: dict = {}
    for cell, kind in KINDS.items():
        docs = _documents(org_id, kind)
        out[cell] = [docs.filter(_column_filter(c, year)).count() for c in COLUMNS]
    figures = YearlyFigures.objects.filter(organization_id=org_id, year=year).first()
    for field in ("licensing", "penalty", "enforcement", "fees_wan_yuan"):
        out[field] = getattr(figures, field) if figures else None
    return out


def section2_records(org_id: int, year: int, cell_id: str):
    """The rows behind one cell: ``regulations.issued`` (or ``regulations.0``), ``licensing``…"""
    cell, _sep, column = cell_id.partition(".")
    if cell in KINDS:
        if column.isdigit():
            column = COLUMNS[int(column)]
        return _documents(org_id, KINDS[cell]).filter(_column_filter(column or "issued", year)).order_by("issued_on")
    if cell in ("licensing", "penalty", "enforcement", "fees_wan_yuan"):
        return YearlyFigures.objects.filter(organization_id=org_id, year=year)
    raise ValueError(f"unknown section2 cell {cell_id!r}")


def published_count(org_id: int, year: int) -> int:
    """主动公开 pieces published by the agency in the year (for section 一's overview; withdrawn ones excluded)."""
    return Publication.objects.filter(
        organization_id=org_id, status=Status.PUBLISHED, published_on__range=(date(year, 1, 1), date(year, 12, 31))
    ).count()
