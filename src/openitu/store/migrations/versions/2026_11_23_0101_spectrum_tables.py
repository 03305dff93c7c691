"""Spectrum: editions of the Table of Frequency Allocations, bands, allocations, footnotes."""

import sqlalchemy as sa
from alembic import op

from openitu.store.migrations import shared

revision = "0101_spectrum"
down_revision = "0001_baseline"
branch_labels = ("spectrum",)


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
        shared.foreign_key("spectrum_editions", "based_on", "spectrum_editions"),
        shared.primary_key("spectrum_editions"),
    )
    op.create_index(
        "ix_spectrum_editions_entry_into_force", "spectrum_editions", ["entry_into_force"]
    )
    op.create_table(
        "spectrum_bands",
        shared.integer_id(),
        sa.Column("edition_id", sa.String(40), nullable=False),
        sa.Column("region", sa.SmallInteger(), nullable=False),
        *shared.band_edges(precision=53),
        sa.Column("footnotes", sa.Text(), nullable=False),
        shared.foreign_key("spectrum_bands", "edition_id", "spectrum_editions", ondelete="CASCADE"),
        shared.primary_key("spectrum_bands"),
    )
    op.create_index("ix_spectrum_bands_edition_id", "spectrum_bands", ["edition_id"])
    op.create_table(
        "spectrum_allocations",
        shared.integer_id(),
        sa.Column("band_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.SmallInteger(), nullable=False),
        sa.Column("service", sa.Text(), nullable=False),
        sa.Column("category", sa.String(10), nullable=False),
        sa.Column("footnotes", sa.Text(), nullable=False),
        shared.foreign_key("spectrum_allocations", "band_id", "spectrum_bands", ondelete="CASCADE"),
        shared.primary_key("spectrum_allocations"),
    )
    op.create_index("ix_spectrum_allocations_band_id", "spectrum_allocations", ["band_id"])
    op.create_table(
        "spectrum_footnotes",
        sa.Column("edition_id", sa.String(40), nullable=False),
        sa.Column("footnote_id", sa.String(20), nullable=False),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("countries", sa.Text(), nullable=False),
        shared.foreign_key(
            "spectrum_footnotes", "edition_id", "spectrum_editions", ondelete="CASCADE"
        ),
        shared.primary_key("spectrum_footnotes", "edition_id", "footnote_id"),
    )
    op.create_table(
        "spectrum_footnote_rules",
        shared.integer_id(),
        sa.Column("edition_id", sa.String(40), nullable=False),
        sa.Column("footnote_id", sa.String(20), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("countries", sa.Text(), nullable=False),
        *shared.band_edges(precision=53),
        sa.Column("services", sa.Text(), nullable=False),
        sa.Column("category", sa.String(10), nullable=False),
        shared.foreign_key(
            "spectrum_footnote_rules", "edition_id", "spectrum_editions", ondelete="CASCADE"
        ),
        shared.primary_key("spectrum_footnote_rules"),
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
