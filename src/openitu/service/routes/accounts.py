"""`/api/accounts`: account administration (role admin)."""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter
from pydantic import BaseModel, Field

from openitu.accounts.model import User
from openitu.accounts.rights import Role
from openitu.service.auth import CurrentPrincipalDep, require
from openitu.service.deps import SessionDep
from openitu.store import accounts as store
from openitu.usecases import accounts as usecases

router = APIRouter(
    prefix="/api/accounts", tags=["accounts"], dependencies=[require("accounts.manage")]
)


class NewUser(BaseModel):
    username: str = Field(min_length=3, max_length=64)
    password: str = Field(min_length=12, max_length=1024)
    role: Role
    administration: str | None = Field(default=None, min_length=2, max_length=2)
    proxy_for: str | None = Field(default=None, min_length=2, max_length=2)


class UserOut(BaseModel):
    username: str
    role: Role
    administration: str | None
    proxy_for: str | None
    active: bool
    created_at: datetime

    @classmethod
    def of(cls, user: User) -> UserOut:
        return cls(
            username=user.username,
            role=user.role,
            administration=user.administration,
            proxy_for=user.proxy_for,
            active=user.active,
            created_at=user.created_at,
        )


@router.get("/users")
def list_users(session: SessionDep) -> list[UserOut]:
    """Every account."""
    return [UserOut.of(user) for user in store.list_users(session)]


@router.post("/users", status_code=201)
def create_user(body: NewUser, principal: CurrentPrincipalDep, session: SessionDep) -> UserOut:
    """Create an account (audited)."""
    user = usecases.create_user(
        session,
        principal=principal,
        username=body.username,
        password=body.password,
        role=body.role,
        administration=body.administration,
        proxy_for=body.proxy_for,
    )
    return UserOut.of(user)


@router.get("/users/{username}")
def get_user(username: str, session: SessionDep) -> UserOut:
    return UserOut.of(store.get_user_or_raise(session, username))


@router.post("/users/{username}/disable")
def disable_user(username: str, principal: CurrentPrincipalDep, session: SessionDep) -> UserOut:
    """Disable an account: its sessions end and its tokens are revoked (audited)."""
    return UserOut.of(
        usecases.set_active(session, principal=principal, username=username, active=False)
    )


@router.post("/users/{username}/enable")
def enable_user(username: str, principal: CurrentPrincipalDep, session: SessionDep) -> UserOut:
    return UserOut.of(
        usecases.set_active(session, principal=principal, username=username, active=True)
    )
