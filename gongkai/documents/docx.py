"""python-docx helpers that make Chinese text render in 宋体/黑体 on the clerk's Word."""

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

BODY_FONT = "宋体"
HEADING_FONT = "黑体"


def set_east_asian_font(run_or_style, name: str) -> None:
    """Set the Latin and the East Asian font (w:eastAsia), which Word uses for Chinese."""
    run_or_style.font.name = name
    rpr = run_or_style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(fonts)
    fonts.set(qn("w:eastAsia"), name)


def new_document():
    doc = Document()
    normal = doc.styles["Normal"]
    set_east_asian_font(normal, BODY_FONT)
    normal.font.size = Pt(12)
    for style_name in ("Title", "Heading 1", "Heading 2", "Heading 3"):
        style = doc.styles[style_name]
        set_east_asian_font(style, HEADING_FONT)
    return doc


def add_title(doc, text: str, size: int = 18):
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run(text)
    run.bold = True
    run.font.size = Pt(size)
    set_east_asian_font(run, HEADING_FONT)
    return p


def to_bytes(doc) -> bytes:
    import io

    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
