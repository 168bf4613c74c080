"""Demo annual reports: the seed (原店镇 2024), and 2025 reports in different states for the supervision desk.

* 原店镇 2024: generated from the demo data (all zeros, as in the seed) with the seed's own text for 一、五、六,
  published with an audited override because the validator finds the seed's real defects;
* 原店镇 2025: generated from the demo applications, approved and published;
* 张湾乡 2024: published, then corrected (two public versions with a change note);
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
DEMO_OVERRIDE = "演示数据：带校验问题发布，以展示监督台的错误提示。"


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


def _publish(version, *, clerk, head, on: datetime, reason: str = DEMO_OVERRIDE):
    version = services.submit(version, by=clerk)
    version = services.approve(version, by=head)
    today = on.date()
    try:
        version = services.publish(version, by=clerk, today=today)
    except ValidationError:
        # The validator found errors: publish with an explicit, audited reason.
        version = services.publish(version, by=clerk, override_reason=reason, today=today)
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
        _publish(version, clerk=clerk, head=head, on=datetime(2025, 1, 24, 10, 0, tzinfo=tz), reason=SEED_OVERRIDE)

    # 原店镇 2025: generated from the demo applications, published on time.
    if not Report.objects.filter(organization=yd, year=2025).exists():
        _yearly_figures(yd, clerk, 2025)
        report = services.create_report(organization=yd, year=2025, by=clerk)
        version = _fill_manual(report.open_version(), clerk)
        _publish(version, clerk=clerk, head=head, on=datetime(2026, 1, 26, 9, 30, tzinfo=tz))

    # 张湾乡 2024: published on time, then corrected (version 2 with a public change note).
    if not Report.objects.filter(organization=zw, year=2024).exists():
        zw_clerk, zw_head = users["zw_clerk"], users["zw_head"]
        _yearly_figures(zw, zw_clerk, 2024)
        report = services.create_report(organization=zw, year=2024, by=zw_clerk)
        version = _fill_manual(report.open_version(), zw_clerk)
        _publish(version, clerk=zw_clerk, head=zw_head, on=datetime(2025, 1, 22, 16, 0, tzinfo=tz))
        correction = services.start_correction(
            report, by=zw_clerk, change_note="补充第五部分“存在的主要问题及改进情况”的具体内容。"
        )
        correction = services.update_content(
            correction,
            by=zw_clerk,
            sections={
                "problems": "2024年张湾乡政府信息公开工作存在的主要问题：依申请公开答复文书格式不够统一。\n"
                "改进情况：统一使用系统生成的答复书，答复前由审核人逐件审核。"
            },
        )
        _publish(correction, clerk=zw_clerk, head=zw_head, on=datetime(2025, 2, 12, 9, 0, tzinfo=tz))

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
