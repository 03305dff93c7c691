"""Numbering: resources register, applications, append-only events, change notices.

Revision ID: num1_numbering
Revises: 0001_baseline
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "num1_numbering"
down_revision: str | Sequence[str] | None = "0001_baseline"
branch_labels: str | Sequence[str] | None = ("numbering",)
depends_on: str | Sequence[str] | None = None

APPEND_ONLY = "numbering_events is append-only"


def upgrade() -> None:
    op.create_table(
        "numbering_applications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("code", sa.String(16), nullable=False),
        sa.Column("applicant", sa.String(2), nullable=False),
        sa.Column("holder", sa.Text(), nullable=False),
        sa.Column("purpose", sa.Text(), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("submitted_by", sa.String(128), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_numbering_applications"),
    )
    op.create_index(
        "ix_numbering_applications_kind_code", "numbering_applications", ["kind", "code"]
    )
    op.create_table(
        "numbering_resources",
        sa.Column("id", sa.Integer(), nullable=False),
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
        sa.Column("since", sa.DateTime(timezone=True), nullable=True),
        sa.Column("until", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["numbering_applications.id"],
            name="fk_numbering_resources_application_id_numbering_applications",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_numbering_resources"),
        sa.UniqueConstraint("kind", "active_code", name="uq_numbering_resources_active"),
    )
    op.create_index("ix_numbering_resources_kind_plan", "numbering_resources", ["kind", "plan"])
    op.create_index("ix_numbering_resources_country", "numbering_resources", ["country"])
    op.create_table(
        "numbering_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=True),
        sa.Column("resource_id", sa.Integer(), nullable=True),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(128), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("notice_number", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["numbering_applications.id"],
            name="fk_numbering_events_application_id_numbering_applications",
        ),
        sa.ForeignKeyConstraint(
            ["resource_id"],
            ["numbering_resources.id"],
            name="fk_numbering_events_resource_id_numbering_resources",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_numbering_events"),
    )
    op.create_index("ix_numbering_events_application_id", "numbering_events", ["application_id"])
    op.create_table(
        "numbering_notices",
        sa.Column("number", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("published_on", sa.Date(), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("published_by", sa.String(128), nullable=False),
        sa.PrimaryKeyConstraint("number", name="pk_numbering_notices"),
    )
    op.create_table(
        "numbering_notice_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("notice_number", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(8), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("code", sa.String(16), nullable=False),
        sa.Column("holder", sa.Text(), nullable=False),
        sa.Column("country", sa.String(2), nullable=True),
        sa.ForeignKeyConstraint(
            ["notice_number"],
            ["numbering_notices.number"],
            name="fk_numbering_notice_entries_notice_number_numbering_notices",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_numbering_notice_entries"),
    )
    op.create_table(
        "numbering_locks",
        sa.Column("name", sa.String(16), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("name", name="pk_numbering_locks"),
    )
    op.bulk_insert(
        sa.table("numbering_locks", sa.column("name", sa.String), sa.column("version", sa.Integer)),
        [{"name": "allocation", "version": 0}],
    )
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        op.execute(
            f"""
            CREATE FUNCTION numbering_events_append_only() RETURNS trigger AS $$
            BEGIN
                RAISE EXCEPTION '{APPEND_ONLY}';
            END;
            $$ LANGUAGE plpgsql
            """
        )
        op.execute(
            "CREATE TRIGGER numbering_events_append_only BEFORE UPDATE OR DELETE "
            "ON numbering_events FOR EACH ROW EXECUTE FUNCTION numbering_events_append_only()"
        )
    else:
        for verb in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER numbering_events_no_{verb.lower()} BEFORE {verb} "
                f"ON numbering_events BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY}'); END"
            )


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS numbering_events_append_only ON numbering_events")
        op.execute("DROP FUNCTION IF EXISTS numbering_events_append_only()")
    for table in (
        "numbering_locks",
        "numbering_notice_entries",
        "numbering_notices",
        "numbering_events",
        "numbering_resources",
        "numbering_applications",
    ):
        op.drop_table(table)
