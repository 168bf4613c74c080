"""The pure cores speak through Django's translation machinery (gongkai.i18n) and still import no Django.

An English test catalogue (written as a .mo file into a temporary LOCALE_PATHS directory) translates a clock
explanation, a calculator explanation on a staff page, validator findings and module-level labels; with
``zh-hans`` active the same calls give today's Chinese, byte for byte.
"""

import ast
import json
import os
import shutil
import struct
import subprocess
import sys
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import translation

from gongkai import i18n
from gongkai.applications import fees, idcheck
from gongkai.reports.core.model import AnnualReport
from gongkai.reports.core.validate import validate
from gongkai.reports.readers import read_path
from gongkai.workdays.calc import default_calendar
from gongkai.workdays.clock import ClockEvent, Kind, receipt_date, replay, simple_deadline

ROOT = Path(__file__).resolve().parents[2]
D = date.fromisoformat
SEED = ROOT / "gongkai/reports/tests/fixtures/seed_000_4cafe9524c14d923.txt"

# The modules that must import no Django (docs/interfaces.md, CONTRIBUTING.md "Where code goes").
PURE_MODULES = [
    "gongkai.i18n",
    "gongkai.workdays.calc",
    "gongkai.workdays.clock",
    "gongkai.workdays.periods",
    "gongkai.workdays.receipt",
    "gongkai.reports.core",
    "gongkai.reports.core.validate",
    "gongkai.reports.core.schema",
    "gongkai.reports.readers",
    "gongkai.reports.readers.text",
    "gongkai.reports.readers.html",
    "gongkai.reports.readers.docx",
    "gongkai.reports.readers.pdf",
    "gongkai.reports.readers.present",
    "gongkai.cases.counting",
    "gongkai.applications.idcheck",
    "gongkai.applications.fees",
    "gongkai.publications.catalogue",
]
# Their files, whose user-visible text is marked with gongkai.i18n (publications/catalogue.py is not here: its
# headings are the 条例's words, stored as catalogue rows an administrator can edit, not messages).
CORE_FILES = [
    "gongkai/i18n.py",
    "gongkai/workdays/calc.py",
    "gongkai/workdays/clock.py",
    "gongkai/workdays/periods.py",
    "gongkai/workdays/receipt.py",
    "gongkai/cases/counting.py",
    "gongkai/applications/idcheck.py",
    "gongkai/applications/fees.py",
    *sorted(str(p.relative_to(ROOT)) for p in (ROOT / "gongkai/reports/core").rglob("*.py")),
    *sorted(str(p.relative_to(ROOT)) for p in (ROOT / "gongkai/reports/readers").glob("*.py")),
]

EN = {
    "%(date)s（%(weekday)s）": "%(date)s (%(weekday)s)",
    "星期一": "Monday",
    "星期二": "Tuesday",
    "星期三": "Wednesday",
    "星期四": "Thursday",
    "星期五": "Friday",
    "星期六": "Saturday",
    "星期日": "Sunday",
    ("list separator", "、"): ", ",
    ("clause separator", "；"): "; ",
    "%(month)s月%(day)s日": "%(month)s/%(day)s",
    "%(month)s月%(day)s日至%(day2)s日": "%(month)s/%(day)s–%(day2)s",
    "%(days)s调休上班计入": "%(days)s: make-up working day, counted",
    "%(span)s%(holiday)s放假不计": "%(span)s: %(holiday)s, not counted",
    "国庆节": "National Day holiday",
    "%(label)s为%(day)s": "%(label)s: %(day)s",
    "期限": "due",
    "答复期限": "reply due",
    "为起算日": "is the start day",
    "收到申请%(note)s": "application received%(note)s",
    "%(day)s%(what)s%(note)s，次日起算%(n)s个工作日": (
        "%(day)s %(what)s%(note)s; %(n)s working day from the next day",
        "%(day)s %(what)s%(note)s; %(n)s working days from the next day",
    ),
    "如需补正，应于%(day)s前一次性告知申请人（第三十条，%(n)s个工作日）": (
        "A request for correction must reach the applicant by %(day)s (article 30, %(n)s working day)",
        "A request for correction must reach the applicant by %(day)s (article 30, %(n)s working days)",
    ),
    "截至%(day)s，距答复期限还有%(n)s个工作日": (
        "As of %(day)s, %(n)s working day is left",
        "As of %(day)s, %(n)s working days are left",
    ),
    "（%(note)s）": " (%(note)s)",
    "依第三十一条，%(rule)s": "article 31: %(rule)s",
    "当面提交的，以提交之日为收到申请之日": "handed in: received on the day it is handed in",
    "“%(row)s”行：各类申请人之和为 %(sum)s，“总计”列却为 %(total)s。": (
        "Row “%(row)s”: the applicant types add up to %(sum)s, but the “总计” column says %(total)s."
    ),
    "表三 %(row)s · %(column)s": "Table III, %(row)s · %(column)s",
    "%(location)s（%(source)s）": "%(location)s (%(source)s)",
    "第%(line)s行": "line %(line)s",
    "%(level)s机关无权制定规章（《中华人民共和国立法法》），“规章 · %(column)s”应为 0，报告为 %(value)s。": (
        "%(level)s agencies enact no 规章 (Legislation Law): “规章 · %(column)s” must be 0, the report says %(value)s."
    ),
    "乡镇": "Township",
    # The report and workdays commands (gongkai/reports/cli, gongkai/workdays/management).
    "检查已发布的年度报告（文本、HTML、DOCX、PDF）：读取表格并找出错误": "Check published annual reports",
    "共 %(files)s 份：%(errors)s 份有错误，%(clean)s 份无错误，%(unreadable)s 份无法读取。": (
        "Reports: %(files)s; with errors: %(errors)s; without errors: %(clean)s; unreadable: %(unreadable)s."
    ),
    "[%(severity)s] %(location)s：%(message)s（%(rule)s）": "[%(severity)s] %(location)s: %(message)s (%(rule)s)",
    "错误": "error",
    "找不到机构“%(text)s”（可用名称、简称或编号）": "No organization “%(text)s” (give a name, a short name or an id)",
    "%(day)s不是工作日（%(name)s）": "%(day)s is not a working day (%(name)s)",
    # The staff calendar's column headers.
    ("short weekday", "一"): "Mon",
    ("short weekday", "日"): "Sun",
    # applications.idcheck and applications.fees (pure), publications (主动公开 deadlines).
    "居民身份证号码校验位不正确，请核对。": "The check digit of the ID card number is wrong; please check the number.",
    "按量计收：提供信息共%(n)s页，按超额累进标准应收%(amount)s元。": (
        "Per page: %(n)s page provided, %(amount)s yuan under the progressive scale.",
        "Per page: %(n)s pages provided, %(amount)s yuan under the progressive scale.",
    ),
    "主动公开": "published proactively",
}


def write_mo(path: Path, catalogue: dict) -> None:
    """A GNU .mo file (what msgfmt writes): keys are msgid, (context, msgid) or, for a plural, the msgid with
    a (singular, plural) pair of translations (the Chinese source has one form for both)."""
    entries = {b"": b"Content-Type: text/plain; charset=UTF-8\nPlural-Forms: nplurals=2; plural=(n != 1);\n"}
    for key, value in catalogue.items():
        msgid = f"{key[0]}\x04{key[1]}" if isinstance(key, tuple) else key
        if isinstance(value, tuple):
            entries[f"{msgid}\x00{msgid}".encode()] = "\x00".join(value).encode()
        else:
            entries[msgid.encode()] = value.encode()
    ids = sorted(entries)
    n = len(ids)
    originals_at, translations_at = 28, 28 + 8 * n
    data_at = translations_at + 8 * n
    data = b""
    originals, translations = [], []
    for table, texts in ((originals, ids), (translations, [entries[k] for k in ids])):
        for text in texts:
            table.append((len(text), data_at + len(data)))
            data += text + b"\x00"
    header = struct.pack("<7I", 0x950412DE, 0, n, originals_at, translations_at, 0, data_at)
    body = b"".join(struct.pack("<2I", *pair) for pair in originals + translations)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(header + body + data)


@pytest.fixture
def english(settings, tmp_path):
    """An English catalogue for the strings above (LOCALE_PATHS changes reset Django's translation caches)."""
    write_mo(tmp_path / "locale" / "en" / "LC_MESSAGES" / "django.mo", EN)
    settings.LOCALE_PATHS = [tmp_path / "locale"]


# ----- the cores stay free of Django ----------------------------------------------------------------


def test_the_pure_cores_import_no_django():
    code = (
        "import importlib, sys\n"
        f"for name in {PURE_MODULES!r}:\n"
        "    importlib.import_module(name)\n"
        "loaded = sorted(m for m in sys.modules if m == 'django' or m.startswith('django.'))\n"
        "assert not loaded, loaded\n"
        "from gongkai.i18n import gettext, installed\n"
        "assert not installed() and gettext('期限') == '期限'\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_without_django_the_cores_speak_chinese():
    code = (
        "from datetime import date\n"
        "from gongkai.workdays.calc import default_calendar\n"
        "from gongkai.workdays.clock import simple_deadline\n"
        "print(simple_deadline(date(2024, 9, 27), 20, default_calendar(), what='收到申请')[1][0])\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    assert done.stdout.strip() == (
        "2024-09-27（星期五）收到申请，次日起算20个工作日；9月29日（星期日）调休上班计入；10月1日至7日国庆节放假不计；"
        "10月12日（星期六）调休上班计入；期限为2024-10-30（星期三）"
    ), done.stderr


def test_the_apps_install_djangos_own_gettext_not_a_bound_catalogue():
    assert i18n.installed()
    assert i18n._gettext is translation.gettext
    assert i18n._ngettext is translation.ngettext
    assert i18n._pgettext is translation.pgettext


# ----- translated when used, in the active language --------------------------------------------------

RECEIVED_ZH = (
    "2024-09-27（星期五）收到申请，次日起算20个工作日；9月29日（星期日）调休上班计入；10月1日至7日国庆节放假不计；"
    "10月12日（星期六）调休上班计入；答复期限为2024-10-30（星期三）"
)
RECEIVED_EN = (
    "2024-09-27 (Friday) application received; 20 working days from the next day; "
    "9/29 (Sunday): make-up working day, counted; 10/1–7: National Day holiday, not counted; "
    "10/12 (Saturday): make-up working day, counted; reply due: 2024-10-30 (Wednesday)"
)


def explanation():
    return replay([ClockEvent(Kind.RECEIVED, D("2024-09-27"))], default_calendar(), today=D("2024-10-08")).explanation


def test_a_clock_explanation_follows_the_active_language(english):
    with translation.override("en"):
        assert explanation() == [
            RECEIVED_EN,
            "A request for correction must reach the applicant by 2024-10-12 (Saturday) (article 30, 7 working days)",
            "As of 2024-10-08 (Tuesday), 17 working days are left",
        ]
    with translation.override("zh-hans"):
        assert explanation() == [
            RECEIVED_ZH,
            "如需补正，应于2024-10-12（星期六）前一次性告知申请人（第三十条，7个工作日）",
            "截至2024-10-08（星期二），距答复期限还有17个工作日",
        ]


def test_source_text_skips_the_catalogue_for_discarded_explanations_only_inside_the_block(english):
    with translation.override("en"):
        with i18n.source_text():
            assert explanation()[0] == RECEIVED_ZH
            assert i18n.ngettext("%(n)s个工作日", "%(n)s个工作日", 2) == "%(n)s个工作日"
            assert i18n.pgettext("list separator", "、") == "、"
        assert explanation()[0] == RECEIVED_EN


def test_one_working_day_takes_the_singular(english):
    with translation.override("en"):
        _due, lines = simple_deadline(D("2024-09-23"), 1, default_calendar(), what="X")
    assert lines == ["2024-09-23 (Monday) X; 1 working day from the next day; due: 2024-09-24 (Tuesday)"]


def test_a_label_defined_at_import_is_translated_when_used(english):
    with translation.override("en"):
        assert receipt_date("in_person", submitted=D("2024-09-27"))[1] == (
            "article 31: handed in: received on the day it is handed in"
        )
    assert (
        receipt_date("in_person", submitted=D("2024-09-27"))[1] == "依第三十一条，当面提交的，以提交之日为收到申请之日"
    )


def report_with_a_wrong_total():
    report = AnnualReport.zeros("2021", "原店镇人民政府", 2024)
    report.section3["new"] = [1, 0, 0, 0, 0, 0, 2]
    report.section2["regulations"] = [1, 0, 0]
    report.sources["section3.new"] = "第12行"
    return report


def findings(rule, **kwargs):
    return [(f.message, f.location) for f in validate(report_with_a_wrong_total(), **kwargs) if f.rule == rule]


def test_validator_findings_follow_the_active_language(english):
    with translation.override("en"):
        assert findings("V2") == [
            (
                "Row “一、本年新收”: the applicant types add up to 1, but the “总计” column says 2.",
                "Table III, 一、本年新收 · 总计 (第12行)",
            )
        ]
        (message, _where), *_ = findings("R-LEVEL", level="township")
        assert (
            message
            == "Township agencies enact no 规章 (Legislation Law): “规章 · 本年制发件数” must be 0, the report says 1."
        )
    with translation.override("zh-hans"):
        assert findings("V2") == [
            ("“一、本年新收”行：各类申请人之和为 1，“总计”列却为 2。", "表三 一、本年新收 · 总计（第12行）")
        ]
        (message, _where), *_ = findings("R-LEVEL", level="township")
        assert message == "乡镇机关无权制定规章（《中华人民共和国立法法》），“规章 · 本年制发件数”应为 0，报告为 1。"


def test_a_readers_locations_follow_the_active_language(english):
    with translation.override("en"):
        assert read_path(SEED).sources["section3.total"] == "line 68"
    assert read_path(SEED).sources["section3.total"] == "第68行"


def test_a_request_in_english_gets_the_calculator_in_english(client_for, english):
    url = "/staff/workdays/?year=2024&start=2024-09-27&days=20"
    html = client_for("yd_reviewer").get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "2024-09-27 (Friday) is the start day; 20 working days from the next day;" in html
    assert "10/1–7: National Day holiday, not counted" in html
    html = client_for("yd_reviewer").get(url, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "2024-09-27（星期五）为起算日，次日起算20个工作日；" in html
    assert "10月1日至7日国庆节放假不计" in html


# ----- the commands, the calendar page and the other cores ------------------------------------------------


class Out:
    """What a command writes, one line per write (like Django's OutputWrapper)."""

    def __init__(self):
        self.lines = []

    def write(self, text, ending="\n"):
        self.lines.append(text)

    @property
    def text(self):
        return "\n".join(self.lines)


def check_seed(**options):
    from gongkai.reports.cli import check

    out, err = Out(), Out()
    code = check.run({"paths": [str(SEED)], "json": False, "html": None, "progress": False, **options}, out, err)
    return code, out.text


def test_the_check_command_follows_the_active_language_but_not_its_json(english):
    from gongkai.reports.cli import check

    with translation.override("en"):
        assert str(check.HELP) == "Check published annual reports"
        _code, out = check_seed()
        assert out.endswith("Reports: 1; with errors: 1; without errors: 0; unreadable: 0.")
        assert "\n  [error] 一、总体情况：“《政务信息公开条例》”: " in out and out.count(" (R-STATUTE)") == 1
        _code, out = check_seed(json=True)
        (doc,) = json.loads(out)
        assert {"file", "template", "section3", "findings"} <= doc.keys()
        assert {f["severity"] for f in doc["findings"]} == {"error", "warning", "info"}
    with translation.override("zh-hans"):
        assert str(check.HELP) == "检查已发布的年度报告（文本、HTML、DOCX、PDF）：读取表格并找出错误"
        _code, out = check_seed()
        assert out.endswith("共 1 份：1 份有错误，0 份无错误，0 份无法读取。")
        assert "\n  [错误] 一、总体情况：“《政务信息公开条例》”：" in out and out.count("（R-STATUTE）") == 1


def run_command(*args):
    out, err = StringIO(), StringIO()
    try:
        call_command(*args, stdout=out, stderr=err)
    except SystemExit:
        pass
    return out.getvalue().strip(), err.getvalue().strip()


def test_the_export_and_workdays_commands_follow_the_active_language(db, english):
    with translation.override("en"):
        assert run_command("report", "export", "不存在的镇", "2024") == (
            "",
            "No organization “不存在的镇” (give a name, a short name or an id)",
        )
        assert run_command("workdays", "is", "2024-10-01")[0] == (
            "2024-10-01 (Tuesday) is not a working day (国庆节)"  # the holiday's name is calendar data
        )
    with translation.override("zh-hans"):
        assert (
            run_command("report", "export", "不存在的镇", "2024")[1] == "找不到机构“不存在的镇”（可用名称、简称或编号）"
        )
        assert run_command("workdays", "is", "2024-10-01")[0] == "2024-10-01（星期二）不是工作日（国庆节）"


def test_the_calendar_has_translatable_short_weekday_headers(client_for, english):
    url = "/staff/workdays/?year=2024"
    html = client_for("yd_reviewer").get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<th scope="col" abbr="Monday">Mon</th>' in html and '<th scope="col" abbr="Sunday">Sun</th>' in html
    html = client_for("yd_reviewer").get(url, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert '<th scope="col" abbr="星期一">一</th>' in html and '<th scope="col" abbr="星期日">日</th>' in html


def test_id_checks_and_fees_follow_the_active_language(english):
    with translation.override("en"):
        assert idcheck.resident_id_problem("110105194912310020") == (
            "The check digit of the ID card number is wrong; please check the number."
        )
        assert fees.calculate(fees.PER_PAGE, 150).explanation == (
            "Per page: 150 pages provided, 1700 yuan under the progressive scale."
        )
        assert fees.calculate(fees.PER_PAGE, 1).explanation == (
            "Per page: 1 page provided, 0 yuan under the progressive scale."
        )
    with translation.override("zh-hans"):
        assert idcheck.resident_id_problem("110105194912310020") == "居民身份证号码校验位不正确，请核对。"
        assert fees.calculate(fees.PER_PAGE, 150).explanation == "按量计收：提供信息共150页，按超额累进标准应收1700元。"


def test_the_publication_deadline_names_its_start_in_the_active_language(db, english, monkeypatch):
    from gongkai.publications import deadlines, services

    said = []

    def simple_deadline(start, days, calendar, *, what, **kwargs):
        said.append(what)
        return start, []

    monkeypatch.setattr(services, "simple_deadline", simple_deadline)
    monkeypatch.setattr(deadlines, "simple_deadline", simple_deadline)
    with translation.override("en"):
        services.compute_publish_due(D("2024-09-27"))
    with translation.override("zh-hans"):
        services.compute_publish_due(D("2024-09-27"))
    assert said == ["published proactively", "主动公开"]


# ----- makemessages finds every marked string ---------------------------------------------------------

CALLS = {"_": (0,), "gettext": (0,), "gettext_noop": (0,), "ngettext": (0, 1), "pgettext": (1,)}


def marked_strings(path: Path) -> set:
    """(context, msgid) of every translation call with literal arguments in ``path``."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in CALLS:
            args = node.args
            context = args[0].value if node.func.id == "pgettext" and isinstance(args[0], ast.Constant) else None
            for i in CALLS[node.func.id]:
                if i < len(args) and isinstance(args[i], ast.Constant) and isinstance(args[i].value, str):
                    found.add((context, args[i].value))
    return found


def po_entries(path: Path) -> set:
    """(context, msgid) and (context, msgid_plural) of every entry of a .po file."""
    entries = set()
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        fields, field = {}, None
        for line in block.splitlines():
            if line.startswith("#"):
                continue
            if line.startswith('"'):
                fields[field] += ast.literal_eval(line)
            else:
                field, _sep, quoted = line.partition(" ")
                fields[field] = ast.literal_eval(quoted)
        for name in ("msgid", "msgid_plural"):
            if fields.get(name):
                entries.add((fields.get("msgctxt"), fields[name]))
    return entries


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="GNU gettext (xgettext) is not installed")
def test_makemessages_finds_every_string_the_cores_mark(settings, tmp_path, monkeypatch):
    tree = tmp_path / "src"
    for name in CORE_FILES:
        (tree / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / name, tree / name)
    settings.LOCALE_PATHS = [tmp_path / "locale"]
    monkeypatch.chdir(tree)
    call_command("makemessages", locale=["en"], verbosity=0)
    found = po_entries(tmp_path / "locale" / "en" / "LC_MESSAGES" / "django.po")
    expected = set().union(*(marked_strings(ROOT / name) for name in CORE_FILES))
    assert len(expected) > 250
    assert expected - found == set()


# ----- no sentence is built outside the translation machinery -------------------------------------------


def test_the_cores_build_no_chinese_text_with_f_strings():
    """Chinese text in an f-string is a message nobody can translate (formats.py's labels are the national
    format's own words, not messages)."""
    offenders = []
    for name in CORE_FILES:
        if name.endswith("reports/core/formats.py"):
            continue
        for node in ast.walk(ast.parse((ROOT / name).read_text(encoding="utf-8"))):
            if isinstance(node, ast.JoinedStr):
                text = "".join(v.value for v in node.values if isinstance(v, ast.Constant))
                if any("\u3400" <= c <= "\u9fff" for c in text):
                    offenders.append(f"{name}:{node.lineno}")
    assert offenders == []
