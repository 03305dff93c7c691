"""Names the governance tests share, wherever they stand (tests/ is on the path: imported
by a unique module name, since `from conftest import ...` would find whichever area's
conftest was imported first)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from openitu.accounts import Principal, Role
from openitu.governance.conferences import ConferenceKind
from openitu.governance.votes import Choice
from openitu.usecases import governance

ADMIN = Principal(role=Role.ADMIN, username="cli:governance-tests", via="cli")
PASSWORD = "governance test password 1"

TokenFor = Callable[..., dict[str, str]]
"""token_for(username, role, administration=None, proxy_for=None, scopes=None) -> auth headers."""

ServerFor = Callable[..., str]
"""server_for(database_url, workers=2) -> base URL of `openitu serve` running on it."""

ADD_MOBILE: dict[str, Any] = {
    "op": "add_allocation",
    "region": 1,
    "low": "3300 MHz",
    "high": "3400 MHz",
    "service": "mobile except aeronautical mobile",
    "category": "primary",
}
"""An amendment a WRC's proposal carries: a primary mobile allocation in 3 300-3 400 MHz
in Region 1, where RR Article 5 (2012) has radiolocation primary and no mobile."""


def adopt_at_a_wrc(
    session: Session,
    *,
    secretariat: Principal,
    code: str,
    amendments: list[dict[str, Any]],
    states: tuple[str, ...] = ("FR", "DE", "BR"),
) -> dict[str, Any]:
    """A WRC (5-30 October 2026) whose one proposal, by the first of ``states`` and
    carrying ``amendments``, is adopted by the accredited and present delegations of
    ``states``, all voting for; through the use cases. Returns the closed vote."""
    delegates = {
        state: Principal(
            role=Role.DELEGATE, username=f"{code.lower()}-{state.lower()}", administration=state
        )
        for state in states
    }
    governance.create_conference(
        session, principal=secretariat, code=code, kind=ConferenceKind.WRC, title=code,
        place="Geneva", starts=date(2026, 10, 5), ends=date(2026, 10, 30),
    )  # fmt: skip
    governance.add_agenda_item(
        session, principal=secretariat, conference=code, number="1.2", title="3 300-3 400 MHz"
    )
    for state in states:
        governance.register_delegation(
            session, principal=secretariat, conference=code, member=state,
            credentials_accepted=True, present=True,
        )  # fmt: skip
    proposal = governance.submit_proposal(
        session, principal=delegates[states[0]], conference=code, agenda_item="1.2",
        state=states[0], title="Amend the Table", amendments=amendments,
    )  # fmt: skip
    vote = governance.open_vote(
        session, principal=secretariat, conference=code, question="Adopt?",
        proposal_id=proposal["id"],
    )  # fmt: skip
    for state, delegate in delegates.items():
        governance.cast_ballot(
            session, principal=delegate, vote_id=vote["id"], state=state, choice=Choice.FOR
        )
    return governance.close_vote(session, principal=secretariat, vote_id=vote["id"])
