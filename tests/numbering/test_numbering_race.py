"""Two real clients, each on its own connection, racing for one code: exactly one wins.

Each test runs on a database of its own (SQLite file, PostgreSQL database), because the
clients commit for real. The threads meet at a barrier so that their transactions
overlap; the lock row and the unique constraint on the active assignment decide.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session, sessionmaker

from openitu.accounts import Principal
from openitu.errors import Conflict, NotFound
from openitu.store import numbering as store
from openitu.store.db import session_factory, unit_of_work
from openitu.store.tables.numbering import NumberingResource
from openitu.usecases import numbering as usecases

BACKENDS = pytest.mark.parametrize("fresh_engine", ["sqlite", "postgresql"], indirect=True)


def _race(*jobs: Callable[[Session], Any], sessions: sessionmaker[Session]) -> list[Any]:
    """Run each job in its own thread and transaction, started together."""
    barrier = threading.Barrier(len(jobs))
    outcomes: list[Any] = [None] * len(jobs)

    def client(index: int) -> None:
        barrier.wait()
        try:
            with unit_of_work(sessions) as session:
                outcomes[index] = jobs[index](session)
        except Exception as exc:  # the outcome is checked by the test
            outcomes[index] = exc

    threads = [threading.Thread(target=client, args=(i,)) for i in range(len(jobs))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return outcomes


def _active(sessions: sessionmaker[Session], code: str) -> int:
    with sessions() as session:
        return int(
            session.scalar(
                select(func.count())
                .select_from(NumberingResource)
                .where(NumberingResource.active_code == code)
            )
            or 0
        )


@BACKENDS
def test_two_clients_racing_for_one_code_one_wins_by_receipt(
    fresh_engine: Engine, tsb: Principal, officer: Callable[[str], Principal]
) -> None:
    sessions = session_factory(fresh_engine)
    with unit_of_work(sessions) as session:
        free = store.e212_register(session).free_mncs("208", length=2)[:5]
    now = datetime.now(UTC)
    for round_, mnc in enumerate(free):
        with unit_of_work(sessions) as session:
            first = usecases.submit_application(
                session,
                principal=officer("FR"),
                administration="FR",
                kind="mnc",
                code=f"208{mnc}",
                holder="First",
                received_at=now - timedelta(hours=1),
            )
            second = usecases.submit_application(
                session,
                principal=officer("FR"),
                administration="FR",
                kind="mnc",
                code=f"208{mnc}",
                holder="Second",
                received_at=now,
            )

        def decide(application_id: int) -> Callable[[Session], Any]:
            def job(session: Session) -> Any:
                usecases.check_application(session, principal=tsb, application_id=application_id)
                return usecases.reserve(session, principal=tsb, application_id=application_id)

            return job

        # Alternate who is started first: the date of receipt decides, not the race.
        jobs = [decide(first.id), decide(second.id)]
        if round_ % 2:
            jobs.reverse()
        outcomes = _race(*jobs, sessions=sessions)
        winners = [o for o in outcomes if not isinstance(o, Exception)]
        losers = [o for o in outcomes if isinstance(o, Exception)]
        assert len(winners) == 1 and len(losers) == 1, outcomes
        assert winners[0].id == first.id and winners[0].status == "reserved"
        assert isinstance(losers[0], Conflict)
        assert _active(sessions, f"208-{mnc}") == 1


@BACKENDS
def test_two_applicants_submitting_and_reserving_at_once(
    fresh_engine: Engine, tsb: Principal, officer: Callable[[str], Principal]
) -> None:
    """Each client applies and has its application reserved in one transaction."""
    sessions = session_factory(fresh_engine)
    code = "883-5999"

    def apply_and_reserve(holder: str) -> Callable[[Session], Any]:
        def job(session: Session) -> Any:
            application = usecases.submit_application(
                session,
                principal=officer("FR"),
                administration="FR",
                kind="network-ic",
                code=code,
                holder=holder,
            )
            usecases.check_application(session, principal=tsb, application_id=application.id)
            return usecases.reserve(session, principal=tsb, application_id=application.id)

        return job

    outcomes = _race(apply_and_reserve("Alpha"), apply_and_reserve("Beta"), sessions=sessions)
    winners = [o for o in outcomes if not isinstance(o, Exception)]
    assert len(winners) == 1, outcomes
    assert all(isinstance(o, Conflict) for o in outcomes if isinstance(o, Exception)), outcomes
    assert _active(sessions, code) == 1


@BACKENDS
def test_two_clerks_resolving_the_same_code_at_once(
    fresh_engine: Engine, tsb: Principal, officer: Callable[[str], Principal]
) -> None:
    sessions = session_factory(fresh_engine)
    now = datetime.now(UTC)
    with unit_of_work(sessions) as session:
        mnc = store.e212_register(session).free_mncs("901", length=2)[0]
        ids = [
            usecases.submit_application(
                session,
                principal=officer("FR"),
                administration="FR",
                kind="shared-mnc",
                code=f"901{mnc}",
                holder=f"Net {i}",
                received_at=now + timedelta(minutes=i),
            ).id
            for i in range(3)
        ]

    def job(session: Session) -> Any:
        return usecases.resolve(session, principal=tsb, kind="shared-mnc", code=f"901-{mnc}")

    outcomes = _race(job, job, sessions=sessions)
    decided = [o for o in outcomes if not isinstance(o, Exception)]
    assert len(decided) == 1, outcomes
    assert all(isinstance(o, NotFound) for o in outcomes if isinstance(o, Exception)), outcomes
    statuses = {a.id: a.status for a in decided[0]}
    assert statuses == {ids[0]: "reserved", ids[1]: "rejected", ids[2]: "rejected"}
    assert _active(sessions, f"901-{mnc}") == 1
