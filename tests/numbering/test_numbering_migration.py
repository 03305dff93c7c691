"""The numbering branch migrates down and up on its own, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, inspect

from openitu.store import migrate


@pytest.mark.parametrize("fresh_engine", ["sqlite", "postgresql"], indirect=True)
def test_numbering_branch_downgrades_alone_and_upgrades_again(fresh_engine: Engine) -> None:
    before = set(inspect(fresh_engine).get_table_names())
    ours = {t for t in before if t.startswith("numbering_")}
    assert ours == {
        "numbering_applications",
        "numbering_events",
        "numbering_notice_entries",
        "numbering_notices",
        "numbering_resources",
    }
    # num3 added the applications' one-time form key; down, the column goes, not the table.
    columns = {c["name"] for c in inspect(fresh_engine).get_columns("numbering_applications")}
    assert "form_key" in columns
    migrate.downgrade(fresh_engine, "numbering@-1")
    columns = {c["name"] for c in inspect(fresh_engine).get_columns("numbering_applications")}
    assert columns and "form_key" not in columns
    assert set(inspect(fresh_engine).get_table_names()) == before
    # num2 dropped the lock table that num1 made (the write path bumps area_versions).
    migrate.downgrade(fresh_engine, "numbering@-1")
    assert set(inspect(fresh_engine).get_table_names()) == before | {"numbering_locks"}
    migrate.downgrade(fresh_engine, "numbering@-1")
    assert set(inspect(fresh_engine).get_table_names()) == before - ours
    migrate.upgrade(fresh_engine)
    assert set(inspect(fresh_engine).get_table_names()) == before
    assert migrate.current_revisions(fresh_engine) == migrate.head_revisions(fresh_engine)
