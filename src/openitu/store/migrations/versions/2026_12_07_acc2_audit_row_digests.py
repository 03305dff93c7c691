"""Audit entries record the digests of the rows they wrote (`audit verify --rows`).

Revision ID: acc2_audit_row_digests
Revises: acc1_accounts_audit
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "acc2_audit_row_digests"
down_revision: str | Sequence[str] | None = "acc1_accounts_audit"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # NULL for every entry before this one: their hashes never covered row digests.
    op.add_column("audit_entries", sa.Column("rows", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("audit_entries") as batch:
        batch.drop_column("rows")
