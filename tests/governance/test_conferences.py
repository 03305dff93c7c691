"""Conferences, delegations and proposals: proxies (one given, one held, none passed on,
CV No. 336-337), who names a representative, what a proposal amends (CS No. 89) and
which proposal a vote may decide."""

from __future__ import annotations

import pytest

from openitu.errors import Conflict, InvalidInput
from openitu.governance.conferences import (
    ConferenceKind,
    Delegation,
    Proposal,
    ProposalStatus,
    check_proxy,
    check_representative,
    check_takes_proposals,
    matter_voted_on,
    proposal_matter,
    status_after,
)
from openitu.governance.members import MemberKind
from openitu.governance.votes import Matter, Outcome


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


def test_a_member_other_than_a_state_takes_part_through_a_named_representative() -> None:
    assert check_representative(MemberKind.MEMBER_STATE, None) is None
    assert check_representative(MemberKind.SECTOR_MEMBER, " Radio-Rep ") == "radio-rep"
    with pytest.raises(InvalidInput) as refused:
        check_representative(MemberKind.ACADEMIA, "")
    assert refused.value.field == "representative"


def test_what_a_proposal_amends() -> None:
    # Amendments to the Table amend the Radio Regulations, which only a WRC revises
    # (CS No. 89); a proposal without amendments is general unless it says otherwise.
    assert proposal_matter(ConferenceKind.WRC, 1, None) is Matter.RADIO_REGULATIONS
    assert proposal_matter(ConferenceKind.WRC, 0, None) is Matter.GENERAL
    assert proposal_matter(ConferenceKind.PP, 0, Matter.CONSTITUTION) is Matter.CONSTITUTION
    refusals = [
        ((ConferenceKind.RA, 1, None), "amendments"),
        ((ConferenceKind.WRC, 201, None), "amendments"),
        ((ConferenceKind.WRC, 1, Matter.GENERAL), "matter"),
        ((ConferenceKind.WRC, 0, Matter.CONSTITUTION), "matter"),  # only a PP (CS No. 229)
    ]
    for arguments, field in refusals:
        with pytest.raises(InvalidInput) as refused:
            proposal_matter(*arguments)
        assert refused.value.field == field


def _proposal(status: ProposalStatus = ProposalStatus.SUBMITTED) -> Proposal:
    return Proposal(
        id=4, conference="WRC-T", agenda_item="1.2", submitted_by="FR", title="Mobile",
        matter=Matter.RADIO_REGULATIONS, amendments=(), status=status,
    )  # fmt: skip


def test_a_vote_decides_a_submitted_proposal_of_its_conference() -> None:
    assert matter_voted_on("WRC-T", 4, _proposal(), None) is Matter.RADIO_REGULATIONS
    with pytest.raises(InvalidInput) as elsewhere:
        matter_voted_on("WRC-U", 4, _proposal(), None)
    assert elsewhere.value.field == "proposal_id"
    with pytest.raises(InvalidInput):
        matter_voted_on("WRC-T", 5, None, None)
    with pytest.raises(Conflict, match="proposal 4 is adopted already"):
        matter_voted_on("WRC-T", 4, _proposal(ProposalStatus.ADOPTED), None)
    with pytest.raises(InvalidInput) as disagreeing:
        matter_voted_on("WRC-T", 4, _proposal(), Matter.GENERAL)
    assert disagreeing.value.field == "matter"


def test_only_an_adoption_or_a_rejection_decides_the_proposal() -> None:
    assert status_after(Outcome.ADOPTED) is ProposalStatus.ADOPTED
    assert status_after(Outcome.REJECTED) is ProposalStatus.REJECTED
    assert status_after(Outcome.NO_QUORUM) is None
    assert status_after(Outcome.DEFERRED) is None


def test_a_conference_takes_proposals_until_its_final_acts_are_signed() -> None:
    check_takes_proposals("WRC-27", final_acts_edition=None)
    with pytest.raises(Conflict, match=r"Final Acts of WRC-27 are signed \(edition RR-2028\)"):
        check_takes_proposals("WRC-27", final_acts_edition="RR-2028")
