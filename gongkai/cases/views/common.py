"""Helpers the staff views of the cases app share: form errors from a service, the acting organization, links."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404
from django.urls import NoReverseMatch, reverse

from gongkai.organizations import access
from gongkai.organizations.models import Organization

from .. import selectors
from ..models import Complaint


def form_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for key, errors in exc.error_dict.items():
            for e in errors:
                form.add_error(key if key in form.fields else None, e)
    else:
        for e in exc.messages:
            form.add_error(None, e)


def acting_org(request, roles=None) -> Organization:
    """The organization a staff user creates records for: ``?org=`` if given, else the first work org."""
    pk = request.POST.get("org") or request.GET.get("org")
    if pk:
        try:
            return access.get_organization_for_user(request.user, int(pk), write=True, roles=roles)
        except ValueError as exc:
            raise Http404 from exc
    orgs = access.work_organizations(request.user).order_by("path")
    if roles:
        orgs = [o for o in orgs if access.has_role(request.user, o, *roles)]
    org = next(iter(orgs), None)
    if org is None:
        raise PermissionDenied
    return org


def href(name: str, **kwargs) -> str | None:
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        return None


def application_by_number(org, number: str):
    Application = selectors.application_model()
    if Application is None or not number:
        return None
    return Application.objects.filter(organization=org, number=number.strip()).first()


def complaints_for(user):
    return Complaint.objects.filter(
        Q(organization__in=access.visible_organizations(user).values("pk"))
        | Q(subject_organization__in=access.work_organizations(user).values("pk"))
    ).select_related("organization", "subject_organization")
