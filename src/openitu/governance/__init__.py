"""Governance: members and their rights, conferences, proposals, votes, Final Acts,
contributions and the budget (pure core: no database, HTTP or terminal here)."""

from openitu.governance.members import (
    MEMBER_RIGHTS,
    Action,
    MemberKind,
    MemberState,
    Sector,
    administrations,
    check_administration,
    is_member_state,
    member_state,
    member_states,
)

__all__ = [
    "MEMBER_RIGHTS",
    "Action",
    "MemberKind",
    "MemberState",
    "Sector",
    "administrations",
    "check_administration",
    "is_member_state",
    "member_state",
    "member_states",
]
