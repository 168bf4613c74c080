"""``gongkai report validate FILE.json …``: check report JSON (report-ids.md) against the schema and the rules.

Exit code: 0 no errors, 1 a report has errors, 2 a file is unreadable or not report JSON.
"""

import json
from pathlib import Path

from gongkai.reports.core.model import AnnualReport
from gongkai.reports.core.schema import structure_errors
from gongkai.reports.core.validate import validate

HELP = "校验年度报告 JSON（report-ids.md 格式）"

_MARK = {"error": "错误", "warning": "警告", "info": "提示"}


def add_arguments(parser):
    parser.add_argument("files", nargs="+", metavar="FILE.json", help="年度报告 JSON 文件")
    parser.add_argument("--json", action="store_true", help="以 JSON 输出结果（含 findings）")
    parser.add_argument("--level", help="机构层级（township、county、county_department…），用于层级规则")


def run(options, stdout, stderr) -> int:
    code = 0
    results = []
    for name in options["files"]:
        try:
            data = json.loads(Path(name).read_text(encoding="utf-8-sig"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            stderr.write(f"{name}: 无法读取：{exc}")
            code = 2
            continue
        problems = structure_errors(data)
        if problems:
            stderr.write(f"{name}: 不是年度报告 JSON：" + "；".join(problems[:5]))
            code = 2
            continue
        report = AnnualReport.from_json(data)
        report.findings = validate(report, level=options.get("level"))
        if report.errors and code == 0:
            code = 1
        if options.get("json"):
            results.append({"file": name, **report.to_json()})
            continue
        counts = {s: sum(1 for f in report.findings if f.severity == s) for s in _MARK}
        stdout.write(f"{name}: {counts['error']} 个错误，{counts['warning']} 个警告，{counts['info']} 个提示")
        for f in report.findings:
            stdout.write(f"  [{_MARK[f.severity]}] {f.rule} {f.location}：{f.message}")
    if options.get("json"):
        stdout.write(json.dumps(results if len(results) != 1 else results[0], ensure_ascii=False, indent=2))
    return code
