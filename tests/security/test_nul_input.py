"""NUL characters and values the database refuses: always a 422 naming the field."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from openitu.accounts.rights import Principal, Role
from openitu.usecases import accounts as account_usecases

PROBLEM_JSON = "application/problem+json"
CLI = Principal(role=Role.ADMIN, username="cli:test", via="cli")


@pytest.mark.parametrize(
    ("url", "field"),
    [
        ("/api/allocations/at?frequency=2450MHz%00&region=1", "frequency"),
        ("/api/audit?entity=%00", "entity"),
        ("/api/allocations/at?frequency=2450MHz&region=1&x%00=1", "x\\x00"),
        ("/api/numbering/e164/33%00", "path"),
    ],
)
def test_nul_in_the_url_is_refused_on_both_databases(
    client: TestClient, url: str, field: str
) -> None:
    answer = client.get(url)
    assert answer.status_code == 422, answer.text
    assert answer.headers["content-type"].startswith(PROBLEM_JSON)
    assert answer.json()["errors"] == [
        {"field": field, "reason": "must not contain the NUL character (0x00)"}
    ]


def test_the_same_request_without_nul_is_answered(client: TestClient) -> None:
    assert client.get("/api/allocations/at?frequency=2450MHz&region=1").status_code == 200


def test_nul_inside_a_json_string_never_gives_a_500(
    client: TestClient, engine: Engine, sessions: sessionmaker[Session]
) -> None:
    with sessions() as session, session.begin():
        account_usecases.create_user(
            session,
            principal=CLI,
            username="nul-admin",
            password="a long enough pass",
            role="admin",
        )
        secret, _ = account_usecases.create_token(session, principal=CLI, username="nul-admin")
    answer = client.post(
        "/api/auth/tokens",
        json={"name": "label\u0000with nul"},
        headers={"Authorization": f"Bearer {secret}"},
    )
    assert answer.headers["content-type"].startswith(PROBLEM_JSON) or answer.status_code == 201
    if engine.dialect.name == "postgresql":
        # PostgreSQL refuses the value itself: the client's input, 422.
        assert answer.status_code == 422, answer.text
        assert answer.json()["errors"][0]["field"] == "body"
        assert "NUL" in answer.json()["errors"][0]["reason"]
    else:
        # SQLite stores any text; the label comes back as sent.
        assert answer.status_code == 201, answer.text
        assert answer.json()["name"] == "label\u0000with nul"


@pytest.mark.parametrize("year", ["60960724556087033831", "-99999999999999999999"])
def test_an_integer_beyond_64_bits_is_a_422_on_both_databases(
    client: TestClient, engine: Engine, sessions: sessionmaker[Session], year: str
) -> None:
    with sessions() as session, session.begin():
        account_usecases.create_user(
            session,
            principal=CLI,
            username="big-admin",
            password="a long enough pass",
            role="admin",
        )
        secret, _ = account_usecases.create_token(session, principal=CLI, username="big-admin")
    answer = client.get(
        f"/api/governance/budgets/{year}", headers={"Authorization": f"Bearer {secret}"}
    )
    assert answer.status_code == 422, answer.text
    assert answer.headers["content-type"].startswith(PROBLEM_JSON)
