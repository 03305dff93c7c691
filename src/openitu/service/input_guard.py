"""The one guard in front of every route: who asks, then what they sent.

Each request passes, in this order, before any route parses it:

1. **The URL**: a NUL (0x00) or another control character in the path or the query is
   refused (422 naming the parameter).
2. **The route's guards** (`service/auth.py`: ``public``, ``signed_in``,
   ``require(permission)``), run here with the route's own rules, so that a request
   without the right credentials is answered 401 or 403 whatever its body holds: an
   unparseable body never turns a 401 into a 422, and nobody learns a route's body
   schema without the right to call it. The rate limit is charged here, once.
3. **Every text field of the body**: JSON (every string and every key, at any depth),
   a urlencoded form, or the fields of a multipart form and its uploaded files that are
   UTF-8 text (a conference document is stored as text; other bytes are left to the
   route). A field holding a refused character is answered
   422 naming the field (``conference.title``, ``items.0.number``).

Refused characters (:func:`refused_character`): NUL everywhere (PostgreSQL cannot
store or even compare text holding it while SQLite stores it, so the same request
would be a database error on one and a silent oddity on the other), and the other C0
controls and DEL except tab, line feed, carriage return and form feed. A name, a title,
a reference, a code or a password never holds them, and a pasted text keeps its lines,
tabs and page breaks. The guard does not tell single-line fields from texts: one rule
for every field is one that no route can forget.

A value that reaches the database and is refused there (sqlalchemy's ``DataError``:
text longer than its column, an integer beyond 64 bits) is the client's input too:
422, never a 500.
"""

from __future__ import annotations

import inspect
import json
import logging
import re
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from typing import Any, Final
from urllib.parse import parse_qsl

from fastapi import FastAPI, Request
from fastapi.responses import Response
from fastapi.routing import APIRoute, iter_route_contexts
from sqlalchemy.exc import DataError
from starlette.datastructures import UploadFile
from starlette.routing import compile_path
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from openitu.errors import InvalidInput, OpenITUError
from openitu.service.auth import RULE_ATTRIBUTE, current_principal, dependency_calls
from openitu.service.params import INT32_MAX
from openitu.service.problems import error_problem

log = logging.getLogger("openitu.service")

NUL: Final = "\x00"
ALLOWED_CONTROLS: Final = frozenset("\t\n\r\f")
_REFUSED = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def refused_character(text: str) -> str | None:
    """Why ``text`` is refused as a text field's value or name, or None when it is not."""
    found = _REFUSED.search(text)
    if found is None:
        return None
    character = found.group()
    if character == NUL:
        return "must not contain the NUL character (0x00)"
    return f"must not contain the control character U+{ord(character):04X}"


def _url_problem(request: Request) -> tuple[str, str] | None:
    reason = refused_character(request.url.path)
    if reason is not None:
        return "path", reason
    for name, value in parse_qsl(request.url.query, keep_blank_values=True):
        reason = refused_character(name) or refused_character(value)
        if reason is not None:
            return name.replace(NUL, "\\x00") or "query", reason
    return None


def _json_problem(value: Any, path: tuple[str, ...] = ()) -> tuple[str, str] | None:
    """The first string (or key) in a JSON document holding a refused character."""
    if isinstance(value, str):
        reason = refused_character(value)
        return (".".join(path) or "body", reason) if reason is not None else None
    if isinstance(value, dict):
        for key, item in value.items():
            reason = refused_character(key)
            if reason is not None:
                return ".".join((*path, key.replace(NUL, "\\x00"))), reason
            found = _json_problem(item, (*path, key))
            if found is not None:
                return found
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found = _json_problem(item, (*path, str(index)))
            if found is not None:
                return found
    return None


def _form_problem(items: Iterator[tuple[str, Any]]) -> tuple[str, str] | None:
    for name, value in items:
        reason = refused_character(name)
        if reason is None and isinstance(value, str):
            reason = refused_character(value)
        if reason is not None:
            return name.replace(NUL, "\\x00") or "form", reason
    return None


# --- the routes' guards ------------------------------------------------------------------------


@dataclass(frozen=True)
class _GuardedRoute:
    pattern: re.Pattern[str]
    methods: frozenset[str]
    guards: tuple[Callable[..., Awaitable[Any]], ...]


def _guarded_routes(app: FastAPI) -> list[_GuardedRoute]:
    """Every API and page route, in the router's order, with the guards it declares."""
    found = []
    for context in iter_route_contexts(app.routes):
        if not isinstance(context.original_route, APIRoute) or context.path is None:
            continue
        guards = tuple(
            call for call in dependency_calls(context.dependant) if hasattr(call, RULE_ATTRIBUTE)
        )
        pattern, _, _ = compile_path(str(context.path))
        found.append(_GuardedRoute(pattern, frozenset(context.methods or ()), guards))
    return found


def _guards_for(app: FastAPI, path: str, method: str) -> tuple[Callable[..., Awaitable[Any]], ...]:
    routes: list[_GuardedRoute] | None = getattr(app.state, "guarded_routes", None)
    if routes is None:
        routes = _guarded_routes(app)
        app.state.guarded_routes = routes
    for route in routes:
        if route.pattern.match(path) and (not route.methods or method in route.methods):
            return route.guards
    return ()


# --- the middleware -----------------------------------------------------------------------------

_BODY_METHODS: Final = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def _media_type(scope: Scope) -> str:
    for name, value in scope.get("headers", []):
        if name == b"content-type":
            text: str = bytes(value).decode("latin-1")
            return text.split(";", 1)[0].strip().lower()
    return ""


def _is_json(media_type: str) -> bool:
    return media_type == "application/json" or (
        media_type.startswith("application/") and media_type.endswith("+json")
    )


def _invalid(request: Request, field: str, reason: str) -> Response:
    return error_problem(request, InvalidInput(field, reason))


class RequestGuard:
    """Pure ASGI middleware: URL, then the route's guards, then the body's text fields."""

    def __init__(self, app: ASGIApp, *, fastapi_app: FastAPI) -> None:
        self.app = app
        self.fastapi_app = fastapi_app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        refused = _url_problem(request)
        if refused is not None:
            await _invalid(request, *refused)(scope, receive, send)
            return
        # The path the router matches: the request's, less where the app is mounted.
        root_path = str(scope.get("root_path", ""))
        path = str(scope["path"])
        if root_path and path.startswith(root_path):
            path = path[len(root_path) :] or "/"
        guards = _guards_for(self.fastapi_app, path, request.method)
        if guards:
            try:
                principal = await current_principal(request)
                for guard in guards:
                    await guard(request, principal)
            except OpenITUError as exc:
                await (await self._answer(request, exc))(scope, receive, send)
                return
        media_type = _media_type(scope)
        if request.method not in _BODY_METHODS or not (
            _is_json(media_type)
            or media_type in ("application/x-www-form-urlencoded", "multipart/form-data")
        ):
            await self.app(scope, receive, send)
            return
        messages, complete = await _read_body(receive)
        replay = _replaying(messages, receive)
        if complete:
            body = b"".join(m.get("body", b"") for m in messages)
            refused = await _body_problem(scope, media_type, body)
            if refused is not None:
                await _invalid(request, *refused)(scope, replay, send)
                return
        await self.app(scope, replay, send)

    async def _answer(self, request: Request, exc: OpenITUError) -> Response:
        """The application's own answer to ``exc`` (problem+json, or a page)."""
        for kind in type(exc).__mro__:
            handler = self.fastapi_app.exception_handlers.get(kind)
            if handler is not None:
                response = handler(request, exc)
                answer = await response if inspect.isawaitable(response) else response
                assert isinstance(answer, Response)
                return answer
        raise exc  # pragma: no cover  (OpenITUError always has its handler)


async def _read_body(receive: Receive) -> tuple[list[Message], bool]:
    """Every message of the body; ``complete`` is False when the client went away (or
    the body outgrew its bound, which the outer middleware answers)."""
    messages: list[Message] = []
    while True:
        message = await receive()
        messages.append(message)
        if message["type"] != "http.request":
            return messages, False
        if not message.get("more_body", False):
            return messages, True


def _replaying(messages: list[Message], receive: Receive) -> Receive:
    pending = list(messages)

    async def replay() -> Message:
        if pending:
            return pending.pop(0)
        return await receive()

    return replay


async def _body_problem(scope: Scope, media_type: str, body: bytes) -> tuple[str, str] | None:
    if not body:
        return None
    if _is_json(media_type):
        try:
            document = json.loads(body)
        except ValueError:
            return None  # the route answers an unparseable body with its own 422
        return _json_problem(document)
    if media_type == "application/x-www-form-urlencoded":
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            return None
        return _form_problem(iter(parse_qsl(text, keep_blank_values=True)))
    sent = False

    async def once() -> Message:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    form_request = Request(scope, receive=once)
    try:
        form = await form_request.form()
    except Exception:
        return None  # a malformed multipart body: the route refuses it
    try:
        fields: list[tuple[str, str]] = []
        for name, value in form.multi_items():
            if isinstance(value, UploadFile):
                # A text file is stored as text (a conference document): held to the same
                # rule. Bytes that are not UTF-8 are not text; the route decides on them.
                try:
                    value = (await value.read()).decode("utf-8")
                except UnicodeDecodeError:
                    continue
            fields.append((name, value))
        return _form_problem(iter(fields))
    finally:
        await form.close()


def install_input_guard(app: FastAPI) -> None:
    app.add_middleware(RequestGuard, fastapi_app=app)

    async def value_refused(request: Request, exc: Exception) -> Response:
        # The driver's words (its types, its column sizes) stay in the log: the client is
        # told which of its numbers is too large when one is, else that a value did not fit.
        log.info("value refused by the database on %s: %s", request.url.path, exc)
        field = _too_large_number(request)
        if field is not None:
            return _invalid(request, field, "the number is larger than any stored")
        return _invalid(request, "body", "a value is longer or larger than what is stored")

    async def number_too_large(request: Request, exc: Exception) -> Response:
        # SQLite's driver refuses integers beyond 64 bits before any SQL runs (PostgreSQL's
        # own refusal arrives as a DataError above): an identifier or year out of range.
        field = _too_large_number(request) or "request"
        return _invalid(request, field, "the number is larger than any stored")

    app.add_exception_handler(DataError, value_refused)
    app.add_exception_handler(OverflowError, number_too_large)


def _too_large_number(request: Request) -> str | None:
    """The path or query parameter holding an integer beyond a 32-bit column (PostgreSQL's
    INTEGER; SQLite's limit, 64 bits, is beyond it too), when the request has one."""
    candidates = [*request.path_params.items(), *request.query_params.multi_items()]
    for name, value in candidates:
        text = str(value).strip().lstrip("+-")
        # More digits than INT32_MAX's ten is too large without parsing (int() refuses
        # over 4300 digits).
        if text.isascii() and text.isdigit() and (len(text) > 10 or int(text) > INT32_MAX):
            return str(name)
    return None
