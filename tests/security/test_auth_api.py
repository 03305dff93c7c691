"""Sign-in for API tokens, who-am-I, token scopes and revocation, over HTTP."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from openitu.accounts.rights import Principal, Role
from openitu.store import audit
from openitu.usecases import accounts as account_usecases

CLI = Principal(role=Role.ADMIN, username="cli:test", via="cli")
PASSWORD = "a long enough pass"

MakeUser = Callable[..., str]


@pytest.fixture
def make_user(sessions: sessionmaker[Session]) -> MakeUser:
    """Create an account and return an API token for it."""

    def make(username: str, role: str, administration: str | None = None, **extra: str) -> str:
        with sessions() as session, session.begin():
            account_usecases.create_user(
                session,
                principal=CLI,
                username=username,
                password=PASSWORD,
                role=role,
                administration=administration,
                **extra,
            )
            secret, _ = account_usecases.create_token(session, principal=CLI, username=username)
        return secret

    return make


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_sign_in_issues_a_token_that_says_who_i_am(client: TestClient, make_user: MakeUser) -> None:
    make_user("fr-officer", "notifying_officer", "FR")
    issued = client.post(
        "/api/auth/token",
        json={"username": "FR-Officer", "password": PASSWORD, "scopes": ["public.read"]},
    )
    assert issued.status_code == 201, issued.text
    body = issued.json()
    assert body["token"].startswith("oitu_") and body["scopes"] == ["public.read"]
    me = client.get("/api/auth/me", headers=bearer(body["token"]))
    assert me.status_code == 200
    assert me.json() == {
        "username": "fr-officer",
        "role": "notifying_officer",
        "administration": "FR",
        "proxy_for": None,
        "via": "token",
        "rights": ["public.read"],
    }


@pytest.mark.parametrize(
    ("username", "password"),
    [("fr-officer", "a wrong password!"), ("nobody-here", PASSWORD), ("x", "y")],
)
def test_wrong_credentials_are_401_without_saying_which(
    client: TestClient, make_user: MakeUser, username: str, password: str
) -> None:
    make_user("fr-officer", "notifying_officer", "FR")
    response = client.post("/api/auth/token", json={"username": username, "password": password})
    assert response.status_code == 401
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["detail"] == "wrong username or password, or the account is disabled"


def test_sign_in_is_rate_limited(client: TestClient, make_user: MakeUser) -> None:
    make_user("fr-officer", "notifying_officer", "FR")
    statuses = [
        client.post(
            "/api/auth/token", json={"username": "fr-officer", "password": "guess number x"}
        ).status_code
        for _ in range(12)
    ]
    # A burst of 10 attempts, then about one every 6 s: the 12th at the latest waits.
    assert statuses[:10] == [401] * 10
    assert statuses[-1] == 429
    limited = client.post("/api/auth/token", json={"username": "fr-officer", "password": PASSWORD})
    assert limited.status_code == 429  # even the right password waits
    assert limited.json()["type"].endswith("/rate-limited")
    # RFC 9110 Retry-After: whole seconds, rounded up; one attempt refills in 6 s.
    retry = limited.headers["Retry-After"]
    assert retry.isdigit() and 1 <= int(retry) <= 6
    assert f"retry in {retry} s" in limited.json()["detail"]


def test_unknown_revoked_and_malformed_tokens_are_401(
    client: TestClient, make_user: MakeUser
) -> None:
    token = make_user("bureau", "secretariat")
    assert client.get("/api/auth/me", headers=bearer(token)).status_code == 200
    assert client.get("/api/auth/me", headers=bearer("oitu_forged")).status_code == 401
    assert client.get("/api/auth/me", headers={"Authorization": "Basic abc"}).status_code == 401
    assert client.get("/api/health", headers=bearer("oitu_forged")).status_code == 401
    token_id = client.get("/api/auth/tokens", headers=bearer(token)).json()[0]["id"]
    revoked = client.delete(f"/api/auth/tokens/{token_id}", headers=bearer(token))
    assert revoked.status_code == 200 and revoked.json()["revoked_at"] is not None
    assert client.get("/api/auth/me", headers=bearer(token)).status_code == 401


def test_a_token_cannot_mint_a_broader_one(client: TestClient, make_user: MakeUser) -> None:
    make_user("root", "admin")
    narrow = client.post(
        "/api/auth/token",
        json={"username": "root", "password": PASSWORD, "scopes": ["account.self"]},
    ).json()["token"]
    broader = client.post(
        "/api/auth/tokens", headers=bearer(narrow), json={"scopes": ["accounts.manage"]}
    )
    assert broader.status_code == 422
    same = client.post("/api/auth/tokens", headers=bearer(narrow), json={"name": "copy"})
    assert same.status_code == 422  # "all of the role's" would exceed it too
    ok = client.post("/api/auth/tokens", headers=bearer(narrow), json={"scopes": ["account.self"]})
    assert ok.status_code == 201
    # Its scopes bind: the admin's token without accounts.manage may not list accounts.
    assert client.get("/api/accounts/users", headers=bearer(narrow)).status_code == 403


def test_account_changes_are_audited_without_secrets(
    client: TestClient, make_user: MakeUser, sessions: sessionmaker[Session]
) -> None:
    admin = make_user("root", "admin")
    with sessions() as session:
        before, _ = audit.head(session)
    created = client.post(
        "/api/accounts/users",
        headers=bearer(admin),
        json={
            "username": "de-delegate",
            "password": "another long pass",
            "role": "delegate",
            "administration": "de",
            "proxy_for": "AT",
        },
    )
    assert created.status_code == 201, created.text
    assert created.json()["administration"] == "DE"
    disabled = client.post("/api/accounts/users/de-delegate/disable", headers=bearer(admin))
    assert disabled.status_code == 200 and disabled.json()["active"] is False
    with sessions() as session:
        entries = audit.entries(session, after=before)
        assert audit.verify(session) is None
    assert [(e.actor, e.action, e.entity_id) for e in entries] == [
        ("root", "account.create", "de-delegate"),
        ("root", "account.disable", "de-delegate"),
    ]
    assert "another long pass" not in str(entries)
    assert "argon2" not in str(entries)


def test_audit_api_verifies_the_chain(client: TestClient, make_user: MakeUser) -> None:
    token = make_user("bureau", "secretariat")
    report = client.get("/api/audit/verify", headers=bearer(token))
    assert report.status_code == 200
    assert report.json()["intact"] is True
    entries = client.get("/api/audit/entries?entity=account", headers=bearer(token)).json()
    assert any(e["entity_id"] == "bureau" and e["action"] == "account.create" for e in entries)


def test_answers_carry_security_headers_and_credentials_are_never_cached(
    client: TestClient, make_user: MakeUser
) -> None:
    make_user("fr-officer", "notifying_officer", "FR")
    for path in ("/api/health", "/", "/api/allocations/editions"):
        response = client.get(path)
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["x-frame-options"] == "DENY"
        assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
        assert "no-store" not in response.headers.get("cache-control", "")
    issued = client.post("/api/auth/token", json={"username": "fr-officer", "password": PASSWORD})
    assert issued.status_code == 201
    assert issued.headers["cache-control"] == "no-store"
    assert client.get("/account/sign-in").headers["cache-control"] == "no-store"


def test_an_oversized_body_is_refused_before_it_is_read(client: TestClient) -> None:
    from openitu.service.auth import MAX_BODY_BYTES

    huge = b'{"username": "' + b"x" * (MAX_BODY_BYTES + 1) + b'", "password": "p"}'
    response = client.post(
        "/api/auth/token", content=huge, headers={"content-type": "application/json"}
    )
    assert response.status_code == 413
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["status"] == 413
    normal = client.post("/api/auth/token", json={"username": "nobody", "password": "p"})
    assert normal.status_code == 401
