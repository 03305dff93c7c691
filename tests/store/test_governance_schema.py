"""The governance loader is idempotent (tests/store/test_schema.py compares the migrated
schema with the models, governance's tables among them)."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from openitu.store.loaders import governance as loader
from openitu.store.tables.governance import GovernanceMember


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
