"""Terrestrial register: assignments, append-only events, circulars.

Revision ID: reg1_register
Revises: 0001_baseline
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "reg1_register"
down_revision: str | Sequence[str] | None = "0001_baseline"
branch_labels: str | Sequence[str] | None = ("register",)
depends_on: str | Sequence[str] | None = None

APPEND_ONLY = "register_events is append-only"
ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "register_assignments",
        sa.Column("id", ID, nullable=False),
        sa.Column("administration", sa.String(2), nullable=False),
        sa.Column("reference", sa.String(64), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("first_received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("service", sa.String(120), nullable=False),
        sa.Column("station_class", sa.String(4), nullable=False),
        sa.Column("frequency_hz", sa.Float(), nullable=False),
        sa.Column("necessary_bandwidth_hz", sa.Float(), nullable=False),
        sa.Column("low_hz", sa.Float(), nullable=False),
        sa.Column("high_hz", sa.Float(), nullable=False),
        sa.Column("emission", sa.String(16), nullable=False),
        sa.Column("tx_lat_deg", sa.Float(), nullable=False),
        sa.Column("tx_lon_deg", sa.Float(), nullable=False),
        sa.Column("tx_antenna_height_m", sa.Float(), nullable=True),
        sa.Column("tx_eirp_dbw", sa.Float(), nullable=True),
        sa.Column("tx_gain_dbi", sa.Float(), nullable=True),
        sa.Column("tx_azimuth_deg", sa.Float(), nullable=True),
        sa.Column("tx_polarization", sa.String(4), nullable=True),
        sa.Column("rx_lat_deg", sa.Float(), nullable=True),
        sa.Column("rx_lon_deg", sa.Float(), nullable=True),
        sa.Column("rx_antenna_height_m", sa.Float(), nullable=True),
        sa.Column("rx_gain_dbi", sa.Float(), nullable=True),
        sa.Column("date_of_bringing_into_use", sa.Date(), nullable=True),
        sa.Column("request_4_4", sa.Boolean(), nullable=False),
        sa.Column("agreements", sa.Text(), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("finding", sa.Text(), nullable=True),
        sa.Column("recorded_under", sa.String(16), nullable=True),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("submitted_by", sa.String(128), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_register_assignments"),
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
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("actor", sa.String(128), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["assignment_id"],
            ["register_assignments.id"],
            name="fk_register_events_assignment_id_register_assignments",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_register_events"),
        sa.UniqueConstraint("received_at", name="uq_register_events_received_at"),
    )
    op.create_index("ix_register_events_assignment_id", "register_events", ["assignment_id"])
    op.create_index("ix_register_events_at", "register_events", ["at"])
    op.create_table(
        "register_circulars",
        sa.Column("number", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("period_start", sa.DateTime(timezone=True), nullable=True),
        sa.Column("period_end", sa.DateTime(timezone=True), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("published_by", sa.String(128), nullable=False),
        sa.Column("parts", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("number", name="pk_register_circulars"),
    )
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        op.execute(
            f"""
            CREATE FUNCTION register_events_append_only() RETURNS trigger AS $$
            BEGIN
                RAISE EXCEPTION '{APPEND_ONLY}';
            END;
            $$ LANGUAGE plpgsql
            """
        )
        op.execute(
            "CREATE TRIGGER register_events_append_only BEFORE UPDATE OR DELETE "
            "ON register_events FOR EACH ROW EXECUTE FUNCTION register_events_append_only()"
        )
    else:
        for verb in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER register_events_no_{verb.lower()} BEFORE {verb} "
                f"ON register_events BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY}'); END"
            )


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS register_events_append_only ON register_events")
        op.execute("DROP FUNCTION IF EXISTS register_events_append_only()")
    for table in ("register_circulars", "register_events", "register_assignments"):
        op.drop_table(table)
