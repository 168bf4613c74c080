import pytest

from gongkai.publications import services
from gongkai.publications.content import plain_text, sanitize
from gongkai.publications.models import Attachment
from gongkai.publications.services import WorkflowError
from gongkai.publications.test_support import JPEG_BYTES, PDF_BYTES, PNG_BYTES, docx_bytes, make_publication, upload

NASTY = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    '<a href="javascript:alert(1)">点击</a>',
    "<svg><script>alert(1)</script></svg>",
    '<iframe src="https://evil.example"></iframe>',
    '<p style="background:url(javascript:alert(1))" onclick="alert(1)">文字</p>',
    "<scr<script>ipt>alert(1)</script>",
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    '<object data="evil.swf"></object><embed src="evil.swf">',
    '<form action="https://evil.example"><input name=x></form>',
]


@pytest.mark.parametrize("html", NASTY)
def test_no_script_survives_sanitising(html):
    clean = sanitize(f"<p>正文</p>{html}").lower()
    for bad in (
        "<script",
        "onerror",
        "onclick",
        "javascript:",
        "<iframe",
        "<svg",
        "<object",
        "<embed",
        "<form",
        "style=",
    ):
        assert bad not in clean


def test_sanitising_keeps_ordinary_formatting():
    html = '<h2>一、总则</h2><p><strong>第一条</strong> 为了<a href="https://www.gov.cn/">规范</a>…</p><table><tr><td colspan="2">表</td></tr></table>'
    clean = sanitize(html)
    assert "<h2>一、总则</h2>" in clean and "<strong>第一条</strong>" in clean
    assert 'href="https://www.gov.cn/"' in clean and 'colspan="2"' in clean
    assert plain_text(clean).startswith("一、总则 第一条 为了规范")


def test_the_stored_body_is_sanitised(orgs, users):
    pub = make_publication(orgs["yuandian"], by=users["yd_clerk"], body="<p>通知</p><script>alert('x')</script>")
    assert "<script" not in pub.body and "alert" not in pub.body_text


@pytest.mark.parametrize(
    ("name", "data", "kind"),
    [
        ("a.pdf", PDF_BYTES, "pdf"),
        ("b.docx", docx_bytes(), "docx"),
        ("c.png", PNG_BYTES, "png"),
        ("d.jpg", JPEG_BYTES, "jpg"),
    ],
)
def test_attachments_are_recognised_by_content(orgs, users, name, data, kind):
    pub = make_publication(orgs["yuandian"], by=users["yd_clerk"])
    att = services.add_attachment(publication=pub, by=users["yd_clerk"], upload=upload(name, data))
    assert att.kind == kind and att.size == len(data) and att.name == name
    assert att.file.read() == data


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("evil.pdf", b"<html><script>alert(1)</script></html>"),  # an HTML page named .pdf
        ("macro.docx", b"PK\x03\x04" + b"\x00" * 40),  # a broken zip
        ("sheet.docx", None),  # a zip that is not a Word document
        ("prog.png", b"MZ\x90\x00" + b"\x00" * 40),  # an executable named .png
        ("empty.pdf", b""),
    ],
)
def test_attachments_with_the_wrong_content_are_refused(orgs, users, name, data):
    if data is None:
        import io
        import zipfile

        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as z:
            z.writestr("[Content_Types].xml", "<Types/>")
            z.writestr("xl/workbook.xml", "<workbook/>")
        data = buf.getvalue()
    pub = make_publication(orgs["yuandian"], by=users["yd_clerk"])
    with pytest.raises(WorkflowError, match="类型|为空"):
        services.add_attachment(publication=pub, by=users["yd_clerk"], upload=upload(name, data))
    assert not Attachment.objects.exists()


def test_oversized_attachments_are_refused(orgs, users, settings):
    settings.GONGKAI_ATTACHMENT_LIMITS = {"pdf": 100}
    pub = make_publication(orgs["yuandian"], by=users["yd_clerk"])
    with pytest.raises(WorkflowError, match="过大"):
        services.add_attachment(publication=pub, by=users["yd_clerk"], upload=upload("big.pdf", PDF_BYTES + b"0" * 200))


def test_a_graphic_must_be_an_image(orgs, users):
    pub = make_publication(orgs["yuandian"], by=users["yd_clerk"])
    with pytest.raises(WorkflowError):
        services.add_attachment(
            publication=pub, by=users["yd_clerk"], upload=upload("chart.png", PDF_BYTES), role=Attachment.Role.GRAPHIC
        )
