"""Who may cast a ballot, and which delegations count towards a vote's quorum.

- One vote per Member State whose delegation is accredited (credentials accepted) and
  present, and which has not lost its vote (CV No. 332, CS No. 169); only Member States
  vote (CS Art. 3 No. 27, `openitu.governance.members.MEMBER_RIGHTS`).
- A delegation with the right to vote may cast the vote of one other accredited state
  whose proxy it holds (CV No. 336, 337); a delegation that has lost its own vote cannot
  exercise another's.
- A state votes once in a vote.
- The quorum counts the delegations accredited with the right to vote that are present,
  or absent and represented by a present one holding their proxy
  (`openitu.governance.votes.decide`).

The rules read what they need through the ports below; the store implements them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from openitu.errors import Conflict, Forbidden
from openitu.governance.conferences import Delegation
from openitu.governance.finance import Standing, StandingStatus
from openitu.governance.members import Action, MemberKind, require_right


@dataclass(frozen=True)
class Seat:
    """A delegation at a conference, with the member it represents."""

    state: str | None
    """The Member State's ISO2 code; None for another kind of member's delegation."""
    member_kind: MemberKind
    member_name: str
    credentials_accepted: bool
    present: bool
    proxy_for: str | None = None


class Standings(Protocol):
    """The financial standing of a Member State on the day considered."""

    def standing(self, state: str) -> Standing: ...


class BallotBox(Standings, Protocol):
    """What a ballot's rules read about its vote and conference."""

    def delegation(self, state: str) -> Delegation | None:
        """The state's delegation at the vote's conference, if it has one."""
        ...

    def has_voted(self, state: str) -> bool:
        """Whether a ballot of the state is recorded in this vote."""
        ...


def seat_of(actor: str, *, representing: Seat | None, of_own_state: Seat | None) -> Seat:
    """The delegation a principal sits in: the one they are registered to represent, or
    else their own administration's Member State's."""
    for seat in (representing, of_own_state):
        if seat is not None:
            return seat
    raise Forbidden(f"{actor} sits in no delegation at this conference")


def check_ballot(seat: Seat, *, state: str, vote_id: int, box: BallotBox) -> None:
    """Raise unless the delegation in ``seat`` may cast ``state``'s ballot now.

    `Forbidden` for a delegation without the vote, not accredited and present, holding no
    proxy of ``state``, or that has lost its own vote (CS No. 169) while casting another's
    (CV No. 336), or for a state that may not vote; `Conflict` once the state has voted."""
    require_right(seat.member_kind, Action.VOTE, who=seat.member_name)
    if not (seat.credentials_accepted and seat.present):
        raise Forbidden(f"the delegation of {seat.state} is not accredited and present")
    if state != seat.state:
        if seat.proxy_for != state:
            raise Forbidden(f"the delegation of {seat.state} holds no proxy of {state}")
        giver = box.delegation(state)
        if giver is None or not giver.credentials_accepted:
            raise Forbidden(f"{state} has no accredited delegation to give a proxy")
        # Only a delegation with the right to vote exercises another's (CV No. 336).
        assert seat.state is not None  # a Member State's delegation (the vote right above)
        holder = box.standing(seat.state)
        if holder.status is not StandingStatus.GOOD:
            raise Forbidden(
                f"the delegation of {seat.state} has lost its own vote and cannot cast "
                f"{state}'s: {holder.reason}"
            )
    held = box.standing(state)
    if held.status is not StandingStatus.GOOD:
        raise Forbidden(f"{state} may not vote: {held.reason}")
    if box.has_voted(state):
        raise Conflict(f"{state} has voted already in vote {vote_id}")


@dataclass(frozen=True)
class Attendance:
    accredited: int
    """Delegations accredited with the right to vote (credentials accepted, not in
    arrears under CS No. 169)."""
    present: int
    represented: int
    """Absent ones whose proxy a present one holds."""


def attendance(delegations: Sequence[Delegation], standings: Standings) -> Attendance:
    """Who counts towards the quorum among a conference's Member State delegations."""
    voting: dict[str, Delegation] = {}
    for delegation in delegations:
        if not delegation.credentials_accepted:
            continue
        if standings.standing(delegation.state).status is StandingStatus.GOOD:
            voting[delegation.state] = delegation
    present = {state for state, delegation in voting.items() if delegation.present}
    held = {voting[state].proxy_for for state in present}
    represented = sum(1 for state in voting if state not in present and state in held)
    return Attendance(len(voting), len(present), represented)
