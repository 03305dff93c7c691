"""Numbering: drop numbering_locks (the write path bumps area_versions' row instead).

Revision ID: num2_drop_numbering_locks
Revises: num1_numbering
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "num2_drop_numbering_locks"
down_revision: str | Sequence[str] | None = "num1_numbering"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.drop_table("numbering_locks")


def downgrade() -> None:
    # As num1 made it: one row, "allocation", whose update ordered the workflow's writers.
    table = op.create_table(
        "numbering_locks",
        sa.Column("name", sa.String(16), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("name", name="pk_numbering_locks"),
    )
    op.bulk_insert(table, [{"name": "allocation", "version": 0}])
