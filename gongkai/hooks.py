"""Finding the apps' hook modules (``demo``, ``periodic``, ``menu``, ``home``, ``testing``, ``deadlines``…).

See docs/interfaces.md for what each hook module provides.
"""

import importlib
from types import ModuleType

from django.apps import apps


def optional_module(name: str) -> ModuleType | None:
    """``import_module(name)``, or None when that module does not exist (an error inside it is raised)."""
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name == name:
            return None
        raise


def app_modules(hook: str) -> list[ModuleType]:
    """Every installed Gongkai app's ``<app>.<hook>`` module, in INSTALLED_APPS order (apps without one skipped)."""
    found = (optional_module(f"{c.name}.{hook}") for c in apps.get_app_configs() if c.name.startswith("gongkai."))
    return [m for m in found if m is not None]
