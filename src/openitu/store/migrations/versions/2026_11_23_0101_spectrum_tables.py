"""Spectrum: editions of the Table of Frequency Allocations, bands, allocations, footnotes.

Revision ID: 0101_spectrum
Revises: 0001_baseline
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0101_spectrum"
down_revision: str | Sequence[str] | None = "0001_baseline"
branch_labels: str | Sequence[str] | None = ("spectrum",)
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "spectrum_editions",
        sa.Column("id", sa.String(40), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("entry_into_force", sa.Date(), nullable=False),
        sa.Column("based_on", sa.String(40), nullable=True),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["based_on"],
            ["spectrum_editions.id"],
            name="fk_spectrum_editions_based_on_spectrum_editions",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_spectrum_editions"),
    )
    op.create_index(
        "ix_spectrum_editions_entry_into_force", "spectrum_editions", ["entry_into_force"]
    )
    op.create_table(
        "spectrum_bands",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("edition_id", sa.String(40), nullable=False),
        sa.Column("region", sa.SmallInteger(), nullable=False),
        sa.Column("low_hz", sa.Float(53), nullable=False),
        sa.Column("high_hz", sa.Float(53), nullable=False),
        sa.Column("footnotes", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["edition_id"],
            ["spectrum_editions.id"],
            name="fk_spectrum_bands_edition_id_spectrum_editions",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_spectrum_bands"),
    )
    op.create_index("ix_spectrum_bands_edition_id", "spectrum_bands", ["edition_id"])
    op.create_table(
        "spectrum_allocations",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("band_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.SmallInteger(), nullable=False),
        sa.Column("service", sa.Text(), nullable=False),
        sa.Column("category", sa.String(10), nullable=False),
        sa.Column("footnotes", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["band_id"],
            ["spectrum_bands.id"],
            name="fk_spectrum_allocations_band_id_spectrum_bands",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_spectrum_allocations"),
    )
    op.create_index("ix_spectrum_allocations_band_id", "spectrum_allocations", ["band_id"])
    op.create_table(
        "spectrum_footnotes",
        sa.Column("edition_id", sa.String(40), nullable=False),
        sa.Column("footnote_id", sa.String(20), nullable=False),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("countries", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["edition_id"],
            ["spectrum_editions.id"],
            name="fk_spectrum_footnotes_edition_id_spectrum_editions",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("edition_id", "footnote_id", name="pk_spectrum_footnotes"),
    )
    op.create_table(
        "spectrum_footnote_rules",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("edition_id", sa.String(40), nullable=False),
        sa.Column("footnote_id", sa.String(20), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("countries", sa.Text(), nullable=False),
        sa.Column("low_hz", sa.Float(53), nullable=False),
        sa.Column("high_hz", sa.Float(53), nullable=False),
        sa.Column("services", sa.Text(), nullable=False),
        sa.Column("category", sa.String(10), nullable=False),
        sa.ForeignKeyConstraint(
            ["edition_id"],
            ["spectrum_editions.id"],
            name="fk_spectrum_footnote_rules_edition_id_spectrum_editions",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_spectrum_footnote_rules"),
    )
    op.create_index(
        "ix_spectrum_footnote_rules_edition_id", "spectrum_footnote_rules", ["edition_id"]
    )


def downgrade() -> None:
    op.drop_table("spectrum_footnote_rules")
    op.drop_table("spectrum_footnotes")
    op.drop_table("spectrum_allocations")
    op.drop_table("spectrum_bands")
    op.drop_table("spectrum_editions")
