"""Library: the publications catalogue and its full-text index.

SQLite: an FTS5 table over reference, title, keywords and abstract (porter stemming),
kept in step by triggers. PostgreSQL: a stored generated tsvector (english, weighted
A reference/title, B keywords, C abstract) with a GIN index.
"""

import sqlalchemy as sa
from alembic import op

from openitu.store.migrations import shared

revision = "lib1_library"
down_revision = "0001_baseline"
branch_labels = ("library",)

_PG_SEARCH = (
    "setweight(to_tsvector('english', reference || ' ' || title), 'A') || "
    "setweight(to_tsvector('english', keywords), 'B') || "
    "setweight(to_tsvector('english', abstract), 'C')"
)
_FTS_COLUMNS = "reference, title, keywords, abstract"


def upgrade() -> None:
    op.create_table(
        "library_publications",
        shared.integer_id(),
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("sector", sa.String(1), nullable=False),
        sa.Column("series", sa.String(3), nullable=False),
        sa.Column("number", sa.String(16), nullable=False),
        sa.Column("reference", sa.String(64), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("version", sa.String(64), nullable=True),
        sa.Column("approved", sa.String(7), nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("superseded_by", sa.Text(), nullable=False),
        sa.Column("study_group", sa.String(32), nullable=True),
        sa.Column("keywords", sa.Text(), nullable=False),
        sa.Column("abstract", sa.Text(), nullable=False),
        shared.primary_key("library_publications"),
        sa.UniqueConstraint("key", name="uq_library_publications_key"),
    )
    op.create_index(
        "ix_library_publications_sector_series", "library_publications", ["sector", "series"]
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "ALTER TABLE library_publications ADD COLUMN search tsvector "
            f"GENERATED ALWAYS AS ({_PG_SEARCH}) STORED"
        )
        op.execute(
            "CREATE INDEX ix_library_publications_search ON library_publications USING gin (search)"
        )
        return
    op.execute(
        f"CREATE VIRTUAL TABLE library_search USING fts5({_FTS_COLUMNS}, "
        "content='library_publications', content_rowid='id', tokenize='porter unicode61')"
    )
    new = "new.reference, new.title, new.keywords, new.abstract"
    old = "old.reference, old.title, old.keywords, old.abstract"
    op.execute(
        "CREATE TRIGGER library_search_insert AFTER INSERT ON library_publications BEGIN "
        f"INSERT INTO library_search(rowid, {_FTS_COLUMNS}) VALUES (new.id, {new}); END"
    )
    op.execute(
        "CREATE TRIGGER library_search_delete AFTER DELETE ON library_publications BEGIN "
        f"INSERT INTO library_search(library_search, rowid, {_FTS_COLUMNS}) "
        f"VALUES ('delete', old.id, {old}); END"
    )
    op.execute(
        "CREATE TRIGGER library_search_update AFTER UPDATE ON library_publications BEGIN "
        f"INSERT INTO library_search(library_search, rowid, {_FTS_COLUMNS}) "
        f"VALUES ('delete', old.id, {old}); "
        f"INSERT INTO library_search(rowid, {_FTS_COLUMNS}) VALUES (new.id, {new}); END"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        for trigger in ("insert", "delete", "update"):
            op.execute(f"DROP TRIGGER IF EXISTS library_search_{trigger}")
        op.execute("DROP TABLE IF EXISTS library_search")
    op.drop_index("ix_library_publications_sector_series", table_name="library_publications")
    op.drop_table("library_publications")
