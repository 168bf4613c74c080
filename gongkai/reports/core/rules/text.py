"""Rules on the text (一、五、六) and its agreement with the tables: V9 (fees), R-TEXT-NUMBERS, R-STATUTE, R-TYPO.

Law-as-data: the known statute titles, known wrong titles and known mis-typings are module-level data
(``KNOWN_STATUTES`` …) that callers may extend.
"""

from __future__ import annotations

import re
from decimal import Decimal

from gongkai.i18n import gettext as _
from gongkai.i18n import gettext_noop, ngettext

from ..formats import HEADINGS
from ..labels import compact
from ..model import AnnualReport, Finding
from .common import known, row3

# ----- data --------------------------------------------------------------------------------------

# Titles of real statutes and normative documents a report commonly cites (《…》 without the 书名号).
KNOWN_STATUTES = frozenset(
    {
        "中华人民共和国政府信息公开条例",
        "政府信息公开条例",
        "中华人民共和国行政复议法",
        "行政复议法",
        "中华人民共和国行政诉讼法",
        "行政诉讼法",
        "中华人民共和国保守国家秘密法",
        "保守国家秘密法",
        "中华人民共和国档案法",
        "中华人民共和国个人信息保护法",
        "个人信息保护法",
        "中华人民共和国数据安全法",
        "中华人民共和国网络安全法",
        "中华人民共和国立法法",
        "中华人民共和国行政许可法",
        "中华人民共和国行政处罚法",
        "中华人民共和国行政强制法",
        "中华人民共和国民法典",
        "政府信息公开信息处理费管理办法",
        "中华人民共和国政府信息公开工作年度报告格式",
        "信访工作条例",
        "优化营商环境条例",
        "政府网站与政务新媒体检查指标",
    }
)
# Titles that do not exist, with what was probably meant.
KNOWN_WRONG_TITLES = {
    "政务信息公开条例": "中华人民共和国政府信息公开条例",
    "政务公开条例": "中华人民共和国政府信息公开条例",
    "中华人民共和国政务公开条例": "中华人民共和国政府信息公开条例",
    "中华人民共和国政府信息公开法": "中华人民共和国政府信息公开条例",
    "政府信息公开法": "中华人民共和国政府信息公开条例",
}
# Known mis-typings of the field's terms: wrong -> right, with a severity.
KNOWN_TYPOS = {
    "真给公开": ("政务公开", "warning"),
    "政务公看": ("政务公开", "warning"),
    "政府信息公开条列": ("政府信息公开条例", "warning"),
    "依申情公开": ("依申请公开", "warning"),
    "主动工开": ("主动公开", "warning"),
    "信息公开处理费": ("信息处理费", "warning"),  # 国办函〔2020〕109号 calls it 信息处理费
    "政务信息公开指南": ("政府信息公开指南", "info"),  # 条例 第十二条
}


_FEE_AMOUNT = re.compile(r"(?:收取|收缴|产生)?信息处理费[^。；;]{0,12}?(\d+(?:\.\d+)?)\s*(万?元)")


def rule_v9_fees(report: AnnualReport, **_options) -> list[Finding]:
    """V9: a 收费通知 (（六）2 > 0) should be explained in 六 (信息处理费); fees collected need answered applications."""
    out = []
    other = report.sections.get("other", "") or ""
    if report.template == "2021":
        unpaid = row3(report, "other.unpaid_fee")[6]
        if known(unpaid) and unpaid > 0 and "处理费" not in other and "收费" not in other:
            out.append(
                Finding(
                    "V9",
                    "warning",
                    ngettext(
                        "表三（六）2 有 %(n)s 件申请因逾期未缴费不再处理，说明发出过收费通知，"
                        "但“六、其他需要报告的事项”未说明信息处理费收取情况。",
                        "表三（六）2 有 %(n)s 件申请因逾期未缴费不再处理，说明发出过收费通知，"
                        "但“六、其他需要报告的事项”未说明信息处理费收取情况。",
                        unpaid,
                    )
                    % {"n": unpaid},
                    "六、其他需要报告的事项",
                )
            )
    m = _FEE_AMOUNT.search(compact(other))
    total = row3(report, "total")[6]
    if m and Decimal(m.group(1)) > 0 and known(total) and total == 0:
        out.append(
            Finding(
                "V9",
                "warning",
                _("“六、其他需要报告的事项”写明收取信息处理费 %(amount)s%(unit)s，但表三本年办理结果总计为 0 件。")
                % {"amount": m.group(1), "unit": m.group(2)},
                "六、其他需要报告的事项",
            )
        )
    return out


# ----- further rules (issue 6) -------------------------------------------------------------------

_TEXT_NUMBER_PATTERNS = [
    # (regex on the compact text, what, getter, table location); what and location are translated where used
    (
        re.compile(
            r"(?:新收|收到|受理)[^。，,；;]{0,10}?(?:政府信息公开|依申请公开|信息公开)?申请(?:共计|共|合计)?(\d+)件"
        ),
        gettext_noop("本年新收政府信息公开申请"),
        lambda r: row3(r, "new")[6],
        gettext_noop("表三 一、本年新收 · 总计"),
    ),
    (
        re.compile(r"(?:办结|答复)[^。，,；;]{0,8}?申请(?:共计|共|合计)?(\d+)件"),
        gettext_noop("本年办结的申请"),
        lambda r: row3(r, "total")[6],
        gettext_noop("表三 三（七）总计 · 总计"),
    ),
    (
        re.compile(r"(?:被申请|收到|发生)?行政复议(?:案件|申请)?(?:共计|共|合计)?(\d+)(?:件|起)"),
        gettext_noop("行政复议"),
        lambda r: r.section4[4] if len(r.section4) > 4 else None,
        gettext_noop("表四 行政复议 总计"),
    ),
    (
        re.compile(r"(?:被提起|发生)?行政诉讼(?:案件)?(?:共计|共|合计)?(\d+)(?:件|起)"),
        gettext_noop("行政诉讼"),
        lambda r: (
            r.section4[9] + r.section4[14] if len(r.section4) > 14 and known(r.section4[9], r.section4[14]) else None
        ),
        gettext_noop("表四 行政诉讼 总计"),
    ),
    (
        re.compile(r"(?:制发|印发|出台)[^。，,；;]{0,6}?(?:行政)?规范性文件(?:共计|共|合计)?(\d+)(?:件|份)"),
        gettext_noop("本年制发行政规范性文件"),
        lambda r: (
            (r.section2.get("normative_documents") or [None])[0]
            if isinstance(r.section2.get("normative_documents"), list)
            else None
        ),
        gettext_noop("表二 行政规范性文件 · 本年制发件数"),
    ),
]


def rule_text_numbers(report: AnnualReport, **_options) -> list[Finding]:
    """Numbers stated in the text (一、五、六) that disagree with the tables (warnings)."""
    out = []
    text = compact(report.full_text())
    for rx, what, get, loc in _TEXT_NUMBER_PATTERNS:
        table = get(report)
        if not known(table):
            continue
        for m in rx.finditer(text):
            stated = int(m.group(1))
            if stated != table:
                snippet = m.group(0)
                out.append(
                    Finding(
                        "R-TEXT-NUMBERS",
                        "warning",
                        _("正文写“%(quote)s”（%(what)s %(stated)s 件），表格中为 %(table)s 件。")
                        % {"quote": snippet, "what": _(what), "stated": stated, "table": table},
                        _(loc),
                    )
                )
                break
    return out


_TITLE = re.compile(r"《([^《》]{2,60})》")


def rule_statutes(report: AnnualReport, **_options) -> list[Finding]:
    """Statute titles in 书名号: known non-existent titles are errors; unknown 条例/法 titles are noted."""
    out = []
    seen = set()
    for key, heading in (("overview", HEADINGS[0]), ("problems", HEADINGS[4]), ("other", HEADINGS[5])):
        for m in _TITLE.finditer(report.sections.get(key, "") or ""):
            title = compact(m.group(1))
            if title in seen:
                continue
            seen.add(title)
            if title in KNOWN_WRONG_TITLES:
                out.append(
                    Finding(
                        "R-STATUTE",
                        "error",
                        _("引用的《%(title)s》并不存在，应为《%(right)s》。")
                        % {"title": title, "right": KNOWN_WRONG_TITLES[title]},
                        _("%(heading)s：“%(quote)s”") % {"heading": heading, "quote": m.group(0)},
                    )
                )
            elif title not in KNOWN_STATUTES and re.search(r"(条例|法)$", title):
                out.append(
                    Finding(
                        "R-STATUTE",
                        "info",
                        _("未能核对法规名称《%(title)s》，请确认名称准确。") % {"title": title},
                        _("%(heading)s：“%(quote)s”") % {"heading": heading, "quote": m.group(0)},
                    )
                )
    return out


def rule_typos(report: AnnualReport, **_options) -> list[Finding]:
    """Known mis-typings of the field's terms (a fixed list; no guessing)."""
    out = []
    for key, heading in (("overview", HEADINGS[0]), ("problems", HEADINGS[4]), ("other", HEADINGS[5])):
        text = compact(report.sections.get(key, "") or "")
        for wrong, (right, severity) in KNOWN_TYPOS.items():
            i = text.find(wrong)
            if i >= 0:
                ctx = text[max(0, i - 6) : i + len(wrong) + 6]
                message = _("“%(wrong)s”应为“%(right)s”。") % {"wrong": wrong, "right": right}
                where = _("%(heading)s：“…%(context)s…”") % {"heading": heading, "context": ctx}
                out.append(Finding("R-TYPO", severity, message, where))
    return out
