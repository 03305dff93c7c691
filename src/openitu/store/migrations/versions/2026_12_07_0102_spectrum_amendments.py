"""Spectrum: the amendments each edition was built from, with their sources."""

import sqlalchemy as sa
from alembic import op

from openitu.store.migrations import shared

revision = "0102_spectrum_amendments"
down_revision = "0101_spectrum"


def upgrade() -> None:
    op.create_table(
        "spectrum_edition_amendments",
        sa.Column("edition_id", sa.String(40), nullable=False),
        sa.Column("position", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("amendment", sa.Text(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False, server_default=""),
        sa.Column("conference", sa.Text(), nullable=False, server_default=""),
        shared.foreign_key(
            "spectrum_edition_amendments", "edition_id", "spectrum_editions", ondelete="CASCADE"
        ),
        shared.primary_key("spectrum_edition_amendments", "edition_id", "position"),
    )


def downgrade() -> None:
    op.drop_table("spectrum_edition_amendments")
