"""Conferences and meetings, their agendas, delegations and proposals."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any, Final

from openitu.errors import Conflict, InvalidInput


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
    for kind in ConferenceKind:
        if kind.value.lower() == value.strip().lower():
            return kind
    names = ", ".join(kind.value for kind in ConferenceKind)
    raise InvalidInput(field, f"{value!r} is not a kind of conference ({names})")


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
class AgendaItem:
    number: str
    title: str


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


@dataclass(frozen=True)
class Proposal:
    id: int
    conference: str
    agenda_item: str
    submitted_by: str
    title: str
    amendments: tuple[dict[str, Any], ...]
    """Amendments to the Radio Regulations' Table, as the JSON documents of
    `openitu.spectrum.amendments` (empty for a proposal that amends nothing)."""
    status: ProposalStatus
