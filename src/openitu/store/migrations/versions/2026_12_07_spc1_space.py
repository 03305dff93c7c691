"""Space: satellite networks, their beams, the dated steps of their filings."""

import sqlalchemy as sa
from alembic import op

from openitu.store.migrations import shared

revision = "spc1_space"
down_revision = "0001_baseline"
branch_labels = ("space",)


def upgrade() -> None:
    op.create_table(
        "space_networks",
        shared.integer_id(),
        sa.Column("name", sa.String(200), nullable=False),
        shared.administration(nullable=True),
        sa.Column("orbit", sa.String(8), nullable=False),
        sa.Column("longitude_deg", sa.Float(), nullable=True),
        sa.Column("source", sa.String(32), nullable=False),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("document", sa.Text(), nullable=True),
        sa.Column("operator", sa.Text(), nullable=True),
        sa.Column("un_registry", sa.Text(), nullable=True),
        sa.Column("catalogue_id", sa.String(32), nullable=True),
        shared.actor("submitted_by", nullable=True),
        shared.timestamp("created_at"),
        shared.primary_key("space_networks"),
    )
    op.create_index(
        "ix_space_networks_source_longitude", "space_networks", ["source", "longitude_deg"]
    )
    op.create_index("ix_space_networks_administration", "space_networks", ["administration"])
    op.create_table(
        "space_beams",
        shared.integer_id(),
        sa.Column("network_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("up", sa.Boolean(), nullable=False),
        *shared.band_edges(),
        sa.Column("service", sa.String(64), nullable=False),
        sa.Column("gain_dbi", sa.Float(), nullable=False),
        sa.Column("noise_temperature_k", sa.Float(), nullable=False),
        sa.Column("power_density_dbw_hz", sa.Float(), nullable=False),
        *shared.position("es"),
        sa.Column("es_gain_dbi", sa.Float(), nullable=False),
        sa.Column("es_pattern", sa.String(16), nullable=False),
        shared.foreign_key("space_beams", "network_id", "space_networks"),
        shared.primary_key("space_beams"),
    )
    op.create_index("ix_space_beams_network", "space_beams", ["network_id"])
    op.create_table(
        "space_filing_events",
        shared.integer_id(),
        sa.Column("network_id", sa.Integer(), nullable=False),
        sa.Column("step", sa.String(32), nullable=False),
        sa.Column("date_of_receipt", sa.Date(), nullable=False),
        sa.Column("informed_on", sa.Date(), nullable=True),
        sa.Column("examined_on", sa.Date(), nullable=True),
        sa.Column("published_on", sa.Date(), nullable=True),
        *shared.done_by("recorded"),
        shared.foreign_key("space_filing_events", "network_id", "space_networks"),
        shared.primary_key("space_filing_events"),
    )
    op.create_index("ix_space_filing_events_network", "space_filing_events", ["network_id"])


def downgrade() -> None:
    op.drop_index("ix_space_filing_events_network", table_name="space_filing_events")
    op.drop_table("space_filing_events")
    op.drop_index("ix_space_beams_network", table_name="space_beams")
    op.drop_table("space_beams")
    op.drop_index("ix_space_networks_administration", table_name="space_networks")
    op.drop_index("ix_space_networks_source_longitude", table_name="space_networks")
    op.drop_table("space_networks")
