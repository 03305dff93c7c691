"""What makes an account well formed, and what a token may be issued with (pure rules)."""

from __future__ import annotations

from openitu.accounts.rights import ADMINISTRATION_ROLES, Principal, Role
from openitu.errors import InvalidInput

USERNAME_CHARS = set("abcdefghijklmnopqrstuvwxyz0123456789._-@")


def normalise_username(username: str) -> str:
    value = username.strip().lower()
    if not 3 <= len(value) <= 64:
        raise InvalidInput("username", "must have 3 to 64 characters")
    if not set(value) <= USERNAME_CHARS:
        raise InvalidInput("username", "may hold only letters, digits and . _ - @")
    return value


def parse_role(role: str | Role) -> Role:
    try:
        value = Role(role)
    except ValueError:
        names = ", ".join(r.value for r in Role if r is not Role.PUBLIC)
        raise InvalidInput("role", f"unknown role {role!r} (one of {names})") from None
    if value is Role.PUBLIC:
        raise InvalidInput("role", "public is the role of those not signed in, not an account")
    return value


def check_acts_for(role: Role, administration: str | None, proxy_for: str | None) -> None:
    """Officers and delegates act for an administration, the others for none; only a
    delegate holds a proxy, and for another state than their own."""
    if role in ADMINISTRATION_ROLES and administration is None:
        raise InvalidInput("administration", f"a {role.value} acts for an administration")
    if role not in ADMINISTRATION_ROLES and administration is not None:
        raise InvalidInput("administration", f"a {role.value} acts for no administration")
    if proxy_for is not None and role is not Role.DELEGATE:
        raise InvalidInput("proxy_for", "only a delegate holds a proxy")
    if proxy_for is not None and proxy_for == administration:
        raise InvalidInput("proxy_for", "a proxy is for another state than one's own")


def check_token_scopes(asking: Principal, owner: str, scopes: frozenset[str]) -> None:
    """A token never begets a token with more rights than itself."""
    if asking.username == owner and asking.scopes is not None and not scopes <= asking.scopes:
        raise InvalidInput("scopes", "may not exceed the scopes of the token used to ask")
