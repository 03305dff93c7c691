"""Two real clients casting the same state's vote at once, against `openitu serve
--workers 2` on a database of its own (SQLite file, PostgreSQL database): exactly one
ballot is recorded, the other client gets 409, the counters match the ballots (no lost
update when different states vote at once) and the audit chain verifies.

France's delegate and Germany's delegate (who holds France's proxy) both vote for France;
the two HTTP clients each have their own connection and meet at a barrier so that their
requests overlap in the server's two worker processes.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date

import httpx
import pytest
from sqlalchemy import func, select

from governance_helpers import ADMIN, PASSWORD, ServerFor
from openitu.accounts import Principal, Role
from openitu.governance.conferences import ConferenceKind
from openitu.store import audit
from openitu.store.db import make_engine, session_factory, unit_of_work
from openitu.store.tables.audit import AuditEntryRow
from openitu.store.tables.governance import GovernanceBallot, GovernanceVote
from openitu.usecases import accounts as account_usecases
from openitu.usecases import governance as usecases

SECRETARIAT = Principal(role=Role.SECRETARIAT, username="race-secretary", via="cli")
STATES = ("FR", "DE", "IT", "ES", "PT")
ROUNDS = 6


def _together(*calls: Callable[[], httpx.Response]) -> list[int]:
    """Run each call on its own thread, released together; their status codes."""
    barrier = threading.Barrier(len(calls))
    codes = [0] * len(calls)

    def run(index: int) -> None:
        barrier.wait()
        codes[index] = calls[index]().status_code

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return codes


@pytest.mark.parametrize("fresh_url", ["sqlite", "postgresql"], indirect=True)
def test_one_ballot_per_state_under_a_race(fresh_url: str, server_for: ServerFor) -> None:
    engine = make_engine(fresh_url)
    sessions = session_factory(engine)
    tokens: dict[str, str] = {}
    with unit_of_work(sessions) as session:
        usecases.create_conference(
            session, principal=SECRETARIAT, code="WRC-R", kind=ConferenceKind.WRC,
            title="Race", place="Geneva", starts=date(2026, 10, 5),
            ends=date(2026, 10, 30),
        )  # fmt: skip
        for state in STATES:
            usecases.register_delegation(
                session, principal=SECRETARIAT, conference="WRC-R", member=state,
                credentials_accepted=True, present=True,
            )  # fmt: skip
        usecases.update_delegation(
            session, principal=SECRETARIAT, conference="WRC-R", state="DE", proxy_for="FR"
        )
        votes = [
            usecases.open_vote(session, principal=SECRETARIAT, conference="WRC-R",
                              question=f"Question {n}?")["id"]
            for n in range(ROUNDS + 1)
        ]  # fmt: skip
        for state in STATES:
            proxy = "FR" if state == "DE" else None
            account_usecases.create_user(
                session, principal=ADMIN, username=f"race-{state.lower()}", password=PASSWORD,
                role=Role.DELEGATE, administration=state, proxy_for=proxy,
            )  # fmt: skip
            tokens[state], _ = account_usecases.create_token(
                session, principal=ADMIN, username=f"race-{state.lower()}"
            )
    base = server_for(fresh_url)
    clients = {
        state: httpx.Client(base_url=base, timeout=60,
                            headers={"Authorization": f"Bearer {tokens[state]}"})
        for state in STATES
    }  # fmt: skip
    try:

        def ballot(by: str, vote: int, state: str, choice: str) -> Callable[[], httpx.Response]:
            return lambda: clients[by].post(
                f"/api/governance/votes/{vote}/ballots", json={"state": state, "choice": choice}
            )

        # Warm both workers' connections so that the race is not decided by start-up.
        for client in clients.values():
            assert client.get("/api/governance/conferences").status_code == 200
        for vote in votes[:ROUNDS]:
            codes = _together(ballot("FR", vote, "FR", "for"), ballot("DE", vote, "FR", "against"))
            assert sorted(codes) == [201, 409], (vote, codes)
        # Different states at once: every ballot counts (no lost update on the counters).
        last = votes[ROUNDS]
        codes = _together(*(ballot(state, last, state, "for") for state in STATES))
        assert codes == [201] * len(STATES)
    finally:
        for client in clients.values():
            client.close()

    with sessions() as session:
        for vote in votes[:ROUNDS]:
            ballots = session.scalars(
                select(GovernanceBallot).where(GovernanceBallot.vote_id == vote)
            ).all()
            assert [(b.state, b.choice is not None) for b in ballots] == [("FR", True)]
            row = session.get(GovernanceVote, vote)
            assert row is not None
            counted = row.votes_for + row.votes_against + row.abstentions
            assert counted == 1
            # The recorded ballot's choice is the one counted.
            assert (row.votes_for, row.votes_against) == (
                (1, 0) if ballots[0].choice == "for" else (0, 1)
            )
        row = session.get(GovernanceVote, votes[ROUNDS])
        assert row is not None and row.votes_for == len(STATES)
        cast_entries = session.scalar(
            select(func.count()).select_from(AuditEntryRow).where(
                AuditEntryRow.action == "governance.vote.cast"
            )
        )  # fmt: skip
        assert cast_entries == ROUNDS + len(STATES)
        assert audit.verify(session) is None
    engine.dispose()
