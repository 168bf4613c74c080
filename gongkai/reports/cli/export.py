"""``gongkai report export ORGANIZATION YEAR --format json|html|docx|pdf|xlsx [-o FILE]``.

Exports the organization's report on YEAR from the configured database: the version being drafted,
else the published one. If no report exists yet it is generated from the records on the fly (not saved).
ORGANIZATION is a name, a short name (简称) or an id.
"""

import sys
from pathlib import Path

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from gongkai.i18n import list_text

HELP = gettext_lazy("导出年度报告（json、html、docx、pdf、xlsx）")
BINARY = {"docx", "pdf", "xlsx"}


def add_arguments(parser):
    from gongkai.reports.render import FORMATS

    parser.add_argument("organization", metavar="ORGANIZATION", help=_("机构名称、简称或编号"))
    parser.add_argument("year", type=int, metavar="YEAR", help=_("年度，如 2024"))
    parser.add_argument("--format", dest="fmt", choices=FORMATS, default="json", help=_("导出格式（默认 json）"))
    parser.add_argument("-o", "--output", metavar="FILE", help=_("输出文件（docx、pdf、xlsx 必须指定）"))
    parser.add_argument(
        "--version", dest="version_number", type=int, help=_("版本号（默认：编制中的版本，否则已发布版本）")
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
        return None, _("找不到机构“%(text)s”（可用名称、简称或编号）") % {"text": text}
    names = list_text(_("%(name)s（%(id)s）") % {"name": o.name, "id": o.pk} for o in matches[:5])
    return None, _("机构“%(text)s”不唯一：%(names)s；请用编号") % {"text": text, "names": names}


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
                raise LookupError(
                    _("%(organization)s%(year)s年度报告没有第%(number)s版")
                    % {"organization": org.name, "year": year, "number": version_number}
                )
        else:
            version = report.open_version() or report.current_published() or report.latest_version()
        value = services.to_value(version)
        value.findings = [Finding.from_json(f) for f in version.findings]
        note = ""
        if version.number > 1:
            note = _("本报告为第%(n)d版（更正版本）。更正说明：%(note)s") % {
                "n": version.number,
                "note": version.change_note,
            }
        return value, note
    if version_number is not None:
        raise LookupError(_("%(organization)s尚未编制%(year)s年度报告") % {"organization": org.name, "year": year})
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
        stderr.write(_("%(format)s 是二进制格式，请用 -o FILE 指定输出文件") % {"format": fmt})
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
            stderr.write(_("无法写入 %(file)s：%(reason)s") % {"file": output, "reason": exc.strerror or exc})
            return 2
        stderr.write(
            ngettext("已导出 %(file)s（%(n)s 字节）", "已导出 %(file)s（%(n)s 字节）", len(body))
            % {"file": output, "n": len(body)}
        )
        return 0
    stdout.write(body.decode("utf-8"), ending="")
    sys.stdout.flush()
    return 0
