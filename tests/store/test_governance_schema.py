"""The hand-written migration creates exactly the tables the models declare, on SQLite and
PostgreSQL, and the loader is idempotent."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session, sessionmaker

from openitu.store.base import Base
from openitu.store.loaders import governance as loader
from openitu.store.tables.governance import GovernanceMember


def test_migration_matches_the_models(engine: Engine) -> None:
    with engine.connect() as connection:
        context = MigrationContext.configure(connection)
        differences = [
            diff for diff in compare_metadata(context, Base.metadata) if "governance_" in repr(diff)
        ]
    assert differences == []


def test_loading_twice_adds_nothing(sessions: sessionmaker[Session]) -> None:
    lines = list(loader.load(sessions))
    assert lines == ["governance: 194 Member States (0 added, 0 updated)"]
    with sessions() as session:
        count = session.scalar(
            select(func.count())
            .select_from(GovernanceMember)
            .where(GovernanceMember.kind == "member-state")
        )
    assert count == 194
