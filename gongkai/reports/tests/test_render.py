"""Golden tests of the renderers: HTML and JSON byte for byte, DOCX and XLSX read back cell by cell, PDF text."""

import io
import json
import os
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest

from gongkai.reports.core.formats import place, section2_layout, section3_layout, section4_layout
from gongkai.reports.core.model import AnnualReport
from gongkai.reports.core.schema import structure_errors
from gongkai.reports.render import export, fmt_number

GOLDEN = Path(__file__).with_name("golden")


def fixed_report() -> AnnualReport:
    """A consistent 2021-format report with distinct numbers in every table."""
    value = AnnualReport.zeros("2021", "三门峡市陕州区原店镇人民政府", 2024)
    value.sections = {
        "overview": "2024年，原店镇认真贯彻落实《中华人民共和国政府信息公开条例》。\n全年新收申请12件。",
        "problems": "一是人员不足。\n二是培训不够<script>alert(1)</script>。",
        "other": "本报告中所列数据的统计期限自2024年1月1日起至2024年12月31日止。",
    }
    value.section2.update(
        {
            "regulations": [0, 0, 0],
            "normative_documents": [2, 1, 7],
            "licensing": 35,
            "penalty": 4,
            "enforcement": 1,
            "fees_wan_yuan": Decimal("1.25"),
        }
    )
    s3 = value.section3
    s3["new"] = [8, 2, 0, 1, 1, 0, 12]
    s3["carried_in"] = [1, 0, 0, 0, 0, 0, 1]
    s3["granted"] = [5, 1, 0, 1, 0, 0, 7]
    s3["partial"] = [1, 0, 0, 0, 0, 0, 1]
    s3["withheld.third_party"] = [1, 0, 0, 0, 0, 0, 1]
    s3["unable.not_held"] = [1, 1, 0, 0, 0, 0, 2]
    s3["other.no_correction"] = [0, 0, 0, 0, 1, 0, 1]
    s3["total"] = [8, 2, 0, 1, 1, 0, 12]
    s3["carried_out"] = [1, 0, 0, 0, 0, 0, 1]
    value.section4 = [1, 0, 0, 1, 2, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0]
    return value


def _golden(name: str, actual: bytes):
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_bytes(actual)
    assert actual == path.read_bytes(), f"{name} differs from the golden file (UPDATE_GOLDEN=1 to accept a change)"


def test_the_fixed_report_is_consistent():
    from gongkai.reports.core.validate import validate

    assert not [f for f in validate(fixed_report()) if f.severity == "error"]


def test_html_matches_the_golden_file():
    _golden("report.html", export(fixed_report(), "html"))


def test_json_matches_the_golden_file_and_the_schema():
    body = export(fixed_report(), "json")
    _golden("report.json", body)
    data = json.loads(body)
    assert structure_errors(data) == []
    assert data["section2"]["fees_wan_yuan"] == 1.25
    assert data["section3"]["total"] == [8, 2, 0, 1, 1, 0, 12]


def test_html_has_the_templates_merged_cells_and_escapes_text():
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(export(fixed_report(), "html"), "lxml")
    t3 = soup.select("table.t3")[0]
    note = t3.find("th", string=lambda s: s and s.startswith("（本列数据的勾稽关系为"))
    assert (note["rowspan"], note["colspan"]) == ("3", "3")
    assert t3.find("th", string="申请人情况")["colspan"] == "7"
    assert t3.find("th", string="法人或其他组织")["colspan"] == "5"
    results = t3.find("td", string="三、本年度办理结果")
    assert results["rowspan"] == str(len([r for r in fixed_report().format.section3_rows if r.level > 1]))
    assert t3.find("td", string="（三）不予公开")["rowspan"] == "8"
    assert t3.find("td", attrs={"data-cell": "section3:total:6"}).text == "12"
    assert soup.find("script") is None
    assert "<script>alert(1)</script>" in soup.get_text()


def _expected_text(cell, value):
    return fmt_number(value.value(cell.ref)) if cell.ref is not None else cell.text


def test_docx_read_back_cell_by_cell():
    from docx import Document

    value = fixed_report()
    doc = Document(io.BytesIO(export(value, "docx")))
    assert doc.paragraphs[0].text == "三门峡市陕州区原店镇人民政府2024年政府信息公开工作年度报告"
    fmt = value.format
    layouts = [section2_layout(fmt), section3_layout(fmt), section4_layout(fmt)]
    assert len(doc.tables) == 3
    for table, layout in zip(doc.tables, layouts, strict=True):
        placed = place(layout)
        for r, c, cell in placed:
            got = table.cell(r, c)
            assert got.text == _expected_text(cell, value), (r, c, cell.text)
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    assert table.cell(r + dr, c + dc)._tc is got._tc, f"({r},{c}) should span to ({r + dr},{c + dc})"
        # Cells that are not merged are distinct.
        starts = {(r, c) for r, c, _ in placed}
        tcs = [table.cell(r, c)._tc for r, c in starts]
        assert len({id(t) for t in tcs}) == len(starts)
    body = "\n".join(p.text for p in doc.paragraphs)
    assert "二是培训不够<script>alert(1)</script>。" in body
    for heading in fmt.headings:
        assert heading in body


def test_xlsx_has_the_merged_cells_and_numbers():
    from openpyxl import load_workbook

    value = fixed_report()
    wb = load_workbook(io.BytesIO(export(value, "xlsx")))
    ws = wb["统计表"]
    merged = {str(r) for r in ws.merged_cells.ranges}
    cells = {ws.cell(row=r, column=c).value for r in range(1, ws.max_row + 1) for c in range(1, 4)}
    assert "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）" in cells
    # Find table 三's top-left and check its merges and the 总计 of （七）.
    top = next(
        r for r in range(1, ws.max_row + 1) if str(ws.cell(row=r, column=1).value or "").startswith("（本列数据")
    )
    assert f"A{top}:C{top + 2}" in merged
    assert f"D{top}:J{top}" in merged
    total_row = next(r for r in range(top, ws.max_row + 1) if ws.cell(row=r, column=2).value == "（七）总计")
    assert [ws.cell(row=total_row, column=c).value for c in range(4, 11)] == [8, 2, 0, 1, 1, 0, 12]
    fees_row = next(r for r in range(1, ws.max_row + 1) if ws.cell(row=r, column=1).value == "行政事业性收费")
    assert ws.cell(row=fees_row, column=2).value == 1.25
    assert "一、总体情况" in [c.value for c in wb["正文"]["A"]]


def test_pdf_has_real_chinese_text_and_fonts(tmp_path):
    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(export(fixed_report(), "pdf"))
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "三门峡市陕州区原店镇人民政府" in text
    assert "2024年政府信息公开工作年度报告" in text
    assert "三、收到和处理政府信息公开申请情况" in text
    assert "申请人情况" in text
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "Noto-Serif-CJK-SC" in fonts or "NotoSerifCJK" in fonts


def test_json_that_would_not_match_the_schema_is_refused():
    value = fixed_report()
    value.section4 = [0] * 16  # one cell too many
    with pytest.raises(ValueError, match="schema"):
        export(value, "json")


def test_pdf_keeps_table_three_on_one_page_even_after_a_long_overview(tmp_path):
    from gongkai.reports import seed_text

    value = fixed_report()
    value.sections = {"overview": seed_text.OVERVIEW, "problems": seed_text.PROBLEMS, "other": seed_text.OTHER}
    pdf = tmp_path / "long.pdf"
    pdf.write_bytes(export(value, "pdf"))
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = text.split("\f")
    first = next(i for i, p in enumerate(pages) if "一、本年新收政府信息公开申请数量" in p)
    assert "四、结转下年度继续办理" in pages[first]
    assert "（七）总计" in pages[first]
    assert pages[first].count("申请人情况") == 1  # the header is not repeated: the table did not break


def test_xlsx_lists_the_findings_when_there_are_any():
    from openpyxl import load_workbook

    from gongkai.reports.core.model import Finding

    value = fixed_report()
    assert "校验结果" not in load_workbook(io.BytesIO(export(value, "xlsx"))).sheetnames
    value.findings = [Finding("V1", "error", "一+二 ≠ （七）+四", "三、总计列")]
    ws = load_workbook(io.BytesIO(export(value, "xlsx")))["校验结果"]
    assert [c.value for c in ws[2]] == ["V1", "错误", "三、总计列", "一+二 ≠ （七）+四"]
