"""Governance: conference documents and the agenda items they address."""

import sqlalchemy as sa
from alembic import op

from openitu.store.migrations import shared

revision = "gov3_documents"
down_revision = "gov2_majorities"


def upgrade() -> None:
    op.create_table(
        "governance_documents",
        shared.integer_id(),
        sa.Column("conference_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(48), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("source_member_id", sa.Integer(), nullable=True),
        sa.Column("received", sa.Date(), nullable=False),
        sa.Column("language", sa.String(2), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("filename", sa.String(200), nullable=True),
        sa.Column("size_bytes", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        *shared.done_by("submitted"),
        shared.foreign_key("governance_documents", "conference_id", "governance_conferences"),
        shared.foreign_key("governance_documents", "source_member_id", "governance_members"),
        shared.primary_key("governance_documents"),
        sa.UniqueConstraint("conference_id", "number", name="uq_governance_documents_number"),
    )
    op.create_table(
        "governance_document_items",
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("agenda_item_id", sa.Integer(), nullable=False),
        shared.foreign_key("governance_document_items", "document_id", "governance_documents"),
        sa.ForeignKeyConstraint(
            ["agenda_item_id"],
            ["governance_agenda_items.id"],
            name="fk_governance_document_items_agenda_item",
        ),
        shared.primary_key("governance_document_items", "document_id", "agenda_item_id"),
    )


def downgrade() -> None:
    op.drop_table("governance_document_items")
    op.drop_table("governance_documents")
