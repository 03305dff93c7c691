"""Governance: conference documents and the agenda items they address.

Revision ID: gov3_documents
Revises: gov2_majorities
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "gov3_documents"
down_revision: str | Sequence[str] | None = "gov2_majorities"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _fk(column: str, table: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [f"{target}.id"], name=f"fk_{table}_{column}_{target}")


def upgrade() -> None:
    op.create_table(
        "governance_documents",
        sa.Column("id", sa.Integer(), nullable=False),
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
        sa.Column("submitted_by", sa.String(128), nullable=False),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=False),
        _fk("conference_id", "governance_documents", "governance_conferences"),
        _fk("source_member_id", "governance_documents", "governance_members"),
        sa.PrimaryKeyConstraint("id", name="pk_governance_documents"),
        sa.UniqueConstraint("conference_id", "number", name="uq_governance_documents_number"),
    )
    op.create_table(
        "governance_document_items",
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("agenda_item_id", sa.Integer(), nullable=False),
        _fk("document_id", "governance_document_items", "governance_documents"),
        sa.ForeignKeyConstraint(
            ["agenda_item_id"],
            ["governance_agenda_items.id"],
            name="fk_governance_document_items_agenda_item",
        ),
        sa.PrimaryKeyConstraint(
            "document_id", "agenda_item_id", name="pk_governance_document_items"
        ),
    )


def downgrade() -> None:
    op.drop_table("governance_document_items")
    op.drop_table("governance_documents")
