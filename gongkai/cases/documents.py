"""The 通报 as DOCX (python-docx) and PDF (WeasyPrint), via ``gongkai.documents``."""

from django.template.loader import render_to_string

from gongkai.documents import docx as gdocx
from gongkai.documents import pdf as gpdf

NUMERALS = "一二三四五六七八九十"


def _numeral(i: int) -> str:
    if i < 10:
        return NUMERALS[i]
    return f"{i + 1}"


def bulletin_docx(bulletin) -> bytes:
    doc = gdocx.new_document()
    gdocx.add_title(doc, bulletin.title)
    p = doc.add_paragraph(f"{bulletin.organization.name}　{bulletin.issued_on:%Y年%m月%d日}")
    p.alignment = 1
    if bulletin.intro:
        doc.add_paragraph(bulletin.intro)
    items = list(bulletin.items.select_related("agency"))
    if not items:
        doc.add_paragraph("本期检查未发现需要通报的问题。")
    for i, item in enumerate(items):
        heading = doc.add_paragraph()
        run = heading.add_run(f"{_numeral(i)}、{item.agency.name}")
        run.bold = True
        gdocx.set_east_asian_font(run, gdocx.HEADING_FONT)
        for n, problem in enumerate(item.problems, 1):
            doc.add_paragraph(f"{n}. {problem}")
    if bulletin.closing:
        doc.add_paragraph(bulletin.closing)
    sign = doc.add_paragraph(f"{bulletin.organization.name}\n{bulletin.issued_on:%Y年%m月%d日}")
    sign.alignment = 2
    return gdocx.to_bytes(doc)


def bulletin_html(bulletin) -> str:
    return render_to_string(
        "cases/bulletin_print.html",
        {"bulletin": bulletin, "items": list(bulletin.items.select_related("agency"))},
    )


def bulletin_pdf(bulletin) -> bytes:
    return gpdf.html_to_pdf(bulletin_html(bulletin))
