"""`/api/accounts`: account administration (role admin)."""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict, Field

from openitu.accounts.rights import Role
from openitu.service.auth import CurrentPrincipalDep, require
from openitu.service.bodies import arguments
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
    # Read from a ``User``'s attributes of these names.
    model_config = ConfigDict(from_attributes=True)

    username: str
    role: Role
    administration: str | None
    proxy_for: str | None
    active: bool
    created_at: datetime


@router.get("/users")
def list_users(session: SessionDep) -> list[UserOut]:
    """Every account."""
    return [UserOut.model_validate(user) for user in store.list_users(session)]


@router.post("/users", status_code=201)
def create_user(body: NewUser, principal: CurrentPrincipalDep, session: SessionDep) -> UserOut:
    """Create an account (audited)."""
    user = usecases.create_user(session, principal=principal, **arguments(body))
    return UserOut.model_validate(user)


@router.get("/users/{username}")
def get_user(username: str, session: SessionDep) -> UserOut:
    return UserOut.model_validate(store.get_user_or_raise(session, username))


@router.post("/users/{username}/disable")
def disable_user(username: str, principal: CurrentPrincipalDep, session: SessionDep) -> UserOut:
    """Disable an account: its sessions end and its tokens are revoked (audited)."""
    return UserOut.model_validate(
        usecases.set_active(session, principal=principal, username=username, active=False)
    )


@router.post("/users/{username}/enable")
def enable_user(username: str, principal: CurrentPrincipalDep, session: SessionDep) -> UserOut:
    return UserOut.model_validate(
        usecases.set_active(session, principal=principal, username=username, active=True)
    )
