"""Baseline: an empty schema that every later revision builds on."""

revision = "0001_baseline"
down_revision = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
