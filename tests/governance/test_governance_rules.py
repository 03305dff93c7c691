"""The rules at their edges: CS No. 169 to the centime, Resolution 152's delays from a
recorded notice, the quorum of delegations present *or represented*, a matter postponed
for its abstentions, and proxies (one given, one held, none passed on)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

import pytest

from openitu.errors import Conflict
from openitu.governance.conferences import Delegation, check_proxy
from openitu.governance.finance import (
    LDC_CLASSES,
    UNIT_CLASSES,
    Due,
    Payment,
    StandingStatus,
    dues_by_year,
    member_state_standing,
    parse_unit_class,
    sector_member_standing,
)
from openitu.governance.votes import Basis, Majority, Outcome, Tally, decide

DUES = dues_by_year({2023: Decimal("1000.00"), 2024: Decimal("1000.00"), 2025: Decimal("1000.00")})
ON = date(2025, 6, 1)  # 2023 and 2024 are the two preceding years: CHF 2000.00


def test_cs_169_arrears_equal_to_two_years_lose_the_vote() -> None:
    # Nothing paid: arrears of 2000.00 equal the two years' 2000.00.
    held = member_state_standing(DUES, [], ON)
    assert (held.status, held.arrears) == (StandingStatus.LOST_VOTE, Decimal("2000.00"))


def test_cs_169_one_centime_less_keeps_the_vote() -> None:
    paid = [Payment(Decimal("0.01"), date(2025, 5, 31))]
    held = member_state_standing(DUES, paid, ON)
    assert (held.status, held.arrears) == (StandingStatus.GOOD, Decimal("1999.99"))
    # ... and the vote is lost again the day before that centime arrived.
    assert not member_state_standing(DUES, paid, date(2025, 5, 30)).in_good_standing


def test_cs_169_arrears_exceeding_two_years_lose_the_vote() -> None:
    # A year's contribution of 2022 still unpaid on top: 3000.00 > 2000.00.
    dues = [Due(2022, Decimal("1000.00"), date(2022, 1, 1)), *DUES]
    held = member_state_standing(dues, [], ON)
    assert (held.status, held.arrears) == (StandingStatus.LOST_VOTE, Decimal("3000.00"))
    # Paid down to exactly one year behind plus a centime less than a second: keeps it.
    paid = [Payment(Decimal("1000.01"), date(2023, 1, 1))]
    assert member_state_standing(dues, paid, ON).arrears == Decimal("1999.99")
    assert member_state_standing(dues, paid, ON).in_good_standing


def test_cs_169_the_current_year_is_not_arrears() -> None:
    # On 1 January 2025 the 2025 contribution is due but not in arrears yet; 2023 and
    # 2024 paid: the vote is kept.
    paid = [Payment(Decimal("2000.00"), date(2024, 12, 31))]
    held = member_state_standing(DUES, paid, date(2025, 1, 1))
    assert (held.status, held.arrears) == (StandingStatus.GOOD, Decimal("0"))


def test_resolution_152_exclusion_runs_from_the_notice_received() -> None:
    """Resolves 6 of Resolution 152 (Rev. Busan, 2014): suspension six months (180 days)
    after the due date, exclusion three months (90 days) after the notice of suspension
    is received."""
    dues = [Due(2025, Decimal("5000.00"), date(2025, 1, 1))]
    suspended_on = date(2025, 1, 1) + timedelta(days=180)
    notice = suspended_on + timedelta(days=20)  # the notice arrived three weeks later

    def status(day: date) -> StandingStatus:
        return sector_member_standing(dues, [], day, suspension_notified=notice).status

    assert status(suspended_on - timedelta(days=1)) is StandingStatus.GOOD
    assert status(suspended_on) is StandingStatus.SUSPENDED
    # 90 days after the suspension would be too early: the notice counts.
    assert status(suspended_on + timedelta(days=90)) is StandingStatus.SUSPENDED
    assert status(notice + timedelta(days=89)) is StandingStatus.SUSPENDED
    assert status(notice + timedelta(days=90)) is StandingStatus.EXCLUDED
    # Paying (before exclusion) restores good standing.
    paid = [Payment(Decimal("5000.00"), suspended_on + timedelta(days=10))]
    late = sector_member_standing(
        dues, paid, notice + timedelta(days=120), suspension_notified=notice
    )
    assert late.status is StandingStatus.GOOD


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


def _delegations(**proxies: str) -> list[Delegation]:
    return [Delegation(state, True, True, proxies.get(state)) for state in ("FR", "DE", "IT")]


def test_a_delegation_holds_one_proxy_and_a_state_gives_one() -> None:
    check_proxy(_delegations(), holder="FR", giver="DE")
    with pytest.raises(Conflict, match="already holds the proxy of IT"):
        check_proxy(_delegations(FR="IT"), holder="FR", giver="DE")
    with pytest.raises(Conflict, match="already given its proxy to IT"):
        check_proxy(_delegations(IT="DE"), holder="FR", giver="DE")


def test_no_proxy_is_passed_on() -> None:
    # Italy holds France's proxy: France (absent) cannot hold Germany's ...
    with pytest.raises(Conflict, match="FR has given its own proxy to IT"):
        check_proxy(_delegations(IT="FR"), holder="FR", giver="DE")
    # ... and Germany, holding Italy's, cannot give its own.
    with pytest.raises(Conflict, match="DE holds a proxy itself"):
        check_proxy(_delegations(DE="IT"), holder="FR", giver="DE")


def test_the_classes_of_contribution_are_those_of_cv_468() -> None:
    # CV Art. 33, No. 468 (copied from the Convention's list, not from our code): 40 down
    # to 1/2 unit for any member, and the 1/4, 1/8 and 1/16 classes for the least
    # developed countries.
    listed = "40,35,30,28,25,23,20,18,15,13,11,10,8,6,5,4,3,2 1/2,2,1 1/2,1,1/2,1/4,1/8,1/16"
    assert tuple(parse_unit_class(text) for text in listed.split(",")) == UNIT_CLASSES
    assert {Fraction(1, 4), Fraction(1, 8), Fraction(1, 16)} == LDC_CLASSES
