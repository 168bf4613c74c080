from .access import default_organization, is_staff_user, supervised_organizations


def staff(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not is_staff_user(user):
        return {}
    return {
        "staff_org": default_organization(user),
        "is_supervisor": supervised_organizations(user).exists(),
    }
