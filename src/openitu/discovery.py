"""Find the modules each area contributes, so that adding an area touches no shared file."""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType


def submodules(package_name: str) -> list[ModuleType]:
    """Import and return every direct submodule of ``package_name``, sorted by name."""
    package = importlib.import_module(package_name)
    names = sorted(info.name for info in pkgutil.iter_modules(package.__path__))
    return [importlib.import_module(f"{package_name}.{name}") for name in names]
