"""Every governance write takes SQLite's write lock before it reads, so that a second
writer waits for it instead of slipping in between its read and its write.

SQLite (WAL) cannot turn a transaction that has read into a writing one once another
writer has committed meanwhile: it answers "database is locked" at once (a 500 to the
client) instead of waiting. Each use case below runs on one engine; right after its first
statement, a hook lets another writer, on an engine of its own, try to commit a change.
With the write lock taken first that writer must wait until the use case has committed
(it is still waiting a second later), and both then succeed. A use case that read first
would let the other writer commit, and then fail with "database is locked".
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.orm import Session

from openitu.accounts import Principal, Role
from openitu.governance.conferences import ConferenceKind
from openitu.governance.documents import DocumentKind
from openitu.governance.members import MemberKind, Sector
from openitu.governance.votes import Choice
from openitu.store.db import make_engine, session_factory, unit_of_work
from openitu.usecases import governance as usecases

SEC = Principal(role=Role.SECRETARIAT, username="lock-secretary", via="cli")
FR = Principal(role=Role.DELEGATE, username="lock-delegate-fr", administration="FR", via="cli")

UseCase = Callable[[Session], Any]


def _use_cases(ids: dict[str, int]) -> list[tuple[str, UseCase]]:
    """The governance writes, in an order in which each finds what it needs."""

    def admit(session: Session) -> Any:
        found = usecases.admit_member(
            session, principal=SEC, kind=MemberKind.SECTOR_MEMBER, name="Lock Radio",
            sector=Sector.R, country="CH", admitted=date(2020, 1, 1),
        )  # fmt: skip
        ids["member"] = found["id"]

    def proposal(session: Session) -> Any:
        found = usecases.submit_proposal(
            session, principal=FR, conference="WRC-L", agenda_item="1.1", state="FR",
            title="General", amendments=[],
        )  # fmt: skip
        ids["proposal"] = found["id"]

    def vote(session: Session) -> Any:
        found = usecases.open_vote(
            session, principal=SEC, conference="WRC-L", question="Adopt?",
            proposal_id=ids["proposal"],
        )  # fmt: skip
        ids["vote"] = found["id"]

    return [
        ("admit_member", admit),
        ("set_unit_class", lambda s: usecases.set_unit_class(
            s, principal=SEC, member="FR", unit_class="25")),
        ("set_gni", lambda s: usecases.set_gni(s, principal=SEC, member="FR", gni_usd=3 * 10**12)),
        ("record_due", lambda s: usecases.record_due(
            s, principal=SEC, member="DE", year=2020, amount=Decimal("100.00"))),
        ("record_payment", lambda s: usecases.record_payment(
            s, principal=SEC, member="DE", amount=Decimal("100.00"), paid_on=date(2020, 2, 1))),
        ("record_due (Sector Member)", lambda s: usecases.record_due(
            s, principal=SEC, member=str(ids["member"]), year=2020, amount=Decimal("10.00"))),
        ("record_suspension_notice", lambda s: usecases.record_suspension_notice(
            s, principal=SEC, member=str(ids["member"]), received=date(2020, 8, 1))),
        ("adopt_budget", lambda s: usecases.adopt_budget(
            s, principal=SEC, year=2035, amount=Decimal("1000000.00"))),
        ("create_conference", lambda s: usecases.create_conference(
            s, principal=SEC, code="WRC-L", kind=ConferenceKind.WRC, title="Lock",
            place="Geneva", starts=date(2026, 10, 5), ends=date(2026, 10, 30))),
        ("add_agenda_item", lambda s: usecases.add_agenda_item(
            s, principal=SEC, conference="WRC-L", number="1.1", title="Item")),
        ("register_delegation", lambda s: usecases.register_delegation(
            s, principal=SEC, conference="WRC-L", member="FR", credentials_accepted=True)),
        ("update_delegation", lambda s: usecases.update_delegation(
            s, principal=SEC, conference="WRC-L", state="FR", present=True)),
        ("submit_proposal", proposal),
        ("open_vote", vote),
        ("cast_ballot", lambda s: usecases.cast_ballot(
            s, principal=FR, vote_id=ids["vote"], state="FR", choice=Choice.FOR)),
        ("close_vote", lambda s: usecases.close_vote(s, principal=SEC, vote_id=ids["vote"])),
        ("submit_document", lambda s: usecases.submit_document(
            s, principal=SEC, conference="WRC-L", number="WRC-L/DT/1", title="Note",
            kind=DocumentKind.TEMPORARY, source="secretariat", language="en",
            agenda_items=["1.1"], content=b"A temporary document.")),
    ]  # fmt: skip


@pytest.mark.parametrize("fresh_url", ["sqlite"], indirect=True)
def test_every_write_takes_the_lock_before_it_reads(fresh_url: str) -> None:
    engine, other_engine = make_engine(fresh_url), make_engine(fresh_url)
    sessions, other_sessions = session_factory(engine), session_factory(other_engine)
    armed: list[str] = []
    others: list[threading.Thread] = []
    other_errors: list[BaseException] = []
    waiting: list[bool] = []

    def other_writer(number: int) -> None:
        try:
            with unit_of_work(other_sessions) as session:
                usecases.create_conference(
                    session, principal=SEC, code=f"OTHER-{number}", kind=ConferenceKind.RA,
                    title="Another writer", place="Geneva", starts=date(2027, 1, 1),
                    ends=date(2027, 1, 2),
                )  # fmt: skip
        except BaseException as exc:  # reported by the test below
            other_errors.append(exc)

    @event.listens_for(engine, "after_cursor_execute")
    def after_first_statement(*args: Any) -> None:
        statement = str(args[2]).strip().upper()
        if not armed or statement.startswith("BEGIN"):
            return
        armed.clear()
        writer = threading.Thread(target=other_writer, args=(len(others),))
        others.append(writer)
        writer.start()
        writer.join(timeout=1.0)
        waiting.append(writer.is_alive())  # still waiting: the use case holds the lock

    failures = []
    try:
        cases = _use_cases({})
        assert len(cases) == 17
        for name, use_case in cases:
            armed.append(name)
            try:
                with unit_of_work(sessions) as session:
                    use_case(session)
            except Exception as exc:
                failures.append(f"{name}: {type(exc).__name__}: {str(exc).splitlines()[0]}")
                # Once more without a second writer, so that the next use cases find what
                # this one writes and each failure above is its own.
                armed.clear()
                others[-1].join(timeout=60)
                with unit_of_work(sessions) as session:
                    use_case(session)
            armed.clear()
            others[-1].join(timeout=60)
        assert failures == []
        assert other_errors == []
        assert waiting == [True] * 17
    finally:
        engine.dispose()
        other_engine.dispose()
