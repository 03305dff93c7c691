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
import zlib
from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from sqlalchemy.orm import Session, sessionmaker

from openitu.accounts.rights import Principal, Role
from openitu.service.app import create_app
from openitu.service.context import AppContext
from openitu.store import accounts

EXAMPLES = int(os.environ.get("OPENITU_FUZZ_EXAMPLES", "4"))
# PostgreSQL by default: it enforces column lengths and types that SQLite lets through,
# so it finds more 500s. OPENITU_FUZZ_BACKENDS=sqlite,postgresql for both.
BACKENDS = os.environ.get("OPENITU_FUZZ_BACKENDS", "postgresql").split(",")
CLI = Principal(role=Role.ADMIN, username="cli:fuzz", via="cli")


@pytest.fixture
def fuzz_app(app_context: AppContext) -> FastAPI:
    """The real application, with rate limits out of the fuzzer's way."""
    settings_ = app_context.settings.model_copy(
        update={"api_rate_per_s": 1e6, "api_burst": 10**6, "sign_in_per_minute": 1e6}
    )
    context = AppContext(
        settings=settings_, engine=app_context.engine, sessions=app_context.sessions
    )
    return create_app(context=context)


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
def identities(sessions: sessionmaker[Session]) -> list[dict[str, str]]:
    """Request headers for the public and for one account of each role."""
    headers: list[dict[str, str]] = [{}]
    with sessions() as session, session.begin():
        for role, administration in (
            ("admin", None),
            ("notifying_officer", "FR"),
            ("secretariat", None),
            ("delegate", "DE"),
        ):
            name = f"fuzz-{role.replace('_', '-')}"
            accounts.create_user(
                session,
                actor=CLI,
                username=name,
                password="fuzz password 1",
                role=role,
                administration=administration,
            )
            secret, _ = accounts.create_token(session, actor=CLI, username=name)
            headers.append({"Authorization": f"Bearer {secret}"})
    return headers


@pytest.mark.parametrize("database_url", BACKENDS, indirect=True)
def test_no_request_yields_a_server_error(
    api_schema: Any, identities: list[dict[str, str]]
) -> None:
    operations = _operations(api_schema)
    assert len(operations) >= 10
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

            @given(case=operation.as_strategy(generation_mode=mode))
            @settings(
                max_examples=EXAMPLES,
                deadline=None,
                suppress_health_check=list(HealthCheck),
                derandomize=True,
                database=None,
            )
            def fuzz(case: Any) -> None:
                # The case's own content picks who sends it, so that a replay is the same.
                key = repr((case.path_parameters, case.query, case.body)).encode()
                headers = identities[zlib.crc32(key) % len(identities)]
                response = case.call(headers=headers)
                case.validate_response(response, checks=[not_a_server_error])
                _no_trace(response)

            try:
                fuzz()
            except Exception as exc:
                raise AssertionError(f"{operation.label} ({mode.value}): {exc}") from exc
