"""``gongkai workdays …``: through call_command (test database) and as a real subprocess."""

import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

BIN = Path(sys.executable).with_name("gongkai")


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("workdays", *args, stdout=out, stderr=err)
    return out.getvalue().strip(), err.getvalue().strip()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("add", "2024-09-27", "20"), "2024-10-30"),
        (("add", "2025-09-26", "40"), "2025-11-27"),
        (("add", "2024-09-27", "0"), "2024-09-27"),
        (("between", "2024-09-27", "2024-10-30"), "20"),
        (("between", "2024-10-30", "2024-09-27"), "-20"),
        (("next", "2024-09-30"), "2024-10-08"),
        (("is", "2024-10-12"), "2024-10-12（星期六）是工作日（国庆节调休）"),
        (("is", "2024-10-02"), "2024-10-02（星期三）不是工作日（国庆节）"),
        (("is", "2024-10-19"), "2024-10-19（星期六）不是工作日"),
    ],
)
def test_it_answers_on_stdout(args, expected):
    assert run(*args) == (expected, "")


@pytest.mark.django_db
def test_explain_prints_the_explanation():
    out, _ = run("explain", "2024-09-27", "20")
    assert out == (
        "2024-09-27（星期五）收到申请，次日起算20个工作日；9月29日（星期日）调休上班计入；"
        "10月1日至7日国庆节放假不计；10月12日（星期六）调休上班计入；答复期限为2024-10-30（星期三）"
    )


@pytest.mark.django_db
def test_a_provisional_result_is_flagged_on_stderr():
    out, err = run("add", "2026-12-20", "20")
    assert out == "2027-01-18"
    assert "暂定" in err


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("add", "2024-13-01", "3"), "不是有效日期"),
        (("add", "2024-09-27", "-1"), "不能为负数"),
        (("add", "2024-09-27", "x"), "不是整数"),
        (("add", "2150-01-01", "3"), "超出日历范围"),
        (("add", "2099-12-30", "5"), "超出日历范围"),
        (("between", "2024-01-01"), "用法"),
        (("frobnicate", "2024-01-01"), "用法"),
        ((), "用法"),
    ],
)
def test_bad_input_raises_a_command_error(args, message):
    with pytest.raises(CommandError, match=message):
        run(*args)


def _subprocess(tmp_path, *args):
    env = {**os.environ, "GONGKAI_VAR_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "gongkai.settings"}
    env.pop("DATABASE_URL", None)
    return subprocess.run([str(BIN), "workdays", *args], capture_output=True, text=True, env=env, timeout=60)


def test_the_installed_command_prints_the_due_date(tmp_path):
    # A fresh, unmigrated database: the command falls back to the shipped 2019–2026 arrangements.
    done = _subprocess(tmp_path, "add", "2024-09-27", "20")
    assert (done.returncode, done.stdout, done.stderr) == (0, "2024-10-30\n", "")


@pytest.mark.parametrize("args", [("add", "not-a-date", "20"), ("add", "2024-09-27", "-3"), ("add", "3000-01-01", "1")])
def test_the_installed_command_fails_in_one_line_without_a_traceback(tmp_path, args):
    done = _subprocess(tmp_path, *args)
    assert done.returncode != 0
    assert done.stdout == ""
    assert "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
