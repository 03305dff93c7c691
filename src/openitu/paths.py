"""Where OpenITU keeps its files by default.

Kept apart from ``settings`` so that a command can find its database and its cache
folder without importing pydantic (see ``cli/common.database_url``).
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

CACHE_DIR_VARIABLE = "OPENITU_CACHE_DIR"
"""Names the folder of ``store/filecache``; set to an empty string to keep no files."""


def default_database_url() -> str:
    data_dir = Path(platformdirs.user_data_dir("openitu", appauthor=False))
    return f"sqlite:///{data_dir / 'openitu.sqlite3'}"


def cache_dir() -> Path | None:
    """The folder for values derived from the database or the package (None: keep none)."""
    configured = os.environ.get(CACHE_DIR_VARIABLE)
    if configured is not None:
        return Path(configured) if configured.strip() else None
    return Path(platformdirs.user_cache_dir("openitu", appauthor=False))
