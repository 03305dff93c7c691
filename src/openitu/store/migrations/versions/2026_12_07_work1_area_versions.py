"""One version row per area: the write path bumps it, every process's caches read it.

Revision ID: work1_area_versions
Revises: 0001_baseline
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "work1_area_versions"
down_revision: str | Sequence[str] | None = "0001_baseline"
branch_labels: str | Sequence[str] | None = ("work",)
depends_on: str | Sequence[str] | None = None

# Written out rather than imported: a migration keeps the shape it had when written.
AREAS = (
    "accounts",
    "governance",
    "indicators",
    "library",
    "numbering",
    "register",
    "space",
    "spectrum",
)


def upgrade() -> None:
    table = op.create_table(
        "area_versions",
        sa.Column("area", sa.String(32), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False, server_default="0"),
        sa.PrimaryKeyConstraint("area", name="pk_area_versions"),
    )
    op.bulk_insert(table, [{"area": area, "version": 0} for area in AREAS])


def downgrade() -> None:
    op.drop_table("area_versions")
