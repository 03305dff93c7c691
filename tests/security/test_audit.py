"""The audit chain: appended in the change's transaction, tampering found and named."""

from __future__ import annotations

import itertools
import json
import threading

import pytest
from security_support import run_openitu
from sqlalchemy import Connection, create_engine, text
from sqlalchemy.orm import Session, sessionmaker

from openitu.accounts.rights import Principal, Role
from openitu.store import audit, migrate
from openitu.store.db import make_engine, session_factory, unit_of_work
from openitu.usecases import accounts as account_usecases

ADMIN = Principal(role=Role.ADMIN, username="root", via="cli")


def _append(sessions: sessionmaker[Session], count: int, *, start: int = 0) -> None:
    for i in range(start, start + count):
        with sessions() as session, session.begin():
            audit.record(
                session,
                actor="tester",
                action="demo.write",
                entity="demo",
                entity_id=str(i),
                payload={"i": i, "text": "fréquence 2450 MHz"},
            )


def test_entries_chain_and_verify(sessions: sessionmaker[Session]) -> None:
    with sessions() as session:
        before, head_before = audit.head(session)
    _append(sessions, 5)
    with sessions() as session:
        assert audit.verify(session) is None
        after, head_after = audit.head(session)
        entries = audit.entries(session, entity="demo", after=before)
    assert after == before + 5 and head_after != head_before
    assert [e.entity_id for e in entries] == ["0", "1", "2", "3", "4"]
    for previous, entry in itertools.pairwise(entries):
        assert entry.prev_hash == previous.hash and entry.seq == previous.seq + 1
    assert entries[-1].hash == head_after
    assert entries[0].payload == {"i": 0, "text": "fréquence 2450 MHz"}


def test_a_rolled_back_change_leaves_no_entry(sessions: sessionmaker[Session]) -> None:
    with sessions() as session:
        before, _ = audit.head(session)
    with pytest.raises(RuntimeError), sessions() as session, session.begin():
        audit.record(session, actor="t", action="a", entity="e", entity_id="1", payload={})
        raise RuntimeError("the change failed after its audit entry")
    with sessions() as session:
        assert audit.head(session)[0] == before
        assert audit.verify(session) is None


@pytest.mark.parametrize(
    ("tamper", "reason"),
    [
        ("UPDATE audit_entries SET payload = :p WHERE seq = :s", "altered"),
        ("UPDATE audit_entries SET actor = 'mallory' WHERE seq = :s", "altered"),
        ("DELETE FROM audit_entries WHERE seq = :s", "missing"),
        ("UPDATE audit_entries SET prev_hash = hash WHERE seq = :s", "link"),
    ],
)
def test_tampering_in_the_database_is_found_at_its_entry(
    sessions: sessionmaker[Session], connection: Connection, tamper: str, reason: str
) -> None:
    with sessions() as session:
        before, _ = audit.head(session)
    _append(sessions, 4)
    target = before + 2
    params = {"s": target, "p": '{"i":99,"text":"fréquence 2450 MHz"}'}
    connection.execute(text(tamper), {k: v for k, v in params.items() if f":{k}" in tamper})
    with sessions() as session:
        broken = audit.verify(session)
    assert broken is not None
    assert broken.seq == target
    assert reason in broken.reason


def test_removing_the_newest_entries_is_found(
    sessions: sessionmaker[Session], connection: Connection
) -> None:
    with sessions() as session:
        before, _ = audit.head(session)
    _append(sessions, 3)
    connection.execute(text("DELETE FROM audit_entries WHERE seq > :s"), {"s": before + 1})
    with sessions() as session:
        broken = audit.verify(session)
    assert broken is not None and "head" in broken.reason


def test_payload_must_be_plain_json(sessions: sessionmaker[Session]) -> None:
    from openitu.errors import InvalidInput

    with pytest.raises(InvalidInput, match="payload"), sessions() as session, session.begin():
        audit.record(
            session, actor="t", action="a", entity="e", entity_id="1", payload={"x": object()}
        )


def test_concurrent_appends_form_one_chain(fresh_database_url: str) -> None:
    """Writers in parallel threads, each its own connection: no fork, no gap."""
    engine = make_engine(fresh_database_url)
    migrate.upgrade(engine)
    factory = session_factory(engine)
    errors: list[BaseException] = []

    def writer(k: int) -> None:
        try:
            _append(factory, 15, start=k * 100)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(k,)) for k in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with factory() as session:
        assert audit.head(session)[0] == 60
        assert audit.verify(session) is None
    engine.dispose()


def test_cli_audit_verify_exits_1_naming_the_tampered_entry(fresh_database_url: str) -> None:
    engine = make_engine(fresh_database_url)
    migrate.upgrade(engine)
    with unit_of_work(session_factory(engine)) as session:
        for name in ("alice", "bob", "carol"):
            account_usecases.create_user(
                session, principal=ADMIN, username=name, password="a long enough pass", role="admin"
            )
    intact = run_openitu(fresh_database_url, "audit", "verify", "--json")
    assert intact.returncode == 0, intact.stderr
    assert json.loads(intact.stdout)["intact"] is True
    assert json.loads(intact.stdout)["entries"] == 3
    # Someone with database access edits the second entry (bob becomes secretariat).
    raw = create_engine(fresh_database_url)
    with raw.begin() as connection:
        connection.execute(
            text("UPDATE audit_entries SET payload = :p WHERE seq = 2"),
            {"p": '{"administration":null,"proxy_for":null,"role":"secretariat"}'},
        )
    raw.dispose()
    broken = run_openitu(fresh_database_url, "audit", "verify")
    assert broken.returncode == 1
    assert broken.stdout == ""
    assert broken.stderr.strip().splitlines() == [
        "error: audit chain broken at audit entry 2: its content does not match its hash (altered)"
    ]
    engine.dispose()
