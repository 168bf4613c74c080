"""Readers of published annual reports: plain text, HTML, DOCX and PDF → ``AnnualReport`` + findings.

``read_path(path)`` / ``read_bytes(data, name)`` pick the reader from the file's name and first bytes.
Every reader is pure (no Django); :class:`Unreadable` means the input is not a readable report.
"""

from __future__ import annotations

from pathlib import Path

from gongkai.i18n import gettext as _

from .common import Unreadable

SUFFIXES = {
    ".txt": "text",
    ".text": "text",
    ".htm": "html",
    ".html": "html",
    ".shtml": "html",
    ".docx": "docx",
    ".pdf": "pdf",
}


def sniff(data: bytes, name: str = "") -> str:
    suffix = Path(name).suffix.lower()
    if data.startswith(b"%PDF"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return "docx"
    if suffix in SUFFIXES:
        return SUFFIXES[suffix]
    head = data[:2048].lower()
    if b"<html" in head or b"<table" in head or b"<!doctype" in head or b"<body" in head:
        return "html"
    return "text"


def read_bytes(data: bytes, name: str = "", kind: str | None = None):
    kind = kind or sniff(data, name)
    if kind == "pdf":
        from .pdf import read_bytes as reader
    elif kind == "docx":
        from .docx import read_bytes as reader
    elif kind == "html":
        from .html import read_bytes as reader
    else:
        from .text import read_bytes as reader
    return reader(data, name)


def read_path(path) -> object:
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise Unreadable(_("无法打开文件：%(error)s") % {"error": exc.strerror or exc}) from None
    return read_bytes(data, p.name)


__all__ = ["Unreadable", "read_bytes", "read_path", "sniff"]
