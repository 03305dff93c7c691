"""Hostile input: the whole API from its OpenAPI description, as every kind of caller.

Schemathesis generates requests from /api/openapi.json (valid and invalid bodies,
queries, paths, headers). Whatever it sends, the answer must be a deliberate status
(never 500) and an error must be problem+json without a stack trace.

Short form in `make test` (OPENITU_FUZZ_EXAMPLES: 4 valid and 4 invalid cases per
operation by default, on PostgreSQL; each case goes as one of the public, an admin, an
officer, the secretariat or a delegate); the full run is documented in docs/security.md.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI

from fuzzing import fuzz_operations
from openitu.accounts.rights import Principal, Role
from openitu.service.app import create_app
from openitu.service.context import AppContext
from openitu.settings import Settings
from openitu.store import migrate
from openitu.store.db import make_engine, session_factory
from openitu.store.reference import load_reference_data
from openitu.usecases import accounts as account_usecases

# PostgreSQL by default: it enforces column lengths and types that SQLite lets through,
# so it finds more 500s. OPENITU_FUZZ_BACKENDS=sqlite,postgresql for both.
BACKENDS = os.environ.get("OPENITU_FUZZ_BACKENDS", "postgresql").split(",")
CLI = Principal(role=Role.ADMIN, username="cli:fuzz", via="cli")


@pytest.fixture(params=BACKENDS)
def fuzz_context(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[AppContext]:
    """A database of its own, every request committed as in service: the fuzzer's writes
    never reach the other tests' database, and a long run never piles its savepoints into
    one outer transaction (PostgreSQL runs out of lock slots that way)."""
    if request.param == "postgresql":
        url = str(request.getfixturevalue("fresh_postgresql_url"))
    else:
        url = f"sqlite:///{tmp_path / 'fuzz.sqlite3'}"
    engine = make_engine(url)
    migrate.upgrade(engine)
    sessions = session_factory(engine)
    for _ in load_reference_data(sessions):
        pass
    settings_ = Settings(database_url=url).model_copy(
        # Rate limits out of the fuzzer's way.
        update={"api_rate_per_s": 1e6, "api_burst": 10**6, "sign_in_per_minute": 1e6}
    )
    try:
        yield AppContext(settings=settings_, engine=engine, sessions=sessions)
    finally:
        engine.dispose()


@pytest.fixture
def fuzz_app(fuzz_context: AppContext) -> FastAPI:
    return create_app(context=fuzz_context)


@pytest.fixture
def api_schema(fuzz_app: FastAPI) -> Any:
    return schemathesis.openapi.from_asgi("/api/openapi.json", fuzz_app)


def _no_trace(response: Any) -> None:
    if response.status_code >= 400:
        content_type = str(response.headers.get("content-type", ""))
        assert "application/problem+json" in content_type or "text/html" in content_type, (
            response.status_code,
            content_type,
            response.text[:200],
        )
    assert "Traceback" not in response.text


def _operations(api_schema: Any) -> list[Any]:
    found = []
    for result in api_schema.get_all_operations():
        found.append(result.ok())
    return found


@pytest.fixture
def identities(fuzz_context: AppContext) -> list[dict[str, str]]:
    """Request headers for the public and for one account of each role."""
    headers: list[dict[str, str]] = [{}]
    with fuzz_context.sessions() as session, session.begin():
        for role, administration in (
            ("admin", None),
            ("notifying_officer", "FR"),
            ("secretariat", None),
            ("delegate", "DE"),
        ):
            name = f"fuzz-{role.replace('_', '-')}"
            account_usecases.create_user(
                session,
                principal=CLI,
                username=name,
                password="fuzz password 1",
                role=role,
                administration=administration,
            )
            secret, _ = account_usecases.create_token(session, principal=CLI, username=name)
            headers.append({"Authorization": f"Bearer {secret}"})
    return headers


def test_no_request_yields_a_server_error(
    api_schema: Any, identities: list[dict[str, str]]
) -> None:
    operations = _operations(api_schema)
    assert len(operations) >= 10
    fuzz_operations(operations, identities, check=_no_trace)
