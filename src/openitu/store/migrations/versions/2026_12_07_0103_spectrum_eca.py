"""Spectrum: regional tables imported beside the Table (the CEPT ECA).

Revision ID: 0103_spectrum_eca
Revises: 0102_spectrum_amendments
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0103_spectrum_eca"
down_revision: str | Sequence[str] | None = "0102_spectrum_amendments"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "spectrum_regional_tables",
        sa.Column("name", sa.String(20), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("file_sha256", sa.String(64), nullable=False),
        sa.Column(
            "imported_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.PrimaryKeyConstraint("name", name="pk_spectrum_regional_tables"),
    )


def downgrade() -> None:
    op.drop_table("spectrum_regional_tables")
