"""Indicators: one row per figure (country, indicator, year, source).

Revision ID: ind1_indicators
Revises: 0001_baseline
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "ind1_indicators"
down_revision: str | Sequence[str] | None = "0001_baseline"
branch_labels: str | Sequence[str] | None = ("indicators",)
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "indicator_values",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("country", sa.String(2), nullable=False),
        sa.Column("indicator", sa.String(48), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("source", sa.String(32), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_indicator_values"),
        sa.UniqueConstraint(
            "country",
            "indicator",
            "year",
            "source",
            name="uq_indicator_values_country",
        ),
    )
    op.create_index("ix_indicator_values_indicator", "indicator_values", ["indicator"])


def downgrade() -> None:
    op.drop_index("ix_indicator_values_indicator", table_name="indicator_values")
    op.drop_table("indicator_values")
