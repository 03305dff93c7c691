"""The OpenAPI description as the routes behave.

FastAPI's own description marks every route as needing the bearer token (the principal
dependency declares the scheme on all of them, public reads included) and documents only
its own 422, as application/json. Here each operation's security follows the rule that
guards it (``public``: a token is optional), and every error it can answer is listed as
application/problem+json, as ``service/problems.py`` writes it:

- 401 everywhere: a token that is unknown, expired or revoked is refused even on a read;
- 403 where a right or an account is needed; 409 on writes (a clash with what is stored);
- 404 where the request names something (a path, a query or a body), or where a route
  that names nothing declares it;
- 400 where the body is a form that may not parse; 413, 422 and 429 everywhere (the body
  bound, the URL's characters and the rate limit are checked before any route).
"""

from __future__ import annotations

from typing import Any, Final

from fastapi import FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.openapi.utils import get_openapi
from fastapi.routing import APIRoute, iter_route_contexts

from openitu.service.auth import (
    MAX_BODY_BYTES,
    RULE_ATTRIBUTE,
    SAFE_METHODS,
    SESSION_COOKIE,
    dependency_calls,
)
from openitu.service.problems import PROBLEM_JSON

PROBLEM_REF: Final = {"$ref": "#/components/schemas/Problem"}

PROBLEM_SCHEMA: Final[dict[str, Any]] = {
    "title": "Problem",
    "description": "RFC 9457 problem details",
    "type": "object",
    "required": ["type", "title", "status", "detail", "instance"],
    "properties": {
        "type": {"type": "string", "format": "uri"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "instance": {"type": "string"},
        "errors": {
            "type": "array",
            "description": "bad input: each field (a dotted path) and why it was refused",
            "items": {
                "type": "object",
                "required": ["field", "reason"],
                "properties": {
                    "field": {"type": "string"},
                    "reason": {"type": "string"},
                    "row": {"type": "integer"},
                },
            },
        },
        "entity": {"type": "string", "description": "a conflict: the table that clashed"},
        "fields": {
            "type": "array",
            "items": {"type": "string"},
            "description": "a conflict: the columns that clashed",
        },
    },
}

_FORM_TYPES: Final = ("multipart/form-data", "application/x-www-form-urlencoded")


def _error(description: str, **headers: str) -> dict[str, Any]:
    response: dict[str, Any] = {
        "description": description,
        "content": {PROBLEM_JSON: {"schema": PROBLEM_REF}},
    }
    if headers:
        response["headers"] = {
            name: {
                "description": text,
                "schema": {"type": "integer" if name == "Retry-After" else "string"},
            }
            for name, text in headers.items()
        }
    return response


def _is_public(dependant: Dependant) -> bool:
    """Whether every guard on the route and its router is ``public``."""
    calls = dependency_calls(dependant)
    return all(getattr(c, RULE_ATTRIBUTE) == "public" for c in calls if hasattr(c, RULE_ATTRIBUTE))


def _errors(
    public: bool, method: str, operation: dict[str, Any], *, declared_404: bool
) -> dict[str, Any]:
    body_types = operation.get("requestBody", {}).get("content", {})
    # What a path, query or body names may not exist; a route that names nothing finds
    # nothing only where it says so itself (the latest circular, before the first).
    may_find_nothing = declared_404 or bool(operation.get("parameters") or body_types)
    errors: dict[str, Any] = {}
    if any(kind in body_types for kind in _FORM_TYPES):
        errors["400"] = _error("the form could not be parsed")
    errors["401"] = _error(
        "the API token sent is unknown, expired or revoked (none is needed)"
        if public
        else "no valid credentials: an API token, or for a read the web session"
    )
    if not public:
        errors["403"] = _error("the principal's rights do not allow the request")
    if may_find_nothing:
        errors["404"] = _error("what the request names does not exist")
    if method not in SAFE_METHODS:
        errors["409"] = _error("the request clashes with what is stored")
    errors["413"] = _error(f"the request body exceeds {MAX_BODY_BYTES // (1024 * 1024)} MiB")
    errors["422"] = _error("invalid input: each field and the reason in errors")
    errors["429"] = _error(
        "too many requests", **{"Retry-After": "whole seconds to wait before retrying"}
    )
    return errors


def _security(public: bool, method: str) -> list[dict[str, list[str]]]:
    schemes: list[dict[str, list[str]]] = [{"HTTPBearer": []}]
    if method in SAFE_METHODS:
        schemes.append({"SessionCookie": []})
    # An empty requirement: the operation may be called with no credentials at all.
    return [{}, *schemes] if public else schemes


def describe(app: FastAPI) -> dict[str, Any]:
    """The OpenAPI document of ``app``, its security and errors as the routes behave."""
    schema = get_openapi(
        title=app.title,
        version=app.version,
        description=app.description,
        routes=app.routes,
    )
    for context in iter_route_contexts(app.routes):
        operations = schema["paths"].get(str(context.path_format))
        if operations is None or not isinstance(context.original_route, APIRoute):
            continue  # the pages, the static files, the description itself
        public = _is_public(context.dependant)
        for method in context.methods or ():
            operation = operations.get(method.lower())
            if operation is None:
                continue
            operation["security"] = _security(public, method)
            responses = operation["responses"]
            declared_404 = "404" in responses
            for code in [code for code in responses if code.startswith(("4", "5"))]:
                del responses[code]
            responses.update(_errors(public, method, operation, declared_404=declared_404))
    components = schema.setdefault("components", {})
    schemas = components.setdefault("schemas", {})
    for unused in ("HTTPValidationError", "ValidationError"):
        schemas.pop(unused, None)
    schemas["Problem"] = PROBLEM_SCHEMA
    components.setdefault("securitySchemes", {})["SessionCookie"] = {
        "type": "apiKey",
        "in": "cookie",
        "name": SESSION_COOKIE,
        "description": "the web session (counts on the API for reads only)",
    }
    return schema


def install_openapi(app: FastAPI) -> None:
    """Called by create_app: ``app.openapi()`` (and /api/openapi.json) answer `describe`."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = describe(app)
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
