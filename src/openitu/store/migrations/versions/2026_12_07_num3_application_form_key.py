"""Numbering: an application remembers the one-time key of the form (or request) that sent
it, so that the same form sent twice answers with the application it made the first time."""

import sqlalchemy as sa
from alembic import op

revision = "num3_application_form_key"
down_revision = "num2_drop_numbering_locks"


def upgrade() -> None:
    op.add_column("numbering_applications", sa.Column("form_key", sa.String(64), nullable=True))
    # A unique index rather than a constraint: SQLite adds one without rebuilding the table.
    op.create_index(
        "ix_numbering_applications_form_key",
        "numbering_applications",
        ["submitted_by", "form_key"],
        unique=True,
    )


def downgrade() -> None:
    op.drop_index("ix_numbering_applications_form_key", table_name="numbering_applications")
    op.drop_column("numbering_applications", "form_key")
