"""The checker reads back what the report generator publishes (gongkai.reports.render), cell by cell."""

import random

import pytest

from gongkai.reports.core import validate
from gongkai.reports.readers import read_bytes
from gongkai.reports.render import export
from gongkai.reports.tests.fixtures.corpus import random_report, score, truth_of


@pytest.mark.parametrize("template", ["2021", "2019"])
@pytest.mark.parametrize("fmt", ["html", "docx", "pdf"])
def test_a_published_rendering_is_read_back_exactly(template, fmt):
    report = random_report(random.Random(11), template)
    got = read_bytes(export(report, fmt), f"report.{fmt}")
    right, unreadable, wrong = score(got, truth_of(report))
    assert (unreadable, wrong) == (0, [])
    assert got.template == template
    assert got.sections["problems"] == report.sections["problems"]
    assert not [f for f in got.findings + validate(got) if f.severity == "error"]
