"""Load the reference data shipped in the package into the database.

Each area contributes ``openitu.store.loaders.<area>`` with a ``load(sessions)``
generator: idempotent, one transaction per dataset, yielding progress lines.
"""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy.orm import Session, sessionmaker

from openitu.discovery import submodules


def load_reference_data(sessions: sessionmaker[Session]) -> Iterator[str]:
    for module in submodules("openitu.store.loaders"):
        yield from module.load(sessions)
