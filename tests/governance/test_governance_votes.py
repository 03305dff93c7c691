"""Deciding a vote: quorum, majorities, abstentions apart, ties, deferral."""

from __future__ import annotations

import pytest

from openitu.governance.votes import Majority, Outcome, Tally, decide, required_for


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
