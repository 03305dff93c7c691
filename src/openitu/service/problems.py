"""One error shape: RFC 9457 problem+json for the API, an HTML page for the web."""

from __future__ import annotations

import logging
import math
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.routing import iter_route_contexts
from sqlalchemy.exc import IntegrityError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from openitu.errors import Conflict, InvalidInput, OpenITUError, RateLimited
from openitu.store.db import conflict_from

PROBLEM_JSON = "application/problem+json"
log = logging.getLogger("openitu.service")


def problem(
    *,
    status: int,
    title: str,
    detail: str,
    type_uri: str,
    request: Request,
    headers: dict[str, str] | None = None,
    **extra: Any,
) -> Response:
    body: dict[str, Any] = {
        "type": type_uri,
        "title": title,
        "status": status,
        "detail": detail,
        "instance": str(request.url.path),
        **extra,
    }
    if _wants_html(request):
        from openitu.web.pages import render_error

        page = render_error(request, status=status, title=title, detail=detail)
        page.headers.update(headers or {})
        return page
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON, headers=headers)


def retry_after(seconds: float) -> str:
    """``Retry-After`` as RFC 9110 wants it: whole seconds, rounded up, at least 1."""
    return str(max(1, math.ceil(seconds)))


def _wants_html(request: Request) -> bool:
    # Outside /api every answer is a page, whatever the client's Accept header says: a
    # page route never answers problem+json.
    return not request.url.path.startswith("/api")


def allowed_methods(request: Request) -> str:
    """``Allow`` for a 405: the methods of every route at this path (a path served by
    several routes, GET by one and POST by another, allows them all)."""
    methods: set[str] = set()
    for route in iter_route_contexts(request.app.routes):
        if route.methods and route.matches(request.scope)[0] is not Match.NONE:
            methods |= set(route.methods)
    return ", ".join(sorted(methods))


def error_problem(request: Request, exc: OpenITUError) -> Response:
    """The problem (or error page) for a domain error, with what its kind adds: the field
    of bad input, what clashed in a conflict, when to retry after a rate limit."""
    extra: dict[str, Any] = {}
    headers: dict[str, str] = {}
    if isinstance(exc, InvalidInput):
        extra["errors"] = exc.error_list()
    if isinstance(exc, Conflict):
        if exc.entity:
            extra["entity"] = exc.entity
        if exc.fields:
            extra["fields"] = list(exc.fields)
    if isinstance(exc, RateLimited):
        headers["Retry-After"] = retry_after(exc.retry_after_s)
    return problem(
        status=exc.status,
        title=exc.title,
        detail=exc.detail,
        type_uri=exc.type_uri,
        request=request,
        headers=headers,
        **extra,
    )


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(OpenITUError)
    async def domain_error(request: Request, exc: OpenITUError) -> Response:
        if exc.status >= 500:
            log.error("domain failure on %s: %s", request.url.path, exc.detail)
        return error_problem(request, exc)

    @app.exception_handler(IntegrityError)
    async def constraint_violated(request: Request, exc: IntegrityError) -> Response:
        # A session a route opened itself (not SessionDep) has rolled back on its way
        # out; the clash is the client's 409, not a 500.
        return await domain_error(request, conflict_from(exc))

    @app.exception_handler(RequestValidationError)
    async def request_invalid(request: Request, exc: RequestValidationError) -> Response:
        errors = [
            {"field": _field_name(err.get("loc", ())), "reason": str(err.get("msg", "invalid"))}
            for err in exc.errors()
        ]
        detail = "; ".join(f"{e['field']}: {e['reason']}" for e in errors) or "invalid request"
        return problem(
            status=422,
            title=InvalidInput.title,
            detail=detail,
            type_uri="https://openitu.org/problems/invalid-input",
            request=request,
            errors=errors,
        )

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        title = {404: "Not found", 405: "Method not allowed"}.get(exc.status_code, "HTTP error")
        headers = dict(exc.headers or {})
        if exc.status_code == 405:
            headers["Allow"] = allowed_methods(request)
        return problem(
            status=exc.status_code,
            title=title,
            detail=str(exc.detail),
            type_uri=f"https://openitu.org/problems/http-{exc.status_code}",
            request=request,
            headers=headers,
        )

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        # The trace goes to the log, never to the client.
        log.exception("unhandled error on %s", request.url.path)
        return problem(
            status=500,
            title="Internal error",
            detail="an unexpected error occurred; it has been logged",
            type_uri="https://openitu.org/problems/internal-error",
            request=request,
        )


def _field_name(location: Any) -> str:
    parts = [str(p) for p in location if p not in ("body", "query", "path", "header")]
    return ".".join(parts) or "request"
