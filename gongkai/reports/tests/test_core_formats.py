"""The two national formats, the value object's JSON, the schema and ``gongkai report validate``."""

import io
import json
from decimal import Decimal

from gongkai.reports.core import FORMAT_2019, FORMAT_2021, AnnualReport, Finding, get_format
from gongkai.reports.core.formats import grid, place, section2_layout, section3_layout, section4_layout
from gongkai.reports.core.labels import label_key, split_numbering
from gongkai.reports.core.schema import build_schema, published_schema, structure_errors


def test_the_2021_table_three_has_the_template_rows_and_ids():
    ids = FORMAT_2021.section3_ids
    assert len(ids) == 25
    assert ids[:3] == ["new", "carried_in", "granted"]
    assert ids[-5:] == ["other.no_correction", "other.unpaid_fee", "other.other", "total", "carried_out"]
    assert FORMAT_2021.section3_row("withheld.security_stability").label == "3.危及“三安全一稳定”"
    assert FORMAT_2021.section3_row("partial").label == "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"


def test_the_2019_format_has_a_single_other_row_and_its_own_section_two():
    assert "other" in FORMAT_2019.section3_ids and "other.other" not in FORMAT_2019.section3_ids
    assert [r.id for r in FORMAT_2019.section2_rows] == [
        "regulations", "normative_documents", "licensing", "other_services", "penalty", "enforcement", "fees",
        "procurement",
    ]  # fmt: skip
    assert FORMAT_2019.section2_row("normative_documents").label == "规范性文件"
    assert FORMAT_2021.section2_row("normative_documents").label == "行政规范性文件"


def test_table_three_layout_has_the_template_merges():
    layout = section3_layout(FORMAT_2021)
    head = layout[0]
    assert (head[0].rowspan, head[0].colspan, head[1].text, head[1].colspan) == (3, 3, "申请人情况", 7)
    results = next(c for row in layout for c in row if c.text == "三、本年度办理结果")
    assert results.rowspan == 22
    withheld = next(c for row in layout for c in row if c.text == "（三）不予公开")
    assert withheld.rowspan == 8
    g = grid(layout)
    assert len(g) == 28 and all(len(r) == 10 for r in g)
    assert g[2][3:] == ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
    assert next(c for row in section3_layout(FORMAT_2019) for c in row if c.text == "三、本年度办理结果").rowspan == 20


def test_table_two_and_four_layouts():
    g2 = grid(section2_layout(FORMAT_2021))
    assert g2[0] == ["第二十条第（一）项"] * 4
    assert g2[5] == ["信息内容", "本年处理决定数量", "本年处理决定数量", "本年处理决定数量"]
    assert all(len(r) == 4 for r in grid(section2_layout(FORMAT_2019)))
    g4 = grid(section4_layout(FORMAT_2021))
    assert g4[0][4:6] == ["行政复议", "行政诉讼"] and g4[2][5] == "结果维持" and len(g4[3]) == 15
    refs = [c.ref for _, _, c in place(section4_layout(FORMAT_2021)) if c.ref]
    assert refs == [("section4", None, i) for i in range(15)]


def test_labels_normalise_punctuation_numbering_notes_and_year_stamps():
    assert label_key("(二) 部分公开 (区分处理的, 只计这一情形, 不计其他情形)") == label_key(
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
    )
    assert label_key("本年(2023)制发件数") == "本年制发件数"
    assert label_key("规章(县级无此项)") == "规章"
    assert label_key("结果 维持") == "结果维持"
    assert label_key('3. 危及"三安全一稳定"') == label_key("3.危及“三安全一稳定”")
    assert split_numbering("1、属于国家秘密")[:2] == ("digit", 1)
    assert split_numbering("(七) 总计")[:2] == ("paren", 7)
    assert split_numbering("四、结转下年度继续办理")[:2] == ("cn", 4)
    assert split_numbering("12") == (None, None, "12")


def test_json_round_trip_keeps_nulls_and_decimals():
    r = AnnualReport.empty("2021", "原店镇", 2024)
    r.section3["new"] = [1, None, 0, 0, 0, 0, None]
    r.section2["fees_wan_yuan"] = Decimal("0.35")
    r.findings = [Finding("V1", "error", "x", "表三")]
    d = json.loads(json.dumps(r.to_json()))
    assert d["section3"]["new"] == [1, None, 0, 0, 0, 0, None]
    assert d["section2"]["fees_wan_yuan"] == 0.35
    assert d["section4"] == [None] * 15
    back = AnnualReport.from_json(d)
    assert back.section2["fees_wan_yuan"] == Decimal("0.35")
    assert back.section3 == r.section3 and back.findings == r.findings
    assert structure_errors(d) == []


def test_the_published_schema_is_the_generated_one():
    assert published_schema() == build_schema()


def test_structure_errors_name_the_problem():
    d = AnnualReport.zeros("2019").to_json()
    assert structure_errors(d) == []
    d["section3"]["other.other"] = [0] * 7
    d["section2"]["licensing"] = "x"
    d["section4"][0] = "a"
    errs = " ".join(structure_errors(d))
    assert "other.other" in errs and "section2.licensing" in errs and "section4[0]" in errs
    assert structure_errors({"template": "2030", "section2": {}, "section3": {}, "section4": []})


def test_get_format():
    assert get_format("2019") is FORMAT_2019 and get_format(2021) is FORMAT_2021


def _run_validate(tmp_path, data, *extra):
    from gongkai.reports.cli import validate as cli

    path = tmp_path / "r.json"
    path.write_text(data if isinstance(data, str) else json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()

    class W:
        def __init__(self, buf):
            self.buf = buf

        def write(self, s):
            self.buf.write(s + "\n")

    code = cli.run({"files": [str(path)], "json": "--json" in extra, "level": None}, W(out), W(err))
    return code, out.getvalue(), err.getvalue()


def test_cli_validate_exit_codes(tmp_path):
    r = AnnualReport.zeros("2021", "x", 2024)
    r.sections = {"overview": "a", "problems": "b", "other": "统计期限自2024年1月1日起至2024年12月31日止。"}
    code, out, _ = _run_validate(tmp_path, r.to_json())
    assert code == 0 and "0 个错误" in out
    r.section3["new"] = [1, 0, 0, 0, 0, 0, 1]
    code, out, _ = _run_validate(tmp_path, r.to_json(), "--json")
    assert code == 1 and json.loads(out)["findings"][0]["rule"] == "V1"
    code, _, err = _run_validate(tmp_path, "{not json")
    assert code == 2 and "无法读取" in err
    code, _, err = _run_validate(tmp_path, {"template": "2021"})
    assert code == 2 and "缺少字段" in err
