"""What several revisions build alike: the common columns, named keys, append-only triggers.

Every fresh database runs every revision again, so a revision's result must never change,
and a revision that calls a helper changes with it: changing what a helper returns
changes history. These helpers are therefore append-only: never edit one that a revision
calls; add a new one beside it (and give it a new name) when a later revision needs
something else. Each returns fresh objects: SQLAlchemy binds a column to one table.

Names follow store.base.NAMING_CONVENTION, written out here for the same reason.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from alembic import op


def integer_id() -> sa.Column[int]:
    """The ``id`` integer column most tables are keyed on."""
    return sa.Column("id", sa.Integer(), nullable=False)


def timestamp(name: str, *, nullable: bool = False) -> sa.Column[datetime]:
    """A date and time with its zone."""
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def actor(name: str, *, nullable: bool = False) -> sa.Column[str]:
    """Who did something: a principal's name."""
    return sa.Column(name, sa.String(128), nullable=nullable)


def administration(name: str = "administration", *, nullable: bool = False) -> sa.Column[str]:
    """An administration's (a Member State's) two-letter code."""
    return sa.Column(name, sa.String(2), nullable=nullable)


def primary_key(table: str, *columns: str) -> sa.PrimaryKeyConstraint:
    """``table``'s primary key, on ``columns`` (``id`` when none are named)."""
    return sa.PrimaryKeyConstraint(*(columns or ("id",)), name=f"pk_{table}")


def foreign_key(
    table: str, column: str, target: str, *, key: str = "id", ondelete: str | None = None
) -> sa.ForeignKeyConstraint:
    """``table.column`` refers to ``target.key``."""
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.{key}"], name=f"fk_{table}_{column}_{target}", ondelete=ondelete
    )


def create_append_only(table: str) -> None:
    """Triggers that refuse every UPDATE and DELETE on ``table``."""
    message = f"{table} is append-only"
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            f"""
            CREATE FUNCTION {table}_append_only() RETURNS trigger AS $$
            BEGIN
                RAISE EXCEPTION '{message}';
            END;
            $$ LANGUAGE plpgsql
            """
        )
        op.execute(
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE "
            f"ON {table} FOR EACH ROW EXECUTE FUNCTION {table}_append_only()"
        )
    else:
        for verb in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} "
                f"ON {table} BEGIN SELECT RAISE(ABORT, '{message}'); END"
            )


def drop_append_only(table: str) -> None:
    """Undo ``create_append_only`` before ``table`` is dropped (SQLite's triggers go with it)."""
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
        op.execute(f"DROP FUNCTION IF EXISTS {table}_append_only()")


def band_edges(*, precision: int | None = None) -> list[sa.Column[float]]:
    """A band's ``low_hz`` and ``high_hz`` (floats of ``precision`` bits, if named)."""
    return [sa.Column(edge, sa.Float(precision), nullable=False) for edge in ("low_hz", "high_hz")]


def position(prefix: str, *, nullable: bool = False) -> list[sa.Column[float]]:
    """A place as ``{prefix}_lat_deg`` and ``{prefix}_lon_deg``."""
    return [
        sa.Column(f"{prefix}_{axis}_deg", sa.Float(), nullable=nullable) for axis in ("lat", "lon")
    ]


def done_by(verb: str) -> list[sa.Column[Any]]:
    """Who did something and when: ``{verb}_by`` (an actor) then ``{verb}_at``."""
    return [actor(f"{verb}_by"), timestamp(f"{verb}_at")]


def lifetime() -> list[sa.Column[datetime]]:
    """When a credential was issued (``created_at``) and when it lapses (``expires_at``)."""
    return [timestamp("created_at"), timestamp("expires_at")]
