"""Terrestrial register: assignments, append-only events, circulars."""

import sqlalchemy as sa
from alembic import op

from openitu.store.migrations import shared

revision = "reg1_register"
down_revision = "0001_baseline"
branch_labels = ("register",)

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "register_assignments",
        sa.Column("id", ID, nullable=False),
        shared.administration(),
        sa.Column("reference", sa.String(64), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        shared.timestamp("received_at"),
        shared.timestamp("first_received_at"),
        sa.Column("service", sa.String(120), nullable=False),
        sa.Column("station_class", sa.String(4), nullable=False),
        sa.Column("frequency_hz", sa.Float(), nullable=False),
        sa.Column("necessary_bandwidth_hz", sa.Float(), nullable=False),
        *shared.band_edges(),
        sa.Column("emission", sa.String(16), nullable=False),
        *shared.position("tx"),
        sa.Column("tx_antenna_height_m", sa.Float(), nullable=True),
        sa.Column("tx_eirp_dbw", sa.Float(), nullable=True),
        sa.Column("tx_gain_dbi", sa.Float(), nullable=True),
        sa.Column("tx_azimuth_deg", sa.Float(), nullable=True),
        sa.Column("tx_polarization", sa.String(4), nullable=True),
        *shared.position("rx", nullable=True),
        sa.Column("rx_antenna_height_m", sa.Float(), nullable=True),
        sa.Column("rx_gain_dbi", sa.Float(), nullable=True),
        sa.Column("date_of_bringing_into_use", sa.Date(), nullable=True),
        sa.Column("request_4_4", sa.Boolean(), nullable=False),
        sa.Column("agreements", sa.Text(), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("finding", sa.Text(), nullable=True),
        sa.Column("recorded_under", sa.String(16), nullable=True),
        shared.timestamp("recorded_at", nullable=True),
        shared.actor("submitted_by"),
        shared.primary_key("register_assignments"),
        sa.UniqueConstraint(
            "administration", "reference", name="uq_register_assignments_reference"
        ),
    )
    for name, columns in (
        ("band", ["low_hz", "high_hz"]),
        ("location", ["tx_lat_deg", "tx_lon_deg"]),
        ("status", ["status"]),
        ("service", ["service"]),
        ("received_at", ["received_at"]),
    ):
        op.create_index(f"ix_register_assignments_{name}", "register_assignments", columns)
    op.create_table(
        "register_events",
        sa.Column("id", ID, nullable=False),
        sa.Column("assignment_id", ID, nullable=False),
        sa.Column("event", sa.String(16), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        shared.timestamp("at"),
        shared.timestamp("received_at", nullable=True),
        shared.actor("actor"),
        sa.Column("detail", sa.Text(), nullable=False),
        shared.foreign_key("register_events", "assignment_id", "register_assignments"),
        shared.primary_key("register_events"),
        sa.UniqueConstraint("received_at", name="uq_register_events_received_at"),
    )
    op.create_index("ix_register_events_assignment_id", "register_events", ["assignment_id"])
    op.create_index("ix_register_events_at", "register_events", ["at"])
    op.create_table(
        "register_circulars",
        sa.Column("number", sa.Integer(), autoincrement=False, nullable=False),
        shared.timestamp("period_start", nullable=True),
        shared.timestamp("period_end"),
        shared.timestamp("published_at"),
        shared.actor("published_by"),
        sa.Column("parts", sa.Text(), nullable=False),
        shared.primary_key("register_circulars", "number"),
    )
    shared.create_append_only("register_events")


def downgrade() -> None:
    shared.drop_append_only("register_events")
    for table in ("register_circulars", "register_events", "register_assignments"):
        op.drop_table(table)
