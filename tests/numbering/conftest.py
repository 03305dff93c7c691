"""Numbering test fixtures: fresh committed databases (the principals and tokens every
layer's numbering tests use are tests/numbering_fixtures.py's)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from databases import fresh_database
from openitu.store import migrate
from openitu.store.db import make_engine, session_factory
from openitu.store.loaders import numbering as numbering_loader


@pytest.fixture
def fresh_engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """A database of its own (tests that commit for real), migrated, numbering loaded."""
    backend = getattr(request, "param", "sqlite")
    with fresh_database(backend, tmp_path, label="num") as url:
        engine = make_engine(url)
        try:
            migrate.upgrade(engine)
            for _ in numbering_loader.load(session_factory(engine)):
                pass
            yield engine
        finally:
            engine.dispose()
