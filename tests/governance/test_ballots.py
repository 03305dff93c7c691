"""Who may cast a ballot and who counts towards the quorum, on plain values: one vote per
accredited and present Member State not in arrears (CV No. 332, CS No. 169), a proxy held
by a delegation that has its own vote (CV No. 336-337), one ballot per state.

The rules read the conference through the `BallotBox` port; here it is a table of
delegations, with standings computed by the finance rules from dues and payments."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

import pytest

from openitu.errors import Conflict, Forbidden
from openitu.governance.ballots import Attendance, Seat, attendance, check_ballot, seat_of
from openitu.governance.conferences import Delegation
from openitu.governance.finance import Payment, Standing, dues_by_year, member_state_standing
from openitu.governance.members import MemberKind

ON = date(2026, 6, 1)
# Two preceding years' contributions (2024, 2025), unpaid: CS No. 169 takes the vote.
ARREARS = dues_by_year({2024: Decimal("1000.00"), 2025: Decimal("1000.00")})


@dataclass
class Conference:
    """The `BallotBox` port over plain values."""

    delegations: dict[str, Delegation]
    in_arrears: set[str] = field(default_factory=set)
    voted: set[str] = field(default_factory=set)

    def standing(self, state: str) -> Standing:
        paid = [] if state in self.in_arrears else [Payment(Decimal("2000.00"), ON)]
        return member_state_standing(ARREARS, paid, ON)

    def delegation(self, state: str) -> Delegation | None:
        return self.delegations.get(state)

    def has_voted(self, state: str) -> bool:
        return state in self.voted


def _seat(state: str, *, present: bool = True, proxy_for: str | None = None) -> Seat:
    return Seat(state, MemberKind.MEMBER_STATE, state, True, present, proxy_for)


def _conference(**kwargs: set[str]) -> Conference:
    states = {
        "FR": Delegation("FR", True, True),
        "DE": Delegation("DE", True, True, proxy_for="AU"),
        "AU": Delegation("AU", True, False),
        "IT": Delegation("IT", False, False),
    }
    return Conference(states, **kwargs)


def test_an_accredited_present_delegation_votes_once_for_its_state() -> None:
    box = _conference()
    check_ballot(_seat("FR"), state="FR", vote_id=1, box=box)
    box.voted.add("FR")
    with pytest.raises(Conflict, match="FR has voted already in vote 1"):
        check_ballot(_seat("FR"), state="FR", vote_id=1, box=box)


def test_an_absent_delegation_or_another_kind_of_member_does_not_vote() -> None:
    with pytest.raises(Forbidden, match="not accredited and present"):
        check_ballot(_seat("FR", present=False), state="FR", vote_id=1, box=_conference())
    sector_member = Seat(None, MemberKind.SECTOR_MEMBER, "Radio SA", True, True)
    with pytest.raises(Forbidden, match=r"CS Art\. 3 No\. 27"):
        check_ballot(sector_member, state="FR", vote_id=1, box=_conference())


def test_a_state_in_arrears_may_not_vote() -> None:
    with pytest.raises(Forbidden, match=r"FR may not vote: .*CS No\. 169"):
        check_ballot(_seat("FR"), state="FR", vote_id=1, box=_conference(in_arrears={"FR"}))


def test_a_proxy_is_cast_by_its_holder_only_while_the_holder_has_its_own_vote() -> None:
    holder = _seat("DE", proxy_for="AU")
    check_ballot(holder, state="AU", vote_id=1, box=_conference())
    with pytest.raises(Forbidden, match="holds no proxy of IT"):
        check_ballot(holder, state="IT", vote_id=1, box=_conference())
    with pytest.raises(Forbidden, match="DE has lost its own vote and cannot cast AU's"):
        check_ballot(holder, state="AU", vote_id=1, box=_conference(in_arrears={"DE"}))
    # Italy's credentials are not accepted: it has no proxy to give.
    with pytest.raises(Forbidden, match="IT has no accredited delegation"):
        check_ballot(_seat("DE", proxy_for="IT"), state="IT", vote_id=1, box=_conference())


def test_a_principal_votes_in_the_delegation_it_represents_else_its_own_states() -> None:
    own, represented = _seat("FR"), _seat("DE")
    assert seat_of("x", representing=represented, of_own_state=own) is represented
    assert seat_of("x", representing=None, of_own_state=own) is own
    with pytest.raises(Forbidden, match="x sits in no delegation"):
        seat_of("x", representing=None, of_own_state=None)


def test_the_quorum_counts_the_accredited_present_or_represented() -> None:
    # FR and DE present, AU absent but represented by DE's proxy, IT not accredited.
    box = _conference()
    assert attendance(list(box.delegations.values()), box) == Attendance(3, 2, 1)
    # A delegation in arrears is not accredited with the right to vote (CS No. 169), and
    # the proxy its holder holds no longer represents anyone if the holder is that one.
    box = _conference(in_arrears={"DE"})
    assert attendance(list(box.delegations.values()), box) == Attendance(2, 1, 0)
