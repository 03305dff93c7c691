"""Governance: what a proposal or vote decides (matter) and the basis of its majority."""

import sqlalchemy as sa
from alembic import op

revision = "gov2_majorities"
down_revision = "gov1_governance"


def upgrade() -> None:
    with op.batch_alter_table("governance_proposals") as batch:
        batch.add_column(
            sa.Column("matter", sa.String(24), nullable=False, server_default="general")
        )
    with op.batch_alter_table("governance_votes") as batch:
        batch.add_column(
            sa.Column("matter", sa.String(24), nullable=False, server_default="general")
        )
        batch.add_column(
            sa.Column("basis", sa.String(24), nullable=False, server_default="present-and-voting")
        )


def downgrade() -> None:
    with op.batch_alter_table("governance_votes") as batch:
        batch.drop_column("basis")
        batch.drop_column("matter")
    with op.batch_alter_table("governance_proposals") as batch:
        batch.drop_column("matter")
