"""The damaged-fixture corpus: every number read right or reported unreadable, none read wrong.

The corpus (fixtures/corpus.py) renders random consistent reports (non-zero numbers, both templates) as
text (tab, |, space, one cell per line, vertical headers, misplaced rows), HTML (UTF-8 and GB2312-declared),
DOCX and PDF, then damages them: blank cells, glued digits, shifted rows, half-width punctuation, truncation.
"""

import pytest

from gongkai.reports.readers import read_bytes
from gongkai.reports.tests.fixtures.corpus import DAMAGES, TEXT_STYLES, make_case, score


def _run(cases):
    right = unreadable = 0
    wrong = []
    for case in cases:
        report = read_bytes(case.data, case.name)
        r, u, w = score(report, case.truth)
        right, unreadable = right + r, unreadable + u
        wrong += [(case.name, *x) for x in w]
        if u:
            assert report.findings, f"{case.name}: cells left unread without a finding"
    return right, unreadable, wrong


@pytest.mark.parametrize("style", TEXT_STYLES)
def test_text_corpus_has_no_number_read_wrong(style):
    right, unreadable, wrong = _run(make_case(i, "text", d, style=style) for d in DAMAGES for i in range(4))
    assert wrong == []
    assert right / (right + unreadable) > 0.85


@pytest.mark.parametrize("kind", ["html", "docx"])
def test_html_and_docx_corpus_has_no_number_read_wrong(kind):
    right, unreadable, wrong = _run(make_case(i, kind, d) for d in DAMAGES for i in range(4))
    assert wrong == []
    assert right / (right + unreadable) > 0.95


def test_pdf_corpus_has_no_number_read_wrong():
    right, unreadable, wrong = _run(make_case(i, "pdf", d) for d in DAMAGES for i in range(2))
    assert wrong == []
    assert right / (right + unreadable) > 0.95


def test_a_clean_report_is_read_completely_in_every_format():
    for kind in ("text", "html", "docx"):
        case = make_case(7, kind, "clean")
        right, unreadable, wrong = _run([case])
        assert (unreadable, wrong) == (0, []), kind
