"""The union's members and what each kind of member may do.

Member States (CS Art. 2) are the 194 states listed in ``data/governance/member_states.tsv``
(see data/SOURCES.md for where each date of membership comes from). Sector Members,
Associates and Academia (CS Art. 3, CV Art. 19, Resolution 169) are recorded by the
secretariat; they take part in the work of a Sector without a vote.

What each kind may do is one table, :data:`MEMBER_RIGHTS`, and :func:`require_right`
is the one place that enforces it.
"""

from __future__ import annotations

import csv
import functools
import io
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from importlib import resources
from typing import Any, Final

from openitu.errors import Forbidden, InvalidInput, NotFound
from openitu.geo.countries import country
from openitu.governance.terms import parse_term


class MemberKind(StrEnum):
    MEMBER_STATE = "member-state"
    SECTOR_MEMBER = "sector-member"
    ASSOCIATE = "associate"
    ACADEMIA = "academia"


class Sector(StrEnum):
    R = "ITU-R"
    T = "ITU-T"
    D = "ITU-D"


def parse_kind(value: str, *, field: str = "kind") -> MemberKind:
    return parse_term(MemberKind, value, field=field, what="a kind of member")


def parse_sector(value: str, *, field: str = "sector") -> Sector:
    text = value.strip().upper().replace("ITU-", "")
    for sector in Sector:
        if sector.name == text:
            return sector
    raise InvalidInput(field, f"{value!r} is not a Sector (ITU-R, ITU-T or ITU-D)")


class Action(StrEnum):
    """What a member may do, as the rights table names it."""

    VOTE = "vote"
    SUBMIT_CONFERENCE_PROPOSALS = "submit-conference-proposals"
    SUBMIT_CONTRIBUTIONS = "submit-study-group-contributions"
    NOTIFY_FREQUENCY_ASSIGNMENTS = "notify-frequency-assignments"
    APPLY_NUMBERING_RESOURCES = "apply-numbering-resources"
    TAKE_PART_IN_SECTOR = "take-part-in-sector-work"


@dataclass(frozen=True)
class MemberRight:
    action: Action
    kinds: frozenset[MemberKind]
    basis: str


_STATE: Final = frozenset({MemberKind.MEMBER_STATE})
_ALL: Final = frozenset(MemberKind)

MEMBER_RIGHTS: Final[tuple[MemberRight, ...]] = (
    MemberRight(Action.VOTE, _STATE,
                "CS Art. 3 No. 27: only Member States vote (and lose the vote under No. 169)"),
    MemberRight(Action.SUBMIT_CONFERENCE_PROPOSALS, _STATE,
                "General Rules of conferences, 'Time-limits and procedures for presentation of "
                "proposals': proposals to conferences come from Member States"),
    MemberRight(Action.SUBMIT_CONTRIBUTIONS, _ALL,
                "CS No. 28-28C, CV No. 241-241B: Sector Members, Associates (their study group) "
                "and Academia contribute to the Sectors' work"),
    MemberRight(Action.NOTIFY_FREQUENCY_ASSIGNMENTS, _STATE,
                "RR Art. 11 and 9: notices and filings are made by administrations"),
    MemberRight(Action.APPLY_NUMBERING_RESOURCES, _STATE,
                "ITU-T E.164, E.212: resources are assigned to Member States' administrations"),
    MemberRight(Action.TAKE_PART_IN_SECTOR, _ALL,
                "CS Art. 3: every member takes part in the activities of its Sector(s)"),
)  # fmt: skip

RIGHTS_BY_ACTION: Final = {right.action: right for right in MEMBER_RIGHTS}


def rights_document() -> list[dict[str, Any]]:
    """The rights table as published (API, CLI): each action, who may take it, and the
    provision it rests on."""
    return [
        {
            "action": right.action.value,
            "kinds": [kind.value for kind in MemberKind if kind in right.kinds],
            "basis": right.basis,
        }
        for right in MEMBER_RIGHTS
    ]


def check_admission(kind: MemberKind, sector: Sector | None) -> None:
    """Who the secretariat admits here: Sector Members and Associates of a Sector, and
    Academia (CS Art. 3, CV Art. 19, Resolution 169); Member States join by accession."""
    if kind is MemberKind.MEMBER_STATE:
        raise InvalidInput("kind", "Member States join by accession (CS Art. 2), not here")
    if kind is not MemberKind.ACADEMIA and sector is None:
        raise InvalidInput("sector", f"a {kind.value} belongs to a Sector (ITU-R, ITU-T, ITU-D)")


def may(kind: MemberKind, action: Action) -> bool:
    return kind in RIGHTS_BY_ACTION[action].kinds


def require_right(kind: MemberKind, action: Action, *, who: str) -> None:
    """Raise `Forbidden` unless a member of ``kind`` may take ``action``."""
    right = RIGHTS_BY_ACTION[action]
    if kind not in right.kinds:
        raise Forbidden(f"{who} is a {kind.value} and may not {action.value} ({right.basis})")


@dataclass(frozen=True)
class MemberState:
    """A Member State of the union: the administration that represents it is named by
    its ISO 3166-1 alpha-2 code, as the register, space and numbering areas name it."""

    iso2: str
    name: str
    itu_region: int
    member_since: date
    since_basis: str
    """``founder`` (a party to the Paris Convention, 17 May 1865, or its successor),
    ``itu`` (the ITU's own date), ``un-admission`` (the date of admission to the United
    Nations, standing in where the ITU's date is not recorded here), ``estimate``."""
    least_developed: bool
    note: str = ""

    @property
    def administration(self) -> str:
        return self.iso2

    def member_on(self, day: date) -> bool:
        return self.member_since <= day


def _text() -> str:
    path = resources.files("openitu").joinpath("data", "governance", "member_states.tsv")
    return path.read_text(encoding="utf-8")


@functools.cache
def _all_states() -> tuple[MemberState, ...]:
    states = []
    for row in csv.DictReader(io.StringIO(_text()), delimiter="\t"):
        place = country(row["iso2"])
        states.append(
            MemberState(
                iso2=place.iso2,
                name=place.name,
                itu_region=place.itu_region,
                member_since=date.fromisoformat(row["since"]),
                since_basis=row["since_basis"],
                least_developed=row["ldc"] == "yes",
                note=row["note"] or "",
            )
        )
    return tuple(sorted(states, key=lambda state: state.name))


@functools.cache
def _by_iso2() -> dict[str, MemberState]:
    return {state.iso2: state for state in _all_states()}


def member_states(on: date | None = None) -> tuple[MemberState, ...]:
    """The Member States (by name), all of them or those that were members on ``on``."""
    if on is None:
        return _all_states()
    return tuple(state for state in _all_states() if state.member_on(on))


def member_state(iso2: str, *, field: str = "iso2") -> MemberState:
    """A Member State by ISO alpha-2 code, or `NotFound` (`InvalidInput` for a bad code)."""
    code = iso2.strip().upper()
    if len(code) != 2 or not code.isascii() or not code.isalpha():
        raise InvalidInput(field, f"{iso2!r} is not an ISO 3166-1 alpha-2 code")
    state = _by_iso2().get(code)
    if state is None:
        raise NotFound(f"{code} is not a Member State of the ITU")
    return state


def is_member_state(iso2: str, on: date | None = None) -> bool:
    state = _by_iso2().get(iso2.strip().upper())
    return state is not None and (on is None or state.member_on(on))


def administrations(on: date | None = None) -> frozenset[str]:
    """The administrations (ISO2) the register, space and numbering areas may know."""
    return frozenset(state.iso2 for state in member_states(on))


def check_administration(
    code: str, *, action: Action, on: date | None = None, field: str = "administration"
) -> str:
    """The administration of a Member State that may take ``action`` (on ``on``, default
    any day of its membership): the one check the register, space and numbering areas
    need before an administration notifies an assignment or applies for a resource.

    `InvalidInput` naming ``field`` for a code that is not an ISO alpha-2 code, or not a
    Member State's (an observer, a territory) or not yet one on ``on``; `Forbidden` if the
    rights table does not let a Member State take ``action``."""
    wanted = code.strip().upper()
    if len(wanted) != 2 or not wanted.isascii() or not wanted.isalpha():
        raise InvalidInput(field, f"{code!r} is not an ISO 3166-1 alpha-2 code")
    state = _by_iso2().get(wanted)
    if state is None:
        raise InvalidInput(field, f"{wanted} is not a Member State of the ITU")
    if on is not None and not state.member_on(on):
        raise InvalidInput(
            field, f"{state.iso2} became a Member State on {state.member_since.isoformat()}"
        )
    require_right(MemberKind.MEMBER_STATE, action, who=state.name)
    return state.iso2


@dataclass(frozen=True)
class Entity:
    """A Sector Member, Associate or Academia member (or a Member State, seen as one)."""

    id: int
    kind: MemberKind
    name: str
    country: str | None
    sector: Sector | None
    admitted: date
    left: date | None = None
    """The day its membership ended (denunciation or exclusion), if it has."""

    def member_on(self, day: date) -> bool:
        return self.admitted <= day and (self.left is None or day < self.left)
