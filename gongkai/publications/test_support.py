"""Small builders for tests (and the URL isolation test). Not used by the application itself."""

import io
import zipfile
from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPEG_BYTES = b"\xff\xd8\xff\xe0" + b"\x00" * 64


def docx_bytes() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    return out.getvalue()


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


def node(code: str):
    from gongkai.publications.catalogue import ensure_standard_nodes
    from gongkai.publications.models import CatalogueNode

    found = CatalogueNode.objects.filter(organization=None, code=code).first()
    if found is None:  # a transactional test flushed the migration's rows
        ensure_standard_nodes(CatalogueNode)
        found = CatalogueNode.objects.get(organization=None, code=code)
    return found


def make_publication(
    org,
    *,
    by,
    title="关于做好2025年农村低保资格认定工作的通知",
    body="<p>各村委会：现就低保资格认定工作通知如下。</p>",
    **extra,
):
    from gongkai.publications import services

    data = {
        "title": title,
        "issuing_authority": org.name,
        "document_number": "",
        "formed_on": date(2025, 3, 3),
        "written_on": date(2025, 3, 3),
        "genre": "notice",
        "topic": "民政、扶贫、救灾",
        "node": node("art20-11"),
        "body": body,
        "disclosure": "proactive",
        **extra,
    }
    return services.create_publication(organization=org, by=by, data=data)


def make_attachment(org, *, by):
    from gongkai.publications import services

    pub = make_publication(org, by=by, title="附件测试")
    return services.add_attachment(publication=pub, by=by, upload=upload("通知.pdf", PDF_BYTES))


def publish_through_review(pub, users, *, prefix="yd"):
    """Run a draft through 预审 and the default two rounds (审核人, 负责人) and publish it."""
    from gongkai.publications import services

    services.submit(publication=pub, by=users[f"{prefix}_clerk"])
    checklist = dict.fromkeys(services.CHECKLIST_KEYS, True)
    services.pre_review(publication=pub, by=users[f"{prefix}_reviewer"], checklist=checklist, approve=True)
    services.review(publication=pub, by=users[f"{prefix}_reviewer"], approve=True)
    services.review(publication=pub, by=users[f"{prefix}_head"], approve=True)
    return services.publish(publication=pub, by=users[f"{prefix}_clerk"])
