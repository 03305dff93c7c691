"""Contributions, budget shares, arrears and the right to vote.

Money is `decimal.Decimal` in Swiss francs, never a float: the shares of a budget are
computed exactly as fractions and rounded to the centime by the largest-remainder
method, so that they add up to the budget to the centime.

- Classes of contribution: CS Art. 28 and CV No. 468 (the unit classes from 40 down to
  1/2, and the 1/4, 1/8 and 1/16 classes reserved for the least developed countries as
  the United Nations list them and for the states the Council determines).
- Sector Members pay in units of their own, one fifth of a Member State's unit (CV No. 480
  and the Council's decision on Sector Members' units); the budget assessed here is
  shared in proportion to the weighted units.
- The right to vote: CS No. 169, a Member State in arrears loses its vote while its
  arrears equal or exceed the contributions due from it for the two preceding years.
- Sector Members and Associates in arrears: Resolution 152 (Rev. Busan, 2014) resolves 6,
  as Council document C17/14 restates it: suspension six months (180 days) after the due
  date, exclusion three months (90 days) after the notification of suspension is received
  (taken here as the day of suspension unless one is recorded), unless a repayment
  schedule has been agreed (not modelled).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from fractions import Fraction
from typing import Final

from openitu.errors import InvalidInput
from openitu.governance.members import MemberKind

CENT: Final = Decimal("0.01")

_CLASSES_TEXT: Final = "40 35 30 28 25 23 20 18 15 13 11 10 8 6 5 4 3 5/2 2 3/2 1 1/2 1/4 1/8 1/16"
UNIT_CLASSES: Final[tuple[Fraction, ...]] = tuple(map(Fraction, _CLASSES_TEXT.split(" ")))
LDC_CLASSES: Final = frozenset({Fraction(1, 4), Fraction(1, 8), Fraction(1, 16)})
SECTOR_MEMBER_UNIT: Final = Fraction(1, 5)
"""A Sector Member's contributory unit as a fraction of a Member State's."""

SUSPENSION_AFTER: Final = timedelta(days=180)
EXCLUSION_AFTER_NOTICE: Final = timedelta(days=90)


def parse_unit_class(value: str | float | Fraction, *, field: str = "unit_class") -> Fraction:
    """A class of contribution, written ``"1/16"``, ``"2 1/2"``, ``"2.5"`` or ``40``."""
    try:
        if isinstance(value, Fraction):
            parsed = value
        elif isinstance(value, str):
            text = value.strip()
            whole, _, part = text.partition(" ")
            parsed = Fraction(whole) + Fraction(part) if part else Fraction(text)
        else:
            parsed = Fraction(str(value))
    except (ValueError, ZeroDivisionError):
        raise InvalidInput(field, f"{value!r} is not a number of units") from None
    if parsed not in UNIT_CLASSES:
        listed = ", ".join(format_units(unit) for unit in UNIT_CLASSES)
        raise InvalidInput(
            field, f"{format_units(parsed)} is not a class of contribution ({listed})"
        )
    return parsed


def format_units(units: Fraction) -> str:
    whole, part = divmod(units, 1)
    if part == 0:
        return str(int(whole))
    if whole == 0:
        return f"{part.numerator}/{part.denominator}"
    return f"{int(whole)} {part.numerator}/{part.denominator}"


def check_class_allowed(
    units: Fraction, *, least_developed: bool, field: str = "unit_class"
) -> None:
    if units in LDC_CLASSES and not least_developed:
        raise InvalidInput(
            field,
            f"the {format_units(units)} unit class is reserved for least developed countries "
            "(CV No. 468)",
        )


def parse_money(value: str | int | Decimal, *, field: str = "amount") -> Decimal:
    """An amount of Swiss francs to the centime (no floats: they drift)."""
    if isinstance(value, float):
        raise InvalidInput(field, "give money as a string or an integer, not a float")
    try:
        amount = Decimal(str(value).strip().replace("_", "").replace("'", ""))
    except InvalidOperation:
        raise InvalidInput(field, f"{value!r} is not an amount") from None
    if not amount.is_finite() or amount < 0:
        raise InvalidInput(field, "must be a finite amount of at least 0")
    if amount != amount.quantize(CENT):
        raise InvalidInput(field, "has more decimals than centimes")
    if amount >= Decimal("1e15"):
        raise InvalidInput(field, "is too large")
    return amount.quantize(CENT)


def largest_remainder(total: Decimal, weights: Sequence[Fraction]) -> list[Decimal]:
    """Split ``total`` (to the centime) in proportion to ``weights``: each share is the
    exact quotient rounded down to the centime, then the centimes left over go, one each,
    to the largest remainders (ties to the earlier). The shares add up to ``total``."""
    if total != total.quantize(CENT):
        raise InvalidInput("budget", "must be given to the centime")
    weight_sum = sum(weights, Fraction(0))
    if weight_sum <= 0:
        raise InvalidInput("units", "no contributory units to share the budget over")
    cents = int(total / CENT)
    exact = [Fraction(cents) * weight / weight_sum for weight in weights]
    floors = [int(value) for value in exact]  # exact >= 0, so int() floors
    left = cents - sum(floors)
    order = sorted(range(len(exact)), key=lambda i: (-(exact[i] - floors[i]), i))
    for i in order[:left]:
        floors[i] += 1
    return [Decimal(value) * CENT for value in floors]


@dataclass(frozen=True)
class Contributor:
    key: str
    """Who pays: a Member State's ISO2 code or an entity's id."""
    name: str
    kind: MemberKind
    units: Fraction
    gni_usd: Decimal | None = None


@dataclass(frozen=True)
class Share:
    contributor: Contributor
    weighted_units: Fraction
    amount: Decimal
    gni_amount: Decimal | None


@dataclass(frozen=True)
class Assessment:
    budget: Decimal
    total_units: Fraction
    """Member States' units plus Sector Members' units weighted by their unit's size."""
    unit_value: Decimal
    """The value of a Member State's contributory unit, to the centime (for display;
    shares are computed from the exact quotient)."""
    shares: tuple[Share, ...]
    gni_total: Decimal | None


def _weight(contributor: Contributor) -> Fraction:
    if contributor.kind is MemberKind.MEMBER_STATE:
        return contributor.units
    return contributor.units * SECTOR_MEMBER_UNIT


def assess(
    budget: Decimal,
    contributors: Sequence[Contributor],
    *,
    gni_floor: Fraction = Fraction(1, 100_000),
    gni_ceiling: Fraction = Fraction(22, 100),
) -> Assessment:
    """Share ``budget`` by contributory units, and beside it a what-if on gross national
    income for the Member States that have a GNI figure (each share between ``gni_floor``
    and ``gni_ceiling`` of the budget, as the UN scale bounds its own)."""
    if not contributors:
        raise InvalidInput("contributors", "nobody has chosen a class of contribution")
    weights = [_weight(contributor) for contributor in contributors]
    total_units = sum(weights, Fraction(0))
    amounts = largest_remainder(budget, weights)
    unit_value = budget * total_units.denominator / total_units.numerator
    gni = _gni_shares(budget, contributors, floor=gni_floor, ceiling=gni_ceiling)
    shares = tuple(
        Share(contributor, weight, amount, gni.get(contributor.key))
        for contributor, weight, amount in zip(contributors, weights, amounts, strict=True)
    )
    gni_total = sum((c.gni_usd for c in contributors if c.gni_usd is not None), Decimal(0))
    return Assessment(
        budget=budget,
        total_units=total_units,
        unit_value=unit_value.quantize(CENT),
        shares=shares,
        gni_total=gni_total if gni else None,
    )


def _gni_shares(
    budget: Decimal, contributors: Sequence[Contributor], *, floor: Fraction, ceiling: Fraction
) -> dict[str, Decimal]:
    with_gni = [
        c for c in contributors if c.kind is MemberKind.MEMBER_STATE and c.gni_usd is not None
    ]
    if not with_gni:
        return {}
    gni = {c.key: Fraction(str(c.gni_usd)) for c in with_gni}
    fixed: dict[str, Fraction] = {}
    # Bound each rate, then share what is left over the others in proportion to GNI,
    # until no rate leaves its bounds (at most one pass per contributor).
    for _ in range(len(gni) + 1):
        free = {key: value for key, value in gni.items() if key not in fixed}
        room = 1 - sum(fixed.values(), Fraction(0))
        free_total = sum(free.values(), Fraction(0))
        changed = False
        for key, value in free.items():
            rate = room * value / free_total if free_total else room / len(free)
            if rate < floor:
                fixed[key], changed = floor, True
            elif rate > ceiling:
                fixed[key], changed = ceiling, True
        if not changed:
            break
    free = {key: value for key, value in gni.items() if key not in fixed}
    room = 1 - sum(fixed.values(), Fraction(0))
    free_total = sum(free.values(), Fraction(0))
    rates = [fixed[c.key] if c.key in fixed else room * gni[c.key] / free_total for c in with_gni]
    amounts = largest_remainder(budget, rates)
    return {c.key: amount for c, amount in zip(with_gni, amounts, strict=True)}


# --- arrears --------------------------------------------------------------------------


@dataclass(frozen=True)
class Due:
    year: int
    amount: Decimal
    due_on: date


@dataclass(frozen=True)
class Payment:
    amount: Decimal
    paid_on: date


class StandingStatus(StrEnum):
    GOOD = "good"
    LOST_VOTE = "lost-vote"  # Member State, CS No. 169
    SUSPENDED = "suspended"  # Sector Member / Associate / Academia, Resolution 152
    EXCLUDED = "excluded"


@dataclass(frozen=True)
class Standing:
    status: StandingStatus
    arrears: Decimal
    reason: str | None
    note: str | None = None
    """Why the standing could not be fully decided (a year with no budget recorded)."""

    @property
    def in_good_standing(self) -> bool:
        return self.status is StandingStatus.GOOD


def _paid_by(payments: Iterable[Payment], day: date) -> Decimal:
    return sum((p.amount for p in payments if p.paid_on <= day), Decimal(0))


def member_state_standing(
    dues: Sequence[Due],
    payments: Sequence[Payment],
    on: date,
    *,
    budget_years: Collection[int] | None = None,
) -> Standing:
    """CS No. 169: the vote is lost while arrears >= the contributions due for the two
    preceding years. A year's contribution falls into arrears when its year has ended
    unpaid; payments settle the oldest contributions first.

    ``budget_years`` are the years whose budget is recorded (None: every year is). A
    preceding year with neither a budget nor a contribution of this state recorded has an
    unknown contribution, not a nil one (CS Art. 28 gives every Member State a class of at
    least 1/16 of a unit): CS No. 169 then has no amount to compare the arrears with, so
    the vote is not withdrawn, and the standing says which budget is missing."""
    past = [due for due in dues if due.year < on.year]
    arrears = max(Decimal(0), sum((d.amount for d in past), Decimal(0)) - _paid_by(payments, on))
    preceding = (on.year - 2, on.year - 1)
    recorded = {due.year for due in dues}
    missing = [
        year
        for year in preceding
        if budget_years is not None and year not in budget_years and year not in recorded
    ]
    if missing:
        years = " and ".join(str(year) for year in missing)
        return Standing(
            StandingStatus.GOOD,
            arrears,
            None,
            f"no budget recorded for {years}: the contributions due for {preceding[0]} and "
            f"{preceding[1]} are not known, so arrears cannot withdraw the vote (CS No. 169)",
        )
    two_years = sum((d.amount for d in dues if d.year in preceding), Decimal(0))
    if arrears > 0 and arrears >= two_years:
        return Standing(
            StandingStatus.LOST_VOTE,
            arrears,
            f"arrears of CHF {arrears:,.2f} equal or exceed the contributions due for "
            f"{on.year - 2} and {on.year - 1} (CHF {two_years:,.2f}): CS No. 169",
        )
    return Standing(StandingStatus.GOOD, arrears, None)


def sector_member_standing(
    dues: Sequence[Due],
    payments: Sequence[Payment],
    on: date,
    *,
    suspension_notified: date | None = None,
) -> Standing:
    """Resolution 152 resolves 6: suspended 180 days after the due date of a contribution
    still unpaid, excluded 90 days after receiving the notification of suspension."""
    paid = _paid_by(payments, on)
    owed = Decimal(0)
    oldest_unpaid: Due | None = None
    for due in sorted(dues, key=lambda d: d.due_on):
        if due.due_on > on:
            continue
        owed += due.amount
        if owed > paid and oldest_unpaid is None:
            oldest_unpaid = due
    arrears = max(Decimal(0), owed - paid)
    if oldest_unpaid is None:
        return Standing(StandingStatus.GOOD, arrears, None)
    suspended_on = oldest_unpaid.due_on + SUSPENSION_AFTER
    if on < suspended_on:
        return Standing(StandingStatus.GOOD, arrears, None)
    notified = suspension_notified or suspended_on
    excluded_on = notified + EXCLUSION_AFTER_NOTICE
    if on >= excluded_on:
        return Standing(
            StandingStatus.EXCLUDED,
            arrears,
            f"the {oldest_unpaid.year} contribution is unpaid; excluded on "
            f"{excluded_on.isoformat()}, 90 days after notice of suspension (Resolution 152)",
        )
    return Standing(
        StandingStatus.SUSPENDED,
        arrears,
        f"the {oldest_unpaid.year} contribution due {oldest_unpaid.due_on.isoformat()} is "
        "unpaid after 180 days: suspended (Resolution 152)",
    )


def dues_by_year(amounts: Mapping[int, Decimal]) -> list[Due]:
    """Annual contributions due on 1 January of their year."""
    return [Due(year, amount, date(year, 1, 1)) for year, amount in sorted(amounts.items())]


def standing(
    kind: MemberKind,
    dues: Sequence[Due],
    payments: Sequence[Payment],
    on: date,
    *,
    suspension_notified: date | None = None,
    budget_years: Collection[int] | None = None,
) -> Standing:
    """A member's financial standing on a date: a Member State's under CS No. 169, any
    other member's under Resolution 152."""
    if kind is MemberKind.MEMBER_STATE:
        return member_state_standing(dues, payments, on, budget_years=budget_years)
    return sector_member_standing(dues, payments, on, suspension_notified=suspension_notified)


def cents(amount: Decimal) -> int:
    """An amount of Swiss francs as the whole centimes the database stores."""
    return int(amount / CENT)


def from_cents(count: int) -> Decimal:
    return Decimal(count) * CENT


def money_text(amount: Decimal) -> str:
    """An amount as published: francs with two decimals."""
    return f"{amount:.2f}"


def check_gni(gni_usd: int) -> int:
    if gni_usd < 0:
        raise InvalidInput("gni_usd", "must be at least 0")
    return gni_usd


def check_payment(amount: Decimal) -> Decimal:
    if amount <= 0:
        raise InvalidInput("amount", "a payment is more than 0")
    return amount


def check_budget_year(year: int) -> int:
    if not 1900 <= year <= 2200:
        raise InvalidInput("year", "a year between 1900 and 2200")
    return year


def check_suspendable(kind: MemberKind) -> None:
    """Only a Sector Member, Associate or Academia member in arrears is suspended
    (Resolution 152, resolves 6): a Member State in arrears loses its vote instead
    (CS No. 169)."""
    if kind is MemberKind.MEMBER_STATE:
        raise InvalidInput(
            "member", "a Member State in arrears loses its vote (CS No. 169); it is not suspended"
        )


def check_suspended(held: Standing, *, name: str, on: date) -> None:
    """A notice of suspension is recorded only for a member suspended on the day it was
    received."""
    if held.status is StandingStatus.GOOD:
        raise InvalidInput("received", f"{name} is not suspended on {on.isoformat()}")


def contributes(kind: MemberKind) -> bool:
    """Whether a budget is shared over this kind of member's contributory units: Member
    States (CS Art. 28) and Sector Members (CV No. 480)."""
    return kind in (MemberKind.MEMBER_STATE, MemberKind.SECTOR_MEMBER)
