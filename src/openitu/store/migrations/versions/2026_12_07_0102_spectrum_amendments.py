"""Spectrum: the amendments each edition was built from, with their sources.

Revision ID: 0102_spectrum_amendments
Revises: 0101_spectrum
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0102_spectrum_amendments"
down_revision: str | Sequence[str] | None = "0101_spectrum"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "spectrum_edition_amendments",
        sa.Column("edition_id", sa.String(40), nullable=False),
        sa.Column("position", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("amendment", sa.Text(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False, server_default=""),
        sa.Column("conference", sa.Text(), nullable=False, server_default=""),
        sa.ForeignKeyConstraint(
            ["edition_id"],
            ["spectrum_editions.id"],
            name="fk_spectrum_edition_amendments_edition_id_spectrum_editions",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("edition_id", "position", name="pk_spectrum_edition_amendments"),
    )


def downgrade() -> None:
    op.drop_table("spectrum_edition_amendments")
