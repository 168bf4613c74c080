"""Reader behaviours one by one: encodings, layouts, honesty about blank, unsure and missing cells."""

import random

import pytest

from gongkai.reports.core import validate
from gongkai.reports.readers import read_bytes, sniff
from gongkai.reports.readers.common import Unreadable
from gongkai.reports.tests.fixtures.corpus import build, make_case, random_report, to_html, to_text, truth_of
from gongkai.reports.tests.fixtures.corpus import score as score_cells


def report(template="2021", seed=5):
    return random_report(random.Random(seed), template)


def rules(r):
    return {f.rule for f in r.findings}


def test_template_comes_from_the_headers_not_the_year_or_the_notice():
    r = report("2019")
    r.year = 2023  # a late report in the old format
    r.sections["overview"] += "根据国办公开办函〔2021〕30号的要求编写。"
    got = read_bytes(to_text(build(r)).encode(), "a.txt")
    assert got.template == "2019"
    assert got.section2["other_services"] == r.section2["other_services"]
    assert got.section3["other"] == r.section3["other"]


def test_gb2312_declared_html_with_gbk_only_characters_is_decoded_as_gb18030():
    r = report()
    r.sections["overview"] = "镕基同志题词的“喆”字与“堃”字。" + r.sections["overview"]  # 镕 喆 堃: not in GB2312
    page = to_html(build(r), charset="gb2312").encode("gb18030")
    got = read_bytes(page, "a.html")
    assert "喆" in got.sections["overview"] and got.section3 == r.section3


def test_a_blank_cell_is_null_not_zero():
    r = report()
    blocks = build(r)
    table3 = next(b for b in blocks if b[0] == "table" and b[1] == 3)
    row = next(row for row in table3[2] if any(c.refs == [("section3", "granted", 2)] for c in row))
    next(c for c in row if c.refs == [("section3", "granted", 2)]).text = ""
    got = read_bytes(to_html(blocks).encode(), "a.html")
    expected = list(r.section3["granted"])
    expected[2] = None
    assert got.section3["granted"] == expected
    assert "V0" in rules(got) or any(f.rule == "V0" for f in validate(got))


def test_an_unsure_cell_is_reported_not_guessed():
    r = report()
    blocks = build(r)
    table4 = next(b for b in blocks if b[0] == "table" and b[1] == 4)
    table4[2][-1][2].text = "1O"  # letter O
    got = read_bytes(to_html(blocks).encode(), "a.html")
    assert got.section4[2] is None
    assert [v for i, v in enumerate(got.section4) if i != 2] == [v for i, v in enumerate(r.section4) if i != 2]
    assert any(f.rule == "READ-UNSURE" and "1O" in f.message for f in got.findings)


def test_a_truncated_document_keeps_its_rows_and_says_the_rest_is_not_checkable():
    case = make_case(4, "text", "truncate", template="2021")
    got = read_bytes(case.data, case.name)
    right, unreadable, wrong = score_cells(got, case.truth)
    assert wrong == [] and right > 20
    (f,) = [f for f in got.findings if f.rule == "READ-TRUNCATED"]
    assert f.severity == "error" and "无法核对" in f.message


def test_headers_broken_one_character_per_line_are_joined():
    r = report()
    text = to_text(build(r), vertical_header=True)
    assert "\t\t\t商\t科\t社\t法\t其\t" in text
    got = read_bytes(text.encode(), "a.txt")
    assert got.section3 == r.section3
    assert not any(f.rule == "READ-SHIFTED" for f in got.findings)


def test_one_cell_per_line_tables():
    r = report()
    got = read_bytes(to_text(build(r), sep="line").encode(), "a.txt")
    assert got.section3 == r.section3 and got.section4 == r.section4


def test_digits_run_together_are_split_only_when_the_sums_decide():
    r = report()
    r.section3 = {k: [0] * 7 for k in r.section3}
    r.section3["new"] = [12, 3, 0, 0, 0, 0, 15]
    r.section3["carried_out"] = [12, 3, 0, 0, 0, 0, 15]  # consistent: nothing handled, all carried over
    blocks = build(r)
    table3 = next(b for b in blocks if b[0] == "table" and b[1] == 3)
    row = next(row for row in table3[2] if any(c.refs == [("section3", "new", 0)] for c in row))
    text = to_text(blocks)
    line = next(line for line in text.split("\n") if line.startswith("一、本年新收"))
    glued = line.replace("12\t3\t", "123\t")
    got = read_bytes(text.replace(line, glued).encode(), "a.txt")
    assert got.section3["new"] == [12, 3, 0, 0, 0, 0, 15]  # 1|23 would make the row's total 24, not 15
    assert any(f.rule == "READ-GLUED" for f in got.findings)
    # If the column sums then disagree, the split is not trusted.
    text2 = text.replace(line, glued).replace("四、结转下年度继续办理\t\t\t12", "四、结转下年度继续办理\t\t\t11")
    got2 = read_bytes(text2.encode(), "a.txt")
    assert got2.section3["new"] == [None] * 7
    assert row  # the row exists in the layout


def test_labels_with_notes_year_stamps_and_half_width_punctuation():
    r = report()
    text = to_text(build(r))
    text = text.replace("本年制发件数", "本年(2023)制发件数").replace("规章\t", "规章(县级无此项)\t")
    text = text.replace("（一）予以公开", "(一) 予以公开").replace("1.属于国家秘密", "1、属于国家秘密")
    got = read_bytes(text.encode(), "a.txt")
    assert got.section2["regulations"] == r.section2["regulations"]
    assert got.section3 == r.section3


def test_missing_sections_are_found():
    r = report()
    blocks = [b for b in build(r) if not (b[0] == "h" and b[1].startswith("五"))]
    got = read_bytes(to_text(blocks).encode(), "a.txt")
    got.findings += validate(got)
    assert any(f.rule == "R-SECTIONS" and "缺少第5部分" in f.message for f in got.findings)


def test_sniffing_and_unreadable_inputs():
    assert sniff(b"%PDF-1.7") == "pdf" and sniff(b"PK\x03\x04") == "docx"
    assert sniff(b"<html><body>") == "html" and sniff("一、总体情况".encode()) == "text"
    for data, name in [(b"", "a.txt"), (b"%PDF-1.4 x", "a.pdf"), (b"PK\x03\x04x", "a.docx"), (b"<p>x</p>", "a.html")]:
        with pytest.raises(Unreadable):
            read_bytes(data, name)


def test_the_truth_helper_covers_every_value_cell():
    r = report()
    assert len(truth_of(r)) == 10 + 25 * 7 + 15  # section2: 3+3+1+1+1+1


def test_a_heading_that_runs_on_into_its_text_is_still_a_heading():
    r = report()
    text = to_text(build(r)).replace("一、总体情况\n\n", "一、总体情况。", 1)
    got = read_bytes(text.encode(), "a.txt")
    assert got.headings[0] == "一、总体情况"
    assert got.sections["overview"] == r.sections["overview"]


def test_a_pdf_whose_font_pdfminer_cannot_read_is_still_read():
    """WeasyPrint embeds a custom CMap when a glyph is missing (here U+20000); pdfminer then loses the
    text of that font (shared/spec/stack.md §0.5). The PDFium reader reads it all."""
    from gongkai.documents.pdf import html_to_pdf

    r = report()
    r.sections["overview"] = "生僻字\U00020000测试。" + r.sections["overview"]
    got = read_bytes(html_to_pdf(to_html(build(r))), "a.pdf")
    right, unreadable, wrong = score_cells(got, truth_of(r))
    assert (unreadable, wrong) == (0, [])
    assert "生僻字" in got.sections["overview"]


GOV_PAGE = """<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>2024年政府信息公开工作年度报告</title></head><body>
<table width="100%"><tr><td><div class="content">
<p class="MsoNormal" align="center"><b><span style="font-size:16pt">某某县某某局2024年政府信息公开工作年度报告</span></b></p>
<p><strong>一、总体情况</strong></p><p style="text-indent:2em">2024年，本局认真贯彻落实《中华人民共和国政府信息公开条例》。</p>
<p><strong>二、主动公开政府信息情况</strong></p>
{t2}
<p><strong>三、收到和处理政府信息公开申请情况</strong></p>
{t3}
<p><strong>四、政府信息公开行政复议、行政诉讼情况</strong></p>
{t4}
<p><strong>五、存在的主要问题及改进情况</strong></p><p>培训不足。</p>
<p><strong>六、其他需要报告的事项</strong></p><p>无。</p>
<p>本报告中所列数据的统计期限自2024年1月1日起至2024年12月31日止。</p>
</div></td></tr></table></body></html>"""


def _gov_table(blocks, section):
    rows = next(b for b in blocks if b[0] == "table" and b[1] == section)[2]
    out = ['<table border="1" cellspacing="0" class="MsoNormalTable"><tbody>']
    for row in rows:
        tds = []
        for c in row:
            span = (f' rowspan="{c.rs}"' if c.rs > 1 else "") + (f' colspan="{c.cs}"' if c.cs > 1 else "")
            text = c.text or "&nbsp;"
            tds.append(
                f'<td{span} valign="center"><p class="MsoNormal" align="center"><span style="font-family:宋体">{text}</span></p></td>'
            )
        out.append("<tr>" + "".join(tds) + "</tr>")
    return "".join(out) + "</tbody></table>"


def test_a_government_style_page_with_layout_tables_and_word_markup():
    r = report()
    blocks = build(r)
    page = GOV_PAGE.format(t2=_gov_table(blocks, 2), t3=_gov_table(blocks, 3), t4=_gov_table(blocks, 4))
    got = read_bytes(page.encode("gb18030"), "page.html")
    assert got.organization == "某某县某某局" and got.year == 2024
    right, unreadable, wrong = score_cells(got, truth_of(r))
    assert (unreadable, wrong) == (0, [])
    assert got.sections["problems"] == "培训不足。"
    assert not [f for f in validate(got) if f.rule in ("R-SECTIONS", "R-PERIOD")]


def test_a_pdf_table_without_ruling_lines_is_read_from_its_text():
    from weasyprint import CSS

    from gongkai.documents.pdf import html_to_pdf

    r = report()
    pdf = html_to_pdf(to_html(build(r)), stylesheets=[CSS(string="table, td, th { border: none !important; }")])
    got = read_bytes(pdf, "a.pdf")
    right, unreadable, wrong = score_cells(got, truth_of(r))
    assert wrong == [] and right >= 180  # labels wrapped over lines are joined again
    assert any(f.rule == "READ-PDF-TEXT" for f in got.findings)


def test_a_wrapped_label_ending_like_another_row_is_not_taken_for_it():
    r = report()
    text = to_text(build(r), sep=" ")
    line = next(x for x in text.split("\n") if x.startswith("（二）部分公开"))
    numbers = line.split("情形） ", 1)[1]
    wrapped = f"（二）部分公开（区分处理的，只计这一情形，不计其他 {numbers}\n情形）"
    got = read_bytes(text.replace(line, wrapped).encode(), "a.txt")
    assert got.section3["other.other"] == [None] * 7  # "…不计其他" is not "3.其他"
    assert got.section3.get("partial") in (None, [None] * 7)
    assert any(f.rule == "READ-DUPLICATE" for f in got.findings)
