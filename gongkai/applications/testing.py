"""Test helpers and URL kwargs for the staff isolation walk."""

from datetime import date

from django.utils import timezone

SAMPLE = {
    "applicant_type": "natural",
    "applicant_name": "张三",
    "contact_person": "",
    "id_type": "resident_id",
    "id_number": "11010519491231002X",
    "phone": "13800138000",
    "email": "zhangsan@example.com",
    "address": "河南省三门峡市陕州区某村",
    "postal_code": "472100",
    "description": "2025年原店镇农村道路建设项目的招标文件和中标结果",
    "purpose": "",
    "preferred_form": "email",
    "delivery": "email",
}


def make_application(org, *, today: date | None = None, by=None, **overrides):
    """Register an in-person application (as 原店镇's clerk by default); returns (application, code)."""
    from gongkai.organizations.models import Membership, Role

    from . import services

    today = today or timezone.localdate()
    if by is None:
        m = Membership.objects.filter(organization=org, role=Role.CLERK).select_related("user").first()
        by = m.user if m else None
    data = {**SAMPLE, **overrides}
    return services.register(
        organization=org, data=data, files=[], channel="in_person", submitted_on=today, by=by, today=today
    )


def _app(world):
    return make_application(world["orgs"]["yuandian"])[0].pk


def _consultation(world):
    from . import services

    app = make_application(world["orgs"]["yuandian"])[0]
    c = services.start_consultation(
        app,
        kind="third_party",
        party="某公司",
        party_address="某地",
        matter="合同",
        by=world["users"]["yd_clerk"],
        version=app.version,
        today=timezone.localdate(),
    )
    return c.pk


def _letter(world):
    app = make_application(world["orgs"]["yuandian"])[0]
    return app.letters.first().pk


def _attachment(world):
    from django.core.files.base import ContentFile

    from .models import Attachment

    app = make_application(world["orgs"]["yuandian"])[0]
    a = Attachment(application=app, name="id.pdf", size=8, content_type="application/pdf")
    a.file.save("id.pdf", ContentFile(b"%PDF-1.4"), save=True)
    return a.pk


URL_KWARGS = {
    "application_id": _app,
    "consultation_id": _consultation,
    "letter_id": _letter,
    "attachment_id": _attachment,
    "action_name": lambda world: "assign",
    "letter_kind": lambda world: "receipt",
}
