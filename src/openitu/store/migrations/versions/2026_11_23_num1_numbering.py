"""Numbering: resources register, applications, append-only events, change notices."""

import sqlalchemy as sa
from alembic import op

from openitu.store.migrations import shared

revision = "num1_numbering"
down_revision = "0001_baseline"
branch_labels = ("numbering",)


def upgrade() -> None:
    op.create_table(
        "numbering_applications",
        shared.integer_id(),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("code", sa.String(16), nullable=False),
        shared.administration("applicant"),
        sa.Column("holder", sa.Text(), nullable=False),
        sa.Column("purpose", sa.Text(), nullable=False),
        shared.timestamp("received_at"),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        shared.actor("submitted_by"),
        shared.primary_key("numbering_applications"),
    )
    op.create_index(
        "ix_numbering_applications_kind_code", "numbering_applications", ["kind", "code"]
    )
    op.create_table(
        "numbering_resources",
        shared.integer_id(),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("code", sa.String(16), nullable=False),
        sa.Column("plan", sa.String(8), nullable=False),
        sa.Column("local", sa.String(8), nullable=False),
        sa.Column("active_code", sa.String(16), nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("holder", sa.Text(), nullable=False),
        sa.Column("country", sa.String(2), nullable=True),
        sa.Column("country_name", sa.Text(), nullable=True),
        sa.Column("also", sa.Text(), nullable=False),
        sa.Column("source", sa.String(64), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=True),
        shared.timestamp("since", nullable=True),
        shared.timestamp("until", nullable=True),
        shared.foreign_key("numbering_resources", "application_id", "numbering_applications"),
        shared.primary_key("numbering_resources"),
        sa.UniqueConstraint("kind", "active_code", name="uq_numbering_resources_active"),
    )
    op.create_index("ix_numbering_resources_kind_plan", "numbering_resources", ["kind", "plan"])
    op.create_index("ix_numbering_resources_country", "numbering_resources", ["country"])
    op.create_table(
        "numbering_events",
        shared.integer_id(),
        sa.Column("application_id", sa.Integer(), nullable=True),
        sa.Column("resource_id", sa.Integer(), nullable=True),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        shared.timestamp("at"),
        shared.actor("actor"),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("notice_number", sa.Integer(), nullable=True),
        shared.foreign_key("numbering_events", "application_id", "numbering_applications"),
        shared.foreign_key("numbering_events", "resource_id", "numbering_resources"),
        shared.primary_key("numbering_events"),
    )
    op.create_index("ix_numbering_events_application_id", "numbering_events", ["application_id"])
    op.create_table(
        "numbering_notices",
        sa.Column("number", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("published_on", sa.Date(), nullable=False),
        shared.timestamp("published_at"),
        sa.Column("title", sa.Text(), nullable=False),
        shared.actor("published_by"),
        shared.primary_key("numbering_notices", "number"),
    )
    op.create_table(
        "numbering_notice_entries",
        shared.integer_id(),
        sa.Column("notice_number", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(8), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("code", sa.String(16), nullable=False),
        sa.Column("holder", sa.Text(), nullable=False),
        sa.Column("country", sa.String(2), nullable=True),
        shared.foreign_key(
            "numbering_notice_entries", "notice_number", "numbering_notices", key="number"
        ),
        shared.primary_key("numbering_notice_entries"),
    )
    op.create_table(
        "numbering_locks",
        sa.Column("name", sa.String(16), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        shared.primary_key("numbering_locks", "name"),
    )
    op.bulk_insert(
        sa.table("numbering_locks", sa.column("name", sa.String), sa.column("version", sa.Integer)),
        [{"name": "allocation", "version": 0}],
    )
    shared.create_append_only("numbering_events")


def downgrade() -> None:
    shared.drop_append_only("numbering_events")
    for table in (
        "numbering_locks",
        "numbering_notice_entries",
        "numbering_notices",
        "numbering_events",
        "numbering_resources",
        "numbering_applications",
    ):
        op.drop_table(table)
