"""Result categories of table 三 (国办公开办函〔2021〕30号), one per concluded application.

Row ids are those of shared/spec/report-ids.md. Every concluded application carries exactly one
of them; the annual report counts them from here. The legal basis is the default text a clerk
starts from (regulation.md §2.7); it can be edited per decision.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Category:
    id: str
    label: str
    family: str  # granted | partial | withheld | unable | declined | other
    basis: str  # default legal basis
    reasons_required: bool
    access_required: bool = False  # "where/how to get the information" (第三十六条（一）（二）, 第四十条)
    review_first: bool = False  # 复议前置 (行政复议法 第二十三条第一款第（四）项; 条例 第十四–十六条)


CATEGORIES = [
    Category(
        "granted",
        _("予以公开"),
        "granted",
        "《中华人民共和国政府信息公开条例》第三十六条第（一）项、第（二）项",
        False,
        True,
    ),
    Category(
        "partial",
        _("部分公开"),
        "partial",
        "《中华人民共和国政府信息公开条例》第三十七条",
        True,
        True,
    ),
    Category(
        "withheld.state_secret",
        _("不予公开：属于国家秘密"),
        "withheld",
        "《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项",
        True,
        review_first=True,
    ),
    Category(
        "withheld.prohibited_by_law",
        _("不予公开：其他法律行政法规禁止公开"),
        "withheld",
        "《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项",
        True,
        review_first=True,
    ),
    Category(
        "withheld.security_stability",
        _("不予公开：危及“三安全一稳定”"),
        "withheld",
        "《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项",
        True,
        review_first=True,
    ),
    Category(
        "withheld.third_party",
        _("不予公开：保护第三方合法权益"),
        "withheld",
        "《中华人民共和国政府信息公开条例》第十五条、第三十二条、第三十六条第（三）项",
        True,
        review_first=True,
    ),
    Category(
        "withheld.internal_affairs",
        _("不予公开：属于三类内部事务信息"),
        "withheld",
        "《中华人民共和国政府信息公开条例》第十六条第一款、第三十六条第（三）项",
        True,
        review_first=True,
    ),
    Category(
        "withheld.process_information",
        _("不予公开：属于四类过程性信息"),
        "withheld",
        "《中华人民共和国政府信息公开条例》第十六条第二款、第三十六条第（三）项",
        True,
        review_first=True,
    ),
    Category(
        "withheld.enforcement_file",
        _("不予公开：属于行政执法案卷"),
        "withheld",
        "《中华人民共和国政府信息公开条例》第十六条第二款、第三十六条第（三）项",
        True,
        review_first=True,
    ),
    Category(
        "withheld.query_matter",
        _("不予公开：属于行政查询事项"),
        "withheld",
        "《中华人民共和国政府信息公开条例》第三十六条第（七）项",
        True,
    ),
    Category(
        "unable.not_held",
        _("无法提供：本机关不掌握相关政府信息"),
        "unable",
        "《中华人民共和国政府信息公开条例》第三十六条第（四）项、第（五）项",
        True,
    ),
    Category(
        "unable.needs_creation",
        _("无法提供：没有现成信息需要另行制作"),
        "unable",
        "《中华人民共和国政府信息公开条例》第三十八条",
        True,
    ),
    Category(
        "unable.still_unclear",
        _("无法提供：补正后申请内容仍不明确"),
        "unable",
        "《中华人民共和国政府信息公开条例》第三十条",
        True,
    ),
    Category(
        "declined.petition",
        _("不予处理：信访举报投诉类申请"),
        "declined",
        "《中华人民共和国政府信息公开条例》第三十九条第一款",
        True,
    ),
    Category(
        "declined.repeat",
        _("不予处理：重复申请"),
        "declined",
        "《中华人民共和国政府信息公开条例》第三十六条第（六）项",
        True,
    ),
    Category(
        "declined.publication",
        _("不予处理：要求提供公开出版物"),
        "declined",
        "《中华人民共和国政府信息公开条例》第三十九条第二款",
        True,
        True,
    ),
    Category(
        "declined.excessive",
        _("不予处理：无正当理由大量反复申请"),
        "declined",
        "《中华人民共和国政府信息公开条例》第三十五条",
        True,
    ),
    Category(
        "declined.confirmation",
        _("不予处理：要求行政机关确认或重新出具已获取信息"),
        "declined",
        "《中华人民共和国政府信息公开条例》第二条、第三十八条",
        True,
    ),
    Category(
        "other.no_correction",
        _("其他处理：申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
        "other",
        "《中华人民共和国政府信息公开条例》第三十条",
        False,
    ),
    Category(
        "other.unpaid_fee",
        _("其他处理：申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
        "other",
        "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）",
        False,
    ),
    Category("other.other", _("其他处理：其他"), "other", "", True),
]

BY_ID = {c.id: c for c in CATEGORIES}
IDS = [c.id for c in CATEGORIES]
CHOICES = [(c.id, c.label) for c in CATEGORIES]
# Categories a clerk may choose in a decision; the two lapses are set only by the system.
DECIDABLE = [c for c in CATEGORIES if c.id not in ("other.no_correction", "other.unpaid_fee")]
DECIDABLE_CHOICES = [(c.id, c.label) for c in DECIDABLE]
# For 部分公开: the ground of the withheld part.
WITHHELD_CHOICES = [(c.id, c.label) for c in CATEGORIES if c.family == "withheld"]
FAMILY_LABELS = {
    "granted": _("予以公开"),
    "partial": _("部分公开"),
    "withheld": _("不予公开"),
    "unable": _("无法提供"),
    "declined": _("不予处理"),
    "other": _("其他处理"),
}


def get(category_id: str) -> Category:
    return BY_ID[category_id]
