"""Governance: the delegations a vote counted as represented by proxy (for the quorum)."""

import sqlalchemy as sa
from alembic import op

revision = "gov4_represented"
down_revision = "gov3_documents"


def upgrade() -> None:
    with op.batch_alter_table("governance_votes") as batch:
        batch.add_column(sa.Column("represented", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("governance_votes") as batch:
        batch.drop_column("represented")
