"""Votes at conferences: who may vote, how a result is decided.

The rules are those of the General Rules of conferences, assemblies and meetings of the
Union (the chapter on voting) and of the Constitution:

- one vote per Member State whose delegation is accredited (credentials in order) and
  present, and which has not lost its vote (CS No. 169); a delegation may cast the vote
  of one other state whose proxy it holds, never more (CV Nos. 335-338);
- quorum: more than half of the delegations accredited with the right to vote are present;
- the majority is reckoned on the delegations present and voting, that is voting for or
  against: abstentions are counted apart and not taken into account;
- a simple majority is more than half of those votes; where the rules require it (e.g.
  amendments to the Constitution), two thirds of them;
- a tie rejects the proposal;
- if abstentions exceed half of the votes recorded (for, against and abstentions),
  consideration of the matter is deferred to a later meeting.

A secret ballot records *that* a state voted (so that nobody votes twice), and the
choices only as counts: how a state voted is never stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction

from openitu.errors import InvalidInput


class Majority(StrEnum):
    SIMPLE = "simple"
    TWO_THIRDS = "two-thirds"


class Method(StrEnum):
    SHOW_OF_HANDS = "show-of-hands"
    ROLL_CALL = "roll-call"
    SECRET = "secret"


class Choice(StrEnum):
    FOR = "for"
    AGAINST = "against"
    ABSTAIN = "abstain"


class Outcome(StrEnum):
    ADOPTED = "adopted"
    REJECTED = "rejected"
    NO_QUORUM = "no-quorum"
    DEFERRED = "deferred"


def parse_choice(value: str, *, field: str = "choice") -> Choice:
    try:
        return Choice(value.strip().lower())
    except ValueError:
        raise InvalidInput(field, f"{value!r} is not a choice (for, against, abstain)") from None


def parse_majority(value: str, *, field: str = "majority") -> Majority:
    try:
        return Majority(value.strip().lower().replace("_", "-"))
    except ValueError:
        raise InvalidInput(field, f"{value!r} is not a majority (simple, two-thirds)") from None


def parse_method(value: str, *, field: str = "method") -> Method:
    try:
        return Method(value.strip().lower().replace("_", "-"))
    except ValueError:
        names = ", ".join(method.value for method in Method)
        raise InvalidInput(field, f"{value!r} is not a voting method ({names})") from None


@dataclass(frozen=True)
class Tally:
    votes_for: int
    votes_against: int
    abstentions: int
    accredited: int
    """Delegations accredited to the conference with the right to vote."""
    present: int
    """Of those, the delegations present at the meeting."""

    @property
    def present_and_voting(self) -> int:
        return self.votes_for + self.votes_against


@dataclass(frozen=True)
class Result:
    outcome: Outcome
    tally: Tally
    majority: Majority
    required: int
    """Votes for needed to adopt (0 when there was no quorum or nobody voted)."""
    reason: str


def required_for(majority: Majority, present_and_voting: int) -> int:
    """The smallest number of votes for that carries the proposal."""
    if majority is Majority.SIMPLE:
        return present_and_voting // 2 + 1
    needed = Fraction(2, 3) * present_and_voting
    return int(needed) if needed.denominator == 1 else int(needed) + 1


def decide(tally: Tally, majority: Majority) -> Result:
    """The outcome of a vote from its counts."""
    if tally.present * 2 <= tally.accredited:
        return Result(
            Outcome.NO_QUORUM,
            tally,
            majority,
            0,
            f"{tally.present} of {tally.accredited} accredited delegations present: the quorum "
            "is more than half",
        )
    recorded = tally.present_and_voting + tally.abstentions
    if tally.abstentions * 2 > recorded:
        return Result(
            Outcome.DEFERRED,
            tally,
            majority,
            0,
            f"{tally.abstentions} abstentions exceed half of the {recorded} votes recorded: "
            "consideration is deferred",
        )
    voting = tally.present_and_voting
    needed = required_for(majority, voting)
    label = "more than half" if majority is Majority.SIMPLE else "two thirds"
    if tally.votes_for >= needed:
        return Result(
            Outcome.ADOPTED,
            tally,
            majority,
            needed,
            f"{tally.votes_for} for, {tally.votes_against} against ({tally.abstentions} "
            f"abstaining): {label} of the {voting} present and voting is {needed}",
        )
    tie = " (a tie rejects)" if tally.votes_for == tally.votes_against else ""
    return Result(
        Outcome.REJECTED,
        tally,
        majority,
        needed,
        f"{tally.votes_for} for, {tally.votes_against} against ({tally.abstentions} "
        f"abstaining): {needed} needed{tie}",
    )
