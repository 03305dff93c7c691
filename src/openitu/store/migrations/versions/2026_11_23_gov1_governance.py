"""Governance: members, dues, payments, budgets, conferences, delegations, proposals, votes."""

import sqlalchemy as sa
from alembic import op

from openitu.store.migrations import shared

revision = "gov1_governance"
down_revision = "0001_baseline"
branch_labels = ("governance",)


def upgrade() -> None:
    op.create_table(
        "governance_members",
        shared.integer_id(),
        sa.Column("kind", sa.String(16), nullable=False),
        shared.administration("iso2", nullable=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("country", sa.String(2), nullable=True),
        sa.Column("sector", sa.String(8), nullable=True),
        sa.Column("admitted", sa.Date(), nullable=False),
        sa.Column("left_on", sa.Date(), nullable=True),
        sa.Column("least_developed", sa.Boolean(), nullable=False),
        sa.Column("unit_class", sa.String(8), nullable=True),
        sa.Column("gni_usd", sa.BigInteger(), nullable=True),
        sa.Column("suspension_notified", sa.Date(), nullable=True),
        shared.primary_key("governance_members"),
        sa.UniqueConstraint("iso2", name="uq_governance_members_iso2"),
    )
    op.create_table(
        "governance_dues",
        shared.integer_id(),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("amount_cents", sa.BigInteger(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("units", sa.String(8), nullable=True),
        shared.foreign_key("governance_dues", "member_id", "governance_members"),
        shared.primary_key("governance_dues"),
        sa.UniqueConstraint("member_id", "year", name="uq_governance_dues_member_id"),
    )
    op.create_index("ix_governance_dues_member_id", "governance_dues", ["member_id"])
    op.create_table(
        "governance_payments",
        shared.integer_id(),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("amount_cents", sa.BigInteger(), nullable=False),
        sa.Column("paid_on", sa.Date(), nullable=False),
        sa.Column("reference", sa.Text(), nullable=False),
        shared.foreign_key("governance_payments", "member_id", "governance_members"),
        shared.primary_key("governance_payments"),
    )
    op.create_index("ix_governance_payments_member_id", "governance_payments", ["member_id"])
    op.create_table(
        "governance_budgets",
        shared.integer_id(),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("amount_cents", sa.BigInteger(), nullable=False),
        *shared.done_by("adopted"),
        shared.primary_key("governance_budgets"),
        sa.UniqueConstraint("year", name="uq_governance_budgets_year"),
    )
    op.create_table(
        "governance_conferences",
        shared.integer_id(),
        sa.Column("code", sa.String(40), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("place", sa.Text(), nullable=False),
        sa.Column("starts", sa.Date(), nullable=False),
        sa.Column("ends", sa.Date(), nullable=False),
        sa.Column("final_acts_edition", sa.String(64), nullable=True),
        shared.primary_key("governance_conferences"),
        sa.UniqueConstraint("code", name="uq_governance_conferences_code"),
    )
    op.create_table(
        "governance_agenda_items",
        shared.integer_id(),
        sa.Column("conference_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(16), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        shared.foreign_key("governance_agenda_items", "conference_id", "governance_conferences"),
        shared.primary_key("governance_agenda_items"),
        sa.UniqueConstraint(
            "conference_id", "number", name="uq_governance_agenda_items_conference_id"
        ),
    )
    op.create_table(
        "governance_delegations",
        shared.integer_id(),
        sa.Column("conference_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        shared.administration("state", nullable=True),
        sa.Column("representative", sa.String(64), nullable=True),
        sa.Column("credentials_accepted", sa.Boolean(), nullable=False),
        sa.Column("present", sa.Boolean(), nullable=False),
        shared.administration("proxy_for", nullable=True),
        shared.foreign_key("governance_delegations", "conference_id", "governance_conferences"),
        shared.foreign_key("governance_delegations", "member_id", "governance_members"),
        shared.primary_key("governance_delegations"),
        sa.UniqueConstraint("conference_id", "member_id", name="uq_governance_delegations_member"),
        sa.UniqueConstraint("conference_id", "proxy_for", name="uq_governance_delegations_proxy"),
        sa.UniqueConstraint(
            "conference_id", "representative", name="uq_governance_delegations_representative"
        ),
    )
    op.create_table(
        "governance_proposals",
        shared.integer_id(),
        sa.Column("conference_id", sa.Integer(), nullable=False),
        sa.Column("agenda_item_id", sa.Integer(), nullable=False),
        shared.administration("submitted_by"),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("amendments", sa.Text(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        shared.timestamp("submitted_at"),
        shared.foreign_key("governance_proposals", "conference_id", "governance_conferences"),
        shared.foreign_key("governance_proposals", "agenda_item_id", "governance_agenda_items"),
        shared.primary_key("governance_proposals"),
    )
    op.create_table(
        "governance_votes",
        shared.integer_id(),
        sa.Column("conference_id", sa.Integer(), nullable=False),
        sa.Column("proposal_id", sa.Integer(), nullable=True),
        sa.Column("question", sa.Text(), nullable=False),
        sa.Column("majority", sa.String(16), nullable=False),
        sa.Column("method", sa.String(16), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        shared.timestamp("opened_at"),
        shared.timestamp("closed_at", nullable=True),
        sa.Column("votes_for", sa.Integer(), nullable=False),
        sa.Column("votes_against", sa.Integer(), nullable=False),
        sa.Column("abstentions", sa.Integer(), nullable=False),
        sa.Column("accredited", sa.Integer(), nullable=True),
        sa.Column("present", sa.Integer(), nullable=True),
        sa.Column("outcome", sa.String(16), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        shared.foreign_key("governance_votes", "conference_id", "governance_conferences"),
        shared.foreign_key("governance_votes", "proposal_id", "governance_proposals"),
        shared.primary_key("governance_votes"),
    )
    op.create_table(
        "governance_ballots",
        shared.integer_id(),
        sa.Column("vote_id", sa.Integer(), nullable=False),
        shared.administration("state"),
        shared.administration("cast_by_delegation"),
        sa.Column("choice", sa.String(8), nullable=True),
        shared.timestamp("cast_at"),
        shared.foreign_key("governance_ballots", "vote_id", "governance_votes"),
        shared.primary_key("governance_ballots"),
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
