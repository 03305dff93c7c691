"""Governance fixtures: fresh committed databases (accounts, API tokens, the secretariat's
principal and `openitu serve` on a database, `server_for`, are tests/conftest.py's)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from databases import fresh_database
from openitu.store import migrate
from openitu.store.db import make_engine, session_factory
from openitu.store.loaders import governance as governance_loader


@pytest.fixture
def fresh_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database of its own for tests whose clients commit for real (parametrise with
    indirect=True: "sqlite" or "postgresql"), migrated, Member States loaded."""
    backend = getattr(request, "param", "sqlite")
    with fresh_database(backend, tmp_path, label="gov") as url:
        engine = make_engine(url)
        try:
            migrate.upgrade(engine)
            for _ in governance_loader.load(session_factory(engine)):
                pass
            engine.dispose()
            yield url
        finally:
            engine.dispose()
