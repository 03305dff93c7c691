"""Caches that every process sees: two real `openitu serve` processes on one database
(a SQLite file, a PostgreSQL database of its own).

Process A answers what the Table allocates at 3 350 MHz in Region 1 on a day after the
entry into force of a WRC's Final Acts, so that its cache holds the edition in force
before them (RR Article 5 as of 2012: radiolocation primary, no mobile allocation).
The Final Acts, adding a primary mobile allocation in 3 300-3 400 MHz in Region 1, are
then signed through process B. Without restarting, A answers the new edition for a day
after their entry into force and the old one for a day before: the write bumped the
spectrum area's version in the database (`openitu.usecases.write`), and A's cache
(`AppContext.cached`) is keyed by that version.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from openitu.accounts import Principal, Role
from openitu.governance.conferences import ConferenceKind
from openitu.governance.votes import Choice
from openitu.store import accounts, migrate
from openitu.store.db import make_engine, session_factory, unit_of_work
from openitu.store.loaders import governance as governance_loader
from openitu.store.loaders import spectrum as spectrum_loader
from openitu.usecases import governance

POSTGRESQL_URL = os.environ.get(
    "OPENITU_TEST_POSTGRESQL_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
ADMIN = Principal(role=Role.ADMIN, username="cli:cache-tests", via="cli")
SECRETARIAT = Principal(role=Role.SECRETARIAT, username="cache-secretary", via="cli")
STATES = ("FR", "DE", "BR")
ENDS = date(2026, 10, 30)
IN_FORCE = date(2027, 1, 1)
AFTER, BEFORE = "2027-06-01", "2026-12-31"
ADD_MOBILE = {
    "op": "add_allocation",
    "region": 1,
    "low": "3300 MHz",
    "high": "3400 MHz",
    "service": "mobile except aeronautical mobile",
    "category": "primary",
}
MOBILE = ("mobile except aeronautical mobile", "primary")


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database of this test's own, committed to for real: migrated, with the Table
    (RR 2012) and the Member States loaded."""
    admin = None
    name = f"openitu_cache_{uuid.uuid4().hex[:10]}"
    if request.param == "postgresql":
        try:
            admin = create_engine(
                POSTGRESQL_URL, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 3}
            )
            with admin.connect() as connection:
                connection.execute(text(f'CREATE DATABASE "{name}"'))
        except Exception as exc:
            if os.environ.get("OPENITU_REQUIRE_POSTGRESQL") == "1":
                pytest.fail(f"PostgreSQL is required but unavailable: {exc}")
            pytest.skip(f"PostgreSQL unavailable: {str(exc).splitlines()[0]}")
        url = make_url(POSTGRESQL_URL).set(database=name).render_as_string(hide_password=False)
    else:
        url = f"sqlite:///{tmp_path / 'caches.sqlite3'}"
    engine = make_engine(url)
    try:
        migrate.upgrade(engine)
        for loader in (spectrum_loader, governance_loader):
            for _ in loader.load(session_factory(engine)):
                pass
        engine.dispose()
        yield url
    finally:
        engine.dispose()
        if admin is not None:
            with admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def serve() -> Iterator[Callable[[str], tuple[str, subprocess.Popen[bytes]]]]:
    """serve(database_url) starts one `openitu serve` process on it: (base URL, process)."""
    processes: list[subprocess.Popen[bytes]] = []

    def start(url: str) -> tuple[str, subprocess.Popen[bytes]]:
        port = _free_port()
        env = {**os.environ, "OPENITU_DATABASE_URL": url, "OPENITU_API_RATE_PER_S": "10000"}
        process = subprocess.Popen(
            [sys.executable, "-m", "openitu.cli", "serve", "--port", str(port)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        processes.append(process)
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/api/health", timeout=1).status_code == 200:
                    return base, process
            except httpx.HTTPError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("openitu serve did not start")
            time.sleep(0.2)

    yield start
    for process in processes:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, 9)
            process.wait(timeout=5)


def _allocations(base: str, on: str) -> set[tuple[str, str]]:
    response = httpx.get(
        f"{base}/api/allocations/at",
        params={"frequency": "3350MHz", "region": 1, "date": on},
        timeout=30,
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return {(a["service"], a["category"]) for a in body["allocations"]}


def _adopt_a_proposal(url: str) -> str:
    """A WRC whose one proposal (a primary mobile allocation in 3 300-3 400 MHz, Region 1)
    is adopted, its Final Acts not yet signed; returns a secretariat's API token."""
    engine = make_engine(url)
    sessions = session_factory(engine)
    delegates = {
        state: Principal(
            role=Role.DELEGATE, username=f"cache-{state.lower()}", administration=state, via="cli"
        )
        for state in STATES
    }
    try:
        with unit_of_work(sessions) as session:
            governance.create_conference(
                session, principal=SECRETARIAT, code="WRC-C", kind=ConferenceKind.WRC,
                title="Caches", place="Geneva", starts=date(2026, 10, 5), ends=ENDS,
            )  # fmt: skip
            governance.add_agenda_item(
                session, principal=SECRETARIAT, conference="WRC-C", number="1.2",
                title="IMT in the band 3 300-3 400 MHz in Region 1",
            )  # fmt: skip
            for state in STATES:
                governance.register_delegation(
                    session, principal=SECRETARIAT, conference="WRC-C", member=state,
                    credentials_accepted=True, present=True,
                )  # fmt: skip
            proposal = governance.submit_proposal(
                session, principal=delegates["FR"], conference="WRC-C", agenda_item="1.2",
                state="FR", title="Add a primary mobile allocation", amendments=[ADD_MOBILE],
            )  # fmt: skip
            vote = governance.open_vote(
                session, principal=SECRETARIAT, conference="WRC-C", question="Adopt?",
                proposal_id=proposal["id"],
            )  # fmt: skip
            for state, principal in delegates.items():
                governance.cast_ballot(
                    session, principal=principal, vote_id=vote["id"], state=state,
                    choice=Choice.FOR,
                )  # fmt: skip
            closed = governance.close_vote(session, principal=SECRETARIAT, vote_id=vote["id"])
            assert closed["result"]["outcome"] == "adopted"
            accounts.create_user(
                session, actor=ADMIN, username="cache-secretary", password="cache test pass 1",
                role=Role.SECRETARIAT,
            )  # fmt: skip
            secret, _ = accounts.create_token(session, actor=ADMIN, username="cache-secretary")
    finally:
        engine.dispose()
    return secret


def test_final_acts_signed_through_one_process_reach_the_other(
    database_url: str, serve: Callable[[str], tuple[str, subprocess.Popen[bytes]]]
) -> None:
    a, process_a = serve(database_url)
    b, _ = serve(database_url)
    old = _allocations(a, AFTER)  # A caches the edition in force on that day: RR 2012
    assert ("radiolocation", "primary") in old
    assert MOBILE not in old
    assert _allocations(a, AFTER) == old  # answered again, from A's cache

    secret = _adopt_a_proposal(database_url)
    signed = httpx.post(
        f"{b}/api/governance/conferences/WRC-C/final-acts",
        headers={"Authorization": f"Bearer {secret}"},
        json={"edition_id": "RR-WRC-C", "title": "RR as amended by WRC-C",
              "entry_into_force": IN_FORCE.isoformat()},
        timeout=60,
    )  # fmt: skip
    assert signed.status_code == 201, signed.text

    new = _allocations(a, AFTER)
    assert MOBILE in new
    assert new - {MOBILE} == old
    assert _allocations(a, BEFORE) == old
    assert process_a.poll() is None  # the same process A answered, never restarted
