"""Demo annual reports: the seed (原店镇 2024), and 2025 reports in different states for the supervision desk.

* 原店镇 2024: generated from the demo data (all zeros, as in the seed) with the seed's own text for 一、五、六,
  published with an audited override because the validator finds the seed's real defects;
* 原店镇 2025: generated from the demo applications, approved and published;
* 张湾乡 2025: in internal review (late: the deadline has passed);
* 大营镇 and the 陕州区 departments 2025: missing, so the supervisor sees them.
"""

from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError

from . import seed_text, services
from .models import Report, ReportVersion, Status

SEED_OVERRIDE = "演示：按原文复现原店镇已公开的2024年度报告（含原文中的文字问题），以展示校验结果。"


def _yearly_figures(org, user, year):
    """Table 二's non-document figures (行政许可/处罚/强制/收费), entered through the publications app."""
    try:
        from gongkai.publications.models import YearlyFigures
        from gongkai.publications.services import set_yearly_figures
    except ImportError:
        return
    if YearlyFigures.objects.filter(organization=org, year=year).exists():
        return
    values = {"licensing": 0, "penalty": 0, "enforcement": 0, "fees_wan_yuan": Decimal(0)}
    set_yearly_figures(organization=org, by=user, year=year, values=values, note="演示数据")


def _fill_manual(version, user):
    """Tables no app fills (yet) are typed by the clerk: the seed's are all zeros."""
    from .core.model import AnnualReport

    manual = [t for t in ("section2", "section3", "section4") if t not in version.generated_tables]
    if not manual:
        return version
    zeros = AnnualReport.zeros(version.report.template)
    return services.update_content(version, by=user, tables={t: getattr(zeros, t) for t in manual})


def _publish(version, *, clerk, head, on: datetime):
    version = services.submit(version, by=clerk)
    version = services.approve(version, by=head)
    today = on.date()
    reason = SEED_OVERRIDE if version.error_count() else ""
    try:
        version = services.publish(version, by=clerk, override_reason=reason, today=today)
    except ValidationError:
        # Errors only show at publication (e.g. the deadline rule): publish with the override.
        version = services.publish(version, by=clerk, override_reason=SEED_OVERRIDE, today=today)
    # Demo only: date the publication when it happened in the story, not when the demo was loaded.
    ReportVersion.objects.filter(pk=version.pk).update(published_at=on)
    version.refresh_from_db()
    ReportVersion.objects.filter(pk=version.pk).update(findings=services.findings_for(version))
    return version


def load(ctx):
    orgs, users = ctx["orgs"], ctx["users"]
    tz = ZoneInfo(settings.TIME_ZONE)
    yd, zw = orgs["yuandian"], orgs["zhangwan"]
    clerk, head = users["yd_clerk"], users["yd_head"]

    # The seed: 原店镇 2024, published in January 2025.
    if not Report.objects.filter(organization=yd, year=2024).exists():
        _yearly_figures(yd, clerk, 2024)
        report = services.create_report(organization=yd, year=2024, by=clerk)
        version = report.open_version()
        version = _fill_manual(version, clerk)
        version = services.update_content(
            version,
            by=clerk,
            sections={
                "overview": seed_text.OVERVIEW,
                "problems": seed_text.PROBLEMS,
                "other": seed_text.OTHER,
            },
        )
        _publish(version, clerk=clerk, head=head, on=datetime(2025, 1, 24, 10, 0, tzinfo=tz))

    # 原店镇 2025: generated from the demo applications, published on time.
    if not Report.objects.filter(organization=yd, year=2025).exists():
        _yearly_figures(yd, clerk, 2025)
        report = services.create_report(organization=yd, year=2025, by=clerk)
        version = _fill_manual(report.open_version(), clerk)
        _publish(version, clerk=clerk, head=head, on=datetime(2026, 1, 26, 9, 30, tzinfo=tz))

    # 张湾乡 2025: drafted and submitted, still in review after the deadline.
    if not Report.objects.filter(organization=zw, year=2025).exists():
        report = services.create_report(organization=zw, year=2025, by=users["zw_clerk"])
        version = _fill_manual(report.open_version(), users["zw_clerk"])
        services.submit(version, by=users["zw_clerk"])

    ctx["reports"] = {
        "yuandian_2024": Report.objects.get(organization=yd, year=2024),
        "yuandian_2025": Report.objects.get(organization=yd, year=2025),
    }
    stdout = ctx.get("stdout")
    if stdout is not None:
        published = ReportVersion.objects.filter(status=Status.PUBLISHED).count()
        stdout.write(f"reports: {published} published annual report(s)")
