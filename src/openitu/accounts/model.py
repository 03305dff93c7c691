"""Accounts and API tokens as the rest of the system sees them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from openitu.accounts.rights import Principal, Role, Via


@dataclass(frozen=True)
class User:
    id: int
    username: str
    role: Role
    administration: str | None
    proxy_for: str | None
    active: bool
    created_at: datetime

    def principal(self, *, via: Via = "session", scopes: frozenset[str] | None = None) -> Principal:
        return Principal(
            role=self.role,
            username=self.username,
            user_id=self.id,
            administration=self.administration,
            proxy_for=self.proxy_for,
            scopes=scopes,
            via=via,
        )


@dataclass(frozen=True)
class ApiToken:
    id: int
    user_id: int
    name: str
    prefix: str
    scopes: frozenset[str]
    created_at: datetime
    expires_at: datetime
    revoked_at: datetime | None

    def live(self, now: datetime) -> bool:
        return self.revoked_at is None and now < self.expires_at
