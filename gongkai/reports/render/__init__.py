"""Renderers of the national layout: HTML (page, export, PDF source), DOCX, XLSX, PDF and JSON.

All of them draw the tables from the core's layouts (``gongkai.reports.core.formats.*_layout``), so
the merged cells are the same in every format.
"""

from __future__ import annotations

from decimal import Decimal

from ..core.formats import section2_layout, section3_layout, section4_layout
from ..core.model import AnnualReport

FORMATS = ("json", "html", "docx", "pdf", "xlsx")
CONTENT_TYPES = {
    "json": "application/json; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def title(value: AnnualReport) -> str:
    return f"{value.organization}{value.year}年政府信息公开工作年度报告"


def fmt_number(v) -> str:
    """How a cell value is printed: blank for None, plain digits, 万元 without trailing zeros."""
    if v is None:
        return ""
    if isinstance(v, Decimal):
        v = v.normalize()
        return f"{v:f}"
    if isinstance(v, float):
        return f"{Decimal(str(v)).normalize():f}"
    return str(v)


def layouts(value: AnnualReport) -> dict:
    fmt = value.format
    return {"section2": section2_layout(fmt), "section3": section3_layout(fmt), "section4": section4_layout(fmt)}


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in (text or "").splitlines() if p.strip()]


def ref_key(ref: tuple) -> str:
    """A stable text key of a value cell: "section3:granted:6", "section2:regulations:0", "section4::3"."""
    section, row, index = ref
    return f"{section}:{row or ''}:{'' if index is None else index}"


def table_rows(layout, value: AnnualReport, *, link=None) -> list[list[dict]]:
    """Rows of cells for templates: text, rowspan, colspan, kind, and for values the number and a link."""
    out = []
    for row in layout:
        line = []
        for cell in row:
            d = {"text": cell.text, "rowspan": cell.rowspan, "colspan": cell.colspan, "kind": cell.kind}
            if cell.ref is not None:
                d["text"] = fmt_number(value.value(cell.ref))
                d["key"] = ref_key(cell.ref)
                d["href"] = link(cell.ref) if link else None
            line.append(d)
        out.append(line)
    return out


def export(value: AnnualReport, fmt: str, *, note: str = "") -> bytes:
    """The report as ``fmt`` (one of FORMATS)."""
    import importlib

    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    if fmt == "html":
        from .html import render

        return render(value, note=note).encode("utf-8")
    module = importlib.import_module(f"{__name__}.{'tojson' if fmt == 'json' else fmt}")
    return module.render(value, note=note)
