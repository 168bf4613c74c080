"""Checksums of identity documents (pure functions, no Django; the reasons are marked with gongkai.i18n).

* 居民身份证: GB 11643-1999, 17 digits + check character (0-9 or X), ISO 7064 MOD 11-2.
* 统一社会信用代码: GB 32100-2015, 18 characters from a 31-character alphabet, MOD 31 check.
"""

from datetime import date

from gongkai.i18n import gettext as _

ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
ID_CHECK = "10X98765432"
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]


def normalize(value: str) -> str:
    return "".join(value.split()).upper()


def resident_id_problem(value: str) -> str | None:
    """None when ``value`` is a well-formed 18-digit 居民身份证号码, else the reason (Chinese)."""
    v = normalize(value)
    if len(v) != 18 or not v[:17].isdigit() or not (v[17].isdigit() or v[17] == "X"):
        return _("居民身份证号码应为18位，前17位为数字，最后一位为数字或X。")
    try:
        date(int(v[6:10]), int(v[10:12]), int(v[12:14]))
    except ValueError:
        return _("居民身份证号码中的出生日期无效。")
    total = sum(int(c) * w for c, w in zip(v[:17], ID_WEIGHTS, strict=True))
    if ID_CHECK[total % 11] != v[17]:
        return _("居民身份证号码校验位不正确，请核对。")
    return None


def uscc_check_char(first17: str) -> str:
    total = sum(USCC_ALPHABET.index(c) * w for c, w in zip(first17, USCC_WEIGHTS, strict=True))
    return USCC_ALPHABET[(31 - total % 31) % 31]


def uscc_problem(value: str) -> str | None:
    """None when ``value`` is a well-formed 统一社会信用代码, else the reason (Chinese)."""
    v = normalize(value)
    if len(v) != 18 or any(c not in USCC_ALPHABET for c in v):
        return _("统一社会信用代码应为18位数字或大写字母（不含I、O、Z、S、V）。")
    if uscc_check_char(v[:17]) != v[17]:
        return _("统一社会信用代码校验位不正确，请核对。")
    return None


def passport_problem(value: str) -> str | None:
    v = normalize(value)
    if not (5 <= len(v) <= 20) or not v.isalnum() or not v.isascii():
        return _("护照号码应为5至20位字母或数字。")
    return None


def other_problem(value: str) -> str | None:
    v = normalize(value)
    if not (2 <= len(v) <= 40):
        return _("证件号码长度应为2至40个字符。")
    return None
