import json
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command

from .helpers import add_application

pytestmark = pytest.mark.django_db


def _run(*args):
    out, err = StringIO(), StringIO()
    code = 0
    try:
        call_command("report", "export", *args, stdout=out, stderr=err)
    except SystemExit as exc:
        code = exc.code
    return code, out.getvalue(), err.getvalue()


def test_it_exports_json_by_short_name_generating_when_no_report_exists(orgs):
    add_application(orgs["yuandian"], date(2024, 3, 1), concluded=date(2024, 3, 9), category="granted")
    code, out, err = _run("原店镇", "2024", "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert data["organization"] == "三门峡市陕州区原店镇人民政府"
    assert data["section3"]["granted"][6] == 1
    assert isinstance(data["findings"], list)


def test_it_writes_binary_formats_to_a_file_by_id(orgs, tmp_path):
    target = tmp_path / "r.docx"
    code, _out, err = _run(str(orgs["yuandian"].pk), "2024", "--format", "docx", "-o", str(target))
    assert code == 0, err
    assert target.read_bytes()[:2] == b"PK"


def test_errors_are_one_clear_line(orgs):
    code, _out, err = _run("不存在的镇", "2024")
    assert code == 2 and err.strip() == "找不到机构“不存在的镇”（可用名称、简称或编号）"
    code, _out, err = _run("镇人民政府", "2024")  # 原店镇 and 大营镇
    assert code == 2 and "不唯一" in err and "请用编号" in err
    code, _out, err = _run("原店镇", "2024", "--format", "pdf")
    assert code == 2 and "-o" in err and "\n" not in err.strip()
    code, _out, err = _run("原店镇", "2024", "--version", "3")
    assert code == 2 and "尚未编制" in err
