"""``gongkai report export ORGANIZATION YEAR --format json|html|docx|pdf|xlsx [-o FILE]``.

Exports the organization's report on YEAR from the configured database: the version being drafted,
else the published one. If no report exists yet it is generated from the records on the fly (not saved).
ORGANIZATION is a name, a short name (简称) or an id.
"""

import sys
from pathlib import Path

HELP = "导出年度报告（json、html、docx、pdf、xlsx）"
BINARY = {"docx", "pdf", "xlsx"}


def add_arguments(parser):
    from gongkai.reports.render import FORMATS

    parser.add_argument("organization", metavar="ORGANIZATION", help="机构名称、简称或编号")
    parser.add_argument("year", type=int, metavar="YEAR", help="年度，如 2024")
    parser.add_argument("--format", dest="fmt", choices=FORMATS, default="json", help="导出格式（默认 json）")
    parser.add_argument("-o", "--output", metavar="FILE", help="输出文件（docx、pdf、xlsx 必须指定）")
    parser.add_argument(
        "--version", dest="version_number", type=int, help="版本号（默认：编制中的版本，否则已发布版本）"
    )


def find_organization(text: str):
    from django.db.models import Q

    from gongkai.organizations.models import Organization

    text = text.strip()
    if text.isdigit():
        org = Organization.objects.filter(pk=int(text)).first()
        if org:
            return org, None
    matches = list(Organization.objects.filter(Q(name=text) | Q(short_name=text) | Q(code=text)))
    if not matches:
        matches = list(Organization.objects.filter(Q(name__contains=text) | Q(short_name__contains=text)))
    if len(matches) == 1:
        return matches[0], None
    if not matches:
        return None, f"找不到机构“{text}”（可用名称、简称或编号）"
    names = "、".join(f"{o.name}（{o.pk}）" for o in matches[:5])
    return None, f"机构“{text}”不唯一：{names}；请用编号"


def report_value(org, year: int, version_number: int | None = None):
    """(value with findings, note) for the export: stored version, else generated on the fly."""
    from gongkai.reports import generator, schedule, services
    from gongkai.reports.core.model import Finding
    from gongkai.reports.core.validate import validate
    from gongkai.reports.models import Report

    report = Report.objects.filter(organization=org, year=year).first()
    if report is not None:
        if version_number is not None:
            version = report.versions.filter(number=version_number).first()
            if version is None:
                raise LookupError(f"{org.name}{year}年度报告没有第{version_number}版")
        else:
            version = report.open_version() or report.current_published() or report.latest_version()
        value = services.to_value(version)
        value.findings = [Finding.from_json(f) for f in version.findings]
        note = (
            f"本报告为第{version.number}版（更正版本）。更正说明：{version.change_note}" if version.number > 1 else ""
        )
        return value, note
    if version_number is not None:
        raise LookupError(f"{org.name}尚未编制{year}年度报告")
    value, _generated = generator.generate(org, year)
    value.findings = validate(
        value,
        previous=None,
        level=services.validator_level(org),
        deadline=schedule.due_date(org, year),
    )
    return value, ""


def run(options, stdout, stderr) -> int:
    from gongkai.reports.render import export

    org, problem = find_organization(options["organization"])
    if org is None:
        stderr.write(problem)
        return 2
    fmt = options["fmt"]
    output = options.get("output")
    if fmt in BINARY and not output:
        stderr.write(f"{fmt} 是二进制格式，请用 -o FILE 指定输出文件")
        return 2
    try:
        value, note = report_value(org, options["year"], options.get("version_number"))
    except LookupError as exc:
        stderr.write(str(exc))
        return 2
    body = export(value, fmt, note=note)
    if output:
        try:
            Path(output).write_bytes(body)
        except OSError as exc:
            stderr.write(f"无法写入 {output}：{exc.strerror or exc}")
            return 2
        stderr.write(f"已导出 {output}（{len(body)} 字节）")
        return 0
    stdout.write(body.decode("utf-8"), ending="")
    sys.stdout.flush()
    return 0
