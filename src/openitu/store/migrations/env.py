"""Alembic environment: the engine comes from the caller (see openitu.store.migrate)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Engine

import openitu.store.models  # noqa: F401  (registers every table on Base.metadata)
from openitu.store.base import Base

engine = context.config.attributes["engine"]
assert isinstance(engine, Engine)

with engine.begin() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()
