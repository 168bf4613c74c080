"""Agency settings and letter templates (law is data, editable by the agency)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.audit.services import record
from gongkai.organizations.models import Role

from .. import letters
from ..models import (
    LetterTemplate,
)
from .base import _need_role


@transaction.atomic
def update_settings(settings_obj, *, data: dict, by):
    _need_role(by, settings_obj.organization, Role.HEAD)
    fields = list(data)
    before = {f: getattr(settings_obj, f) for f in fields}
    for f, v in data.items():
        setattr(settings_obj, f, v)
    settings_obj.save()
    record(
        actor=by,
        obj=settings_obj,
        action="applications.settings_saved",
        before=before,
        after=data,
        organization=settings_obj.organization,
        note=_("修改依申请公开设置"),
    )


# -- letter templates ----------------------------------------------------------------------------


@transaction.atomic
def save_letter_template(*, organization, kind: str, title: str, body: str, by):
    problems = letters.template_problems(kind, body)
    if problems:
        raise ValidationError({"body": problems})
    tpl = LetterTemplate.objects.filter(organization=organization, kind=kind).first()
    default = letters.template_for(None, kind)
    before = {"title": tpl.title, "body": tpl.body} if tpl else None
    if tpl is None:
        tpl = LetterTemplate(organization=organization, kind=kind, source=default.source)
    tpl.title, tpl.body, tpl.updated_by = title, body, by
    tpl.save()
    record(
        actor=by,
        obj=tpl,
        action="applications.letter_template_saved",
        before=before,
        after={"title": title, "body": body},
        organization=organization,
        note=_("修改文书模板：%(k)s") % {"k": tpl.get_kind_display()},
    )
    return tpl
