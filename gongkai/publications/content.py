"""Content checks: rich-text sanitising (nh3) and attachment type detection by content (magic bytes)."""

import html
import io
import re
import zipfile

import nh3
from django.conf import settings
from django.utils.translation import gettext as _

ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "strong", "b", "em", "i", "u", "s", "sub", "sup",
    "ul", "ol", "li", "blockquote", "pre", "code", "hr",
    "table", "thead", "tbody", "tr", "th", "td", "caption", "a", "img", "span", "div",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "*": {"lang"},
}


def sanitize(body: str) -> str:
    """Keep a safe subset of HTML: no script, no event handlers, no javascript: URLs, no style."""
    return nh3.clean(
        body or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


_WS = re.compile(r"\s+")


def plain_text(body_html: str) -> str:
    text = nh3.clean(re.sub(r"<(br|/p|/li|/tr|/h\d)\b[^>]*>", " ", body_html or ""), tags=set())
    return _WS.sub(" ", html.unescape(text)).strip()


# Default size limits in bytes per detected kind; override with settings.GONGKAI_ATTACHMENT_LIMITS.
DEFAULT_LIMITS = {
    "pdf": 20 * 1024 * 1024,
    "docx": 20 * 1024 * 1024,
    "png": 5 * 1024 * 1024,
    "jpg": 5 * 1024 * 1024,
    "mp4": 200 * 1024 * 1024,
}
KIND_LABELS = {"pdf": "PDF", "docx": "Word（DOCX）", "png": "PNG", "jpg": "JPEG", "mp4": "MP4"}


class FileRejected(ValueError):
    pass


def detect_kind(head: bytes, fileobj) -> str | None:
    """The file's real type from its first bytes (and, for DOCX, its zip directory)."""
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if len(head) >= 12 and head[4:8] == b"ftyp":
        return "mp4"
    if head.startswith(b"PK\x03\x04"):
        try:
            fileobj.seek(0)
            with zipfile.ZipFile(fileobj) as z:
                names = set(z.namelist())
        except (zipfile.BadZipFile, OSError):
            return None
        finally:
            fileobj.seek(0)
        if "[Content_Types].xml" in names and "word/document.xml" in names:
            return "docx"
    return None


def check_upload(upload, *, allowed: set[str]) -> str:
    """Return the detected kind of ``upload`` or raise FileRejected with a Chinese message."""
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    fileobj = upload.file if hasattr(upload, "file") else upload
    if not isinstance(fileobj, io.IOBase) and not hasattr(fileobj, "seek"):
        fileobj = io.BytesIO(upload.read())
    kind = detect_kind(head, fileobj)
    if kind is None or kind not in allowed:
        names = "、".join(KIND_LABELS[k] for k in sorted(allowed))
        raise FileRejected(_("文件内容不是允许的类型（仅限%(names)s），请检查文件本身而非扩展名。") % {"names": names})
    limits = {**DEFAULT_LIMITS, **getattr(settings, "GONGKAI_ATTACHMENT_LIMITS", {})}
    size = upload.size
    if size > limits[kind]:
        raise FileRejected(
            _("文件过大：%(size).1f MB，%(kind)s 文件最大 %(limit).0f MB。")
            % {"size": size / 1048576, "kind": KIND_LABELS[kind], "limit": limits[kind] / 1048576}
        )
    if size == 0:
        raise FileRejected(_("文件为空。"))
    return kind
