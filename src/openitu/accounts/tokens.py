"""Random secrets for API tokens and web sessions, stored only as SHA-256 digests.

Tokens carry 256 bits of randomness, so a plain SHA-256 digest (not a slow hash) is
enough to make a stolen database useless for signing in, and lets a request find its
token by an indexed lookup.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final

from openitu.accounts.rights import PERMISSIONS, Role, rights_of
from openitu.errors import InvalidInput

TOKEN_PREFIX: Final = "oitu_"
DEFAULT_TOKEN_DAYS: Final = 90
MAX_TOKEN_DAYS: Final = 366
SESSION_HOURS: Final = 12


@dataclass(frozen=True)
class IssuedSecret:
    secret: str
    """Shown once to its owner, never stored."""
    digest: str
    """What the database keeps."""
    prefix: str
    """The first characters, to tell tokens apart in listings."""


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def issue(prefix: str = TOKEN_PREFIX) -> IssuedSecret:
    secret = prefix + secrets.token_urlsafe(32)
    return IssuedSecret(secret=secret, digest=digest(secret), prefix=secret[: len(prefix) + 6])


def token_expiry(now: datetime, days: int | None) -> datetime:
    days = DEFAULT_TOKEN_DAYS if days is None else days
    if not 1 <= days <= MAX_TOKEN_DAYS:
        raise InvalidInput("expires_in_days", f"must be between 1 and {MAX_TOKEN_DAYS}")
    return now + timedelta(days=days)


def parse_scopes(scopes: list[str] | str | None, role: Role) -> frozenset[str]:
    """A token's scopes: known permissions the role holds; none given means all of them."""
    held = rights_of(role)
    if scopes is None or scopes == [] or scopes == "":
        return held
    names = scopes.split() if isinstance(scopes, str) else scopes
    chosen = set()
    for name in names:
        if name not in PERMISSIONS:
            raise InvalidInput("scopes", f"unknown permission {name!r}")
        if name not in held:
            raise InvalidInput("scopes", f"the role {role.value} does not hold {name}")
        chosen.add(name)
    return frozenset(chosen)


def sign(key: str, message: str) -> str:
    """HMAC-SHA-256 of ``message`` under ``key`` (CSRF tokens)."""
    return hmac.new(key.encode("utf-8"), message.encode("utf-8"), hashlib.sha256).hexdigest()


def same(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode("utf-8"), b.encode("utf-8"))
