"""Every route of the application declares the rule that guards it, and keeps it.

A new route without ``dependencies=[public]``, ``[signed_in]`` or
``[require("permission")]`` (on itself or its router) fails here; see docs/security.md.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from openitu.accounts.rights import RIGHTS_BY_PERMISSION, Principal, Role, rights_of
from openitu.service.app import create_app
from openitu.service.auth import application_routes
from openitu.settings import Settings
from openitu.usecases import accounts as account_usecases

CLI = Principal(role=Role.ADMIN, username="cli:test", via="cli")
UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}


@pytest.fixture(scope="module")
def bare_app(tmp_path_factory: pytest.TempPathFactory) -> FastAPI:
    """The application's routes need no database to be inspected."""
    url = f"sqlite:///{tmp_path_factory.mktemp('routes') / 'unused.sqlite3'}"
    return create_app(Settings(database_url=url))


def test_every_route_declares_its_rule(bare_app: FastAPI) -> None:
    routes = application_routes(bare_app)
    assert len(routes) > 10
    undeclared = [str(route) for route in routes if not route.rules]
    assert undeclared == [], (
        "these routes declare no access rule: add dependencies=[public], [signed_in] or"
        " [require('permission')] from openitu.service.auth to the route or its router"
    )


def test_every_form_on_a_page_checks_its_csrf_token(bare_app: FastAPI) -> None:
    unprotected = [
        str(route)
        for route in application_routes(bare_app)
        if route.is_api_route
        and not route.path.startswith("/api")
        and route.methods & UNSAFE
        and not route.checks_csrf
    ]
    assert unprotected == [], "add dependencies=[csrf_protected] to these page routes"


def test_every_permission_named_by_a_route_exists(bare_app: FastAPI) -> None:
    for route in application_routes(bare_app):
        for rule in route.rules:
            if rule.startswith("require:"):
                assert rule.removeprefix("require:") in RIGHTS_BY_PERMISSION, str(route)
            else:
                assert rule in ("public", "signed_in"), str(route)


def _tokens(sessions: sessionmaker[Session]) -> dict[Role, str]:
    """One account and token per role (officers and delegates act for FR)."""
    issued = {}
    with sessions() as session, session.begin():
        for role in Role:
            if role is Role.PUBLIC:
                continue
            name = f"walker-{role.value.replace('_', '-')}"
            administration = "FR" if role in (Role.NOTIFYING_OFFICER, Role.DELEGATE) else None
            account_usecases.create_user(
                session,
                principal=CLI,
                username=name,
                password="walker password 1",
                role=role,
                administration=administration,
            )
            issued[role], _ = account_usecases.create_token(session, principal=CLI, username=name)
    return issued


def _concrete(path: str) -> str:
    """A path with every parameter filled in (guards run before the handler looks)."""
    return re.sub(r"\{[^}]+\}", "1", path)


Call = Callable[..., object]


def test_guarded_routes_refuse_the_public_with_401_and_other_roles_with_403(
    app: FastAPI, client: TestClient, sessions: sessionmaker[Session]
) -> None:
    tokens = _tokens(sessions)
    checked = 0
    for route in application_routes(app):
        required = [r.removeprefix("require:") for r in route.rules if r.startswith("require:")]
        signed_in_only = "signed_in" in route.rules
        if not (required or signed_in_only) or not route.is_api_route:
            continue
        for method in sorted(route.methods - {"HEAD"}):
            url = _concrete(route.path)
            anonymous = client.request(method, url, json={})
            assert anonymous.status_code == 401, f"{method} {url} as public"
            # A page answers its errors as a page, the API as problem+json.
            expected = "application/problem+json" if url.startswith("/api") else "text/html"
            assert anonymous.headers["content-type"].startswith(expected), f"{method} {url}"
            for role, token in tokens.items():
                if all(p in rights_of(role) for p in required):
                    continue
                refused = client.request(
                    method, url, json={}, headers={"Authorization": f"Bearer {token}"}
                )
                assert refused.status_code == 403, f"{method} {url} as {role.value}"
                checked += 1
    assert checked >= 15


@pytest.mark.parametrize("role", [r for r in Role if r is not Role.PUBLIC])
def test_each_role_holds_exactly_its_documented_rights(role: Role) -> None:
    """docs/security.md's table and the code agree (the doc is generated from neither)."""
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[2] / "docs" / "security.md").read_text()
    section = doc.split("## Roles and rights", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("|")]
    header = [c.strip() for c in rows[0].strip("|").split("|")]
    documented = set()
    for line in rows[2:]:
        cells = dict(zip(header, (c.strip() for c in line.strip("|").split("|")), strict=True))
        if cells[role.value] in ("yes", "own", "own + proxy"):
            documented.add(cells["permission"].strip("`"))
    assert documented == set(rights_of(role))
