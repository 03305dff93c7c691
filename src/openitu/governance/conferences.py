"""Conferences and meetings, their agendas, delegations and proposals."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any, Final

from openitu.errors import Conflict, InvalidInput
from openitu.governance.members import MemberKind
from openitu.governance.terms import parse_term
from openitu.governance.votes import Matter, Outcome, required_majority


class ConferenceKind(StrEnum):
    PP = "PP"  # Plenipotentiary Conference (CS Art. 8)
    WRC = "WRC"  # World Radiocommunication Conference (CS Art. 13): revises the RR
    RA = "RA"  # Radiocommunication Assembly (CS Art. 13)
    WTSA = "WTSA"  # World Telecommunication Standardization Assembly (CS Art. 18)
    WTDC = "WTDC"  # World Telecommunication Development Conference (CS Art. 22)
    WCIT = "WCIT"  # World Conference on International Telecommunications (CS Art. 25)
    COUNCIL = "Council"  # the Council's session (CS Art. 10)

    @property
    def amends_radio_regulations(self) -> bool:
        """Only a World Radiocommunication Conference revises the Radio Regulations
        (CS No. 89)."""
        return self is ConferenceKind.WRC


def parse_conference_kind(value: str, *, field: str = "kind") -> ConferenceKind:
    return parse_term(ConferenceKind, value, field=field, what="a kind of conference")


_CODE: Final = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{1,39}$")
_ITEM: Final = re.compile(r"^[0-9A-Za-z][0-9A-Za-z.]{0,15}$")


def check_code(value: str, *, field: str = "code") -> str:
    code = value.strip()
    if not _CODE.match(code):
        raise InvalidInput(field, "2 to 40 letters, digits, '.', '_' or '-' (e.g. WRC-27)")
    return code


def check_item_number(value: str, *, field: str = "number") -> str:
    number = value.strip()
    if not _ITEM.match(number):
        raise InvalidInput(field, "an agenda item number such as 1.2 or 9.1.b")
    return number


def check_text(value: str, *, field: str, longest: int = 2000) -> str:
    text = " ".join(value.split())
    if not 1 <= len(text) <= longest:
        raise InvalidInput(field, f"must have 1 to {longest} characters")
    return text


@dataclass(frozen=True)
class Conference:
    code: str
    kind: ConferenceKind
    title: str
    place: str
    starts: date
    ends: date

    def __post_init__(self) -> None:
        if self.ends < self.starts:
            raise InvalidInput("ends", "a conference ends on or after the day it starts")


@dataclass(frozen=True)
class Delegation:
    state: str
    credentials_accepted: bool
    present: bool
    proxy_for: str | None = None


def check_proxy(delegations: Sequence[Delegation], *, holder: str, giver: str) -> None:
    """A delegation may be given the mandate to vote for another Member State that cannot
    attend (CV No. 336) and may not exercise more than one proxy vote (CV No. 337); a
    state gives its proxy to one delegation, and a state that has given its own proxy
    (being absent) does not hold another's, nor does a holder give its own away."""
    if holder == giver:
        raise InvalidInput("proxy_for", "a delegation cannot hold its own state's proxy")
    by_state = {d.state: d for d in delegations}
    holding = by_state.get(holder)
    if holding is None:
        raise InvalidInput("state", f"{holder} has no delegation registered at this conference")
    if holding.proxy_for is not None and holding.proxy_for != giver:
        raise Conflict(f"the delegation of {holder} already holds the proxy of {holding.proxy_for}")
    for other in delegations:
        if other.proxy_for == giver and other.state != holder:
            raise Conflict(f"{giver} has already given its proxy to {other.state}")
        if other.proxy_for == holder:
            raise Conflict(f"{holder} has given its own proxy to {other.state}")
    if by_state.get(giver) is not None and by_state[giver].proxy_for is not None:
        raise Conflict(f"{giver} holds a proxy itself and cannot give its own")


class ProposalStatus(StrEnum):
    SUBMITTED = "submitted"
    ADOPTED = "adopted"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"


MAX_AMENDMENTS: Final = 200
"""The most amendments to the Table one proposal may carry."""


@dataclass(frozen=True)
class Proposal:
    id: int
    conference: str
    agenda_item: str
    submitted_by: str
    title: str
    matter: Matter
    amendments: tuple[dict[str, Any], ...]
    """Amendments to the Radio Regulations' Table, as the JSON documents of
    `openitu.spectrum.amendments` (empty for a proposal that amends nothing)."""
    status: ProposalStatus


def check_takes_proposals(code: str, *, final_acts_edition: str | None) -> None:
    """A conference whose Final Acts are signed has finished its work: a proposal made to
    it now could never be decided (its amendments would be in no edition)."""
    if final_acts_edition is not None:
        raise Conflict(
            f"the Final Acts of {code} are signed (edition {final_acts_edition}): "
            "it takes no more proposals"
        )


def check_representative(kind: MemberKind, representative: str | None) -> str | None:
    """A Member State's delegation votes through its delegates (their accounts name the
    state); any other member takes part through one registered representative's account.
    Returns the representative's account name as stored (lower case), if any."""
    if kind is not MemberKind.MEMBER_STATE and not representative:
        raise InvalidInput("representative", "name the account that represents this member")
    return representative.strip().lower() if representative else None


def proposal_matter(
    conference_kind: ConferenceKind, amendment_count: int, matter: Matter | None
) -> Matter:
    """What a proposal amends, which sets the majority its vote needs: by default a
    proposal carrying amendments to the Table amends the Radio Regulations (only a WRC
    revises them, CS No. 89) and any other is general; the conference must be one that
    can decide it (`openitu.governance.votes.required_majority`)."""
    if amendment_count and not conference_kind.amends_radio_regulations:
        raise InvalidInput(
            "amendments", f"a {conference_kind.value} does not revise the Radio Regulations"
        )
    if amendment_count > MAX_AMENDMENTS:
        raise InvalidInput("amendments", f"at most {MAX_AMENDMENTS} amendments in one proposal")
    if matter is None:
        matter = Matter.RADIO_REGULATIONS if amendment_count else Matter.GENERAL
    elif amendment_count and matter is not Matter.RADIO_REGULATIONS:
        raise InvalidInput("matter", "amendments to the Table amend the radio-regulations")
    required_majority(matter, conference_kind.value)
    return matter


def matter_voted_on(
    conference: str, proposal_id: int, proposal: Proposal | None, matter: Matter | None
) -> Matter:
    """The matter of a vote on a proposal: the proposal's own, which must belong to the
    conference and still await its vote; a ``matter`` the secretariat names must agree."""
    if proposal is None or proposal.conference != conference:
        raise InvalidInput("proposal_id", f"{conference} has no proposal {proposal_id}")
    if proposal.status is not ProposalStatus.SUBMITTED:
        raise Conflict(f"proposal {proposal_id} is {proposal.status.value} already")
    if matter is not None and matter is not proposal.matter:
        raise InvalidInput(
            "matter", f"proposal {proposal_id} amends the {proposal.matter.value}, not the "
            f"{matter.value}"
        )  # fmt: skip
    return proposal.matter


def status_after(outcome: Outcome) -> ProposalStatus | None:
    """What a vote's outcome makes of the proposal voted on (none for a vote without
    quorum or postponed: the proposal still awaits a decision)."""
    if outcome is Outcome.ADOPTED:
        return ProposalStatus.ADOPTED
    if outcome is Outcome.REJECTED:
        return ProposalStatus.REJECTED
    return None
