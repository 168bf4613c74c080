from functools import cache

from django.urls import NoReverseMatch, reverse

from gongkai.hooks import app_modules

from .access import default_organization, is_staff_user, supervised_organizations


@cache
def _menu_entries():
    """Staff menu entries from every app's ``menu.py`` (``STAFF_MENU`` list of dicts).

    Each entry: ``{"label": ..., "url": "app:name", "description": ..., "supervisor_only": bool}``.
    """
    return [entry for module in app_modules("menu") for entry in getattr(module, "STAFF_MENU", [])]


def staff(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not is_staff_user(user):
        return {}
    is_supervisor = supervised_organizations(user).exists()
    menu = []
    for entry in _menu_entries():
        if entry.get("supervisor_only") and not is_supervisor:
            continue
        try:
            url = reverse(entry["url"])
        except NoReverseMatch:
            continue
        menu.append({**entry, "href": url})
    return {"staff_org": default_organization(user), "is_supervisor": is_supervisor, "staff_menu": menu}
