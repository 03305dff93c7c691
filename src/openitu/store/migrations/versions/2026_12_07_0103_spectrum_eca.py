"""Spectrum: regional tables imported beside the Table (the CEPT ECA)."""

import sqlalchemy as sa
from alembic import op

from openitu.store.migrations import shared

revision = "0103_spectrum_eca"
down_revision = "0102_spectrum_amendments"


def upgrade() -> None:
    op.create_table(
        "spectrum_regional_tables",
        sa.Column("name", sa.String(20), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("file_sha256", sa.String(64), nullable=False),
        sa.Column(
            "imported_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        shared.primary_key("spectrum_regional_tables", "name"),
    )


def downgrade() -> None:
    op.drop_table("spectrum_regional_tables")
