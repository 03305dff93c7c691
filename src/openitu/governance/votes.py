"""Votes at conferences: who may vote, how a result is decided.

The rules are those of the Constitution and Convention and of the General Rules of
conferences, assemblies and meetings of the Union (the Rules of procedure; until the
Plenipotentiary Conference of Marrakesh, 2002, moved them into an instrument of their own
they were Article 32 of the Convention, and the numbers below in brackets are the
Convention's of 1994/1998; the General Rules are cited by the title of the rule):

- one vote per Member State whose delegation is accredited (credentials in order) and
  present, and which has not lost its vote (CV No. 332, CS No. 169); a delegation with
  the right to vote may give another such delegation the mandate to vote for it at a
  meeting it cannot attend (CV No. 336), and a delegation may not exercise more than one
  proxy vote (CV No. 337);
- quorum ("Quorum"; formerly CV No. 385): a vote at a plenary meeting is valid only if
  more than half of the delegations accredited to the conference with the right to vote
  are present *or represented* (by the delegation holding their proxy);
- majority ("Majority"): more than half of the delegations present and voting, that is
  voting for or against; abstentions are not taken into account, and a tie rejects;
- where the rules require it the majority is stricter, and :func:`required_majority`
  derives it from what is decided (amendments to the Constitution: two thirds of the
  delegations accredited with the right to vote, CS No. 229; to the Convention: more
  than half of them, CV No. 520);
- non-participation in a vote: if abstentions exceed half of the votes cast (for,
  against and abstentions), consideration of the matter is postponed to a later
  meeting, at which abstentions are not taken into account.

A secret ballot records *that* a state voted (so that nobody votes twice), and the
choices only as counts: how a state voted is never stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction

from openitu.errors import Conflict, InvalidInput
from openitu.governance.terms import parse_term


class Majority(StrEnum):
    SIMPLE = "simple"
    TWO_THIRDS = "two-thirds"

    @property
    def rank(self) -> int:
        return 0 if self is Majority.SIMPLE else 1


class Basis(StrEnum):
    """What the majority is reckoned on."""

    PRESENT_AND_VOTING = "present-and-voting"
    """The delegations present and voting for or against (the General Rules' default)."""
    ACCREDITED = "accredited"
    """Every delegation accredited to the conference with the right to vote, present or
    not, voting or not (CS No. 229, CV No. 520)."""


class Matter(StrEnum):
    """What a vote decides, which sets the majority it needs."""

    GENERAL = "general"
    RADIO_REGULATIONS = "radio-regulations"
    CONSTITUTION = "constitution"
    CONVENTION = "convention"


@dataclass(frozen=True)
class Requirement:
    majority: Majority
    basis: Basis
    rule: str
    """The provision the requirement rests on, for the published result."""


def required_majority(matter: Matter, conference_kind: str) -> Requirement:
    """The majority the rules require for deciding ``matter`` at a conference of
    ``conference_kind`` (``ConferenceKind`` value: "PP", "WRC", ...).

    - Amendments to the Constitution are decided only by a Plenipotentiary Conference
      and need the approval, in plenary, of at least two thirds of the delegations
      accredited to it and having the right to vote (Constitution, Art. 55, No. 229;
      the quorum is that of No. 228, more than half of the accredited delegations).
    - Amendments to the Convention, also only at a Plenipotentiary Conference, need more
      than one half of the delegations accredited to it and having the right to vote
      (Convention, Art. 42, No. 520).
    - A World Radiocommunication Conference revises the Radio Regulations (CS Art. 13,
      No. 89) and decides, as every other question, by a simple majority of the
      delegations present and voting (General Rules of conferences, assemblies and
      meetings of the Union, the chapter on voting); only a WRC may amend them.
    - Any other question: a simple majority of those present and voting.

    Raises `InvalidInput` (field ``matter``) where the conference cannot decide it.
    """
    if matter in (Matter.CONSTITUTION, Matter.CONVENTION) and conference_kind != "PP":
        raise InvalidInput(
            "matter", f"only a Plenipotentiary Conference amends the {matter.value}, not a "
            f"{conference_kind}"
        )  # fmt: skip
    if matter is Matter.RADIO_REGULATIONS and conference_kind != "WRC":
        raise InvalidInput(
            "matter", f"only a WRC revises the Radio Regulations (CS No. 89), not a "
            f"{conference_kind}"
        )  # fmt: skip
    if matter is Matter.CONSTITUTION:
        return Requirement(Majority.TWO_THIRDS, Basis.ACCREDITED, "CS Art. 55 No. 229")
    if matter is Matter.CONVENTION:
        return Requirement(Majority.SIMPLE, Basis.ACCREDITED, "CV Art. 42 No. 520")
    if matter is Matter.RADIO_REGULATIONS:
        return Requirement(Majority.SIMPLE, Basis.PRESENT_AND_VOTING, "CS No. 89; General Rules")
    return Requirement(Majority.SIMPLE, Basis.PRESENT_AND_VOTING, "General Rules")


def effective_majority(
    matter: Matter, conference_kind: str, chosen: Majority | None = None
) -> Requirement:
    """The requirement for ``matter``, or the secretariat's ``chosen`` majority where it
    is stricter; a laxer choice than the rules' is refused (field ``majority``)."""
    required = required_majority(matter, conference_kind)
    if chosen is None or chosen is required.majority:
        return required
    if chosen.rank < required.majority.rank:
        raise InvalidInput(
            "majority", f"a {matter.value} matter needs a {required.majority.value} majority "
            f"({required.rule}); a {chosen.value} majority is not enough"
        )  # fmt: skip
    return Requirement(chosen, required.basis, f"{required.rule}; stricter by decision")


def parse_matter(value: str, *, field: str = "matter") -> Matter:
    return parse_term(Matter, value, field=field, what="a matter")


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


class VoteStatus(StrEnum):
    """A vote's life: open to ballots, then closed, counted and published."""

    OPEN = "open"
    CLOSED = "closed"


def check_open(status: VoteStatus, vote_id: int) -> None:
    """Ballots are cast only while the vote is open."""
    if status is not VoteStatus.OPEN:
        raise Conflict(f"vote {vote_id} is closed")


def check_closable(status: VoteStatus, vote_id: int) -> None:
    """A vote is closed, counted and published once."""
    if status is not VoteStatus.OPEN:
        raise Conflict(f"vote {vote_id} is closed already")


@dataclass(frozen=True)
class Counts:
    """The running counts of an open vote."""

    votes_for: int = 0
    votes_against: int = 0
    abstentions: int = 0

    def with_ballot(self, choice: Choice) -> Counts:
        if choice is Choice.FOR:
            return Counts(self.votes_for + 1, self.votes_against, self.abstentions)
        if choice is Choice.AGAINST:
            return Counts(self.votes_for, self.votes_against + 1, self.abstentions)
        return Counts(self.votes_for, self.votes_against, self.abstentions + 1)


def recorded_choice(method: Method, choice: Choice) -> Choice | None:
    """What a ballot records of the choice: nothing for a secret ballot (only that the
    state voted, and the counts), the choice for any other method."""
    return None if method is Method.SECRET else choice


def parse_choice(value: str, *, field: str = "choice") -> Choice:
    return parse_term(Choice, value, field=field, what="a choice")


def parse_majority(value: str, *, field: str = "majority") -> Majority:
    return parse_term(Majority, value, field=field, what="a majority")


def parse_method(value: str, *, field: str = "method") -> Method:
    return parse_term(Method, value, field=field, what="a voting method")


@dataclass(frozen=True)
class Tally:
    votes_for: int
    votes_against: int
    abstentions: int
    accredited: int
    """Delegations accredited to the conference with the right to vote."""
    present: int
    """Of those, the delegations present at the meeting."""
    represented: int = 0
    """Of those not present, the delegations whose proxy a present delegation with the
    right to vote holds: they count towards the quorum as represented."""

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


def decide(
    tally: Tally,
    majority: Majority,
    basis: Basis = Basis.PRESENT_AND_VOTING,
    *,
    postponed_before: bool = False,
) -> Result:
    """The outcome of a vote from its counts.

    On the ``ACCREDITED`` basis the votes for must reach the majority of every delegation
    accredited with the right to vote (absent, abstaining and against alike count as not
    approving), and the rule postponing a matter for abstentions does not apply; nor does
    it where the matter was ``postponed_before`` for its abstentions (the later meeting
    does not take abstentions into account)."""
    here = tally.present + tally.represented
    if here * 2 <= tally.accredited:
        return Result(
            Outcome.NO_QUORUM,
            tally,
            majority,
            0,
            f"{tally.present} present and {tally.represented} represented of the "
            f"{tally.accredited} delegations accredited with the right to vote: the quorum "
            "is more than half",
        )
    recorded = tally.present_and_voting + tally.abstentions
    deferrable = basis is Basis.PRESENT_AND_VOTING and not postponed_before
    if deferrable and tally.abstentions * 2 > recorded:
        return Result(
            Outcome.DEFERRED,
            tally,
            majority,
            0,
            f"{tally.abstentions} abstentions exceed half of the {recorded} votes cast: "
            "consideration is postponed to a later meeting, which will not count abstentions",
        )
    on_accredited = basis is Basis.ACCREDITED
    voting = tally.accredited if on_accredited else tally.present_and_voting
    needed = required_for(majority, voting)
    label = "more than half" if majority is Majority.SIMPLE else "two thirds"
    whom = "accredited with the right to vote" if on_accredited else "present and voting"
    if tally.votes_for >= needed:
        return Result(
            Outcome.ADOPTED,
            tally,
            majority,
            needed,
            f"{tally.votes_for} for, {tally.votes_against} against ({tally.abstentions} "
            f"abstaining): {label} of the {voting} {whom} is {needed}",
        )
    tie = " (a tie rejects)" if tally.votes_for == tally.votes_against else ""
    return Result(
        Outcome.REJECTED,
        tally,
        majority,
        needed,
        f"{tally.votes_for} for, {tally.votes_against} against ({tally.abstentions} "
        f"abstaining): {needed} needed ({label} of the {voting} {whom}){tie}",
    )
