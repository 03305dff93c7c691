"""The migrations build exactly what the table modules declare, on SQLite and PostgreSQL.

The one difference is the library's full-text index, which the lib1 migration makes
outside the models (store/tables/library.py says why): on SQLite the FTS5 table
``library_search`` and its shadow tables, on PostgreSQL the generated column
``library_publications.search`` and its GIN index.
"""

from __future__ import annotations

from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine

import openitu.store.models  # noqa: F401  (every table module, as Alembic's env.py has them)
from openitu.store.base import Base

FULL_TEXT_INDEX = {
    "sqlite": [
        "remove_table library_search",
        "remove_table library_search_config",
        "remove_table library_search_data",
        "remove_table library_search_docsize",
        "remove_table library_search_idx",
    ],
    "postgresql": [
        "remove_column library_publications.search",
        "remove_index ix_library_publications_search",
    ],
}


def _named(difference: Any) -> str:
    """``kind object`` for what autogenerate would remove, else the difference as it is."""
    match difference:
        case ("remove_table" | "remove_index" as kind, thing):
            return f"{kind} {thing.name}"
        case ("remove_column", _, table, column):
            return f"remove_column {table}.{column.name}"
    return repr(difference)


def test_the_migrations_build_what_the_tables_declare(engine: Engine) -> None:
    with engine.connect() as connection:
        context = MigrationContext.configure(connection)
        differences = sorted(_named(d) for d in compare_metadata(context, Base.metadata))
    assert differences == FULL_TEXT_INDEX[engine.dialect.name]
