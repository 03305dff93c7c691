"""Many notices at once: real HTTP clients against `openitu serve --workers 2` on a
database of its own (a SQLite file, a PostgreSQL database). Every notice gets a date of
receipt (its priority) that is unique and strictly ordered in the order the register
wrote them, whatever worker took the request; repeats of the same notice during the race
stay one notice; the audit chain verifies.

Four administrations' officers each send single notices on the same overlapping
frequencies, plus one batch, their threads released together at a barrier."""

from __future__ import annotations

import itertools
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from databases import fresh_database
from governance_helpers import ServerFor
from openitu.accounts import Role
from openitu.store import audit, migrate
from openitu.store.db import make_engine, session_factory
from openitu.store.register import utc
from openitu.store.tables.register import RegisterEvent
from register_fixtures import fixed_link, issue_token

STATES = ("FR", "DE", "CH", "BE")
SINGLES = 6
BATCH = 20


@pytest.fixture(params=["sqlite", "postgresql"])
def fresh_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A migrated database of its own (tests/databases.py), dropped afterwards."""
    with fresh_database(request.param, tmp_path, label="reg") as url:
        engine = make_engine(url)
        try:
            migrate.upgrade(engine)
        finally:
            engine.dispose()
        yield url


@pytest.fixture
def server(fresh_url: str, server_for: ServerFor) -> str:
    """`openitu serve --workers 2` on the test's database (tests/conftest.py)."""
    return server_for(fresh_url, workers=2)


def test_dates_of_receipt_are_unique_and_ordered_under_a_race(fresh_url: str, server: str) -> None:
    engine = make_engine(fresh_url)
    sessions = session_factory(engine)
    tokens = {}
    with sessions() as session, session.begin():
        for state in STATES:
            tokens[state] = issue_token(session, f"race-{state.lower()}",
                                        Role.NOTIFYING_OFFICER, state)  # fmt: skip
    clients = {
        state: httpx.Client(base_url=server, timeout=120,
                            headers={"Authorization": f"Bearer {tokens[state]}"})
        for state in STATES
    }  # fmt: skip
    answers: dict[str, list[Any]] = {state: [] for state in STATES}
    barrier = threading.Barrier(len(STATES))

    def officer(state: str) -> None:
        client = clients[state]
        barrier.wait()
        for n in range(SINGLES):
            # Every officer on the same 6 175 MHz channel; the first notice sent twice.
            notice = fixed_link(state, f"{state}-RACE-{min(n, SINGLES - 2)}")
            answers[state].append(client.post("/api/register/notices", json=notice))
        batch = [fixed_link(state, f"{state}-BATCH-{n}", frequency_hz=6_175e6 + n * 1e6)
                 for n in range(BATCH)]  # fmt: skip
        answers[state].append(client.post("/api/register/notices", json=batch))

    try:
        for client in clients.values():  # both workers' connections warm
            assert client.get("/api/register/notices").status_code == 200
        threads = [threading.Thread(target=officer, args=(s,)) for s in STATES]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=300)
    finally:
        for client in clients.values():
            client.close()

    dates = []
    for state in STATES:
        *singles, batch = answers[state]
        assert [r.status_code for r in singles] == [201] * SINGLES, [r.text for r in singles]
        assert batch.status_code == 200 and batch.json()["rejected"] == []
        outcomes = [r.json()["outcome"] for r in singles]
        assert outcomes == ["new"] * (SINGLES - 1) + ["unchanged"]  # the repeat is idempotent
        dates += [r.json()["date_of_receipt"] for r in singles[:-1]]
        dates += [a["date_of_receipt"] for a in batch.json()["accepted"]]
    expected = len(STATES) * (SINGLES - 1 + BATCH)
    assert len(dates) == expected and len(set(dates)) == expected

    with sessions() as session:
        rows = session.execute(
            select(RegisterEvent.id, RegisterEvent.received_at).order_by(RegisterEvent.id)
        ).all()
        assert len(rows) == expected
        written = [utc(received) for _, received in rows]
        # In the order the register wrote them, each date is later than the one before.
        assert all(a < b for a, b in itertools.pairwise(written))
        assert sorted(d.isoformat() for d in written) == sorted(dates)
        assert audit.verify(session) is None
    engine.dispose()
