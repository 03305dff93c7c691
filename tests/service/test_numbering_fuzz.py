"""Hostile input on /api/numbering: generated from the OpenAPI description, never a 500.

The same approach as tests/security/test_fuzz.py, restricted to this area's operations
so that it runs whatever the other areas' routes do; each case is sent as the public, a
notifying officer or the secretariat.
"""

from __future__ import annotations

import os
import zlib
from collections.abc import Callable
from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error

from openitu.accounts import Role

EXAMPLES = int(os.environ.get("OPENITU_FUZZ_EXAMPLES", "4"))


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_numbering_api_never_answers_500(
    app: FastAPI, numbering_token: Callable[[str, Role, str | None], str]
) -> None:
    identities: list[dict[str, str]] = [
        {},
        {
            "Authorization": "Bearer "
            + numbering_token("fuzz-officer", Role.NOTIFYING_OFFICER, "FR")
        },
        {"Authorization": f"Bearer {numbering_token('fuzz-clerk', Role.SECRETARIAT, None)}"},
    ]
    schema = schemathesis.openapi.from_asgi("/api/openapi.json", app)
    operations = [
        result.ok()
        for result in schema.get_all_operations()
        if result.ok().path.startswith("/api/numbering")
    ]
    assert len(operations) >= 15
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
                key = repr((case.path_parameters, case.query, case.body)).encode()
                response = case.call(headers=identities[zlib.crc32(key) % len(identities)])
                case.validate_response(response, checks=[not_a_server_error])
                if response.status_code >= 400:
                    assert "problem+json" in str(response.headers.get("content-type", ""))
                assert "Traceback" not in response.text

            try:
                fuzz()
            except Unsatisfiable:
                # No value of the operation's inputs is invalid (no parameters or free text
                # only, and a token it does not require): there is no negative case to send.
                if mode is not GenerationMode.NEGATIVE:
                    raise
            except Exception as exc:
                raise AssertionError(f"{operation.label} ({mode.value}): {exc}") from exc
