"""The sign-in pages: cookies' flags, CSRF on every form, sessions that really end."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from browser_pages import csrf_of
from openitu.accounts.rights import Principal, Role
from openitu.store import audit
from openitu.usecases import accounts as account_usecases

CLI = Principal(role=Role.ADMIN, username="cli:test", via="cli")
PASSWORD = "page password 123"


@pytest.fixture
def browser(pages: TestClient, sessions: sessionmaker[Session]) -> TestClient:
    """The in-process page client (tests/conftest.py), with one notifying officer."""
    with sessions() as session, session.begin():
        account_usecases.create_user(
            session,
            principal=CLI,
            username="fr-officer",
            password=PASSWORD,
            role="notifying_officer",
            administration="FR",
        )
    return pages


def _sign_in(browser: TestClient) -> None:
    form = browser.get("/account/sign-in")
    assert form.status_code == 200
    done = browser.post(
        "/account/sign-in",
        data={
            "username": "fr-officer",
            "password": PASSWORD,
            "csrf_token": csrf_of(form.text),
        },
    )
    assert done.status_code == 303, done.text
    assert done.headers["location"] == "/account"


def test_sign_in_sets_a_secure_httponly_samesite_cookie(browser: TestClient) -> None:
    form = browser.get("/account/sign-in")
    csrf_cookie = form.headers["set-cookie"].lower()
    assert "openitu_csrf=" in csrf_cookie
    assert (
        "httponly" in csrf_cookie and "secure" in csrf_cookie and "samesite=strict" in csrf_cookie
    )
    done = browser.post(
        "/account/sign-in",
        data={
            "username": "fr-officer",
            "password": PASSWORD,
            "csrf_token": csrf_of(form.text),
        },
    )
    cookies = done.headers.get_list("set-cookie")
    session_cookie = next(c for c in cookies if c.startswith("openitu_session="))
    flags = {part.strip().lower() for part in session_cookie.split(";")}
    assert {"httponly", "secure", "samesite=lax", "path=/"} <= flags
    page = browser.get("/account")
    assert page.status_code == 200
    assert '<dd id="role">notifying_officer</dd>' in page.text
    assert '<dd id="administration">FR</dd>' in page.text


@pytest.mark.parametrize(
    "tamper",
    ["missing", "wrong", "other-nonce"],
)
def test_a_form_without_its_csrf_token_is_refused(browser: TestClient, tamper: str) -> None:
    form = browser.get("/account/sign-in")
    data = {"username": "fr-officer", "password": PASSWORD}
    if tamper == "wrong":
        data["csrf_token"] = "0" * 64
    elif tamper == "other-nonce":
        data["csrf_token"] = csrf_of(form.text)
        browser.cookies.set("openitu_csrf", "another-nonce", domain="testserver.local")
    refused = browser.post("/account/sign-in", data=data)
    assert refused.status_code == 403
    assert "CSRF" in refused.text
    assert "openitu_session" not in refused.headers.get("set-cookie", "")


def test_a_form_posted_from_another_site_is_refused(browser: TestClient) -> None:
    form = browser.get("/account/sign-in")
    refused = browser.post(
        "/account/sign-in",
        data={
            "username": "fr-officer",
            "password": PASSWORD,
            "csrf_token": csrf_of(form.text),
        },
        headers={"origin": "https://evil.example"},
    )
    assert refused.status_code == 403


def test_the_session_cookie_reads_the_api_but_never_writes_through_it(
    browser: TestClient,
) -> None:
    _sign_in(browser)
    me = browser.get("/api/auth/me", headers={"accept": "application/json"})
    assert me.status_code == 200 and me.json()["via"] == "session"
    write = browser.post("/api/auth/tokens", json={}, headers={"accept": "application/json"})
    assert write.status_code == 401  # the cookie is ignored for API writes


def test_signing_out_ends_the_session_server_side(
    browser: TestClient, sessions: sessionmaker[Session]
) -> None:
    _sign_in(browser)
    stolen = browser.cookies.get("openitu_session")
    assert stolen
    replay = {"accept": "application/json", "cookie": f"openitu_session={stolen}"}
    assert browser.get("/api/auth/me", headers=replay).status_code == 200
    page = browser.get("/account")
    out = browser.post("/account/sign-out", data={"csrf_token": csrf_of(page.text)})
    assert out.status_code == 303
    assert "openitu_session" not in browser.cookies
    assert browser.get("/api/auth/me", headers=replay).status_code == 401
    with sessions() as session:
        actions = [e.action for e in audit.entries(session, entity="account")][-2:]
    assert actions == ["account.sign_in", "account.sign_out"]


def test_tokens_are_made_and_revoked_from_the_page(browser: TestClient) -> None:
    _sign_in(browser)
    page = browser.get("/account")
    made = browser.post(
        "/account/tokens",
        data={"name": "robot", "expires_in_days": "7", "csrf_token": csrf_of(page.text)},
    )
    assert made.status_code == 200
    secret = re.search(r'<pre id="new-token">(oitu_[^<]+)</pre>', made.text)
    assert secret is not None
    api = {"authorization": f"Bearer {secret.group(1)}", "accept": "application/json"}
    assert browser.get("/api/auth/me", headers=api).status_code == 200
    token_id = browser.get("/api/auth/tokens", headers=api).json()[-1]["id"]
    revoked = browser.post(
        f"/account/tokens/{token_id}/revoke", data={"csrf_token": csrf_of(made.text)}
    )
    assert revoked.status_code == 303
    assert browser.get("/api/auth/me", headers=api).status_code == 401


def test_wrong_password_on_the_page_is_401_and_keeps_no_session(browser: TestClient) -> None:
    form = browser.get("/account/sign-in")
    failed = browser.post(
        "/account/sign-in",
        data={
            "username": "fr-officer",
            "password": "not the password",
            "csrf_token": csrf_of(form.text),
        },
    )
    assert failed.status_code == 401
    assert "Wrong username or password" in failed.text
    assert browser.get("/account").status_code == 303


def test_too_many_sign_ins_on_the_page_are_429_with_retry_after(browser: TestClient) -> None:
    form = browser.get("/account/sign-in")
    token = csrf_of(form.text)
    statuses = []
    for _ in range(12):
        answer = browser.post(
            "/account/sign-in",
            data={"username": "fr-officer", "password": "a wrong guess!", "csrf_token": token},
        )
        statuses.append(answer.status_code)
    # A burst of 10 attempts per address and username, then one every 6 s.
    assert statuses[:10] == [401] * 10 and statuses[-1] == 429
    assert answer.headers["content-type"].startswith("text/html")
    retry = answer.headers["Retry-After"]
    assert retry.isdigit() and 1 <= int(retry) <= 6
    assert f"retry in {retry} s" in answer.text
