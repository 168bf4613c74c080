def _report(world):
    from gongkai.reports import services
    from gongkai.reports.models import Report

    org = world["orgs"]["yuandian"]
    existing = Report.objects.filter(organization=org, year=2024).first()
    if existing:
        return existing
    return services.create_report(organization=org, year=2024, by=world["users"]["yd_clerk"])


URL_KWARGS = {
    "report_id": lambda world: _report(world).pk,
    "version_number": lambda world: _report(world).versions.order_by("number").first().number,
}
