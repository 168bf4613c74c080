"""Organization isolation, checked on every staff URL that exists (walks the URLconf)."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from gongkai.testing import url_kwarg_factories

# Staff URLs that are not about any organization's objects.
OPEN_STAFF_URLS = {"organizations:login", "organizations:logout"}


def _walk(patterns, prefix="", namespace=None):
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = p.namespace or namespace
            if namespace and p.namespace:
                ns = f"{namespace}:{p.namespace}"
            yield from _walk(p.url_patterns, prefix + str(p.pattern), ns)
        elif isinstance(p, URLPattern) and p.name:
            yield prefix + str(p.pattern), f"{namespace}:{p.name}" if namespace else p.name


def staff_urls():
    seen = set()
    for route, name in _walk(get_resolver().url_patterns):
        if route.startswith("staff/") and name not in OPEN_STAFF_URLS and name not in seen:
            seen.add(name)
            kwargs = re.findall(r"<(?:\w+:)?(\w+)>", route)
            yield name, kwargs


STAFF_URLS = sorted(staff_urls())


def test_the_walk_finds_the_staff_urls():
    names = {name for name, _ in STAFF_URLS}
    assert {"organizations:staff-home", "organizations:detail", "organizations:edit"} <= names


@pytest.mark.parametrize(("name", "kwarg_names"), STAFF_URLS, ids=[n for n, _ in STAFF_URLS])
def test_staff_url_is_isolated(name, kwarg_names, world, client_for):
    factories = url_kwarg_factories()
    missing = [k for k in kwarg_names if k not in factories]
    assert not missing, f"{name}: add a factory for {missing} to some app's testing.URL_KWARGS"
    kwargs = {k: factories[k](world) for k in kwarg_names}
    url = reverse(name, kwargs=kwargs)

    from django.test import Client

    anonymous = Client().get(url)
    assert anonymous.status_code in (302, 404, 405), f"{url} is open to anonymous users"
    if anonymous.status_code == 302:
        assert "/staff/login/" in anonymous["Location"]

    owner = client_for("yd_clerk").get(url)
    assert owner.status_code != 404 or not kwarg_names, f"{url}: 原店镇's clerk cannot open its own object"
    assert owner.status_code < 500

    if not kwarg_names:
        return
    outsider = client_for("zw_clerk")
    got = outsider.get(url)
    assert got.status_code in (404, 405), f"{url}: 张湾乡's clerk got {got.status_code}, expected 404"
    if got.status_code == 405:
        assert outsider.post(url, {}).status_code == 404, f"{url}: POST by 张湾乡's clerk was not refused with 404"

    supervisor = client_for("sz_supervisor").get(url)
    assert supervisor.status_code != 404 or got.status_code == 405, (
        f"{url}: 陕州区's supervisor cannot read its subtree"
    )
