"""A row's audit digest passes NULL columns over, so that a nullable column a later
revision adds does not make `openitu audit verify --rows` name every older row; a digest
recorded the earlier way (NULLs as null) still vouches for its row; a value changed to
NULL outside the application is still caught."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Column, Integer, MetaData, Table, Text, create_engine, select, text, update
from sqlalchemy.orm import Session

from databases import fresh_database
from openitu.accounts.rights import Principal, Role
from openitu.store import audit, audited, migrate
from openitu.store.db import make_engine, session_factory, unit_of_work
from openitu.store.tables.accounts import UserRow
from openitu.store.tables.audit import AuditEntryRow, AuditHeadRow
from openitu.usecases import accounts as account_usecases

ADMIN = Principal(role=Role.ADMIN, username="cli:digests", via="cli")
ENTRIES: Table = AuditEntryRow.__table__  # type: ignore[assignment]
HEAD: Table = AuditHeadRow.__table__  # type: ignore[assignment]


def _things(metadata: MetaData, *extra: Column[str]) -> Table:
    return Table(
        "things",
        metadata,
        Column("id", Integer, primary_key=True),
        Column("name", Text),
        Column("note", Text, nullable=True),
        *extra,
    )


def test_a_column_added_later_leaves_the_digest_and_a_new_null_changes_it() -> None:
    engine = create_engine("sqlite://")
    before = _things(MetaData())
    before.create(engine)
    with engine.begin() as connection:
        connection.execute(before.insert().values(id=1, name="FM Strasbourg", note="kept"))
        recorded = audited.row_digest(before, connection.execute(select(before)).one())
        # A later revision adds a nullable column; the model gains it.
        connection.execute(text("ALTER TABLE things ADD COLUMN licence TEXT"))
        after = _things(MetaData(), Column("licence", Text, nullable=True))
        row = connection.execute(select(after)).one()
        assert audited.row_digest(after, row) == recorded
        # The digest as entries recorded it before would have moved: the reason for the change.
        assert audited.nulls_row_digest(after, row) != audited.nulls_row_digest(
            before, connection.execute(select(before)).one()
        )
        connection.execute(update(after).values(note=None))
        assert audited.row_digest(after, connection.execute(select(after)).one()) != recorded
        connection.execute(update(after).values(note="kept", licence="L-1"))
        assert audited.row_digest(after, connection.execute(select(after)).one()) != recorded
    engine.dispose()


@pytest.fixture
def migrated(tmp_path: Path) -> Iterator[str]:
    with fresh_database("sqlite", tmp_path, label="digests") as url:
        engine = make_engine(url)
        migrate.upgrade(engine)
        engine.dispose()
        yield url


def _append_as_before(session: Session, *, entity: str, entity_id: str, rows: str) -> None:
    """An entry as `audit.record` wrote it before digests passed NULLs over: the same
    chain, the digests given."""
    head = session.execute(select(HEAD)).one()
    content = {
        "prev_hash": str(head.hash), "seq": int(head.seq) + 1,
        "recorded_at": "2026-12-07T12:00:00.000000Z", "actor": "cli:digests",
        "action": "account.update", "entity": entity, "entity_id": entity_id,
        "payload": "{}", "rows": rows,
    }  # fmt: skip
    digest = audit.entry_hash(**content)
    session.execute(ENTRIES.insert().values(**content, hash=digest))
    session.execute(HEAD.update().values(seq=content["seq"], hash=digest))


def test_digests_recorded_with_nulls_still_vouch_for_their_rows(migrated: str) -> None:
    engine = make_engine(migrated)
    sessions = session_factory(engine)
    with unit_of_work(sessions) as session:
        account_usecases.create_user(session, principal=ADMIN, username="clerk-digests",
                                     password="a long enough pass", role="secretariat",
                                     administration=None)  # fmt: skip
    users = audited.COVERED["account_users"]
    with unit_of_work(sessions) as session:
        assert audit.verify_rows(session) == []
        row = session.execute(select(users).where(UserRow.username == "clerk-digests")).one()
        assert row.administration is None  # so that the two ways of digesting differ
        nulls = audited.nulls_row_digest(users, row)
        assert nulls != audited.row_digest(users, row)
        key = audited.key_text(("account_users", (row.id,)))
        _append_as_before(session, entity="account", entity_id="clerk-digests",
                          rows=audit.canonical_json({key: nulls}))  # fmt: skip
    with unit_of_work(sessions) as session:
        assert audit.verify(session) is None
        assert audit.verify_rows(session) == []
        session.execute(update(users).where(users.c.id == row.id).values(role="admin"))
        changed = audit.verify_rows(session)
        assert [(c.table, c.key, c.reason) for c in changed] == [
            ("account_users", (row.id,), "changed outside the application")
        ]
    engine.dispose()
