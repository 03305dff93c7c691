"""Load the reference data shipped in the package into the database.

Each area contributes ``openitu.store.loaders.<area>`` with a ``load(sessions)``
generator: idempotent, one transaction per dataset, yielding progress lines.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from openitu.discovery import submodules
from openitu.store import filecache, light

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session, sessionmaker

# store/migrate.MIGRATIONS_DIR, named here too: that module imports Alembic.
_SCRIPTS = Path(__file__).with_name("migrations") / "versions"


def load_reference_data(sessions: sessionmaker[Session]) -> Iterator[str]:
    for module in submodules("openitu.store.loaders"):
        yield from module.load(sessions)


def schema_heads() -> frozenset[str]:
    """The newest revision of every branch, as Alembic reads the migration scripts.

    Kept in the cache folder under the scripts' names, sizes and times: Alembic is
    imported only when a script was added or changed since it was last asked.
    """
    key = filecache.files_fingerprint(_SCRIPTS.glob("*.py"))
    known = filecache.load("schema", key)
    if isinstance(known, frozenset):
        return known
    from alembic.script import ScriptDirectory

    heads = frozenset(ScriptDirectory(str(_SCRIPTS.parent)).get_heads())
    # Other heads stay: checkouts of other versions may share the cache folder.
    filecache.store("schema", key, heads)
    return heads


def schema_is_current(database_url: str) -> bool | None:
    """Whether the database is at every head, read without SQLAlchemy (a SQLite file);
    None where only the engine can tell (``prepare_database`` then checks)."""
    revisions = light.revisions(database_url)
    if revisions is None:
        return None
    return revisions == schema_heads()


def _database_revisions(engine: Engine) -> set[str]:
    from sqlalchemy import inspect, text

    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return set()
        rows = connection.execute(text("SELECT version_num FROM alembic_version"))
        return {str(row[0]) for row in rows}


def prepare_database(engine: Engine, sessions: sessionmaker[Session]) -> list[str]:
    """Bring a database that is behind (or empty) to the newest schema with the data.

    A database already at every head is left alone (one query, no Alembic). Otherwise
    the migrations run and the reference data load (idempotent, so an area added since
    is filled in); returns the progress lines, empty when nothing had to be done.
    """
    if _database_revisions(engine) == schema_heads():
        return []
    from openitu.store import migrate

    migrate.upgrade(engine)
    return ["schema upgraded to the newest revision", *load_reference_data(sessions)]
