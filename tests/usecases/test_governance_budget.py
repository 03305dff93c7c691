"""Budgets: every Member State's and Sector Member's share, stored and read back, adds up
to the budget exactly (to the centime), on SQLite and on PostgreSQL."""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from governance_helpers import TokenFor
from openitu.accounts import Principal, Role
from openitu.errors import InvalidInput
from openitu.governance.finance import UNIT_CLASSES, format_units, parse_unit_class
from openitu.governance.members import MemberKind, Sector, member_states
from openitu.store import governance as governance_store
from openitu.usecases import governance as usecases

BUDGET = "123456789.01"  # an amount that shares into no round figures


def _choose_classes(sessions: sessionmaker[Session], secretariat: Principal) -> None:
    rng = random.Random(2026)
    with sessions() as session, session.begin():
        for state in member_states():
            allowed = [c for c in UNIT_CLASSES if state.least_developed or c >= Fraction(1, 2)]
            units = rng.choice(allowed)
            usecases.set_unit_class(
                session, principal=secretariat, member=state.iso2, unit_class=format_units(units)
            )
            usecases.set_gni(
                session,
                principal=secretariat,
                member=state.iso2,
                gni_usd=rng.randrange(10**8, 10**13),
            )
        for number in range(25):
            member = usecases.admit_member(
                session,
                principal=secretariat,
                kind=MemberKind.SECTOR_MEMBER,
                name=f"Operator {number:02d}",
                sector=Sector.R,
                country="CH",
                admitted=date(2020, 1, 1),
            )
            usecases.set_unit_class(
                session,
                principal=secretariat,
                member=str(member["id"]),
                unit_class=format_units(rng.choice(UNIT_CLASSES[:22])),
            )


def test_shares_add_up_to_the_budget_exactly(
    client: TestClient,
    sessions: sessionmaker[Session],
    secretariat: Principal,
    token_for: TokenFor,
) -> None:
    _choose_classes(sessions, secretariat)
    headers = token_for("budget-clerk", Role.SECRETARIAT)
    adopted = client.post(
        "/api/governance/budgets", headers=headers, json={"year": 2030, "amount": BUDGET}
    )
    assert adopted.status_code == 201, adopted.text
    body = client.get("/api/governance/budgets/2030").json()
    assert len(body["shares"]) == 194 + 25
    amounts = [Decimal(share["amount"]) for share in body["shares"]]
    assert sum(amounts) == Decimal(BUDGET)
    assert body["sum_of_shares"] == BUDGET
    assert all(amount == amount.quantize(Decimal("0.01")) and amount > 0 for amount in amounts)
    gni = [Decimal(share["gni_amount"]) for share in body["shares"] if share["gni_amount"]]
    assert len(gni) == 194
    assert sum(gni) == Decimal(BUDGET)
    # Shares are in proportion to the weighted units, within a centime of the exact share.
    total_units = Fraction(body["total_units"])
    for share in body["shares"]:
        units = parse_unit_class(share["unit_class"])
        if share["kind"] == "sector-member":
            units /= 5
        exact = Fraction(BUDGET) * units / total_units
        assert abs(Fraction(share["amount"]) - exact) < Fraction(1, 100)
    # The dues were recorded: a member's dues for 2030 equal its share.
    fr = next(share for share in body["shares"] if share["member"] == "FR")
    with sessions() as session:
        row = governance_store.get_member_state_row(session, "FR")
        assert [str(d.amount) for d in governance_store.dues(session, row.id)] == [fr["amount"]]
    # Adopting twice is refused.
    again = client.post(
        "/api/governance/budgets", headers=headers, json={"year": 2030, "amount": BUDGET}
    )
    assert again.status_code == 409


def test_an_ldc_class_is_refused_to_others(
    sessions: sessionmaker[Session], secretariat: Principal
) -> None:
    with sessions() as session, session.begin():
        with pytest.raises(InvalidInput, match="least developed"):
            usecases.set_unit_class(session, principal=secretariat, member="FR", unit_class="1/16")
        document = usecases.set_unit_class(
            session, principal=secretariat, member="HT", unit_class="1/16"
        )
        assert document["unit_class"] == "1/16"
