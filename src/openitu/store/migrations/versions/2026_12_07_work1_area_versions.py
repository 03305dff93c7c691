"""One version row per area: the write path bumps it, every process's caches read it."""

import sqlalchemy as sa
from alembic import op

from openitu.store.migrations import shared

revision = "work1_area_versions"
down_revision = "0001_baseline"
branch_labels = ("work",)

# Written out rather than imported: a migration keeps the shape it had when written.
AREAS = ("accounts", "governance", "indicators", "library",
         "numbering", "register", "space", "spectrum")  # fmt: skip


def upgrade() -> None:
    table = op.create_table(
        "area_versions",
        sa.Column("area", sa.String(32), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False, server_default="0"),
        shared.primary_key("area_versions", "area"),
    )
    op.bulk_insert(table, [{"area": area, "version": 0} for area in AREAS])


def downgrade() -> None:
    op.drop_table("area_versions")
