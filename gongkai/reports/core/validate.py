"""The validator: one rule per function, each returning findings with a Chinese message quoting the numbers.

Rules V1–V9 are those of shared/spec/regulation.md §2.6; the R-* rules are the further checks of issue 6.
Blank cells (None) are never treated as 0: a sum with a blank cell is not checked, and one
``V0`` finding says how many cells could not be checked.

Law-as-data: the lists of known statute titles, known wrong titles, known mis-typings and the levels
that enact no 规章 are module-level data (``KNOWN_STATUTES`` …) that callers may extend.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from decimal import Decimal

from .formats import HEADINGS, SECTION3_COLUMNS, SECTION4_COLUMNS, SECTION4_GROUPS, get_format
from .labels import compact, split_numbering
from .model import AnnualReport, Finding

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
# Levels (organizations.Level values) whose agencies enact no 规章 (立法法 第九十一、九十三条: only
# 国务院部门 and the governments of provinces and 设区的市 do).
NO_REGULATION_LEVELS = {"township": "乡镇", "county": "县级", "county_department": "县级部门"}
# 2019 template: 本年增/减 may be negative; everything else must be >= 0.

Rule = Callable[..., list[Finding]]

_COL = SECTION3_COLUMNS


def _fmt(v) -> str:
    if isinstance(v, Decimal):
        return format(v.normalize(), "f")
    return str(v)


def _loc3(report: AnnualReport, row_id: str, col: int | None = None) -> str:
    row = report.format.section3_row(row_id)
    loc = f"表三 {row.short}" + (f" · {_COL[col]}" if col is not None else "")
    src = report.sources.get(f"section3.{row_id}")
    return f"{loc}（{src}）" if src else loc


def _loc4(report: AnnualReport, i: int) -> str:
    src = report.sources.get("section4")
    loc = f"表四 {SECTION4_COLUMNS[i]}"
    return f"{loc}（{src}）" if src else loc


def _loc2(report: AnnualReport, row_id: str, i: int | None) -> str:
    r = report.format.section2_row(row_id)
    loc = f"表二 {r.block} {r.label}" + (f" · {r.columns[i]}" if i is not None else "")
    src = report.sources.get(f"section2.{row_id}")
    return f"{loc}（{src}）" if src else loc


def _row(report: AnnualReport, rid: str) -> list:
    v = report.section3.get(rid)
    return list(v) + [None] * (7 - len(v)) if v is not None else [None] * 7


def _known(*vals) -> bool:
    return all(v is not None and not isinstance(v, bool) and isinstance(v, int | Decimal) for v in vals)


# ----- V0: cells that could not be checked -----------------------------------------------------


def rule_blank_cells(report: AnnualReport, **_) -> list[Finding]:
    fmt = report.format
    missing = sum(1 for r in fmt.section3_rows for v in _row(report, r.id) if v is None)
    s4 = list(report.section4) + [None] * (15 - len(report.section4))
    missing4 = sum(1 for v in s4[:15] if v is None)
    missing2 = 0
    for r in fmt.section2_rows:
        v = report.section2.get(r.id)
        vals = v if isinstance(v, list) else [v]
        missing2 += sum(1 for x in vals if x is None) if r.id in report.section2 else len(r.columns)
    total = missing + missing4 + missing2
    if not total:
        return []
    return [
        Finding(
            "V0",
            "info",
            f"有 {total} 个单元格为空或无法读取（表二 {missing2} 个、表三 {missing} 个、表四 {missing4} 个），"
            "涉及这些单元格的勾稽关系未能核对。",
            "表二、三、四",
        )
    ]


# ----- V1–V9 ----------------------------------------------------------------------------------


def rule_v1_balance(report: AnnualReport, **_) -> list[Finding]:
    """V1: 一 + 二 = 三（七）总计 + 四, in every column (the rule written in the table's header)."""
    out = []
    new, cin, tot, cout = (_row(report, r) for r in ("new", "carried_in", "total", "carried_out"))
    for c in range(7):
        if _known(new[c], cin[c], tot[c], cout[c]) and new[c] + cin[c] != tot[c] + cout[c]:
            out.append(
                Finding(
                    "V1",
                    "error",
                    f"“{_COL[c]}”列：第一项加第二项之和（{new[c]}+{cin[c]}={new[c] + cin[c]}）"
                    f"不等于第三项加第四项之和（{tot[c]}+{cout[c]}={tot[c] + cout[c]}）。",
                    f"表三 · {_COL[c]}",
                )
            )
    return out


def rule_v2_row_totals(report: AnnualReport, **_) -> list[Finding]:
    """V2: in every row 总计 = 自然人 + the five 法人或其他组织 columns."""
    out = []
    for r in report.format.section3_rows:
        vals = _row(report, r.id)
        if _known(*vals) and sum(vals[:6]) != vals[6]:
            out.append(
                Finding(
                    "V2",
                    "error",
                    f"“{r.short}”行：各类申请人之和为 {sum(vals[:6])}，“总计”列却为 {vals[6]}。",
                    _loc3(report, r.id, 6),
                )
            )
    return out


def rule_v3_results_total(report: AnnualReport, **_) -> list[Finding]:
    """V3: （七）总计 = the sum of every result row (（一）（二） and the sub-items of （三）–（六））."""
    out = []
    ids = report.format.result_row_ids
    tot = _row(report, "total")
    for c in range(7):
        parts = [_row(report, rid)[c] for rid in ids]
        if _known(tot[c], *parts) and sum(parts) != tot[c]:
            out.append(
                Finding(
                    "V3",
                    "error",
                    f"“{_COL[c]}”列：办理结果各项之和为 {sum(parts)}，“（七）总计”却为 {tot[c]}。",
                    _loc3(report, "total", c),
                )
            )
    return out


def rule_v4_counted_once(report: AnnualReport, **_) -> list[Finding]:
    """V4: each application has one result, so the results cannot outnumber the applications handled."""
    out = []
    new, cin, tot = (_row(report, r) for r in ("new", "carried_in", "total"))
    for c in range(7):
        if _known(new[c], cin[c], tot[c]) and tot[c] > new[c] + cin[c]:
            out.append(
                Finding(
                    "V4",
                    "error",
                    f"“{_COL[c]}”列：办理结果共 {tot[c]} 件，多于本年新收与上年结转之和 {new[c] + cin[c]} 件；"
                    "每件申请只能计入一种办理结果（区分处理的只计“部分公开”）。",
                    _loc3(report, "total", c),
                )
            )
    return out


def rule_v5_carry_over(report: AnnualReport, *, previous: AnnualReport | None = None, **_) -> list[Finding]:
    """V5: this year's 二、上年结转 = last year's 四、结转下年度继续办理 (warning: cases may be reclassified)."""
    if previous is None:
        return []
    out = []
    cin, prev = _row(report, "carried_in"), _row(previous, "carried_out")
    for c in range(7):
        if _known(cin[c], prev[c]) and cin[c] != prev[c]:
            out.append(
                Finding(
                    "V5",
                    "warning",
                    f"“{_COL[c]}”列：本年“上年结转”为 {cin[c]}，上一年度报告的“结转下年度继续办理”为 {prev[c]}。",
                    _loc3(report, "carried_in", c),
                )
            )
    return out


def rule_v6_section4_totals(report: AnnualReport, **_) -> list[Finding]:
    """V6: in 表四, each group's 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结."""
    out = []
    s4 = list(report.section4) + [None] * (15 - len(report.section4))
    for start, name in SECTION4_GROUPS:
        parts, total = s4[start : start + 4], s4[start + 4]
        if _known(total, *parts) and sum(parts) != total:
            out.append(
                Finding(
                    "V6",
                    "error",
                    f"{name}：结果维持、结果纠正、其他结果、尚未审结之和为 {sum(parts)}，“总计”却为 {total}。",
                    _loc4(report, start + 4),
                )
            )
    return out


def rule_v7_numbers(report: AnnualReport, **_) -> list[Finding]:
    """V7: every count is a non-negative integer; amounts (万元) are non-negative decimals."""
    out = []
    fmt = report.format

    def bad(v, *, decimal=False, signed=False) -> str | None:
        if v is None:
            return None
        if isinstance(v, bool) or not isinstance(v, int | Decimal | float):
            return f"“{v}”不是数字"
        if not decimal and (isinstance(v, float) or (isinstance(v, Decimal) and v != v.to_integral_value())):
            return f"{_fmt(v)} 不是整数"
        if v < 0 and not signed:
            return f"{_fmt(v)} 为负数"
        return None

    for r in fmt.section2_rows:
        v = report.section2.get(r.id)
        vals = v if isinstance(v, list) else [v]
        for i, x in enumerate(vals):
            why = bad(x, decimal=i in r.decimal, signed=i in r.signed)
            if why:
                unit = "金额应为非负数（单位：万元）" if i in r.decimal else "件数应为非负整数"
                out.append(
                    Finding("V7", "error", f"{r.label}：{why}，{unit}。", _loc2(report, r.id, None if r.scalar else i))
                )
    for r in fmt.section3_rows:
        for c, x in enumerate(_row(report, r.id)):
            why = bad(x)
            if why:
                out.append(Finding("V7", "error", f"“{r.short}”行：{why}，件数应为非负整数。", _loc3(report, r.id, c)))
    for i, x in enumerate(report.section4):
        why = bad(x)
        if why:
            out.append(Finding("V7", "error", f"{SECTION4_COLUMNS[i]}：{why}，件数应为非负整数。", _loc4(report, i)))
    return out


def rule_v8_in_force(report: AnnualReport, *, previous: AnnualReport | None = None, **_) -> list[Finding]:
    """V8: 现行有效件数 vs last year's + 本年制发 − 本年废止 (2021 template; warning, 制发 may include revisions)."""
    if previous is None or report.template != "2021" or previous.template != "2021":
        return []
    out = []
    for rid in ("regulations", "normative_documents"):
        cur, prev = report.section2.get(rid), previous.section2.get(rid)
        if not (isinstance(cur, list) and isinstance(prev, list) and len(cur) == 3 and len(prev) == 3):
            continue
        made, repealed, in_force = cur
        if _known(made, repealed, in_force, prev[2]) and prev[2] + made - repealed != in_force:
            label = report.format.section2_row(rid).label
            out.append(
                Finding(
                    "V8",
                    "warning",
                    f"{label}：上年现行有效 {prev[2]} 件 + 本年制发 {made} 件 − 本年废止 {repealed} 件 = "
                    f"{prev[2] + made - repealed} 件，本年报告现行有效 {in_force} 件（制发含修订时可能不一致，请核对）。",
                    _loc2(report, rid, 2),
                )
            )
    return out


_FEE_AMOUNT = re.compile(r"(?:收取|收缴|产生)?信息处理费[^。；;]{0,12}?(\d+(?:\.\d+)?)\s*(万?元)")


def rule_v9_fees(report: AnnualReport, **_) -> list[Finding]:
    """V9: a 收费通知 (（六）2 > 0) should be explained in 六 (信息处理费); fees collected need answered applications."""
    out = []
    other = report.sections.get("other", "") or ""
    if report.template == "2021":
        unpaid = _row(report, "other.unpaid_fee")[6]
        if _known(unpaid) and unpaid > 0 and "处理费" not in other and "收费" not in other:
            out.append(
                Finding(
                    "V9",
                    "warning",
                    f"表三（六）2 有 {unpaid} 件申请因逾期未缴费不再处理，说明发出过收费通知，"
                    "但“六、其他需要报告的事项”未说明信息处理费收取情况。",
                    "六、其他需要报告的事项",
                )
            )
    m = _FEE_AMOUNT.search(compact(other))
    total = _row(report, "total")[6]
    if m and Decimal(m.group(1)) > 0 and _known(total) and total == 0:
        out.append(
            Finding(
                "V9",
                "warning",
                f"“六、其他需要报告的事项”写明收取信息处理费 {m.group(1)}{m.group(2)}，但表三本年办理结果总计为 0 件。",
                "六、其他需要报告的事项",
            )
        )
    return out


# ----- further rules (issue 6) -------------------------------------------------------------------

_TEXT_NUMBER_PATTERNS = [
    # (regex on the compact text, what, getter, table location)
    (
        re.compile(
            r"(?:新收|收到|受理)[^。，,；;]{0,10}?(?:政府信息公开|依申请公开|信息公开)?申请(?:共计|共|合计)?(\d+)件"
        ),
        "本年新收政府信息公开申请",
        lambda r: _row(r, "new")[6],
        "表三 一、本年新收 · 总计",
    ),
    (
        re.compile(r"(?:办结|答复)[^。，,；;]{0,8}?申请(?:共计|共|合计)?(\d+)件"),
        "本年办结的申请",
        lambda r: _row(r, "total")[6],
        "表三 三（七）总计 · 总计",
    ),
    (
        re.compile(r"(?:被申请|收到|发生)?行政复议(?:案件|申请)?(?:共计|共|合计)?(\d+)(?:件|起)"),
        "行政复议",
        lambda r: r.section4[4] if len(r.section4) > 4 else None,
        "表四 行政复议 总计",
    ),
    (
        re.compile(r"(?:被提起|发生)?行政诉讼(?:案件)?(?:共计|共|合计)?(\d+)(?:件|起)"),
        "行政诉讼",
        lambda r: (
            r.section4[9] + r.section4[14] if len(r.section4) > 14 and _known(r.section4[9], r.section4[14]) else None
        ),
        "表四 行政诉讼 总计",
    ),
    (
        re.compile(r"(?:制发|印发|出台)[^。，,；;]{0,6}?(?:行政)?规范性文件(?:共计|共|合计)?(\d+)(?:件|份)"),
        "本年制发行政规范性文件",
        lambda r: (
            (r.section2.get("normative_documents") or [None])[0]
            if isinstance(r.section2.get("normative_documents"), list)
            else None
        ),
        "表二 行政规范性文件 · 本年制发件数",
    ),
]


def rule_text_numbers(report: AnnualReport, **_) -> list[Finding]:
    """Numbers stated in the text (一、五、六) that disagree with the tables (warnings)."""
    out = []
    text = compact(report.full_text())
    for rx, what, get, loc in _TEXT_NUMBER_PATTERNS:
        table = get(report)
        if not _known(table):
            continue
        for m in rx.finditer(text):
            stated = int(m.group(1))
            if stated != table:
                snippet = m.group(0)
                out.append(
                    Finding(
                        "R-TEXT-NUMBERS",
                        "warning",
                        f"正文写“{snippet}”（{what} {stated} 件），表格中为 {table} 件。",
                        loc,
                    )
                )
                break
    return out


def rule_level(report: AnnualReport, *, level: str | None = None, **_) -> list[Finding]:
    """Level-appropriate values: 乡镇、县级 governments and their departments enact no 规章 (立法法)."""
    if level not in NO_REGULATION_LEVELS:
        return []
    regs = report.section2.get("regulations")
    if not isinstance(regs, list):
        return []
    out = []
    cols = report.format.section2_row("regulations").columns
    for i, v in enumerate(regs):
        if _known(v) and v > 0:
            out.append(
                Finding(
                    "R-LEVEL",
                    "error",
                    f"{NO_REGULATION_LEVELS[level]}机关无权制定规章（《中华人民共和国立法法》），"
                    f"“规章 · {cols[i]}”应为 0，报告为 {_fmt(v)}。",
                    _loc2(report, "regulations", i),
                )
            )
    return out


def _heading_key(h: str) -> tuple[int | None, str]:
    _, num, rest = split_numbering(h)
    return num, rest


def rule_sections(report: AnnualReport, **_) -> list[Finding]:
    """Required sections 一–六 present, with their headings, in order; text sections not empty."""
    out = []
    if report.headings is not None:
        found = [_heading_key(h) for h in report.headings]
        positions = []
        for i, expected in enumerate(HEADINGS):
            num, rest = _heading_key(expected)
            pos = next((j for j, (n, r) in enumerate(found) if r == rest or (n == num and r[:2] == rest[:2])), None)
            if pos is None:
                out.append(Finding("R-SECTIONS", "error", f"缺少第{i + 1}部分“{expected}”。", expected))
            else:
                positions.append((pos, expected))
                got = report.headings[pos]
                if compact(got) != compact(expected):
                    out.append(
                        Finding("R-SECTIONS", "info", f"标题“{got}”与格式规定的“{expected}”写法不同。", f"标题“{got}”")
                    )
        order = [p for p, _ in positions]
        if order != sorted(order):
            out.append(
                Finding(
                    "R-SECTIONS",
                    "error",
                    "各部分顺序与格式不符：应为 " + "、".join(h.split("、")[0] for h in HEADINGS) + "。",
                    "全文",
                )
            )
    names = {"overview": HEADINGS[0], "problems": HEADINGS[4], "other": HEADINGS[5]}
    for key, heading in names.items():
        if not (report.sections.get(key) or "").strip():
            out.append(Finding("R-SECTIONS", "warning", f"“{heading}”没有内容。", heading))
    return out


_TITLE = re.compile(r"《([^《》]{2,60})》")


def rule_statutes(report: AnnualReport, **_) -> list[Finding]:
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
                        f"引用的《{title}》并不存在，应为《{KNOWN_WRONG_TITLES[title]}》。",
                        f"{heading}：“{m.group(0)}”",
                    )
                )
            elif title not in KNOWN_STATUTES and re.search(r"(条例|法)$", title):
                out.append(
                    Finding(
                        "R-STATUTE",
                        "info",
                        f"未能核对法规名称《{title}》，请确认名称准确。",
                        f"{heading}：“{m.group(0)}”",
                    )
                )
    return out


def rule_typos(report: AnnualReport, **_) -> list[Finding]:
    """Known mis-typings of the field's terms (a fixed list; no guessing)."""
    out = []
    for key, heading in (("overview", HEADINGS[0]), ("problems", HEADINGS[4]), ("other", HEADINGS[5])):
        text = compact(report.sections.get(key, "") or "")
        for wrong, (right, severity) in KNOWN_TYPOS.items():
            i = text.find(wrong)
            if i >= 0:
                ctx = text[max(0, i - 6) : i + len(wrong) + 6]
                out.append(
                    Finding("R-TYPO", severity, f"“{wrong}”应为“{right}”。", f"{heading}：“…{ctx}…”"),
                )
    return out


_PERIOD = re.compile(r"[^。\n]*统计(?:时限|期限|时间|区间|周期)[^。\n]*(?:。|$)")


def rule_statistics_period(report: AnnualReport, **_) -> list[Finding]:
    """The statistics-period sentence: present, complete (…起至…止), ended with 。, and for the report's year."""
    text = "\n".join(report.sections.get(k, "") or "" for k in ("overview", "problems", "other"))
    text = re.sub(r"[ \t\u3000]+", "", text)
    matches = list(_PERIOD.finditer(text))
    m = matches[-1] if matches else None
    if m is None:
        return [
            Finding(
                "R-PERIOD",
                "warning",
                "未写明统计时限（如“本报告中所列数据的统计期限自2024年1月1日起至2024年12月31日止。”）。",
                "全文",
            )
        ]
    sentence = m.group(0)
    problems = []
    if "止" not in sentence:
        problems.append("缺少“止”")
    if not sentence.endswith("。"):
        problems.append("句末缺少句号")
    if not re.search(r"\d{4}年1月1日", sentence) or not re.search(r"\d{4}年12月31日", sentence):
        problems.append("起止日期不完整")
    out = []
    if problems:
        out.append(
            Finding(
                "R-PERIOD",
                "warning",
                f"统计时限句不完整（{'、'.join(problems)}）：“{sentence}”。",
                f"六、其他需要报告的事项 末句：“{sentence}”",
            )
        )
    years = {int(y) for y in re.findall(r"(\d{4})年", sentence)}
    if report.year and years and years != {report.year}:
        out.append(
            Finding(
                "R-PERIOD",
                "error",
                f"统计时限写的是 {'、'.join(map(str, sorted(years)))} 年，报告年度为 {report.year} 年。",
                f"“{sentence}”",
            )
        )
    return out


def rule_deadline(
    report: AnnualReport, *, published_on: date | None = None, deadline: date | None = None, **_
) -> list[Finding]:
    """Published by its deadline (条例 第四十九条: 1月31日前 for 县级以上部门; per-organization setting)."""
    if published_on is None or deadline is None or published_on <= deadline:
        return []
    late = (published_on - deadline).days
    return [
        Finding(
            "R-DEADLINE",
            "error",
            f"报告于 {published_on.isoformat()} 发布，晚于期限 {deadline.isoformat()}（逾期 {late} 天）。",
            "发布日期",
        )
    ]


RULES: list[Rule] = [
    rule_blank_cells,
    rule_v1_balance,
    rule_v2_row_totals,
    rule_v3_results_total,
    rule_v4_counted_once,
    rule_v5_carry_over,
    rule_v6_section4_totals,
    rule_v7_numbers,
    rule_v8_in_force,
    rule_v9_fees,
    rule_text_numbers,
    rule_level,
    rule_sections,
    rule_statutes,
    rule_typos,
    rule_statistics_period,
    rule_deadline,
]


def validate(
    report: AnnualReport,
    *,
    previous: AnnualReport | None = None,
    level: str | None = None,
    published_on: date | None = None,
    deadline: date | None = None,
) -> list[Finding]:
    """All findings on ``report`` (errors first). Does not modify the report."""
    get_format(report.template)  # unknown template -> ValueError
    findings: list[Finding] = []
    for rule in RULES:
        findings.extend(rule(report, previous=previous, level=level, published_on=published_on, deadline=deadline))
    order = {"error": 0, "warning": 1, "info": 2}
    return sorted(findings, key=lambda f: order[f.severity])
