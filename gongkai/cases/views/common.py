"""Helpers the staff views of the cases app share: form errors from a service, the acting organization, links."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404
from django.urls import NoReverseMatch, reverse

from gongkai.organizations import access
from gongkai.organizations.models import Organization

from .. import selectors
from ..models import Complaint

PANEL_ROWS = 20  # a short panel lists this many rows, says how many there are in all and links to the paged list


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


def org_filter(request, qs, *, field: str = "organization", param: str = "org"):
    """Narrow an already access-scoped list to ``?org=<pk>`` (or ``param``): never widens what the user sees.

    Returns the narrowed queryset and the chosen organization when the user may see it (to name it on the page).
    """
    pk = request.GET.get(param, "")
    if not pk.isdigit() or len(pk) > 18:
        return qs, None
    return qs.filter(**{f"{field}_id": int(pk)}), access.visible_organizations(request.user).filter(pk=pk).first()


def year_param(request, default: int) -> int:
    """``?year=`` when it is a plausible year (a date lookup on year 99999 would fail), else ``default``."""
    year = request.GET.get("year", "")
    return int(year) if year.isdigit() and 1900 <= int(year) <= 9999 else default
