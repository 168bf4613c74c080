"""Banners at the top of the staff home, contributed by the apps' ``home.py`` hook modules.

Each ``gongkai/<app>/home.py`` defines ``banners(user, *, today) -> list[dict]``: one dict per banner,
with the ``template`` to include (it sees the dict as ``banner``); ``[]`` when there is nothing to say.
A hook reads only what the user may see, through :mod:`gongkai.organizations.access`.
"""

import importlib
from functools import cache

from django.apps import apps


@cache
def _home_modules() -> list:
    modules = []
    for config in apps.get_app_configs():
        if not config.name.startswith("gongkai."):
            continue
        try:
            modules.append(importlib.import_module(f"{config.name}.home"))
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.home":
                raise
    return modules


def staff_home_banners(user, *, today) -> list[dict]:
    """Every app's banners for ``user``, in INSTALLED_APPS order."""
    return [banner for module in _home_modules() for banner in module.banners(user, today=today)]
