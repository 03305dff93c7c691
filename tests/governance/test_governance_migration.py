"""The governance branch's later revisions downgrade alone and upgrade again, on SQLite
and PostgreSQL, keeping the Member States loaded."""

from __future__ import annotations

import pytest
from sqlalchemy import func, inspect, select

from openitu.store import migrate
from openitu.store.db import make_engine, session_factory
from openitu.store.tables.governance import GovernanceMember


@pytest.mark.parametrize("fresh_url", ["sqlite", "postgresql"], indirect=True)
def test_documents_and_majorities_downgrade_and_upgrade(fresh_url: str) -> None:
    engine = make_engine(fresh_url)
    try:
        migrate.downgrade(engine, "gov1_governance")
        assert "governance_documents" not in inspect(engine).get_table_names()
        columns = {c["name"] for c in inspect(engine).get_columns("governance_votes")}
        assert {"matter", "basis", "represented"}.isdisjoint(columns)
        assert "gov1_governance" in migrate.current_revisions(engine)
        migrate.upgrade(engine)
        assert "gov4_represented" in migrate.current_revisions(engine)
        columns = {c["name"] for c in inspect(engine).get_columns("governance_votes")}
        assert {"matter", "basis", "represented"} <= columns
        assert {"governance_documents", "governance_document_items"} <= set(
            inspect(engine).get_table_names()
        )
        with session_factory(engine)() as session:
            count = session.scalar(select(func.count()).select_from(GovernanceMember))
        assert count == 194
    finally:
        engine.dispose()
