"""The one access module every staff view goes through.

Rules:
* a member with a work role (公开专员、审核人、负责人、管理员) acts on its own organization only;
* a supervisor reads its organization's whole subtree (and issues 督办), but does not act as a clerk;
* a superuser (系统管理员 of the installation) sees everything.

Objects outside what a user may see answer 404, never 403, so their existence does not leak.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from .models import WORK_ROLES, Membership, Organization, Role


def _memberships(user):
    cache = getattr(user, "_gongkai_memberships", None)
    if cache is None:
        cache = list(Membership.objects.filter(user=user).select_related("organization"))
        user._gongkai_memberships = cache
    return cache


def is_staff_user(user) -> bool:
    return bool(user.is_authenticated and (user.is_superuser or _memberships(user)))


def roles_in(user, org: Organization) -> set[str]:
    if not user.is_authenticated:
        return set()
    roles = {m.role for m in _memberships(user) if m.organization_id == org.pk}
    if user.is_superuser:
        roles |= {Role.ADMIN}
    return roles


def has_role(user, org: Organization, *roles: str) -> bool:
    return bool(roles_in(user, org) & set(roles))


def work_organizations(user) -> QuerySet:
    """Organizations whose own work the user does (clerk/reviewer/head/admin)."""
    if user.is_superuser:
        return Organization.objects.all()
    ids = {m.organization_id for m in _memberships(user) if m.role in WORK_ROLES}
    return Organization.objects.filter(pk__in=ids)


def supervised_organizations(user) -> QuerySet:
    """Every organization in the subtrees the user supervises (including the roots)."""
    if user.is_superuser:
        return Organization.objects.all()
    paths = [m.organization.path for m in _memberships(user) if m.role == Role.SUPERVISOR]
    if not paths:
        return Organization.objects.none()
    q = Q()
    for p in paths:
        q |= Q(path__startswith=p)
    return Organization.objects.filter(q)


def visible_organizations(user) -> QuerySet:
    """Everything the user may read: own work organizations plus supervised subtrees."""
    if not user.is_authenticated:
        return Organization.objects.none()
    if user.is_superuser:
        return Organization.objects.all()
    return Organization.objects.filter(
        Q(pk__in=work_organizations(user).values("pk")) | Q(pk__in=supervised_organizations(user).values("pk"))
    )


def visible(queryset: QuerySet, user, *, org_field: str = "organization", write: bool = False) -> QuerySet:
    """Filter ``queryset`` to the rows the user may read (or act on, with ``write=True``)."""
    orgs = work_organizations(user) if write else visible_organizations(user)
    return queryset.filter(**{f"{org_field}__in": orgs.values("pk")})


def get_for_user(
    user, queryset: QuerySet, *, org_field: str = "organization", write: bool = False, roles=None, **lookup
):
    """Fetch one object the user may see, or raise 404.

    With ``write=True`` the user must hold a work role in the object's organization; with
    ``roles`` one of those roles. A visible object the user may not act on raises PermissionDenied.
    """
    obj = visible(queryset, user, org_field=org_field).filter(**lookup).first()
    if obj is None:
        raise Http404
    if write or roles:
        org = obj
        for part in org_field.split("__"):
            org = getattr(org, part)
        needed = set(roles) if roles else set(WORK_ROLES)
        if not (roles_in(user, org) & needed):
            raise PermissionDenied
    return obj


def get_organization_for_user(user, pk, *, write: bool = False, roles=None) -> Organization:
    org = visible_organizations(user).filter(pk=pk).first()
    if org is None:
        raise Http404
    if (write or roles) and not (roles_in(user, org) & (set(roles) if roles else set(WORK_ROLES))):
        raise PermissionDenied
    return org


def require_role(user, org: Organization, *roles: str) -> None:
    if not has_role(user, org, *roles):
        raise PermissionDenied


def default_organization(user):
    """The organization a staff user works for first (for the staff home)."""
    for m in _memberships(user):
        if m.role in WORK_ROLES:
            return m.organization
    for m in _memberships(user):
        return m.organization
    return Organization.objects.filter(parent__isnull=True).first() if user.is_superuser else None
