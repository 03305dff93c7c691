"""Deciding a vote: quorum (of delegations present *or represented*), majorities,
abstentions apart, ties, deferral; the majority that what is decided requires; a vote's
life cycle and what a secret ballot records."""

from __future__ import annotations

import pytest

from openitu.errors import Conflict, InvalidInput
from openitu.governance.votes import (
    Basis,
    Choice,
    Counts,
    Majority,
    Matter,
    Method,
    Outcome,
    Tally,
    VoteStatus,
    check_closable,
    check_open,
    decide,
    effective_majority,
    recorded_choice,
    required_for,
    required_majority,
)


def _tally(f: int, a: int, ab: int, *, accredited: int = 10, present: int = 10) -> Tally:
    return Tally(f, a, ab, accredited=accredited, present=present)


def test_simple_majority_of_those_voting_for_and_against() -> None:
    # 4 for, 3 against, 3 abstaining: abstentions do not count; 4 > 7/2.
    result = decide(_tally(4, 3, 3), Majority.SIMPLE)
    assert result.outcome is Outcome.ADOPTED
    assert result.required == 4


def test_a_tie_rejects() -> None:
    result = decide(_tally(4, 4, 2), Majority.SIMPLE)
    assert result.outcome is Outcome.REJECTED
    assert "tie" in result.reason


def test_two_thirds() -> None:
    assert required_for(Majority.TWO_THIRDS, 9) == 6
    assert required_for(Majority.TWO_THIRDS, 10) == 7
    assert decide(_tally(6, 3, 1), Majority.TWO_THIRDS).outcome is Outcome.ADOPTED
    assert decide(_tally(6, 4, 0), Majority.TWO_THIRDS).outcome is Outcome.REJECTED
    # The same votes carry a simple majority.
    assert decide(_tally(6, 4, 0), Majority.SIMPLE).outcome is Outcome.ADOPTED


def test_quorum_is_more_than_half_of_the_accredited() -> None:
    assert decide(_tally(5, 0, 0, present=5), Majority.SIMPLE).outcome is Outcome.NO_QUORUM
    assert decide(_tally(6, 0, 0, present=6), Majority.SIMPLE).outcome is Outcome.ADOPTED


def test_many_abstentions_defer() -> None:
    result = decide(_tally(2, 1, 4), Majority.SIMPLE)
    assert result.outcome is Outcome.DEFERRED
    # Exactly half abstaining is not more than half.
    assert decide(_tally(2, 1, 3, present=6), Majority.SIMPLE).outcome is Outcome.ADOPTED


@pytest.mark.parametrize("voting", range(1, 60))
def test_required_is_the_smallest_winning_number(voting: int) -> None:
    for majority, share in ((Majority.SIMPLE, 0.5), (Majority.TWO_THIRDS, 2 / 3)):
        needed = required_for(majority, voting)
        if majority is Majority.SIMPLE:
            assert needed > voting * share >= needed - 1
        else:
            assert needed * 3 >= 2 * voting > (needed - 1) * 3


def test_constitution_amendments_need_two_thirds_of_the_accredited() -> None:
    """CS No. 229: two thirds of the delegations accredited with the right to vote, so
    that absentees and abstainers count as not approving."""
    rule = required_majority(Matter.CONSTITUTION, "PP")
    assert (rule.majority, rule.basis) == (Majority.TWO_THIRDS, Basis.ACCREDITED)
    # 9 accredited, 8 present: 5 for, 1 against, 2 abstaining. Two thirds of those
    # present and voting (6) would be 4; two thirds of the 9 accredited is 6.
    tally = Tally(5, 1, 2, accredited=9, present=8)
    assert decide(tally, Majority.TWO_THIRDS).outcome is Outcome.ADOPTED
    result = decide(tally, rule.majority, rule.basis)
    assert (result.outcome, result.required) == (Outcome.REJECTED, 6)
    assert decide(Tally(6, 2, 0, accredited=9, present=8), rule.majority, rule.basis).outcome is (
        Outcome.ADOPTED
    )


def test_convention_amendments_need_more_than_half_of_the_accredited() -> None:
    rule = required_majority(Matter.CONVENTION, "PP")
    assert (rule.majority, rule.basis) == (Majority.SIMPLE, Basis.ACCREDITED)
    assert "No. 520" in rule.rule
    # 4 for, 1 against of 9 accredited: a majority of those voting, not of the accredited.
    assert decide(Tally(4, 1, 3, 9, 8), rule.majority, rule.basis).outcome is Outcome.REJECTED
    assert decide(Tally(5, 1, 2, 9, 8), rule.majority, rule.basis).outcome is Outcome.ADOPTED


def test_radio_regulations_and_other_questions_by_simple_majority() -> None:
    for matter, kind in ((Matter.RADIO_REGULATIONS, "WRC"), (Matter.GENERAL, "RA")):
        rule = required_majority(matter, kind)
        assert (rule.majority, rule.basis) == (Majority.SIMPLE, Basis.PRESENT_AND_VOTING)


@pytest.mark.parametrize(
    ("matter", "kind"),
    [(Matter.CONSTITUTION, "WRC"), (Matter.CONVENTION, "Council"),
     (Matter.RADIO_REGULATIONS, "PP")],
)  # fmt: skip
def test_a_conference_decides_only_its_own_matters(matter: Matter, kind: str) -> None:
    with pytest.raises(InvalidInput) as raised:
        required_majority(matter, kind)
    assert raised.value.field == "matter"


def test_the_secretariat_may_only_make_the_majority_stricter() -> None:
    stricter = effective_majority(Matter.RADIO_REGULATIONS, "WRC", Majority.TWO_THIRDS)
    assert (stricter.majority, stricter.basis) == (Majority.TWO_THIRDS, Basis.PRESENT_AND_VOTING)
    assert effective_majority(Matter.CONSTITUTION, "PP", Majority.TWO_THIRDS).basis is (
        Basis.ACCREDITED
    )
    with pytest.raises(InvalidInput) as raised:
        effective_majority(Matter.CONSTITUTION, "PP", Majority.SIMPLE)
    assert raised.value.field == "majority"
    assert "No. 229" in raised.value.reason


def test_the_quorum_counts_delegations_present_or_represented() -> None:
    # 10 accredited: 5 present is not more than half ...
    assert decide(Tally(3, 1, 1, 10, 5), Majority.SIMPLE).outcome is Outcome.NO_QUORUM
    # ... but 5 present and 1 absent represented by a proxy is.
    result = decide(Tally(4, 1, 1, 10, 5, represented=1), Majority.SIMPLE)
    assert result.outcome is Outcome.ADOPTED
    assert decide(Tally(4, 1, 0, 10, 4, represented=1), Majority.SIMPLE).outcome is (
        Outcome.NO_QUORUM
    )


def test_a_matter_postponed_for_abstentions_is_decided_without_them_later() -> None:
    tally = Tally(2, 1, 4, accredited=8, present=8)  # 4 abstentions of 7 votes cast
    assert decide(tally, Majority.SIMPLE).outcome is Outcome.DEFERRED
    again = decide(tally, Majority.SIMPLE, postponed_before=True)
    assert (again.outcome, again.required) == (Outcome.ADOPTED, 2)
    # On the accredited basis abstentions never postpone (6 of 11 cast): they simply do
    # not approve, and 5 for is not more than half of the 11 accredited.
    rule = decide(Tally(5, 0, 6, 11, 11), Majority.SIMPLE, Basis.ACCREDITED)
    assert (rule.outcome, rule.required) == (Outcome.REJECTED, 6)


def test_ballots_are_cast_and_a_vote_closed_only_while_it_is_open() -> None:
    check_open(VoteStatus.OPEN, 7)
    check_closable(VoteStatus.OPEN, 7)
    with pytest.raises(Conflict, match=r"vote 7 is closed$"):
        check_open(VoteStatus.CLOSED, 7)
    with pytest.raises(Conflict, match="vote 7 is closed already"):
        check_closable(VoteStatus.CLOSED, 7)


def test_each_ballot_counts_once_in_its_column() -> None:
    counts = Counts()
    for choice in (Choice.FOR, Choice.FOR, Choice.AGAINST, Choice.ABSTAIN, Choice.FOR):
        counts = counts.with_ballot(choice)
    assert (counts.votes_for, counts.votes_against, counts.abstentions) == (3, 1, 1)


def test_a_secret_ballot_records_no_choice() -> None:
    # A secret ballot records *that* a state voted, never how (the module's rules).
    assert recorded_choice(Method.SECRET, Choice.AGAINST) is None
    assert recorded_choice(Method.ROLL_CALL, Choice.AGAINST) is Choice.AGAINST
    assert recorded_choice(Method.SHOW_OF_HANDS, Choice.ABSTAIN) is Choice.ABSTAIN
