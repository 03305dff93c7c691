"""Governance: what a proposal or vote decides (matter) and the basis of its majority.

Revision ID: gov2_majorities
Revises: gov1_governance
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "gov2_majorities"
down_revision: str | Sequence[str] | None = "gov1_governance"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


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
