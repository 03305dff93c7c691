"""Register: an index on the necessary bandwidth, so that the examination's widest-recorded-
bandwidth look-up reads one index entry instead of every assignment."""

from alembic import op

revision = "reg2_bandwidth_index"
down_revision = "reg1_register"


def upgrade() -> None:
    op.create_index(
        "ix_register_assignments_bandwidth",
        "register_assignments",
        ["status", "necessary_bandwidth_hz"],
    )


def downgrade() -> None:
    op.drop_index("ix_register_assignments_bandwidth", table_name="register_assignments")
