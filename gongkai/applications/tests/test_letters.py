"""Every reply letter carries its mandatory elements (regulation.md §1.8, §5)."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from gongkai.applications import categories, letters, services
from gongkai.applications.models import REPLY_KIND_BY_FAMILY, LetterKind
from gongkai.applications.testing import make_application

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("category", [c.id for c in categories.CATEGORIES], ids=lambda c: c)
def test_every_reply_has_its_mandatory_elements(orgs, category):
    cat = categories.get(category)
    app, _ = make_application(orgs["yuandian"], today=date(2026, 3, 2))
    app.decision_category = category
    app.reasons = "具体理由甲乙丙"
    app.access_instructions = "到党政办公室领取"
    app.legal_basis = cat.basis
    if cat.family == "partial":
        app.partial_withheld_category = "withheld.internal_affairs"
    with letters.deferred_files():
        letter = letters.issue(app, REPLY_KIND_BY_FAMILY[cat.family], on=date(2026, 3, 20))
    text = letter.text
    assert "2026年3月2日" in text  # 收到申请之日
    assert str(cat.label).split("：")[-1] in text
    if cat.basis:
        assert cat.basis in text
    assert "六十日" in text and "行政复议" in text
    assert ("应当先" in text) == (cat.review_first or cat.family == "partial")
    if cat.review_first or cat.family != "partial":
        assert ("六个月" in text) == (not cat.review_first)
    if cat.reasons_required:
        assert "具体理由甲乙丙" in text
    if cat.access_required:
        assert "到党政办公室领取" in text
    assert "三门峡市陕州区原店镇人民政府" in text and letter.number.startswith("原店镇政信公开〔2026〕")
    assert "三门峡市陕州区人民政府" in text  # 复议机关 of a 乡镇: the county government


def test_a_withheld_answer_before_2024_has_no_reconsideration_first_notice(orgs):
    app, _ = make_application(orgs["zhangwan"], today=date(2023, 12, 1))
    app.decision_category = "withheld.state_secret"
    assert "应当先" not in letters.remedies(app, date(2023, 12, 20))
    assert "应当先" in letters.remedies(app, date(2024, 1, 2))


def test_letter_files_are_real_pdf_and_docx_with_chinese_text(orgs):
    import io

    import docx
    import pypdfium2

    app, _ = make_application(orgs["yuandian"], today=date(2026, 3, 2))
    letter = app.letters.get(kind=LetterKind.RECEIPT)
    pdf = pypdfium2.PdfDocument(letter.pdf.read())
    text = "".join(pdf[0].get_textpage().get_text_range().split())
    assert "政府信息公开申请登记回执" in text and app.number in text
    with letter.docx.open("rb") as f:
        doc = docx.Document(io.BytesIO(f.read()))
    assert any("登记回执" in p.text for p in doc.paragraphs)


def test_template_problems_name_unknown_and_missing_placeholders():
    problems = letters.template_problems(LetterKind.FEE, "{收费金额} {未知}")
    assert any("未知" in p for p in problems) and any("缴费期限" in p for p in problems)
    with pytest.raises(ValidationError):
        services.save_letter_template(organization=None, kind=LetterKind.FEE, title="x", body="{收费金额}", by=None)
