"""Numbering: drop numbering_locks (the write path bumps area_versions' row instead)."""

import sqlalchemy as sa
from alembic import op

from openitu.store.migrations import shared

revision = "num2_drop_numbering_locks"
down_revision = "num1_numbering"


def upgrade() -> None:
    op.drop_table("numbering_locks")


def downgrade() -> None:
    # As num1 made it: one row, "allocation", whose update ordered the workflow's writers.
    table = op.create_table(
        "numbering_locks",
        sa.Column("name", sa.String(16), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        shared.primary_key("numbering_locks", "name"),
    )
    op.bulk_insert(table, [{"name": "allocation", "version": 0}])
