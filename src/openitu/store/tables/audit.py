"""The audit log: append-only entries chained by SHA-256, and the chain's head.

``audit_head`` holds one row (id 1): the sequence number and hash of the newest
entry. Appending locks it (an UPDATE, which takes the row lock on PostgreSQL and the
database's write lock on SQLite), so that concurrent appends form one chain.
"""

from __future__ import annotations

from sqlalchemy import BigInteger, CheckConstraint, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from openitu.store.base import Base
from openitu.store.tables.columns import Actor

GENESIS_HASH = "0" * 64


class AuditEntryRow(Base):
    __tablename__ = "audit_entries"

    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    recorded_at: Mapped[str] = mapped_column(String(32))
    actor: Mapped[Actor]
    action: Mapped[str] = mapped_column(String(64))
    entity: Mapped[str] = mapped_column(String(64), index=True)
    entity_id: Mapped[str] = mapped_column(String(128))
    payload: Mapped[str] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    rows: Mapped[str | None] = mapped_column(Text)
    """Canonical JSON {"table:[primary key]": SHA-256 of the row, or null when absent}:
    the audited rows the change wrote, as written (store/audited.py). Part of the hashed
    content; NULL for entries that vouch for no row (and those from before acc2)."""


class AuditHeadRow(Base):
    __tablename__ = "audit_head"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    seq: Mapped[int] = mapped_column(BigInteger)
    hash: Mapped[str] = mapped_column(String(64))
