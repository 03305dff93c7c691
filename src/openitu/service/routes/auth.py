"""`/api/auth`: API tokens for machines, and who am I."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Request
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from openitu.accounts.rights import RIGHTS, Principal, Role
from openitu.errors import NotAuthenticated
from openitu.service.auth import (
    CurrentPrincipalDep,
    limit_sign_in,
    public,
    require,
    signed_in,
)
from openitu.service.bodies import arguments
from openitu.service.deps import SessionDep
from openitu.service.params import RowId
from openitu.store import accounts as store
from openitu.usecases import accounts as usecases

router = APIRouter(prefix="/api/auth", tags=["auth"])


class SignIn(BaseModel):
    username: str = Field(min_length=1, max_length=64)
    password: str = Field(min_length=1, max_length=1024)
    name: str = Field(default="api", min_length=1, max_length=100, description="a label")
    scopes: list[str] | None = Field(
        default=None, max_length=64, description="permissions; none: all of the role's"
    )
    expires_in_days: int | None = Field(default=None, ge=1, le=366)


class NewToken(BaseModel):
    name: str = Field(default="api", min_length=1, max_length=100)
    scopes: list[str] | None = Field(default=None, max_length=64)
    expires_in_days: int | None = Field(default=None, ge=1, le=366)


Sorted = BeforeValidator(sorted)
"""A set shown as a list in a stable order."""


class TokenOut(BaseModel):
    # Read from an ``ApiToken``'s attributes of these names.
    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str
    prefix: str
    scopes: Annotated[list[str], Sorted]
    created_at: datetime
    expires_at: datetime
    revoked_at: datetime | None


class IssuedToken(TokenOut):
    token: str = Field(description="the secret: shown once, store it safely")


class Me(BaseModel):
    username: str | None
    role: Role
    administration: str | None
    proxy_for: str | None
    via: str
    rights: list[str]


class RightOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    permission: str
    summary: str
    roles: Annotated[list[Role], Sorted]
    per_administration: bool
    proxy_counts: bool


def _me(principal: Principal) -> Me:
    from openitu.accounts.rights import rights_of

    held = rights_of(principal.role)
    if principal.scopes is not None:
        held &= principal.scopes
    # The principal's fields of the same names, and the rights it holds.
    return Me(**asdict(principal), rights=sorted(held))


@router.post("/token", status_code=201, dependencies=[public])
def sign_in_for_token(body: SignIn, request: Request, session: SessionDep) -> IssuedToken:
    """Exchange a username and password for an API token (rate-limited)."""
    limit_sign_in(request, body.username)
    issued = usecases.sign_in_for_token(session, **arguments(body))
    if issued is None:
        raise NotAuthenticated("wrong username or password, or the account is disabled")
    secret, token = issued
    return IssuedToken(token=secret, **TokenOut.model_validate(token).model_dump())


@router.get("/me", dependencies=[signed_in])
def me(principal: CurrentPrincipalDep) -> Me:
    """The signed-in account, its role, administration and rights."""
    return _me(principal)


@router.get("/rights", dependencies=[public])
def rights() -> list[RightOut]:
    """The rights table: every permission, the roles holding it, and its scope."""
    return [RightOut.model_validate(right) for right in RIGHTS]


@router.get("/tokens", dependencies=[require("account.self")])
def list_tokens(principal: CurrentPrincipalDep, session: SessionDep) -> list[TokenOut]:
    """One's own API tokens (never their secrets)."""
    assert principal.username is not None
    return [
        TokenOut.model_validate(t) for t in store.list_tokens(session, owner=principal.username)
    ]


@router.post("/tokens", status_code=201, dependencies=[require("account.self")])
def create_token(
    body: NewToken, principal: CurrentPrincipalDep, session: SessionDep
) -> IssuedToken:
    """Issue another token for oneself, with at most the rights of the one used to ask."""
    secret, token = usecases.create_token(session, principal=principal, **arguments(body))
    return IssuedToken(token=secret, **TokenOut.model_validate(token).model_dump())


@router.delete("/tokens/{token_id}", dependencies=[require("account.self")])
def revoke_token(token_id: RowId, principal: CurrentPrincipalDep, session: SessionDep) -> TokenOut:
    """Revoke one's own token (administrators: anyone's)."""
    return TokenOut.model_validate(
        usecases.revoke_token(session, principal=principal, token_id=token_id)
    )
