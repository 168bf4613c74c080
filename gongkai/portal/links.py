"""Links to pages other apps own (online application, annual reports, complaints), resolved only if they exist."""

from django.urls import NoReverseMatch, get_resolver, reverse

COMMON_NAMES = ["index", "home", "start", "new", "create", "apply", "list"]


def entry_url(namespace: str, *, org=None) -> str:
    """The entry page of ``namespace`` (with ``?org=`` when given), or "" while that app has no public pages."""
    resolver = get_resolver()
    if namespace not in resolver.namespace_dict:
        return ""
    prefix, sub = resolver.namespace_dict[namespace]
    url = ""
    for name in COMMON_NAMES:
        try:
            url = reverse(f"{namespace}:{name}")
            break
        except NoReverseMatch:
            continue
    if not url:
        for p in sub.url_patterns:
            if str(getattr(p, "pattern", "")) == "" and getattr(p, "name", None):
                url = reverse(f"{namespace}:{p.name}")
                break
    if not url:
        return ""
    return f"{url}?org={org.pk}" if org is not None else url


def org_entry_url(namespace: str, org) -> str:
    """Prefer a per-organization page (``org_id`` kwarg) when the app has one."""
    for name in ["organization", "org", *COMMON_NAMES]:
        try:
            return reverse(f"{namespace}:{name}", kwargs={"org_id": org.pk})
        except NoReverseMatch:
            continue
    return entry_url(namespace, org=org)
