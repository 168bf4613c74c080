"""``gongkai report validate FILE.json …``: check report JSON (report-ids.md) against the schema and the rules.

Exit code: 0 no errors, 1 a report has errors, 2 a file is unreadable or not report JSON.
"""

import json
from pathlib import Path

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.i18n import clauses_text
from gongkai.reports.core.model import AnnualReport
from gongkai.reports.core.schema import structure_errors
from gongkai.reports.core.validate import validate
from gongkai.reports.readers.present import SEVERITY_LABEL

HELP = gettext_lazy("校验年度报告 JSON（report-ids.md 格式）")


def add_arguments(parser):
    parser.add_argument("files", nargs="+", metavar="FILE.json", help=_("年度报告 JSON 文件"))
    parser.add_argument("--json", action="store_true", help=_("以 JSON 输出结果（含 findings）"))
    parser.add_argument("--level", help=_("机构层级（township、county、county_department…），用于层级规则"))


def run(options, stdout, stderr) -> int:
    code = 0
    results = []
    for name in options["files"]:
        try:
            data = json.loads(Path(name).read_text(encoding="utf-8-sig"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            stderr.write(_("%(file)s: 无法读取：%(reason)s") % {"file": name, "reason": exc})
            code = 2
            continue
        problems = structure_errors(data)
        if problems:
            stderr.write(
                _("%(file)s: 不是年度报告 JSON：%(problems)s") % {"file": name, "problems": clauses_text(problems[:5])}
            )
            code = 2
            continue
        report = AnnualReport.from_json(data)
        report.findings = validate(report, level=options.get("level"))
        if report.errors and code == 0:
            code = 1
        if options.get("json"):
            results.append({"file": name, **report.to_json()})
            continue
        counts = {s: sum(1 for f in report.findings if f.severity == s) for s in SEVERITY_LABEL}
        stdout.write(
            _("%(file)s: %(errors)s 个错误，%(warnings)s 个警告，%(infos)s 个提示")
            % {"file": name, "errors": counts["error"], "warnings": counts["warning"], "infos": counts["info"]}
        )
        for f in report.findings:
            line = _("[%(severity)s] %(rule)s %(location)s：%(message)s") % {
                "severity": _(SEVERITY_LABEL[f.severity]),
                "rule": f.rule,
                "location": f.location,
                "message": f.message,
            }
            stdout.write("  " + line)
    if options.get("json"):
        stdout.write(json.dumps(results if len(results) != 1 else results[0], ensure_ascii=False, indent=2))
    return code
