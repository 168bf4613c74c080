"""Banners at the top of the staff home, contributed by the apps' ``home.py`` hook modules.

Each ``gongkai/<app>/home.py`` defines ``banners(user, *, today) -> list[dict]``: one dict per banner,
with the ``template`` to include (it sees the dict as ``banner``); ``[]`` when there is nothing to say.
A hook reads only what the user may see, through :mod:`gongkai.organizations.access`.
"""

from functools import cache

from gongkai.hooks import app_modules


@cache
def _home_modules() -> list:
    return app_modules("home")


def staff_home_banners(user, *, today) -> list[dict]:
    """Every app's banners for ``user``, in INSTALLED_APPS order."""
    return [banner for module in _home_modules() for banner in module.banners(user, today=today)]
