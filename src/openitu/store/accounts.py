"""Accounts, API tokens and web sessions in the database: the repository.

Rows <-> :mod:`openitu.accounts.model`'s dataclasses, and the queries. The use cases
(who may create, disable, issue and revoke; the audit entry) are
:mod:`openitu.usecases.accounts`'. The functions take the caller's session and never
commit; the only refusals here are "not found" and the unique username.
"""

from __future__ import annotations

import secrets as _secrets
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import TypeVar

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from openitu.accounts import tokens
from openitu.accounts.model import ApiToken, User
from openitu.accounts.rights import Principal, Role
from openitu.errors import Conflict
from openitu.store.rows import found, from_row
from openitu.store.tables.accounts import SecretRow, TokenRow, UserRow, WebSessionRow


def now_utc() -> datetime:
    return datetime.now(UTC)


def _user(row: UserRow) -> User:
    return from_row(User, row, role=Role(row.role))


def _token(row: TokenRow) -> ApiToken:
    return from_row(ApiToken, row, scopes=frozenset(row.scopes.split()))


# --- users -------------------------------------------------------------------------


def _user_row(session: Session, username: str) -> UserRow | None:
    return session.scalar(select(UserRow).where(UserRow.username == username.strip().lower()))


def get_user(session: Session, username: str) -> User | None:
    row = _user_row(session, username)
    return None if row is None else _user(row)


def get_user_or_raise(session: Session, username: str) -> User:
    return found(get_user(session, username), f"no account {username!r}")


def list_users(session: Session) -> list[User]:
    return [_user(row) for row in session.scalars(select(UserRow).order_by(UserRow.username))]


def password_hash_of(session: Session, username: str) -> tuple[User, str] | None:
    """The account and its password hash (for the sign-in's check), if it exists."""
    row = _user_row(session, username)
    return None if row is None else (_user(row), row.password_hash)


def add_user(
    session: Session,
    *,
    username: str,
    password_hash: str,
    role: Role,
    administration: str | None,
    proxy_for: str | None,
    created_at: datetime,
) -> User:
    """A new active account; Conflict when the username is taken."""
    if _user_row(session, username) is not None:
        raise Conflict(f"the account {username!r} exists already")
    row = UserRow(
        username=username,
        password_hash=password_hash,
        role=role.value,
        administration=administration,
        proxy_for=proxy_for,
        active=True,
        created_at=created_at,
    )
    session.add(row)
    try:
        session.flush()
    except IntegrityError:
        raise Conflict(f"the account {username!r} exists already") from None
    return _user(row)


def set_active(session: Session, username: str, *, active: bool) -> User:
    row = found(_user_row(session, username), f"no account {username!r}")
    row.active = active
    return _user(row)


def set_password_hash(session: Session, username: str, password_hash: str) -> None:
    row = found(_user_row(session, username), f"no account {username!r}")
    row.password_hash = password_hash


def revoke_tokens_of(session: Session, user_id: int, *, at: datetime) -> None:
    session.execute(
        update(TokenRow)
        .where(TokenRow.user_id == user_id, TokenRow.revoked_at.is_(None))
        .values(revoked_at=at)
    )


def end_sessions_of(session: Session, user_id: int, *, at: datetime) -> None:
    session.execute(
        update(WebSessionRow)
        .where(WebSessionRow.user_id == user_id, WebSessionRow.ended_at.is_(None))
        .values(ended_at=at)
    )


# --- API tokens ----------------------------------------------------------------------


def add_token(
    session: Session,
    *,
    owner: User,
    name: str,
    issued: tokens.IssuedSecret,
    scopes: frozenset[str],
    created_at: datetime,
    expires_at: datetime,
) -> ApiToken:
    row = TokenRow(
        user_id=owner.id,
        name=name,
        digest=issued.digest,
        prefix=issued.prefix,
        scopes=" ".join(sorted(scopes)),
        created_at=created_at,
        expires_at=expires_at,
        revoked_at=None,
    )
    session.add(row)
    session.flush()
    return _token(row)


def list_tokens(session: Session, *, owner: str) -> list[ApiToken]:
    rows = session.scalars(
        select(TokenRow)
        .join(UserRow, UserRow.id == TokenRow.user_id)
        .where(UserRow.username == owner)
        .order_by(TokenRow.id)
    )
    return [_token(row) for row in rows]


def token_and_owner(session: Session, token_id: int) -> tuple[ApiToken, str] | None:
    """A token and its owner's username, if it exists."""
    found = session.execute(
        select(TokenRow, UserRow.username)
        .join(UserRow, UserRow.id == TokenRow.user_id)
        .where(TokenRow.id == token_id)
    ).one_or_none()
    return None if found is None else (_token(found[0]), found[1])


def revoke_token(session: Session, token_id: int, *, at: datetime) -> ApiToken:
    row = found(session.get(TokenRow, token_id), f"no token {token_id}")
    row.revoked_at = at
    return _token(row)


Holder = TypeVar("Holder", TokenRow, WebSessionRow)


def _secret_holder(
    session: Session, model: type[Holder], secret: str, *, prefix: str
) -> tuple[Holder, UserRow] | None:
    """The token or web session row whose digest is the secret's, and its account's row;
    None for a secret of another kind or one no row holds."""
    if not secret.startswith(prefix) or len(secret) > 200:
        return None
    found = session.execute(
        select(model, UserRow)
        .join(UserRow, UserRow.id == model.user_id)
        .where(model.digest == tokens.digest(secret))
    ).one_or_none()
    return None if found is None else (found[0], found[1])


def principal_for_token(session: Session, secret: str) -> Principal | None:
    """The principal a bearer token stands for, or None if unknown, expired or revoked."""
    found = _secret_holder(session, TokenRow, secret, prefix=tokens.TOKEN_PREFIX)
    if found is None:
        return None
    token_row, user_row = found
    if not _token(token_row).live(now_utc()) or not user_row.active:
        return None
    principal = _user(user_row).principal(via="token", scopes=frozenset(token_row.scopes.split()))
    return replace(principal, token_id=token_row.id)


# --- web sessions --------------------------------------------------------------------


def add_web_session(session: Session, *, user: User, digest: str, created_at: datetime) -> int:
    row = WebSessionRow(
        user_id=user.id,
        digest=digest,
        created_at=created_at,
        expires_at=created_at + timedelta(hours=tokens.SESSION_HOURS),
        ended_at=None,
    )
    session.add(row)
    session.flush()
    return row.id


def end_web_session(session: Session, session_id: int, *, at: datetime) -> bool:
    """End a web session; False when it is unknown or already ended."""
    row = session.get(WebSessionRow, session_id)
    if row is None or row.ended_at is not None:
        return False
    row.ended_at = at
    return True


def principal_for_web_session(session: Session, secret: str) -> Principal | None:
    found = _secret_holder(session, WebSessionRow, secret, prefix="s_")
    if found is None:
        return None
    session_row, user_row = found
    if session_row.ended_at is not None or now_utc() >= session_row.expires_at:
        return None
    if not user_row.active:
        return None
    return replace(_user(user_row).principal(via="session"), session_id=session_row.id)


# --- the service's own secret ----------------------------------------------------------


def service_secret(session: Session, name: str = "csrf") -> str:
    """A random secret generated on first use and kept in the database.

    Every worker process and host sharing the database then signs with the same key.
    Settings.secret_key, when set, is used instead (see openitu.service.auth).
    """
    row = session.get(SecretRow, name)
    if row is not None:
        return row.value
    value = _secrets.token_hex(32)
    try:
        with session.begin_nested():
            session.add(SecretRow(name=name, value=value))
    except IntegrityError:
        # Another worker created it first: use theirs.
        row = session.get(SecretRow, name)
        assert row is not None
        return row.value
    return value
