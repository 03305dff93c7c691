"""Contributory units, exact shares of the budget, arrears and the right to vote; the rules
at their edges: CS No. 169 to the centime, Resolution 152's delays from a recorded notice."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

import pytest

from openitu.errors import InvalidInput
from openitu.governance.finance import (
    LDC_CLASSES,
    UNIT_CLASSES,
    Contributor,
    Due,
    Payment,
    StandingStatus,
    assess,
    check_budget_year,
    check_class_allowed,
    check_gni,
    check_payment,
    check_suspendable,
    check_suspended,
    dues_by_year,
    largest_remainder,
    member_state_standing,
    parse_money,
    parse_unit_class,
    sector_member_standing,
    standing,
)
from openitu.governance.members import MemberKind


def test_unit_classes() -> None:
    assert len(UNIT_CLASSES) == 25
    assert max(UNIT_CLASSES) == 40
    assert min(UNIT_CLASSES) == Fraction(1, 16)
    assert parse_unit_class("2 1/2") == Fraction(5, 2)
    assert parse_unit_class("1/16") == Fraction(1, 16)
    assert parse_unit_class(40) == 40
    for bad in ("7", "1/3", "many", "0"):
        with pytest.raises(InvalidInput):
            parse_unit_class(bad)
    with pytest.raises(InvalidInput, match="least developed"):
        check_class_allowed(Fraction(1, 8), least_developed=False)
    check_class_allowed(Fraction(1, 8), least_developed=True)
    check_class_allowed(Fraction(1, 2), least_developed=False)


def test_money_is_never_a_float() -> None:
    assert parse_money("1'000.50") == Decimal("1000.50")
    for bad in ("1.005", "-1", "NaN", "abc"):
        with pytest.raises(InvalidInput):
            parse_money(bad)
    with pytest.raises(InvalidInput):
        parse_money(0.1)  # type: ignore[arg-type]


def test_largest_remainder_on_thirds() -> None:
    assert largest_remainder(Decimal("100.00"), [Fraction(1)] * 3) == [
        Decimal("33.34"),
        Decimal("33.33"),
        Decimal("33.33"),
    ]


def test_shares_sum_exactly_for_random_budgets_and_classes() -> None:
    rng = random.Random(1865)
    for _ in range(200):
        budget = Decimal(rng.randrange(1, 10**11)) / 100
        weights = [rng.choice(UNIT_CLASSES) for _ in range(rng.randrange(1, 200))]
        shares = largest_remainder(budget, weights)
        assert sum(shares) == budget
        exact = [Fraction(str(budget)) * w / sum(weights) for w in weights]
        for share, value in zip(shares, exact, strict=True):
            assert abs(Fraction(str(share)) - value) < Fraction(1, 100)


def test_assessment_units_and_sector_members_fifth() -> None:
    contributors = [
        Contributor("US", "United States", MemberKind.MEMBER_STATE, Fraction(30)),
        Contributor("HT", "Haiti", MemberKind.MEMBER_STATE, Fraction(1, 16)),
        Contributor("7", "Acme", MemberKind.SECTOR_MEMBER, Fraction(1)),
    ]
    result = assess(Decimal("1000000.00"), contributors)
    assert result.total_units == Fraction(30) + Fraction(1, 16) + Fraction(1, 5)
    assert sum(share.amount for share in result.shares) == Decimal("1000000.00")
    by_key = {share.contributor.key: share.amount for share in result.shares}
    # Shares are proportional to weighted units: the unit value times the units.
    unit = Fraction(1_000_000) / result.total_units
    assert abs(Fraction(str(by_key["US"])) - 30 * unit) <= Fraction(1, 100)
    assert abs(Fraction(str(by_key["7"])) - unit / 5) <= Fraction(1, 100)
    assert result.unit_value == Decimal(str(round(float(unit), 2)))


def test_gni_what_if_bounds_and_sums() -> None:
    contributors = [
        Contributor("A", "A", MemberKind.MEMBER_STATE, Fraction(1), Decimal("900")),
        Contributor("B", "B", MemberKind.MEMBER_STATE, Fraction(1), Decimal("50")),
        Contributor("C", "C", MemberKind.MEMBER_STATE, Fraction(1), Decimal("50")),
        Contributor("D", "D", MemberKind.MEMBER_STATE, Fraction(1), Decimal("0")),
    ]
    result = assess(Decimal("1000.00"), contributors, gni_ceiling=Fraction(1, 2))
    gni = {share.contributor.key: share.gni_amount for share in result.shares}
    assert gni["A"] == Decimal("500.00")  # capped at half
    assert gni["D"] == Decimal("0.01")  # the floor, 1/100000 of 1000, to the centime
    # B and C share the 499.99 left: one of them gets the odd centime.
    assert {gni["B"], gni["C"]} == {Decimal("250.00"), Decimal("249.99")}
    assert sum(v for v in gni.values() if v is not None) == Decimal("1000.00")


def test_cs_169_the_vote_is_lost_at_two_years_of_arrears() -> None:
    dues = dues_by_year({2023: Decimal("100"), 2024: Decimal("100"), 2025: Decimal("100")})
    # Nothing paid: in 2025 the arrears (2023 + 2024) equal two years' contributions.
    lost = member_state_standing(dues, [], date(2025, 3, 1))
    assert lost.status is StandingStatus.LOST_VOTE
    assert lost.arrears == Decimal("200")
    assert "CS No. 169" in (lost.reason or "")
    # One year behind keeps the vote.
    paid_2023 = [Payment(Decimal("100"), date(2024, 6, 1))]
    assert member_state_standing(dues, paid_2023, date(2025, 3, 1)).in_good_standing
    # Paying back restores it from the day of payment.
    late = [Payment(Decimal("1"), date(2025, 3, 2))]
    assert not member_state_standing(dues, late, date(2025, 3, 1)).in_good_standing
    assert member_state_standing(dues, late, date(2025, 3, 2)).in_good_standing
    # During 2024 only 2023 is past due, and with no contribution due for 2022 the two
    # preceding years' contributions are 100 as well: 100 >= 100 loses the vote.
    assert member_state_standing(dues, [], date(2024, 7, 1)).in_good_standing is False
    # With a 2022 contribution (paid), one year behind is less than two years' worth.
    with_2022 = [Due(2022, Decimal("100"), date(2022, 1, 1)), *dues]
    paid_2022 = [Payment(Decimal("100"), date(2022, 2, 1))]
    assert member_state_standing(with_2022, paid_2022, date(2024, 7, 1)).in_good_standing


def test_resolution_152_suspension_then_exclusion() -> None:
    dues = [Due(2025, Decimal("10000"), date(2025, 1, 1))]
    assert sector_member_standing(dues, [], date(2025, 6, 29)).in_good_standing
    suspended = sector_member_standing(dues, [], date(2025, 6, 30))  # 180 days
    assert suspended.status is StandingStatus.SUSPENDED
    assert sector_member_standing(dues, [], date(2025, 9, 27)).status is StandingStatus.SUSPENDED
    assert sector_member_standing(dues, [], date(2025, 9, 28)).status is StandingStatus.EXCLUDED
    paid = [Payment(Decimal("10000"), date(2025, 3, 1))]
    assert sector_member_standing(dues, paid, date(2026, 1, 1)).in_good_standing


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


def test_the_classes_of_contribution_are_those_of_cv_468() -> None:
    # CV Art. 33, No. 468 (copied from the Convention's list, not from our code): 40 down
    # to 1/2 unit for any member, and the 1/4, 1/8 and 1/16 classes for the least
    # developed countries.
    listed = "40,35,30,28,25,23,20,18,15,13,11,10,8,6,5,4,3,2 1/2,2,1 1/2,1,1/2,1/4,1/8,1/16"
    assert tuple(parse_unit_class(text) for text in listed.split(",")) == UNIT_CLASSES
    assert {Fraction(1, 4), Fraction(1, 8), Fraction(1, 16)} == LDC_CLASSES


def test_a_notice_of_suspension_is_for_a_suspended_member_that_is_no_state() -> None:
    dues = [Due(2025, Decimal("5000.00"), date(2025, 1, 1))]
    suspended_on = date(2025, 1, 1) + timedelta(days=180)  # Resolution 152, resolves 6
    with pytest.raises(InvalidInput) as state:
        check_suspendable(MemberKind.MEMBER_STATE)  # a state loses its vote (CS No. 169)
    assert state.value.field == "member"
    check_suspendable(MemberKind.ASSOCIATE)
    check_suspended(standing(MemberKind.ASSOCIATE, dues, [], suspended_on), name="A", on=ON)
    early = standing(MemberKind.ASSOCIATE, dues, [], suspended_on - timedelta(days=1))
    with pytest.raises(InvalidInput) as good:
        check_suspended(early, name="A", on=suspended_on - timedelta(days=1))
    assert good.value.field == "received"


def test_payments_gni_and_budget_years_are_checked() -> None:
    assert check_payment(Decimal("0.01")) == Decimal("0.01")
    assert check_gni(0) == 0
    assert check_budget_year(2200) == 2200
    for refuse, value, field in (
        (check_payment, Decimal(0), "amount"),
        (check_gni, -1, "gni_usd"),
        (check_budget_year, 1899, "year"),
    ):
        with pytest.raises(InvalidInput) as refused:
            refuse(value)  # type: ignore[operator]
        assert refused.value.field == field


def test_cs_169_a_year_without_a_budget_is_not_a_nil_contribution() -> None:
    dues = dues_by_year({2024: Decimal("100")})
    # 2023 has no budget recorded: the two years' contributions are unknown, the arrears of
    # 2024 withdraw nothing, and the standing says why.
    held = member_state_standing(dues, [], date(2025, 3, 1), budget_years={2024})
    assert (held.status, held.arrears) == (StandingStatus.GOOD, Decimal("100"))
    assert "no budget recorded for 2023" in (held.note or "")
    # With the 2023 budget recorded and nothing assessed on this state, 100 >= 100.
    lost = member_state_standing(dues, [], date(2025, 3, 1), budget_years={2023, 2024})
    assert lost.status is StandingStatus.LOST_VOTE and lost.note is None
    # No budget at all: no arrears, and said.
    none = member_state_standing([], [], date(2025, 3, 1), budget_years=())
    assert none.in_good_standing
    assert "no budget recorded for 2023 and 2024" in (none.note or "")
