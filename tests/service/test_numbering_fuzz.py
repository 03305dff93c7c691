"""Hostile input on /api/numbering: generated from the OpenAPI description, never a 500.

The same approach as tests/security/test_fuzz.py, restricted to this area's operations
so that it runs whatever the other areas' routes do; each case is sent as the public, a
notifying officer or the secretariat.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI

from fuzzing import fuzz_operations
from openitu.accounts import Role


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
    fuzz_operations(operations, identities, check=_problem_without_trace)


def _problem_without_trace(response: Any) -> None:
    if response.status_code >= 400:
        assert "problem+json" in str(response.headers.get("content-type", ""))
    assert "Traceback" not in response.text
