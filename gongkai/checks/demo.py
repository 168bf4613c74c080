"""Demo: 陕州区's supervisor has checked 原店镇's published 2024 report (the seed). Idempotent."""

from .models import CheckedReport
from .testing import SEED


def load(ctx):
    org = ctx["orgs"]["yuandian"]
    if CheckedReport.objects.filter(organization=org, year=2024).exists():
        return
    from . import services

    data = SEED.read_bytes()
    report = services.read_and_validate(data, "原店镇2024年政府信息公开工作年度报告.txt", organization=org)
    services.record_check(
        organization=org,
        year=2024,
        name="原店镇2024年政府信息公开工作年度报告.txt",
        data=data,
        report=report,
        by=ctx["users"]["sz_supervisor"],
    )
