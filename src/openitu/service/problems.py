"""One error shape: RFC 9457 problem+json for the API, an HTML page for the web."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from openitu.errors import InvalidInput, OpenITUError

PROBLEM_JSON = "application/problem+json"
log = logging.getLogger("openitu.service")


def problem(
    *, status: int, title: str, detail: str, type_uri: str, request: Request, **extra: Any
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

        return render_error(request, status=status, title=title, detail=detail)
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON)


def _wants_html(request: Request) -> bool:
    return not request.url.path.startswith("/api") and "text/html" in request.headers.get(
        "accept", ""
    )


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(OpenITUError)
    async def domain_error(request: Request, exc: OpenITUError) -> Response:
        extra: dict[str, Any] = {}
        if isinstance(exc, InvalidInput):
            extra["errors"] = [{"field": exc.field, "reason": exc.reason}]
        if exc.status >= 500:
            log.error("domain failure on %s: %s", request.url.path, exc.detail)
        return problem(
            status=exc.status,
            title=exc.title,
            detail=exc.detail,
            type_uri=exc.type_uri,
            request=request,
            **extra,
        )

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
        return problem(
            status=exc.status_code,
            title=title,
            detail=str(exc.detail),
            type_uri=f"https://openitu.org/problems/http-{exc.status_code}",
            request=request,
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
