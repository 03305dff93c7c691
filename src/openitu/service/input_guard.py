"""Refuse input the databases cannot hold: NUL in the URL, and whatever the database
itself refuses as a value (NUL inside a JSON string, text longer than its column, an
integer beyond 64 bits).

PostgreSQL cannot store or even compare text holding NUL (0x00) while SQLite stores it,
so the same request would be a database error on one and a silent oddity on the other.
A NUL is never meaningful in a frequency, a code, a name or an identifier: it is
refused here, on both databases alike, with the parameter it came in. A value that
reaches the database and is refused there (sqlalchemy's DataError) is the client's
input too: 422, never a 500.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from urllib.parse import parse_qsl

from fastapi import FastAPI, Request
from fastapi.responses import Response
from sqlalchemy.exc import DataError

from openitu.errors import InvalidInput
from openitu.service.problems import problem

NUL = "\x00"


def _nul_field(request: Request) -> str | None:
    if NUL in request.url.path:
        return "path"
    for name, value in parse_qsl(request.url.query, keep_blank_values=True):
        if NUL in name or NUL in value:
            return name.replace(NUL, "\\x00") or "query"
    return None


def _invalid(request: Request, field: str, reason: str) -> Response:
    error = InvalidInput(field, reason)
    return problem(
        status=error.status,
        title=error.title,
        detail=error.detail,
        type_uri=error.type_uri,
        request=request,
        errors=[{"field": error.field, "reason": error.reason}],
    )


def install_input_guard(app: FastAPI) -> None:
    @app.middleware("http")
    async def refuse_nul(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        field = _nul_field(request)
        if field is None:
            return await call_next(request)
        return _invalid(request, field, "must not contain the NUL character (0x00)")

    async def value_refused(request: Request, exc: Exception) -> Response:
        # The driver's first line names the rule broken (no statement, no parameters).
        reason = str(getattr(exc, "orig", exc)).strip().splitlines()[0] if str(exc) else ""
        return _invalid(request, "body", f"a value was refused by the database: {reason}")

    async def number_too_large(request: Request, exc: Exception) -> Response:
        # SQLite's driver refuses integers beyond 64 bits before any SQL runs (PostgreSQL's
        # own refusal arrives as a DataError above): an identifier or year out of range.
        return _invalid(request, "request", f"a number is too large to look up ({exc})")

    app.add_exception_handler(DataError, value_refused)
    app.add_exception_handler(OverflowError, number_too_large)
