"""Audit entries record the digests of the rows they wrote (`audit verify --rows`)."""

import sqlalchemy as sa
from alembic import op

revision = "acc2_audit_row_digests"
down_revision = "acc1_accounts_audit"


def upgrade() -> None:
    # NULL for every entry before this one: their hashes never covered row digests.
    op.add_column("audit_entries", sa.Column("rows", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("audit_entries") as batch:
        batch.drop_column("rows")
