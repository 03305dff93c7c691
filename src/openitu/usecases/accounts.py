"""Accounts' use cases: create, disable and enable accounts, set passwords, issue and
revoke API tokens, sign in and out.

Each starts with :func:`openitu.usecases.write.begin` (``area="accounts"``), which checks
the right and takes the write lock before anything is read, and ends with its audit
entry; the rows are :mod:`openitu.store.accounts`'. They never commit.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy.orm import Session

from openitu.accounts import passwords, tokens
from openitu.accounts.model import ApiToken, User
from openitu.accounts.rights import Principal, Role, normalise_administration
from openitu.accounts.users import (
    check_acts_for,
    check_token_scopes,
    normalise_username,
    parse_role,
)
from openitu.errors import InvalidInput, NotFound
from openitu.governance.members import Action, check_administration
from openitu.store import accounts as repository
from openitu.usecases.write import Write, begin

AREA = "accounts"
MANAGE = "accounts.manage"
SELF = "account.self"


def now() -> datetime:
    return datetime.now(UTC)


def _begin(session: Session, principal: Principal, right: str) -> Write:
    return begin(session, principal=principal, right=right, area=AREA)


def _self_or_manage(principal: Principal, username: str) -> str:
    """One's own account needs ``account.self``; anyone else's ``accounts.manage``."""
    return SELF if principal.username == username else MANAGE


def create_user(
    session: Session,
    *,
    principal: Principal,
    username: str,
    password: str,
    role: str | Role,
    administration: str | None = None,
    proxy_for: str | None = None,
) -> User:
    """Create an account (admins only, or the CLI's first administrator) and audit it."""
    write = _begin(session, principal, MANAGE)
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
    check_acts_for(chosen, admin_code, proxy_code)
    user = repository.add_user(
        session,
        username=name,
        password_hash=passwords.hash_password(password),
        role=chosen,
        administration=admin_code,
        proxy_for=proxy_code,
        created_at=now(),
    )
    write.audit(
        "account.create",
        entity="account",
        entity_id=name,
        payload={"role": chosen.value, "administration": admin_code, "proxy_for": proxy_code},
    )
    return user


def set_active(session: Session, *, principal: Principal, username: str, active: bool) -> User:
    """Disable (or enable again) an account; disabling ends its sessions and tokens."""
    write = _begin(session, principal, MANAGE)
    user = repository.set_active(session, username, active=active)
    if not active:
        when = now()
        repository.revoke_tokens_of(session, user.id, at=when)
        repository.end_sessions_of(session, user.id, at=when)
    write.audit(
        "account.enable" if active else "account.disable",
        entity="account",
        entity_id=user.username,
        payload={"active": active},
    )
    return user


def set_password(session: Session, *, principal: Principal, username: str, password: str) -> None:
    """Set a password: one's own (any signed-in user) or anyone's (admins)."""
    name = username.strip().lower()
    write = _begin(session, principal, _self_or_manage(principal, name))
    repository.set_password_hash(session, name, passwords.hash_password(password))
    write.audit("account.password", entity="account", entity_id=name, payload={})


def authenticate(session: Session, *, username: str, password: str) -> User | None:
    """The active account whose password this is, or None (same cost either way)."""
    try:
        name = normalise_username(username)
    except InvalidInput:
        name = ""
    found = repository.password_hash_of(session, name) if name else None
    ok = passwords.verify_password(found[1] if found else None, password)
    if found is None or not ok or not found[0].active:
        return None
    return found[0]


# --- API tokens ----------------------------------------------------------------------


def create_token(
    session: Session,
    *,
    principal: Principal,
    name: str = "api",
    scopes: list[str] | str | None = None,
    expires_in_days: int | None = None,
    username: str | None = None,
) -> tuple[str, ApiToken]:
    """Issue a token for ``username`` (default: the principal); the secret is returned once."""
    owner_name = (username or principal.username or "").strip().lower()
    write = _begin(session, principal, _self_or_manage(principal, owner_name))
    label = name.strip()
    if not 1 <= len(label) <= 100:
        raise InvalidInput("name", "must have 1 to 100 characters")
    when = now()
    expires_at = tokens.token_expiry(when, expires_in_days)
    owner = repository.get_user(session, owner_name)
    if owner is None or not owner.active:
        raise NotFound(f"no active account {owner_name!r}")
    chosen = tokens.parse_scopes(scopes, owner.role)
    check_token_scopes(principal, owner_name, chosen)
    issued = tokens.issue()
    token = repository.add_token(
        session,
        owner=owner,
        name=label,
        issued=issued,
        scopes=chosen,
        created_at=when,
        expires_at=expires_at,
    )
    write.audit(
        "token.create",
        entity="token",
        entity_id=token.id,
        payload={
            "owner": owner_name,
            "name": label,
            "prefix": issued.prefix,
            "scopes": sorted(chosen),
            "expires_at": expires_at.isoformat(),
        },
    )
    return issued.secret, token


def revoke_token(session: Session, *, principal: Principal, token_id: int) -> ApiToken:
    """Revoke a token: one's own, or any (admins). Revoking twice is harmless."""
    manages = principal.can(MANAGE)
    write = _begin(session, principal, MANAGE if manages else SELF)
    found = repository.token_and_owner(session, token_id)
    if found is None or (found[1] != principal.username and not manages):
        # Someone else's token: say nothing about whether it exists.
        raise NotFound(f"no token {token_id}")
    token, owner = found
    if token.revoked_at is not None:
        return token
    revoked = repository.revoke_token(session, token_id, at=now())
    write.audit(
        "token.revoke",
        entity="token",
        entity_id=token_id,
        payload={"owner": owner, "prefix": token.prefix},
    )
    return revoked


# --- signing in and out ----------------------------------------------------------------


def _signing_in(session: Session, *, username: str, password: str) -> User | None:
    # Whoever signs in is nobody yet; the lock comes before the password is read, so
    # that the session or token written after the check waits its turn on SQLite.
    _begin(session, Principal.public(), "public.read")
    return authenticate(session, username=username, password=password)


def sign_in(session: Session, *, username: str, password: str) -> tuple[User, str] | None:
    """Check the password and open a web session: the account and the cookie's secret,
    or None for a wrong password or a disabled account."""
    user = _signing_in(session, username=username, password=password)
    if user is None:
        return None
    write = _begin(session, user.principal(via="session"), SELF)
    issued = tokens.issue(prefix="s_")
    session_id = repository.add_web_session(
        session, user=user, digest=issued.digest, created_at=now()
    )
    write.audit(
        "account.sign_in",
        entity="account",
        entity_id=user.username,
        payload={"session": session_id},
    )
    return user, issued.secret


def sign_in_for_token(
    session: Session,
    *,
    username: str,
    password: str,
    name: str = "api",
    scopes: list[str] | str | None = None,
    expires_in_days: int | None = None,
) -> tuple[str, ApiToken] | None:
    """Exchange a password for an API token, or None for a wrong password."""
    user = _signing_in(session, username=username, password=password)
    if user is None:
        return None
    return create_token(
        session,
        principal=user.principal(via="session"),
        name=name,
        scopes=scopes,
        expires_in_days=expires_in_days,
    )


def sign_out(session: Session, *, principal: Principal) -> None:
    """End the principal's web session (nothing to do without one)."""
    if principal.session_id is None:
        return
    write = _begin(session, principal, SELF)
    if repository.end_web_session(session, principal.session_id, at=now()):
        write.audit(
            "account.sign_out",
            entity="account",
            entity_id=principal.actor,
            payload={"session": principal.session_id},
        )
