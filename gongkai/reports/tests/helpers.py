"""Test data for the report tests: applications written straight into the applications table."""

import itertools
from datetime import date

from gongkai.applications.models import Application

_numbers = itertools.count(1)


def add_application(
    org, received: date, *, concluded: date | None = None, category: str = "", applicant_type: str = "natural"
) -> Application:
    n = next(_numbers)
    return Application.objects.create(
        organization=org,
        number=f"T{received:%Y}-{org.pk}-{n:05d}",
        access_code_hash="x",
        applicant_type=applicant_type,
        applicant_name=f"申请人{n}",
        id_type="resident_id",
        id_number="11010519491231002X",
        applicant_key=f"k{n}",
        phone="13800138000",
        description="测试申请",
        preferred_form="email",
        delivery="email",
        channel="in_person",
        submitted_on=received,
        received_on=received,
        status="answered" if concluded else "received",
        decision_category=category if concluded else "",
        concluded_on=concluded,
    )
