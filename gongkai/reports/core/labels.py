"""Label normalisation: how a label found in a published report is compared with the template.

Published reports differ from the template in ways that do not change meaning: full/half-width
punctuation and digits (NFKC), spaces and line breaks inside cells (vertical text), numbering styles
("（一）", "(一)", "一、", "1.", "1、", "1．", "(1)"), curly or straight quotes, year stamps and notes
in brackets ("本年(2023)制发件数", "规章(县级无此项)"). :func:`label_key` removes all of these;
:func:`split_numbering` keeps the numbering apart so the reader can tell the level of a row.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

CN_DIGITS = "一二三四五六七八九十"
_CN = {c: i + 1 for i, c in enumerate(CN_DIGITS)}

_WS = re.compile(r"\s+")
_NUMBERING = re.compile(
    r"^(?:"
    r"[(\[【]\s*(?P<p>[一二三四五六七八九十]+|\d{1,2})\s*[)\]】][、.,]?"  # (一) (1) 【一】
    r"|(?P<c>[一二三四五六七八九十]+)\s*[、.,:]"  # 一、 一.
    r"|(?P<d>\d{1,2})(?:\s*[、.,:)]|(?=\D))"  # 1. 1、 1) 1属于
    r")"
)
_BRACKETS = re.compile(r"[(\[【<]([^()\[\]【】<>]*)[)\]】>]")
_PUNCT = re.compile(r"[\"'“”‘’「」『』《》〈〉,，、;；:：.。!！?？·/\\_\-—－~～|]")


def nfkc(s: str) -> str:
    return unicodedata.normalize("NFKC", s or "")


@lru_cache(maxsize=65536)
def compact(s: str) -> str:
    """NFKC and no whitespace at all (line breaks inside cells, spaced-out vertical text)."""
    return _WS.sub("", nfkc(s))


def cn_number(token: str) -> int | None:
    """'三' -> 3, '十二' -> 12, '7' -> 7."""
    if not token:
        return None
    if token.isdigit():
        return int(token)
    if token == "十":
        return 10
    if len(token) == 1:
        return _CN.get(token)
    if len(token) == 2 and token[0] == "十":
        return 10 + (_CN.get(token[1]) or 0)
    if len(token) == 2 and token[1] == "十":
        return (_CN.get(token[0]) or 0) * 10
    if len(token) == 3 and token[1] == "十":
        return (_CN.get(token[0]) or 0) * 10 + (_CN.get(token[2]) or 0)
    return None


@lru_cache(maxsize=65536)
def split_numbering(s: str) -> tuple[str | None, int | None, str]:
    """('paren'|'cn'|'digit'|None, number, rest) for a label after :func:`compact`.

    '（一）予以公开' -> ('paren', 1, '予以公开'); '一、本年新收…' -> ('cn', 1, …); '1.属于…' -> ('digit', 1, …).
    """
    s = compact(s)
    m = _NUMBERING.match(s)
    if not m:
        return None, None, s
    rest = s[m.end() :]
    if m.group("p"):
        tok = m.group("p")
        kind = "paren" if not tok.isdigit() else "digit"
    elif m.group("c"):
        tok, kind = m.group("c"), "cn"
    else:
        tok, kind = m.group("d"), "digit"
        if not rest:  # a bare number is a value, not a numbered label
            return None, None, s
    return kind, cn_number(tok), rest


def _drop_brackets(s: str) -> str:
    def repl(m):
        inner = m.group(1)
        return inner if inner and all(c in CN_DIGITS for c in inner) else ""

    prev = None
    while prev != s:
        prev, s = s, _BRACKETS.sub(repl, s)
    return s


@lru_cache(maxsize=65536)
def label_key(s: str) -> str:
    """The comparable core of a label: no numbering, notes, year stamps, punctuation or spaces."""
    _, _, rest = split_numbering(s)
    rest = _drop_brackets(rest)
    # Unbalanced brackets left by a cell split across lines.
    rest = re.sub(r"[()\[\]【】]", "", rest)
    return _PUNCT.sub("", rest)


def same_label(found: str, template: str) -> bool:
    return label_key(found) == label_key(template)


def differs_in_form(found: str, template: str) -> bool:
    """True when the label means the template's label but is written differently (punctuation, spaces…)."""
    return compact(found) != compact(template) or _WS.search(found or "") is not None
