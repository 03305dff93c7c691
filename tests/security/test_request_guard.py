"""The request guard (service/input_guard.py), swept over every route of the OpenAPI
description: no text field of any route stores a NUL, credentials are checked before a
body is parsed, and a request costs one token of the API rate limit."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, String, Text, func, select
from sqlalchemy.orm import Session, sessionmaker

from openitu.accounts.rights import Principal, Role
from openitu.service.app import create_app
from openitu.service.auth import application_routes
from openitu.service.context import AppContext
from openitu.settings import Settings
from openitu.store.base import Base
from openitu.usecases import accounts as account_usecases

PROBLEM_JSON = "application/problem+json"
NUL_REASON = "must not contain the NUL character (0x00)"
WRITE_METHODS = ("post", "put", "patch", "delete")
CLI = Principal(role=Role.ADMIN, username="cli:test", via="cli")


# --- the OpenAPI description, as a client reads it -------------------------------------------


def _resolve(schema: dict[str, Any], spec: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        schema = spec["components"]["schemas"][name]
    return schema


def _options(schema: dict[str, Any], spec: dict[str, Any]) -> dict[str, Any]:
    """The first non-null option of an anyOf / oneOf, resolved."""
    schema = _resolve(schema, spec)
    for key in ("anyOf", "oneOf", "allOf"):
        if key in schema:
            options = [_resolve(s, spec) for s in schema[key]]
            non_null = [s for s in options if s.get("type") != "null"]
            return _options(non_null[0] if non_null else options[0], spec)
    return schema


def _sample(schema: dict[str, Any], spec: dict[str, Any]) -> Any:
    """A plausible value of ``schema`` (the guard runs before any route validates it)."""
    schema = _options(schema, spec)
    if "enum" in schema:
        return schema["enum"][0]
    kind = schema.get("type")
    if kind == "object" or "properties" in schema:
        return {name: _sample(sub, spec) for name, sub in schema.get("properties", {}).items()}
    if kind == "array":
        return [_sample(schema.get("items", {}), spec)]
    if kind == "integer":
        return 1
    if kind == "number":
        return 1.5
    if kind == "boolean":
        return False
    return "text"


def _string_paths(
    schema: dict[str, Any], spec: dict[str, Any], path: tuple[str, ...] = ()
) -> Iterator[tuple[str, ...]]:
    """The path of every string (and string-holding enum) field in ``schema``."""
    schema = _options(schema, spec)
    kind = schema.get("type")
    if kind == "object" or "properties" in schema:
        for name, sub in schema.get("properties", {}).items():
            yield from _string_paths(sub, spec, (*path, name))
    elif kind == "array":
        yield from _string_paths(schema.get("items", {}), spec, (*path, "0"))
    elif kind == "string" or (kind is None and path):
        yield path


def _with_nul(document: Any, path: tuple[str, ...]) -> Any:
    """``document`` with the string at ``path`` turned into one holding a NUL."""
    if not path:
        return "before\x00after"
    head, rest = path[0], path[1:]
    if isinstance(document, list):
        copy_list = list(document)
        copy_list[int(head)] = _with_nul(copy_list[int(head)], rest)
        return copy_list
    copy = dict(document)
    copy[head] = _with_nul(copy.get(head, "text"), rest)
    return copy


def _concrete(path: str) -> str:
    return re.sub(r"\{[^}]+\}", "1", path)


def _write_operations(spec: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, item in spec["paths"].items():
        for method in WRITE_METHODS:
            if method in item:
                yield method, path, item[method]


# --- accounts: one token per role, so that every route has a caller it admits ---------------


@pytest.fixture
def tokens(sessions: sessionmaker[Session]) -> list[str]:
    made = []
    with sessions() as session, session.begin():
        for role, administration in (
            ("admin", None),
            ("secretariat", None),
            ("notifying_officer", "FR"),
            ("delegate", "FR"),
        ):
            username = f"guard-{role.replace('_', '-')}"
            account_usecases.create_user(
                session,
                principal=CLI,
                username=username,
                password="a long enough pass",
                role=role,
                administration=administration,
            )
            secret, _ = account_usecases.create_token(session, principal=CLI, username=username)
            made.append(secret)
    return made


def _text_columns_holding_nul(engine: Engine, session: Session) -> list[str]:
    """``table.column`` of every text column that holds a NUL somewhere."""
    if engine.dialect.name == "postgresql":
        return []  # PostgreSQL cannot store one at all
    found = []
    for table in Base.metadata.sorted_tables:
        for column in table.columns:
            if isinstance(column.type, (String, Text)):
                count = session.scalar(
                    select(func.count()).select_from(table).where(func.instr(column, "\x00") > 0)
                )
                if count:
                    found.append(f"{table.name}.{column.name}")
    return found


def _send(
    client: TestClient, method: str, url: str, token: str, operation: dict[str, Any], body: Any
) -> Any:
    headers = {"Authorization": f"Bearer {token}", "Accept": "application/json"}
    content = operation.get("requestBody", {}).get("content", {})
    if "multipart/form-data" in content or "application/x-www-form-urlencoded" in content:
        files = None
        data = {k: v for k, v in body.items() if not isinstance(v, bytes)}
        uploads = {
            k: ("upload.txt", v, "text/plain") for k, v in body.items() if isinstance(v, bytes)
        }
        if "multipart/form-data" in content:
            files = uploads or {"_": ("empty.txt", b"", "text/plain")}
        return client.request(method, url, data=data, files=files, headers=headers)
    return client.request(method, url, json=body, headers=headers)


def _form_schema(operation: dict[str, Any], spec: dict[str, Any]) -> dict[str, Any] | None:
    content = operation.get("requestBody", {}).get("content", {})
    for media_type in (
        "application/json",
        "multipart/form-data",
        "application/x-www-form-urlencoded",
    ):
        if media_type in content:
            return _resolve(content[media_type]["schema"], spec)
    return None


def test_no_text_field_of_any_route_stores_a_nul(
    client: TestClient, engine: Engine, sessions: sessionmaker[Session], tokens: list[str]
) -> None:
    spec = client.get("/api/openapi.json").json()
    swept: list[str] = []
    for method, path, operation in _write_operations(spec):
        schema = _form_schema(operation, spec)
        if schema is None:
            continue
        multipart = "multipart/form-data" in operation["requestBody"]["content"]
        valid = _sample(schema, spec)
        for field_path in _string_paths(schema, spec):
            body = _with_nul(valid, field_path)
            if multipart:
                file_fields = [
                    name
                    for name, sub in schema.get("properties", {}).items()
                    if _options(sub, spec).get("format") == "binary"
                    or _options(sub, spec).get("contentMediaType")
                ]
                body = {
                    name: (value.encode() if name in file_fields else value)
                    for name, value in body.items()
                }
            # a multipart form names a part by its key alone (a list's parts share it)
            field = field_path[0] if multipart else ".".join(field_path)
            # The first token whose role the route admits (the others get 401/403 first).
            for token in tokens:
                answer = _send(client, method, _concrete(path), token, operation, body)
                if answer.status_code not in (401, 403):
                    break
            assert answer.status_code == 422, f"{method.upper()} {path} {field}: {answer.text}"
            assert answer.headers["content-type"].startswith(PROBLEM_JSON)
            assert answer.json()["errors"] == [{"field": field, "reason": NUL_REASON}], (
                f"{method.upper()} {path}"
            )
            swept.append(f"{method.upper()} {path} {field}")
    # The fields the probe found stored (or refused only by the driver) are among them.
    for expected in (
        "POST /api/governance/conferences title",
        "POST /api/governance/conferences place",
        "POST /api/governance/conferences/{code}/agenda title",
        "POST /api/governance/conferences/{code}/votes question",
        "POST /api/governance/members/{member}/payments reference",
        "POST /api/auth/tokens name",
        "POST /api/accounts/users password",
        "POST /api/governance/conferences/{code}/documents/upload file",
    ):
        assert expected in swept, f"{expected} was not swept: {sorted(swept)}"
    with sessions() as session:
        assert _text_columns_holding_nul(engine, session) == []


@pytest.mark.parametrize(
    ("character", "reason"),
    [
        ("\x07", "must not contain the control character U+0007"),
        ("\x1b", "must not contain the control character U+001B"),
        ("\x7f", "must not contain the control character U+007F"),
    ],
)
def test_control_characters_are_refused_in_text_fields(
    client: TestClient, tokens: list[str], character: str, reason: str
) -> None:
    answer = client.post(
        "/api/auth/tokens",
        json={"name": f"label{character}"},
        headers={"Authorization": f"Bearer {tokens[0]}"},
    )
    assert answer.status_code == 422, answer.text
    assert answer.json()["errors"] == [{"field": "name", "reason": reason}]


def test_tabs_line_breaks_and_page_breaks_are_text(client: TestClient, tokens: list[str]) -> None:
    answer = client.post(
        "/api/auth/tokens",
        json={"name": "two\tcolumns\r\nand a page\fbreak"},
        headers={"Authorization": f"Bearer {tokens[0]}"},
    )
    assert answer.status_code == 201, answer.text


def test_a_nul_in_a_page_form_is_refused_before_the_form_is_read(client: TestClient) -> None:
    answer = client.post(
        "/account/sign-in",
        data={"username": "some\x00one", "password": "whatever", "csrf_token": "x"},
        headers={"Accept": "application/json"},
    )
    assert answer.status_code == 422, answer.text
    # A page answers as a page, whatever the client accepts (issue 17).
    assert answer.headers["content-type"].startswith("text/html")
    assert f"username: {NUL_REASON}" in answer.text


# --- authentication before parsing --------------------------------------------------------------


def _rules(app: Any) -> dict[str, tuple[str, ...]]:
    """``METHOD path`` -> the rules its guards declare."""
    return {
        f"{method} {route.path}": route.rules
        for route in application_routes(app)
        for method in route.methods
    }


@pytest.mark.parametrize("body", [b"{not json", b'{"unexpected": "\x00"}', b"[1, 2"])
def test_a_write_without_credentials_is_401_whatever_its_body(
    client: TestClient, body: bytes
) -> None:
    spec = client.get("/api/openapi.json").json()
    rules = _rules(client.app)
    answered: dict[str, int] = {}
    for method, path, _ in _write_operations(spec):
        if set(rules[f"{method.upper()} {path}"]) == {"public"}:
            continue  # sign-in and the computations anyone may ask for
        answer = client.request(
            method, _concrete(path), content=body, headers={"Content-Type": "application/json"}
        )
        answered[f"{method.upper()} {path}"] = answer.status_code
    assert len(answered) >= 20, answered  # the write routes of accounts, governance, numbering
    wrong = {route: status for route, status in answered.items() if status != 401}
    assert wrong == {}


def test_a_write_with_too_small_a_role_is_403_before_its_body_is_parsed(
    client: TestClient, tokens: list[str]
) -> None:
    # A delegate may not create conferences: that is said before the body is read.
    answer = client.post(
        "/api/governance/conferences",
        content=b"{not json",
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {tokens[3]}"},
    )
    assert answer.status_code == 403, answer.text
    # The admin holds the right, so the same body is then the client's bad input.
    admitted = client.post(
        "/api/governance/conferences",
        content=b"{not json",
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {tokens[1]}"},
    )
    assert admitted.status_code in (403, 422), admitted.text


# --- one request, one token ---------------------------------------------------------------------


def _app(app_context: AppContext, **settings: Any) -> FastAPI:
    changed = Settings(**{**app_context.settings.model_dump(), **settings})
    return create_app(
        context=AppContext(
            settings=changed, engine=app_context.engine, sessions=app_context.sessions
        )
    )


def test_a_guarded_route_costs_one_token_though_its_guard_runs_twice(
    app_context: AppContext,
) -> None:
    # The request guard runs `public` before the body is read, FastAPI runs it again.
    app = _app(app_context, api_rate_per_s=0.001, api_burst=4)
    with TestClient(app, raise_server_exceptions=False) as client:
        statuses = [client.get("/api/auth/rights").status_code for _ in range(5)]
    assert statuses == [200, 200, 200, 200, 429]


def test_a_route_guarded_by_its_router_and_by_itself_costs_one_token(
    app_context: AppContext, sessions: sessionmaker[Session]
) -> None:
    with sessions() as session, session.begin():
        account_usecases.create_user(
            session,
            principal=CLI,
            username="rate-officer",
            password="a long enough pass",
            role="notifying_officer",
            administration="FR",
        )
        secret, _ = account_usecases.create_token(session, principal=CLI, username="rate-officer")
    app = _app(app_context, api_rate_per_s=0.001, api_burst=3)
    headers = {"Authorization": f"Bearer {secret}"}
    with TestClient(app, raise_server_exceptions=False) as client:
        # The numbering router's `public` and the route's own `signed_in`.
        statuses = [
            client.get("/api/numbering/applications", headers=headers).status_code for _ in range(4)
        ]
    assert statuses == [200, 200, 200, 429]
