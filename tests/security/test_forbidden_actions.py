"""Forbidden actions through the API, on the real write routes (numbering applications).

Each is tried by someone who may not do it: 401 when not signed in, 403 otherwise;
nothing changes and nothing is audited. The allowed action is tried too, so that a
403 cannot come from a route that refuses everyone.
"""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from openitu.accounts.rights import Principal, Role
from openitu.store import audit
from openitu.usecases import accounts as account_usecases

CLI = Principal(role=Role.ADMIN, username="cli:test", via="cli")
APPLICATION = {"kind": "mnc", "code": "901-97", "holder": "Test network", "purpose": "trial"}

Headers = dict[str, str]


@pytest.fixture
def people(sessions: sessionmaker[Session]) -> dict[str, Headers]:
    accounts_ = {
        "fr-officer": ("notifying_officer", "FR", None),
        "de-officer": ("notifying_officer", "DE", None),
        "fr-delegate": ("delegate", "FR", "DE"),
        "bureau": ("secretariat", None, None),
        "root": ("admin", None, None),
    }
    headers = {"public": {}}
    with sessions() as session, session.begin():
        for name, (role, administration, proxy) in accounts_.items():
            account_usecases.create_user(
                session,
                principal=CLI,
                username=name,
                password="a long enough pass",
                role=role,
                administration=administration,
                proxy_for=proxy,
            )
            secret, _ = account_usecases.create_token(session, principal=CLI, username=name)
            headers[name] = {"Authorization": f"Bearer {secret}"}
    return headers


def _audit_size(sessions: sessionmaker[Session]) -> int:
    with sessions() as session:
        return audit.head(session)[0]


def test_only_an_administrations_own_officer_applies_for_it(
    client: TestClient, people: dict[str, Headers], sessions: sessionmaker[Session]
) -> None:
    before = _audit_size(sessions)
    refusals = {
        "public": 401,
        "de-officer": 403,  # another administration's officer
        "fr-delegate": 403,  # a delegate of FR is not its notifying officer
        "bureau": 403,
        "root": 403,
    }
    for who, status in refusals.items():
        response = client.post(
            "/api/numbering/applications",
            json={**APPLICATION, "administration": "FR"},
            headers=people[who],
        )
        assert response.status_code == status, (who, response.text)
        assert response.headers["content-type"].startswith("application/problem+json")
    assert _audit_size(sessions) == before  # a refusal changes nothing
    allowed = client.post(
        "/api/numbering/applications",
        json={**APPLICATION, "administration": "FR"},
        headers=people["fr-officer"],
    )
    assert allowed.status_code == 201, allowed.text
    assert _audit_size(sessions) > before


def test_an_officer_cannot_touch_another_administrations_application(
    client: TestClient, people: dict[str, Headers], sessions: sessionmaker[Session]
) -> None:
    made = client.post(
        "/api/numbering/applications",
        json={**APPLICATION, "administration": "FR"},
        headers=people["fr-officer"],
    )
    assert made.status_code == 201, made.text
    number = made.json()["id"]
    before = _audit_size(sessions)
    withdraw = f"/api/numbering/applications/{number}/withdraw"
    assert client.post(withdraw, headers=people["de-officer"]).status_code == 403
    assert client.post(withdraw, headers=people["public"]).status_code == 401
    assert client.post(withdraw, headers=people["bureau"]).status_code == 403
    seen = client.get(f"/api/numbering/applications/{number}", headers=people["de-officer"])
    assert seen.status_code == 403
    assert _audit_size(sessions) == before
    # Its own officer may withdraw it.
    done = client.post(withdraw, headers=people["fr-officer"])
    assert done.status_code == 200, done.text
    assert done.json()["status"] == "withdrawn"
    # The secretariat examines applications; an officer may not (the withdrawn one is
    # then a conflict of state, not of rights).
    check = f"/api/numbering/applications/{number}/check"
    assert client.post(check, headers=people["fr-officer"]).status_code == 403
    assert client.post(check, headers=people["bureau"]).status_code == 409


def test_accounts_are_managed_by_admins_only(
    client: TestClient, people: dict[str, Headers]
) -> None:
    body = {"username": "intruder", "password": "a long enough pass", "role": "admin"}
    for who, status in {"public": 401, "fr-officer": 403, "bureau": 403}.items():
        assert client.post("/api/accounts/users", json=body, headers=people[who]).status_code == (
            status
        )
        assert (
            client.post("/api/accounts/users/root/disable", headers=people[who]).status_code
            == status
        )
    assert client.post("/api/accounts/users", json=body, headers=people["root"]).status_code == 201


def test_a_token_is_revoked_only_by_its_owner_or_an_admin(
    client: TestClient, people: dict[str, Headers]
) -> None:
    tokens = client.get("/api/auth/tokens", headers=people["fr-officer"]).json()
    target = f"/api/auth/tokens/{tokens[0]['id']}"
    # Someone else's token looks the same as a missing one.
    assert client.delete(target, headers=people["de-officer"]).status_code == 404
    assert client.delete(target, headers=people["public"]).status_code == 401
    assert client.get("/api/auth/me", headers=people["fr-officer"]).status_code == 200
    assert client.delete(target, headers=people["root"]).status_code == 200
    assert client.get("/api/auth/me", headers=people["fr-officer"]).status_code == 401


def test_the_audit_log_is_read_by_secretariat_and_admins_only(
    client: TestClient, people: dict[str, Headers]
) -> None:
    expected = {
        "public": 401,
        "fr-officer": 403,
        "fr-delegate": 403,
        "bureau": 200,
        "root": 200,
    }
    for who, status in expected.items():
        assert client.get("/api/audit/verify", headers=people[who]).status_code == status, who
