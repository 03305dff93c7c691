"""Governance: members, dues, payments, budgets, conferences, delegations, proposals, votes.

Revision ID: gov1_governance
Revises: 0001_baseline
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "gov1_governance"
down_revision: str | Sequence[str] | None = "0001_baseline"
branch_labels: str | Sequence[str] | None = ("governance",)
depends_on: str | Sequence[str] | None = None


def _id() -> sa.Column[int]:
    return sa.Column("id", sa.Integer(), nullable=False)


def _fk(column: str, table: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [f"{target}.id"], name=f"fk_{table}_{column}_{target}")


def upgrade() -> None:
    op.create_table(
        "governance_members",
        _id(),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("iso2", sa.String(2), nullable=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("country", sa.String(2), nullable=True),
        sa.Column("sector", sa.String(8), nullable=True),
        sa.Column("admitted", sa.Date(), nullable=False),
        sa.Column("left_on", sa.Date(), nullable=True),
        sa.Column("least_developed", sa.Boolean(), nullable=False),
        sa.Column("unit_class", sa.String(8), nullable=True),
        sa.Column("gni_usd", sa.BigInteger(), nullable=True),
        sa.Column("suspension_notified", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_governance_members"),
        sa.UniqueConstraint("iso2", name="uq_governance_members_iso2"),
    )
    op.create_table(
        "governance_dues",
        _id(),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("amount_cents", sa.BigInteger(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("units", sa.String(8), nullable=True),
        _fk("member_id", "governance_dues", "governance_members"),
        sa.PrimaryKeyConstraint("id", name="pk_governance_dues"),
        sa.UniqueConstraint("member_id", "year", name="uq_governance_dues_member_id"),
    )
    op.create_index("ix_governance_dues_member_id", "governance_dues", ["member_id"])
    op.create_table(
        "governance_payments",
        _id(),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("amount_cents", sa.BigInteger(), nullable=False),
        sa.Column("paid_on", sa.Date(), nullable=False),
        sa.Column("reference", sa.Text(), nullable=False),
        _fk("member_id", "governance_payments", "governance_members"),
        sa.PrimaryKeyConstraint("id", name="pk_governance_payments"),
    )
    op.create_index("ix_governance_payments_member_id", "governance_payments", ["member_id"])
    op.create_table(
        "governance_budgets",
        _id(),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("amount_cents", sa.BigInteger(), nullable=False),
        sa.Column("adopted_by", sa.String(128), nullable=False),
        sa.Column("adopted_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_governance_budgets"),
        sa.UniqueConstraint("year", name="uq_governance_budgets_year"),
    )
    op.create_table(
        "governance_conferences",
        _id(),
        sa.Column("code", sa.String(40), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("place", sa.Text(), nullable=False),
        sa.Column("starts", sa.Date(), nullable=False),
        sa.Column("ends", sa.Date(), nullable=False),
        sa.Column("final_acts_edition", sa.String(64), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_governance_conferences"),
        sa.UniqueConstraint("code", name="uq_governance_conferences_code"),
    )
    op.create_table(
        "governance_agenda_items",
        _id(),
        sa.Column("conference_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(16), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        _fk("conference_id", "governance_agenda_items", "governance_conferences"),
        sa.PrimaryKeyConstraint("id", name="pk_governance_agenda_items"),
        sa.UniqueConstraint(
            "conference_id", "number", name="uq_governance_agenda_items_conference_id"
        ),
    )
    op.create_table(
        "governance_delegations",
        _id(),
        sa.Column("conference_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(2), nullable=True),
        sa.Column("representative", sa.String(64), nullable=True),
        sa.Column("credentials_accepted", sa.Boolean(), nullable=False),
        sa.Column("present", sa.Boolean(), nullable=False),
        sa.Column("proxy_for", sa.String(2), nullable=True),
        _fk("conference_id", "governance_delegations", "governance_conferences"),
        _fk("member_id", "governance_delegations", "governance_members"),
        sa.PrimaryKeyConstraint("id", name="pk_governance_delegations"),
        sa.UniqueConstraint("conference_id", "member_id", name="uq_governance_delegations_member"),
        sa.UniqueConstraint("conference_id", "proxy_for", name="uq_governance_delegations_proxy"),
        sa.UniqueConstraint(
            "conference_id", "representative", name="uq_governance_delegations_representative"
        ),
    )
    op.create_table(
        "governance_proposals",
        _id(),
        sa.Column("conference_id", sa.Integer(), nullable=False),
        sa.Column("agenda_item_id", sa.Integer(), nullable=False),
        sa.Column("submitted_by", sa.String(2), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("amendments", sa.Text(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=False),
        _fk("conference_id", "governance_proposals", "governance_conferences"),
        _fk("agenda_item_id", "governance_proposals", "governance_agenda_items"),
        sa.PrimaryKeyConstraint("id", name="pk_governance_proposals"),
    )
    op.create_table(
        "governance_votes",
        _id(),
        sa.Column("conference_id", sa.Integer(), nullable=False),
        sa.Column("proposal_id", sa.Integer(), nullable=True),
        sa.Column("question", sa.Text(), nullable=False),
        sa.Column("majority", sa.String(16), nullable=False),
        sa.Column("method", sa.String(16), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("votes_for", sa.Integer(), nullable=False),
        sa.Column("votes_against", sa.Integer(), nullable=False),
        sa.Column("abstentions", sa.Integer(), nullable=False),
        sa.Column("accredited", sa.Integer(), nullable=True),
        sa.Column("present", sa.Integer(), nullable=True),
        sa.Column("outcome", sa.String(16), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        _fk("conference_id", "governance_votes", "governance_conferences"),
        _fk("proposal_id", "governance_votes", "governance_proposals"),
        sa.PrimaryKeyConstraint("id", name="pk_governance_votes"),
    )
    op.create_table(
        "governance_ballots",
        _id(),
        sa.Column("vote_id", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(2), nullable=False),
        sa.Column("cast_by_delegation", sa.String(2), nullable=False),
        sa.Column("choice", sa.String(8), nullable=True),
        sa.Column("cast_at", sa.DateTime(timezone=True), nullable=False),
        _fk("vote_id", "governance_ballots", "governance_votes"),
        sa.PrimaryKeyConstraint("id", name="pk_governance_ballots"),
        sa.UniqueConstraint("vote_id", "state", name="uq_governance_ballots_vote_id"),
    )


def downgrade() -> None:
    for table in (
        "governance_ballots",
        "governance_votes",
        "governance_proposals",
        "governance_delegations",
        "governance_agenda_items",
        "governance_conferences",
        "governance_budgets",
        "governance_payments",
        "governance_dues",
        "governance_members",
    ):
        op.drop_table(table)
