"""Governance: the delegations a vote counted as represented by proxy (for the quorum).

Revision ID: gov4_represented
Revises: gov3_documents
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "gov4_represented"
down_revision: str | Sequence[str] | None = "gov3_documents"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("governance_votes") as batch:
        batch.add_column(sa.Column("represented", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("governance_votes") as batch:
        batch.drop_column("represented")
