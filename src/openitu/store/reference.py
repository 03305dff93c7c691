"""Load the reference data shipped in the package into the database."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from sqlalchemy.orm import Session, sessionmaker

# Each loader is idempotent, runs in its own transaction and yields progress lines.
LOADERS: list[Callable[[sessionmaker[Session]], Iterator[str]]] = []


def load_reference_data(sessions: sessionmaker[Session]) -> Iterator[str]:
    for loader in LOADERS:
        yield from loader(sessions)
