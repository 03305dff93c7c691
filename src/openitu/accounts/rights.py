"""Roles and rights: one table, enforced in one place (:func:`authorize`).

Every permission the system checks is a row of :data:`RIGHTS`. A right is either
global (the role alone decides) or *per administration*: a notifying officer acts
only for the administration (ISO 3166-1 alpha-2 code) recorded on their account,
and a delegate votes for their own state and for the one whose proxy they hold.

Areas that need a new permission add a row here; nothing else grants a right.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Final, Literal

from openitu.errors import Forbidden, InvalidInput, NotAuthenticated


class Role(StrEnum):
    PUBLIC = "public"
    """Not signed in: reads what is published, nothing else."""
    NOTIFYING_OFFICER = "notifying_officer"
    """Acts for one administration: its notices, filings and numbering applications."""
    SECRETARIAT = "secretariat"
    """The union's staff: examinations, findings, numbering resources, the audit log."""
    DELEGATE = "delegate"
    """Votes for their own state, and for one other whose proxy they hold."""
    ADMIN = "admin"
    """Manages accounts; acts for no administration."""


SIGNED_IN_ROLES: Final = frozenset(
    {Role.NOTIFYING_OFFICER, Role.SECRETARIAT, Role.DELEGATE, Role.ADMIN}
)
ADMINISTRATION_ROLES: Final = frozenset({Role.NOTIFYING_OFFICER, Role.DELEGATE})
"""Roles whose accounts must name the administration they act for."""

_EVERYONE: Final = frozenset(Role)


@dataclass(frozen=True)
class Right:
    """One row of the rights table."""

    permission: str
    summary: str
    roles: frozenset[Role]
    per_administration: bool = False
    """The action concerns one administration, which must be the principal's own."""
    proxy_counts: bool = False
    """A proxy held (delegates) counts as one's own administration for this right."""


def _granted(permission: str, summary: str, *roles: Role) -> Right:
    """A right the roles named hold whatever the administration concerned."""
    return Right(permission, summary, frozenset(roles))


def _own(permission: str, summary: str, role: Role = Role.NOTIFYING_OFFICER) -> Right:
    """A right one role holds for its own administration only (a Member State's notifying
    officer for its notices, filings and applications; a delegate for its state)."""
    return Right(permission, summary, frozenset({role}), per_administration=True)


RIGHTS: Final[tuple[Right, ...]] = (
    Right("public.read", "read what is published (allocations, calculators, registers)", _EVERYONE),
    Right("account.self", "see one's own account; create and revoke one's own API tokens",
          SIGNED_IN_ROLES),
    _granted("accounts.manage", "create, disable and change accounts and roles", Role.ADMIN),
    _granted("audit.read", "read the audit log", Role.SECRETARIAT, Role.ADMIN),
    _own("notices.submit", "submit a terrestrial notice for one's administration"),
    _own("notices.modify", "modify one's administration's notice"),
    _own("notices.withdraw", "withdraw one's administration's notice"),
    _own("filings.submit", "submit a satellite network filing for one's administration"),
    _own("filings.modify", "modify one's administration's filing"),
    _own("filings.withdraw", "withdraw one's administration's filing"),
    _own("numbering.apply", "apply for a numbering resource for one's administration"),
    _own("numbering.modify", "modify one's administration's numbering application"),
    _own("numbering.withdraw", "withdraw one's administration's numbering application"),
    _own("numbering.read", "see one's administration's numbering applications and their history"),
    _granted("numbering.administer",
             "decide applications; assign and reclaim numbering resources", Role.SECRETARIAT),
    _granted("examinations.run", "run the examination of notices and filings",
             Role.SECRETARIAT),
    _granted("findings.record", "record findings and entries in the registers",
             Role.SECRETARIAT),
    Right("votes.cast", "vote for one's own state, or for the state whose proxy one holds",
          frozenset({Role.DELEGATE}), per_administration=True, proxy_counts=True),
    _own("proposals.submit", "submit a proposal to a conference for one's own state",
         Role.DELEGATE),
    _own("documents.submit", "submit a document to a conference for one's own member",
         Role.DELEGATE),
    _granted("table.amend",
             "load amendments to the Table of Frequency Allocations (a new edition)",
             Role.SECRETARIAT, Role.ADMIN),
    _granted("conferences.manage",
             "run conferences: agenda, credentials, proxies, votes, Final Acts",
             Role.SECRETARIAT),
    _granted("members.manage", "admit and record Sector Members, Associates and Academia",
             Role.SECRETARIAT),
    _granted("contributions.record", "record classes of contribution, budgets, dues and payments",
             Role.SECRETARIAT),
    _granted("indicators.load",
             "load newer ICT indicator figures (a file in the ITU's layout)", Role.SECRETARIAT),
)  # fmt: skip

RIGHTS_BY_PERMISSION: Final[dict[str, Right]] = {right.permission: right for right in RIGHTS}
PERMISSIONS: Final[frozenset[str]] = frozenset(RIGHTS_BY_PERMISSION)

Via = Literal["anonymous", "session", "token", "cli"]

_ISO2: Final = re.compile(r"^[A-Z]{2}$")


def normalise_administration(code: str, *, field: str = "administration") -> str:
    """An ISO 3166-1 alpha-2 code in upper case, or `InvalidInput` naming ``field``."""
    value = code.strip().upper()
    if not _ISO2.match(value):
        raise InvalidInput(field, f"{code!r} is not an ISO 3166-1 alpha-2 code (e.g. FR)")
    return value


def rights_of(role: Role) -> frozenset[str]:
    """Every permission ``role`` holds."""
    return frozenset(right.permission for right in RIGHTS if role in right.roles)


@dataclass(frozen=True)
class Principal:
    """Who is acting: a signed-in user (by web session, API token or the CLI) or the public."""

    role: Role
    username: str | None = None
    user_id: int | None = None
    administration: str | None = None
    proxy_for: str | None = None
    scopes: frozenset[str] | None = None
    """An API token's scopes; None when every right of the role applies (web session, CLI)."""
    via: Via = "anonymous"
    session_id: int | None = field(default=None, compare=False)
    token_id: int | None = field(default=None, compare=False)

    @classmethod
    def public(cls) -> Principal:
        return cls(role=Role.PUBLIC)

    @property
    def signed_in(self) -> bool:
        return self.role is not Role.PUBLIC

    @property
    def actor(self) -> str:
        """How the audit log names this principal."""
        return self.username if self.username else "public"

    def can(self, permission: str, *, administration: str | None = None) -> bool:
        try:
            authorize(self, permission, administration=administration)
        except (Forbidden, NotAuthenticated):
            return False
        return True


def _right(permission: str) -> Right:
    try:
        return RIGHTS_BY_PERMISSION[permission]
    except KeyError:
        # A programming error, not a user's: an unknown name must never pass silently.
        raise ValueError(f"unknown permission {permission!r}; add it to RIGHTS") from None


def check_role(principal: Principal, permission: str) -> None:
    """The role (and a token's scopes) hold ``permission``, for some administration.

    Used by route guards before the resource is known. A per-administration right must
    be checked again with :func:`authorize` once the administration concerned is known.
    """
    right = _right(permission)
    if principal.role not in right.roles:
        if not principal.signed_in:
            raise NotAuthenticated(f"sign in to {right.summary}")
        raise Forbidden(f"the role {principal.role.value} may not {right.summary}")
    if principal.scopes is not None and permission not in principal.scopes:
        # The role holds it: the token was issued without it (chosen so, or issued before
        # the right existed). Say how to get one that has it.
        raise Forbidden(
            f"this API token's scopes do not include {permission}; the token keeps the "
            "rights chosen when it was issued: issue a new one with it (the account page's "
            "tokens, or openitu users token create)"
        )


def authorize(
    principal: Principal,
    permission: str,
    *,
    administration: str | None = None,
    proxy_held: str | None = None,
) -> None:
    """Raise `NotAuthenticated` (public) or `Forbidden` unless ``principal`` may act.

    For a per-administration right, ``administration`` (the ISO alpha-2 code of the
    administration the action concerns) is required and must be the principal's own,
    or (for rights where a proxy counts) ``proxy_held``: the state whose proxy the
    principal's delegation holds in the matter, as the matter records it (a conference's
    delegations), never a field of the account, which no conference keeps up to date.
    """
    right = _right(permission)
    check_role(principal, permission)
    if not right.per_administration:
        return
    if administration is None:
        raise ValueError(f"{permission} is granted per administration: pass administration=")
    wanted = normalise_administration(administration)
    own = {principal.administration}
    if right.proxy_counts and proxy_held is not None:
        own.add(normalise_administration(proxy_held, field="proxy_for"))
    if wanted not in own:
        mine = principal.administration or "none"
        held = f" (holding the proxy of {proxy_held})" if right.proxy_counts and proxy_held else ""
        raise Forbidden(
            f"{principal.actor} acts for administration {mine}{held} and may not act for {wanted}"
        )
