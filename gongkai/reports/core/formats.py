"""The two national formats of the annual report, exactly.

* ``FORMAT_2021``: 《中华人民共和国政府信息公开工作年度报告格式》 issued with 国办公开办函〔2021〕30号
  (used for the 2021 report onward);
* ``FORMAT_2019``: 《…年度报告格式（试行）》 issued with 国办公开办函〔2019〕60号 (2019 and 2020 reports).

Labels are verbatim (shared/spec/regulation.md §2.2–2.8); ids follow shared/spec/report-ids.md.
The ``*_layout`` functions give each table as rows of :class:`Cell` with rowspan/colspan, in HTML
order (cells covered by a span are left out), so every renderer draws the same merged cells;
:func:`place` gives each cell's grid position for renderers (DOCX, XLSX) that merge by coordinates.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

SECTION3_COLUMNS = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
SECTION3_TOTAL_COLUMN = 6

SECTION4_COLUMNS = [
    "行政复议 结果维持",
    "行政复议 结果纠正",
    "行政复议 其他结果",
    "行政复议 尚未审结",
    "行政复议 总计",
    "未经复议直接起诉 结果维持",
    "未经复议直接起诉 结果纠正",
    "未经复议直接起诉 其他结果",
    "未经复议直接起诉 尚未审结",
    "未经复议直接起诉 总计",
    "复议后起诉 结果维持",
    "复议后起诉 结果纠正",
    "复议后起诉 其他结果",
    "复议后起诉 尚未审结",
    "复议后起诉 总计",
]
SECTION4_RESULTS = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
# (start index, name) of the three groups of five; each group's fifth number is its 总计 (V6).
SECTION4_GROUPS = [(0, "行政复议"), (5, "行政诉讼（未经复议直接起诉）"), (10, "行政诉讼（复议后起诉）")]

HEADINGS = [
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
]
# Text sections of the value object (二、三、四 are tables whose headings are fixed).
TEXT_SECTIONS = {"overview": 0, "problems": 4, "other": 5}

SECTION3_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"


@dataclass(frozen=True)
class Section2Row:
    id: str
    label: str
    block: str  # "第二十条第（一）项" …
    columns: tuple[str, ...]  # number column headers
    decimal: tuple[int, ...] = ()  # indexes holding amounts (万元 / 元), decimals allowed
    signed: tuple[int, ...] = ()  # indexes that may be negative (2019: 本年增/减)

    @property
    def scalar(self) -> bool:
        """A single value (stored as a number, not a list)."""
        return len(self.columns) == 1


@dataclass(frozen=True)
class Section2Block:
    header: str
    columns: tuple[str, ...]
    rows: tuple[Section2Row, ...]


@dataclass(frozen=True)
class Section3Row:
    id: str
    label: str
    level: int  # 1: 一、二、三、四 / 2: （一）…（七） / 3: 1. 2. …
    group: str = ""  # level-3 rows: the level-2 label they belong to

    @property
    def short(self) -> str:
        """A short Chinese name for messages: 三（三）1 …"""
        return _SHORT.get(self.id, self.label)


@dataclass(frozen=True)
class Format:
    id: str
    name: str
    notice: str
    headings: tuple[str, ...]
    section2_blocks: tuple[Section2Block, ...]
    section3_rows: tuple[Section3Row, ...]
    section4_columns: tuple[str, ...] = tuple(SECTION4_COLUMNS)
    section3_columns: tuple[str, ...] = tuple(SECTION3_COLUMNS)

    @cached_property
    def section2_rows(self) -> list[Section2Row]:
        return [r for b in self.section2_blocks for r in b.rows]

    def section2_row(self, row_id: str) -> Section2Row:
        for r in self.section2_rows:
            if r.id == row_id:
                return r
        raise KeyError(row_id)

    def section3_row(self, row_id: str) -> Section3Row:
        for r in self.section3_rows:
            if r.id == row_id:
                return r
        raise KeyError(row_id)

    @cached_property
    def section3_ids(self) -> list[str]:
        return [r.id for r in self.section3_rows]

    @cached_property
    def result_row_ids(self) -> list[str]:
        """The rows whose sum is （七）总计 (V3): （一）（二） and every level-3 row (or 2019's single （六）)."""
        ids = []
        for r in self.section3_rows:
            if r.id in ("new", "carried_in", "total", "carried_out", "results"):
                continue
            ids.append(r.id)
        return ids


# ----- section 二 -----------------------------------------------------------------------------

_S2_2021 = (
    Section2Block(
        "第二十条第（一）项",
        ("信息内容", "本年制发件数", "本年废止件数", "现行有效件数"),
        (
            Section2Row("regulations", "规章", "第二十条第（一）项", ("本年制发件数", "本年废止件数", "现行有效件数")),
            Section2Row(
                "normative_documents",
                "行政规范性文件",
                "第二十条第（一）项",
                ("本年制发件数", "本年废止件数", "现行有效件数"),
            ),
        ),
    ),
    Section2Block(
        "第二十条第（五）项",
        ("信息内容", "本年处理决定数量"),
        (Section2Row("licensing", "行政许可", "第二十条第（五）项", ("本年处理决定数量",)),),
    ),
    Section2Block(
        "第二十条第（六）项",
        ("信息内容", "本年处理决定数量"),
        (
            Section2Row("penalty", "行政处罚", "第二十条第（六）项", ("本年处理决定数量",)),
            Section2Row("enforcement", "行政强制", "第二十条第（六）项", ("本年处理决定数量",)),
        ),
    ),
    Section2Block(
        "第二十条第（八）项",
        ("信息内容", "本年收费金额（单位：万元）"),
        (
            Section2Row(
                "fees_wan_yuan", "行政事业性收费", "第二十条第（八）项", ("本年收费金额（单位：万元）",), decimal=(0,)
            ),
        ),
    ),
)

_C2019_1 = ("本年新制作数量", "本年新公开数量", "对外公开总数量")
_C2019_5 = ("上一年项目数量", "本年增/减", "处理决定数量")
_S2_2019 = (
    Section2Block(
        "第二十条第（一）项",
        ("信息内容", *_C2019_1),
        (
            Section2Row("regulations", "规章", "第二十条第（一）项", _C2019_1),
            Section2Row("normative_documents", "规范性文件", "第二十条第（一）项", _C2019_1),
        ),
    ),
    Section2Block(
        "第二十条第（五）项",
        ("信息内容", *_C2019_5),
        (
            Section2Row("licensing", "行政许可", "第二十条第（五）项", _C2019_5, signed=(1,)),
            Section2Row("other_services", "其他对外管理服务事项", "第二十条第（五）项", _C2019_5, signed=(1,)),
        ),
    ),
    Section2Block(
        "第二十条第（六）项",
        ("信息内容", *_C2019_5),
        (
            Section2Row("penalty", "行政处罚", "第二十条第（六）项", _C2019_5, signed=(1,)),
            Section2Row("enforcement", "行政强制", "第二十条第（六）项", _C2019_5, signed=(1,)),
        ),
    ),
    Section2Block(
        "第二十条第（八）项",
        ("信息内容", "上一年项目数量", "本年增/减"),
        (Section2Row("fees", "行政事业性收费", "第二十条第（八）项", ("上一年项目数量", "本年增/减"), signed=(1,)),),
    ),
    Section2Block(
        "第二十条第（九）项",
        ("信息内容", "采购项目数量", "采购总金额"),
        (
            Section2Row(
                "procurement", "政府集中采购", "第二十条第（九）项", ("采购项目数量", "采购总金额"), decimal=(1,)
            ),
        ),
    ),
)

# ----- section 三 -----------------------------------------------------------------------------

_G3, _G4, _G5, _G6 = "（三）不予公开", "（四）无法提供", "（五）不予处理", "（六）其他处理"

_S3_HEAD = (
    Section3Row("new", "一、本年新收政府信息公开申请数量", 1),
    Section3Row("carried_in", "二、上年结转政府信息公开申请数量", 1),
    Section3Row("granted", "（一）予以公开", 2),
    Section3Row("partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", 2),
    Section3Row("withheld.state_secret", "1.属于国家秘密", 3, _G3),
    Section3Row("withheld.prohibited_by_law", "2.其他法律行政法规禁止公开", 3, _G3),
    Section3Row("withheld.security_stability", "3.危及“三安全一稳定”", 3, _G3),
    Section3Row("withheld.third_party", "4.保护第三方合法权益", 3, _G3),
    Section3Row("withheld.internal_affairs", "5.属于三类内部事务信息", 3, _G3),
    Section3Row("withheld.process_information", "6.属于四类过程性信息", 3, _G3),
    Section3Row("withheld.enforcement_file", "7.属于行政执法案卷", 3, _G3),
    Section3Row("withheld.query_matter", "8.属于行政查询事项", 3, _G3),
    Section3Row("unable.not_held", "1.本机关不掌握相关政府信息", 3, _G4),
    Section3Row("unable.needs_creation", "2.没有现成信息需要另行制作", 3, _G4),
    Section3Row("unable.still_unclear", "3.补正后申请内容仍不明确", 3, _G4),
    Section3Row("declined.petition", "1.信访举报投诉类申请", 3, _G5),
    Section3Row("declined.repeat", "2.重复申请", 3, _G5),
    Section3Row("declined.publication", "3.要求提供公开出版物", 3, _G5),
    Section3Row("declined.excessive", "4.无正当理由大量反复申请", 3, _G5),
    Section3Row("declined.confirmation", "5.要求行政机关确认或重新出具已获取信息", 3, _G5),
)
_S3_TAIL = (
    Section3Row("total", "（七）总计", 2),
    Section3Row("carried_out", "四、结转下年度继续办理", 1),
)
_S3_2021 = (
    *_S3_HEAD,
    Section3Row("other.no_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", 3, _G6),
    Section3Row("other.unpaid_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", 3, _G6),
    Section3Row("other.other", "3.其他", 3, _G6),
    *_S3_TAIL,
)
_S3_2019 = (*_S3_HEAD, Section3Row("other", "（六）其他处理", 2), *_S3_TAIL)
RESULTS_LABEL = "三、本年度办理结果"
LEVEL2_GROUPS = (_G3, _G4, _G5, _G6)

_SHORT = {
    "new": "一、本年新收",
    "carried_in": "二、上年结转",
    "granted": "三（一）予以公开",
    "partial": "三（二）部分公开",
    "total": "三（七）总计",
    "carried_out": "四、结转下年度",
    "other": "三（六）其他处理",
}
for _r in (*_S3_2021, *_S3_2019):
    if _r.level == 3 and _r.id not in _SHORT:
        _n = {_G3: "三", _G4: "四", _G5: "五", _G6: "六"}[_r.group]
        _SHORT[_r.id] = f"三（{_n}）{_r.label.split('.', 1)[0]} {_r.label.split('.', 1)[1]}"

FORMAT_2021 = Format(
    id="2021",
    name="中华人民共和国政府信息公开工作年度报告格式",
    notice="国办公开办函〔2021〕30号",
    headings=tuple(HEADINGS),
    section2_blocks=_S2_2021,
    section3_rows=_S3_2021,
)
FORMAT_2019 = Format(
    id="2019",
    name="中华人民共和国政府信息公开工作年度报告格式（试行）",
    notice="国办公开办函〔2019〕60号",
    headings=tuple(HEADINGS),
    section2_blocks=_S2_2019,
    section3_rows=_S3_2019,
)
FORMATS = {"2021": FORMAT_2021, "2019": FORMAT_2019}


def get_format(template: str) -> Format:
    try:
        return FORMATS[str(template)]
    except KeyError:
        raise ValueError(f"unknown template {template!r} (expected '2021' or '2019')") from None


# ----- layouts (merged cells) ----------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    """One drawn cell. ``ref`` addresses a value cell: ("section2", row id, index or None),
    ("section3", row id, column 0–6) or ("section4", None, 0–14)."""

    text: str = ""
    rowspan: int = 1
    colspan: int = 1
    kind: str = "label"  # "header" | "label" | "value"
    ref: tuple | None = None


def section2_layout(fmt: Format) -> list[list[Cell]]:
    """Table 二: four columns; block headers span the whole row; single values span columns 2–4."""
    rows: list[list[Cell]] = []
    for block in fmt.section2_blocks:
        rows.append([Cell(block.header, colspan=4, kind="header")])
        head = [Cell(block.columns[0], kind="header")]
        n = len(block.columns) - 1
        for i, c in enumerate(block.columns[1:]):
            span = 4 - n if i == n - 1 else 1  # the last header takes the remaining columns
            head.append(Cell(c, colspan=span, kind="header"))
        rows.append(head)
        for r in block.rows:
            line = [Cell(r.label, kind="label")]
            for i in range(n):
                span = 4 - n if i == n - 1 else 1
                line.append(Cell("", colspan=span, kind="value", ref=("section2", r.id, None if r.scalar else i)))
            rows.append(line)
    return rows


def section3_layout(fmt: Format) -> list[list[Cell]]:
    """Table 三: 3 label columns + 7 number columns; 3 header rows (regulation.md §2.4)."""
    rows: list[list[Cell]] = [
        [Cell(SECTION3_NOTE, rowspan=3, colspan=3, kind="header"), Cell("申请人情况", colspan=7, kind="header")],
        [
            Cell("自然人", rowspan=2, kind="header"),
            Cell("法人或其他组织", colspan=5, kind="header"),
            Cell("总计", rowspan=2, kind="header"),
        ],
        [Cell(c, kind="header") for c in SECTION3_COLUMNS[1:6]],
    ]
    results = [r for r in fmt.section3_rows if r.id not in ("new", "carried_in", "carried_out")]
    group_sizes: dict[str, int] = {}
    for r in results:
        if r.level == 3:
            group_sizes[r.group] = group_sizes.get(r.group, 0) + 1
    seen_groups: set[str] = set()
    first_result = True
    for r in fmt.section3_rows:
        line: list[Cell] = []
        if r.level == 1:
            line.append(Cell(r.label, colspan=3))
        else:
            if first_result:
                line.append(Cell(RESULTS_LABEL, rowspan=len(results)))
                first_result = False
            if r.level == 2:
                line.append(Cell(r.label, colspan=2))
            else:
                if r.group not in seen_groups:
                    line.append(Cell(r.group, rowspan=group_sizes[r.group]))
                    seen_groups.add(r.group)
                line.append(Cell(r.label))
        line.extend(Cell("", kind="value", ref=("section3", r.id, c)) for c in range(7))
        rows.append(line)
    return rows


def section4_layout(fmt: Format) -> list[list[Cell]]:
    """Table 四: 15 number columns under a 3-row header (regulation.md §2.5)."""
    return [
        [Cell("行政复议", colspan=5, kind="header"), Cell("行政诉讼", colspan=10, kind="header")],
        [
            *(Cell(t, rowspan=2, kind="header") for t in SECTION4_RESULTS),
            Cell("未经复议直接起诉", colspan=5, kind="header"),
            Cell("复议后起诉", colspan=5, kind="header"),
        ],
        [Cell(t, kind="header") for t in SECTION4_RESULTS * 2],
        [Cell("", kind="value", ref=("section4", None, i)) for i in range(15)],
    ]


def place(layout: list[list[Cell]]) -> list[tuple[int, int, Cell]]:
    """Grid coordinates (row, column) of every cell of a layout, honouring rowspan/colspan."""
    taken: set[tuple[int, int]] = set()
    out = []
    for ri, row in enumerate(layout):
        ci = 0
        for cell in row:
            while (ri, ci) in taken:
                ci += 1
            out.append((ri, ci, cell))
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    taken.add((ri + dr, ci + dc))
            ci += cell.colspan
    return out


def grid(layout: list[list[Cell]]) -> list[list[str]]:
    """The rectangular text grid a reader of the rendered table sees (spanned text repeated)."""
    placed = place(layout)
    height = max(r + c.rowspan for r, _, c in placed)
    width = max(col + c.colspan for _, col, c in placed)
    out = [[""] * width for _ in range(height)]
    for r, col, c in placed:
        for dr in range(c.rowspan):
            for dc in range(c.colspan):
                out[r + dr][col + dc] = c.text
    return out
