"""Accounts, API tokens, web sessions, secrets and the hash-chained audit log."""

import sqlalchemy as sa
from alembic import op

from openitu.store.migrations import shared

revision = "acc1_accounts_audit"
down_revision = "0001_baseline"
branch_labels = ("accounts",)

GENESIS_HASH = "0" * 64
ROLES = "'notifying_officer', 'secretariat', 'delegate', 'admin'"


def upgrade() -> None:
    op.create_table(
        "account_users",
        shared.integer_id(),
        sa.Column("username", sa.String(64), nullable=False),
        sa.Column("password_hash", sa.String(255), nullable=False),
        sa.Column("role", sa.String(32), nullable=False),
        shared.administration(nullable=True),
        shared.administration("proxy_for", nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        shared.timestamp("created_at"),
        sa.CheckConstraint(f"role IN ({ROLES})", name="ck_account_users_role"),
        sa.CheckConstraint(
            "(role NOT IN ('notifying_officer', 'delegate')) OR administration IS NOT NULL",
            name="ck_account_users_administration",
        ),
        shared.primary_key("account_users"),
        sa.UniqueConstraint("username", name="uq_account_users_username"),
    )
    op.create_table(
        "account_tokens",
        shared.integer_id(),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("digest", sa.String(64), nullable=False),
        sa.Column("prefix", sa.String(16), nullable=False),
        sa.Column("scopes", sa.Text(), nullable=False),
        *shared.lifetime(),
        shared.timestamp("revoked_at", nullable=True),
        shared.foreign_key("account_tokens", "user_id", "account_users"),
        shared.primary_key("account_tokens"),
        sa.UniqueConstraint("digest", name="uq_account_tokens_digest"),
    )
    op.create_index("ix_account_tokens_user_id", "account_tokens", ["user_id"])
    op.create_table(
        "account_sessions",
        shared.integer_id(),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("digest", sa.String(64), nullable=False),
        *shared.lifetime(),
        shared.timestamp("ended_at", nullable=True),
        shared.foreign_key("account_sessions", "user_id", "account_users"),
        shared.primary_key("account_sessions"),
        sa.UniqueConstraint("digest", name="uq_account_sessions_digest"),
    )
    op.create_index("ix_account_sessions_user_id", "account_sessions", ["user_id"])
    op.create_table(
        "account_secrets",
        sa.Column("name", sa.String(64), nullable=False),
        sa.Column("value", sa.String(128), nullable=False),
        shared.primary_key("account_secrets", "name"),
    )
    op.create_table(
        "audit_entries",
        sa.Column("seq", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("recorded_at", sa.String(32), nullable=False),
        shared.actor("actor"),
        sa.Column("action", sa.String(64), nullable=False),
        sa.Column("entity", sa.String(64), nullable=False),
        sa.Column("entity_id", sa.String(128), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        shared.primary_key("audit_entries", "seq"),
    )
    op.create_index("ix_audit_entries_entity", "audit_entries", ["entity"])
    head = op.create_table(
        "audit_head",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.CheckConstraint("id = 1", name="ck_audit_head_single_row"),
        shared.primary_key("audit_head"),
    )
    op.bulk_insert(head, [{"id": 1, "seq": 0, "hash": GENESIS_HASH}])


def downgrade() -> None:
    op.drop_table("audit_head")
    op.drop_index("ix_audit_entries_entity", table_name="audit_entries")
    op.drop_table("audit_entries")
    op.drop_table("account_secrets")
    op.drop_index("ix_account_sessions_user_id", table_name="account_sessions")
    op.drop_table("account_sessions")
    op.drop_index("ix_account_tokens_user_id", table_name="account_tokens")
    op.drop_table("account_tokens")
    op.drop_table("account_users")
