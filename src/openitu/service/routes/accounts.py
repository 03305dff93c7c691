"""`/api/accounts`: account administration (role admin)."""

from __future__ import annotations

from types import GenericAlias

from fastapi import APIRouter
from pydantic import BaseModel, Field

from openitu.accounts.model import User
from openitu.accounts.rights import Role
from openitu.service.auth import CurrentPrincipalDep, require
from openitu.service.bodies import arguments
from openitu.service.dataclass_models import response_model
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


UserOut = response_model("UserOut", User, hidden=frozenset({"id"}))
"""An account as the API shows it: the ``User``'s fields, less its row id."""
# Spelled so because a model built at run time is a value to mypy, not a type.
_USER_LIST = GenericAlias(list, (UserOut,))


@router.get("/users", response_model=_USER_LIST)
def list_users(session: SessionDep) -> list[BaseModel]:
    """Every account."""
    return [UserOut.model_validate(user) for user in store.list_users(session)]


@router.post("/users", status_code=201, response_model=UserOut)
def create_user(body: NewUser, principal: CurrentPrincipalDep, session: SessionDep) -> BaseModel:
    """Create an account (audited)."""
    user = usecases.create_user(session, principal=principal, **arguments(body))
    return UserOut.model_validate(user)


@router.get("/users/{username}", response_model=UserOut)
def get_user(username: str, session: SessionDep) -> BaseModel:
    return UserOut.model_validate(store.get_user_or_raise(session, username))


@router.post("/users/{username}/disable", response_model=UserOut)
def disable_user(username: str, principal: CurrentPrincipalDep, session: SessionDep) -> BaseModel:
    """Disable an account: its sessions end and its tokens are revoked (audited)."""
    return UserOut.model_validate(
        usecases.set_active(session, principal=principal, username=username, active=False)
    )


@router.post("/users/{username}/enable", response_model=UserOut)
def enable_user(username: str, principal: CurrentPrincipalDep, session: SessionDep) -> BaseModel:
    return UserOut.model_validate(
        usecases.set_active(session, principal=principal, username=username, active=True)
    )
