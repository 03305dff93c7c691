"""Accounts, API tokens and web sessions in the database; every change is audited.

The functions take the caller's session and never commit: the caller's unit of work
(a request, a CLI command) is the transaction, and the audit entry is part of it.
"""

from __future__ import annotations

import secrets as _secrets
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from openitu.accounts import passwords, tokens
from openitu.accounts.model import ApiToken, User
from openitu.accounts.rights import (
    ADMINISTRATION_ROLES,
    Principal,
    Role,
    authorize,
    normalise_administration,
)
from openitu.errors import Conflict, InvalidInput, NotFound
from openitu.governance.members import Action, check_administration
from openitu.store import audit
from openitu.store.tables.accounts import SecretRow, TokenRow, UserRow, WebSessionRow

USERNAME_CHARS = set("abcdefghijklmnopqrstuvwxyz0123456789._-@")


def now_utc() -> datetime:
    return datetime.now(UTC)


def _user(row: UserRow) -> User:
    return User(
        id=row.id,
        username=row.username,
        role=Role(row.role),
        administration=row.administration,
        proxy_for=row.proxy_for,
        active=row.active,
        created_at=row.created_at,
    )


def _token(row: TokenRow) -> ApiToken:
    return ApiToken(
        id=row.id,
        user_id=row.user_id,
        name=row.name,
        prefix=row.prefix,
        scopes=frozenset(row.scopes.split()),
        created_at=row.created_at,
        expires_at=row.expires_at,
        revoked_at=row.revoked_at,
    )


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


# --- users -------------------------------------------------------------------------


def get_user(session: Session, username: str) -> User | None:
    row = session.scalar(select(UserRow).where(UserRow.username == username.strip().lower()))
    return None if row is None else _user(row)


def get_user_or_raise(session: Session, username: str) -> User:
    user = get_user(session, username)
    if user is None:
        raise NotFound(f"no account {username!r}")
    return user


def list_users(session: Session) -> list[User]:
    return [_user(row) for row in session.scalars(select(UserRow).order_by(UserRow.username))]


def count_users(session: Session) -> int:
    return int(session.scalar(select(func.count()).select_from(UserRow)) or 0)


def create_user(
    session: Session,
    *,
    actor: Principal,
    username: str,
    password: str,
    role: str | Role,
    administration: str | None = None,
    proxy_for: str | None = None,
) -> User:
    """Create an account (admins only, or the CLI's first administrator) and audit it."""
    authorize(actor, "accounts.manage")
    audit.begin_write(session)
    name = normalise_username(username)
    chosen = parse_role(role)
    admin_code = normalise_administration(administration) if administration else None
    proxy_code = normalise_administration(proxy_for, field="proxy_for") if proxy_for else None
    # Officers and delegates act for administrations, and administrations are the ITU's
    # Member States: not an observer (PS), a territory or a code nobody holds.
    if admin_code is not None:
        check_administration(admin_code, action=Action.TAKE_PART_IN_SECTOR)
    if proxy_code is not None:
        check_administration(proxy_code, action=Action.VOTE, field="proxy_for")
    if chosen in ADMINISTRATION_ROLES and admin_code is None:
        raise InvalidInput("administration", f"a {chosen.value} acts for an administration")
    if chosen not in ADMINISTRATION_ROLES and admin_code is not None:
        raise InvalidInput("administration", f"a {chosen.value} acts for no administration")
    if proxy_code is not None and chosen is not Role.DELEGATE:
        raise InvalidInput("proxy_for", "only a delegate holds a proxy")
    if proxy_code is not None and proxy_code == admin_code:
        raise InvalidInput("proxy_for", "a proxy is for another state than one's own")
    password_hash = passwords.hash_password(password)
    if get_user(session, name) is not None:
        raise Conflict(f"the account {name!r} exists already")
    row = UserRow(
        username=name,
        password_hash=password_hash,
        role=chosen.value,
        administration=admin_code,
        proxy_for=proxy_code,
        active=True,
        created_at=now_utc(),
    )
    session.add(row)
    try:
        session.flush()
    except IntegrityError:
        raise Conflict(f"the account {name!r} exists already") from None
    audit.record(
        session,
        actor=actor.actor,
        action="account.create",
        entity="account",
        entity_id=name,
        payload={"role": chosen.value, "administration": admin_code, "proxy_for": proxy_code},
    )
    return _user(row)


def set_active(session: Session, *, actor: Principal, username: str, active: bool) -> User:
    """Disable (or enable again) an account; disabling ends its sessions and tokens."""
    authorize(actor, "accounts.manage")
    audit.begin_write(session)
    row = session.scalar(select(UserRow).where(UserRow.username == username.strip().lower()))
    if row is None:
        raise NotFound(f"no account {username!r}")
    row.active = active
    when = now_utc()
    if not active:
        session.execute(
            update(TokenRow)
            .where(TokenRow.user_id == row.id, TokenRow.revoked_at.is_(None))
            .values(revoked_at=when)
        )
        session.execute(
            update(WebSessionRow)
            .where(WebSessionRow.user_id == row.id, WebSessionRow.ended_at.is_(None))
            .values(ended_at=when)
        )
    audit.record(
        session,
        actor=actor.actor,
        action="account.enable" if active else "account.disable",
        entity="account",
        entity_id=row.username,
        payload={"active": active},
    )
    return _user(row)


def set_password(session: Session, *, actor: Principal, username: str, password: str) -> None:
    """Set a password: one's own (any signed-in user) or anyone's (admins)."""
    name = username.strip().lower()
    if actor.username != name:
        authorize(actor, "accounts.manage")
    else:
        authorize(actor, "account.self")
    audit.begin_write(session)
    row = session.scalar(select(UserRow).where(UserRow.username == name))
    if row is None:
        raise NotFound(f"no account {username!r}")
    row.password_hash = passwords.hash_password(password)
    audit.record(
        session,
        actor=actor.actor,
        action="account.password",
        entity="account",
        entity_id=name,
        payload={},
    )


def authenticate(session: Session, *, username: str, password: str) -> User | None:
    """The active account whose password this is, or None (same cost either way)."""
    try:
        name = normalise_username(username)
    except InvalidInput:
        name = ""
    row = session.scalar(select(UserRow).where(UserRow.username == name)) if name else None
    ok = passwords.verify_password(row.password_hash if row else None, password)
    if row is None or not ok or not row.active:
        return None
    return _user(row)


# --- API tokens ----------------------------------------------------------------------


def create_token(
    session: Session,
    *,
    actor: Principal,
    name: str = "api",
    scopes: list[str] | str | None = None,
    expires_in_days: int | None = None,
    username: str | None = None,
) -> tuple[str, ApiToken]:
    """Issue a token for ``username`` (default: the actor); the secret is returned once."""
    owner_name = (username or actor.username or "").strip().lower()
    if owner_name == actor.username:
        authorize(actor, "account.self")
    else:
        authorize(actor, "accounts.manage")
    label = name.strip()
    if not 1 <= len(label) <= 100:
        raise InvalidInput("name", "must have 1 to 100 characters")
    when = now_utc()
    expires_at = tokens.token_expiry(when, expires_in_days)
    audit.begin_write(session)
    owner = session.scalar(select(UserRow).where(UserRow.username == owner_name))
    if owner is None or not owner.active:
        raise NotFound(f"no active account {owner_name!r}")
    chosen = tokens.parse_scopes(scopes, Role(owner.role))
    if actor.username == owner_name and actor.scopes is not None and not chosen <= actor.scopes:
        # A token never begets a token with more rights than itself.
        raise InvalidInput("scopes", "may not exceed the scopes of the token used to ask")
    issued = tokens.issue()
    row = TokenRow(
        user_id=owner.id,
        name=label,
        digest=issued.digest,
        prefix=issued.prefix,
        scopes=" ".join(sorted(chosen)),
        created_at=when,
        expires_at=expires_at,
        revoked_at=None,
    )
    session.add(row)
    session.flush()
    audit.record(
        session,
        actor=actor.actor,
        action="token.create",
        entity="token",
        entity_id=str(row.id),
        payload={
            "owner": owner_name,
            "name": label,
            "prefix": issued.prefix,
            "scopes": sorted(chosen),
            "expires_at": expires_at.isoformat(),
        },
    )
    return issued.secret, _token(row)


def list_tokens(session: Session, *, owner: str) -> list[ApiToken]:
    rows = session.scalars(
        select(TokenRow)
        .join(UserRow, UserRow.id == TokenRow.user_id)
        .where(UserRow.username == owner)
        .order_by(TokenRow.id)
    )
    return [_token(row) for row in rows]


def get_token(session: Session, token_id: int) -> ApiToken | None:
    row = session.get(TokenRow, token_id)
    return None if row is None else _token(row)


def revoke_token(session: Session, *, actor: Principal, token_id: int) -> ApiToken:
    """Revoke a token: one's own, or any (admins). Revoking twice is harmless."""
    audit.begin_write(session)
    row = session.get(TokenRow, token_id)
    owner = session.get(UserRow, row.user_id) if row is not None else None
    if row is None or owner is None:
        raise NotFound(f"no token {token_id}")
    if owner.username == actor.username:
        authorize(actor, "account.self")
    elif actor.can("accounts.manage"):
        pass
    else:
        # Someone else's token: say nothing about whether it exists.
        authorize(actor, "account.self")
        raise NotFound(f"no token {token_id}")
    if row.revoked_at is None:
        row.revoked_at = now_utc()
        audit.record(
            session,
            actor=actor.actor,
            action="token.revoke",
            entity="token",
            entity_id=str(row.id),
            payload={"owner": owner.username, "prefix": row.prefix},
        )
    return _token(row)


def principal_for_token(session: Session, secret: str) -> Principal | None:
    """The principal a bearer token stands for, or None if unknown, expired or revoked."""
    if not secret.startswith(tokens.TOKEN_PREFIX) or len(secret) > 200:
        return None
    found = session.execute(
        select(TokenRow, UserRow)
        .join(UserRow, UserRow.id == TokenRow.user_id)
        .where(TokenRow.digest == tokens.digest(secret))
    ).one_or_none()
    if found is None:
        return None
    token_row, user_row = found
    if not _token(token_row).live(now_utc()) or not user_row.active:
        return None
    principal = _user(user_row).principal(via="token", scopes=frozenset(token_row.scopes.split()))
    return _with_ids(principal, token_id=token_row.id)


def _with_ids(
    principal: Principal, *, token_id: int | None = None, session_id: int | None = None
) -> Principal:
    from dataclasses import replace

    return replace(principal, token_id=token_id, session_id=session_id)


# --- web sessions --------------------------------------------------------------------


def start_web_session(session: Session, *, user: User) -> str:
    """Open a web session for ``user`` (just signed in); returns the cookie's secret."""
    audit.begin_write(session)
    issued = tokens.issue(prefix="s_")
    when = now_utc()
    row = WebSessionRow(
        user_id=user.id,
        digest=issued.digest,
        created_at=when,
        expires_at=when + timedelta(hours=tokens.SESSION_HOURS),
        ended_at=None,
    )
    session.add(row)
    session.flush()
    audit.record(
        session,
        actor=user.username,
        action="account.sign_in",
        entity="account",
        entity_id=user.username,
        payload={"session": row.id},
    )
    return issued.secret


def principal_for_web_session(session: Session, secret: str) -> Principal | None:
    if not secret.startswith("s_") or len(secret) > 200:
        return None
    found = session.execute(
        select(WebSessionRow, UserRow)
        .join(UserRow, UserRow.id == WebSessionRow.user_id)
        .where(WebSessionRow.digest == tokens.digest(secret))
    ).one_or_none()
    if found is None:
        return None
    session_row, user_row = found
    if session_row.ended_at is not None or now_utc() >= session_row.expires_at:
        return None
    if not user_row.active:
        return None
    return _with_ids(_user(user_row).principal(via="session"), session_id=session_row.id)


def end_web_session(session: Session, *, principal: Principal) -> None:
    if principal.session_id is None:
        return
    audit.begin_write(session)
    row = session.get(WebSessionRow, principal.session_id)
    if row is None or row.ended_at is not None:
        return
    row.ended_at = now_utc()
    audit.record(
        session,
        actor=principal.actor,
        action="account.sign_out",
        entity="account",
        entity_id=principal.actor,
        payload={"session": row.id},
    )


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
