"""The OpenAPI description tells the truth (issue 17): each operation's security and
errors are checked against what the route answers when called, and the pages answer
their errors as pages, never problem+json and never in the database driver's words."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute, iter_route_contexts
from fastapi.testclient import TestClient

from openitu.accounts import Role
from openitu.service.app import create_app
from openitu.settings import Settings

PROBLEM_JSON = "application/problem+json"
METHODS = ("get", "post", "put", "patch", "delete")
# Just beyond SQLite's 64 bits, and beyond what Python's int() parses from text at all.
TOO_LARGE = (str(2**63), "9" * 5000)
DRIVER_WORDS = (
    "OverflowError",
    "sqlite",
    "psycopg",
    "int too big",
    "too large to convert",
    "out of range",
    "bigint",
)


@pytest.fixture(scope="module")
def description() -> dict[str, Any]:
    # The description is built from the routes alone; no database is opened for it.
    app = create_app(Settings(database_url="sqlite:///:memory:"))
    return app.openapi()


def _operations(description: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, operations in description["paths"].items():
        for method, operation in operations.items():
            yield path, method, operation


def _sample(schema: dict[str, Any]) -> Any:
    """A value of the parameter's type, for a call that reaches the route."""
    kinds = [schema, *schema.get("anyOf", [])]
    for kind in kinds:
        if kind.get("type") == "array":
            return [_sample(kind.get("items", {}))]
        if kind.get("format") == "date":
            return "2021-01-01"
        if kind.get("type") in ("integer", "number"):
            return kind.get("minimum", 1)
        if kind.get("type") == "boolean":
            return "true"
        if "enum" in kind:
            return kind["enum"][0]
    return "1"


def _call(
    client: TestClient, path: str, method: str, operation: dict[str, Any], **kwargs: Any
) -> Any:
    params: dict[str, Any] = {}
    url = path
    for parameter in operation.get("parameters", []):
        value = _sample(parameter.get("schema", {}))
        if parameter["in"] == "path":
            url = url.replace("{" + parameter["name"] + "}", str(value))
        elif parameter["in"] == "query" and parameter.get("required"):
            params[parameter["name"]] = value
    return client.request(method.upper(), url, params=params, **kwargs)


def _documented(response: Any, operation: dict[str, Any], where: str) -> None:
    status = str(response.status_code)
    assert response.status_code < 500, f"{where}: {response.status_code} {response.text}"
    if response.status_code >= 400:
        assert status in operation["responses"], f"{where}: {status} is not documented"
        assert response.headers["content-type"].startswith(PROBLEM_JSON), where


def test_every_error_is_documented_as_problem_json(description: dict[str, Any]) -> None:
    assert "Problem" in description["components"]["schemas"]
    for path, method, operation in _operations(description):
        errors = {code: r for code, r in operation["responses"].items() if code >= "400"}
        assert {"401", "413", "422", "429"} <= set(errors), f"{method} {path}"
        for code, response in errors.items():
            assert list(response["content"]) == [PROBLEM_JSON], f"{method} {path} {code}"
        if method != "get":
            assert "409" in errors, f"{method} {path}"
        if not operation["security"] or {} not in operation["security"]:
            assert "403" in errors, f"{method} {path}"
        assert "Retry-After" in errors["429"]["headers"]


def test_public_reads_are_described_and_served_without_a_token(
    client: TestClient, description: dict[str, Any]
) -> None:
    public_reads = 0
    for path, method, operation in _operations(description):
        if method != "get" or {} not in operation["security"]:
            continue
        public_reads += 1
        response = _call(client, path, method, operation)
        assert response.status_code not in (401, 403), f"GET {path}: {response.text}"
        _documented(response, operation, f"GET {path}")
    assert public_reads > 40


def test_a_read_that_names_nothing_documents_404_only_if_it_can_answer_it(
    client: TestClient, description: dict[str, Any]
) -> None:
    paths = description["paths"]
    assert "404" not in paths["/api/health"]["get"]["responses"]
    assert "404" not in paths["/api/allocations/editions"]["get"]["responses"]
    # The register of this module's database has published no circular yet.
    latest = client.get("/api/register/circulars/latest")
    assert latest.status_code == 404
    _documented(latest, paths["/api/register/circulars/latest"]["get"], "latest circular")


def test_guarded_operations_need_credentials(
    client: TestClient, description: dict[str, Any]
) -> None:
    guarded = 0
    for path, method, operation in _operations(description):
        if {} in operation["security"]:
            continue
        guarded += 1
        response = _call(client, path, method, operation)
        assert response.status_code == 401, f"{method} {path}: {response.text}"
        _documented(response, operation, f"{method} {path}")
    assert guarded > 40


def test_a_token_without_the_right_is_a_documented_403(
    client: TestClient, description: dict[str, Any], token_for: Any
) -> None:
    headers = token_for("truth-officer", Role.NOTIFYING_OFFICER, "FR")
    refused = 0
    for path, method, operation in _operations(description):
        response = _call(client, path, method, operation, headers=headers)
        if response.status_code == 403:
            refused += 1
        _documented(response, operation, f"{method} {path}")
    assert refused >= 5


def test_a_bad_token_is_refused_even_on_a_public_read(
    client: TestClient, description: dict[str, Any]
) -> None:
    for path, method, operation in _operations(description):
        if method == "get" and {} in operation["security"]:
            response = _call(client, path, method, operation, headers={"authorization": "Bearer x"})
            assert response.status_code == 401, f"GET {path}"
            _documented(response, operation, f"GET {path}")


def test_a_method_not_allowed_names_the_allowed_ones(
    client: TestClient, description: dict[str, Any]
) -> None:
    for path, operations in description["paths"].items():
        allowed = {method.upper() for method in operations}
        other = next(m for m in METHODS if m.upper() not in allowed)
        url = re.sub(r"\{[^}]+\}", "1", path)
        response = client.request(other.upper(), url)
        assert response.status_code == 405, f"{other} {path}: {response.status_code}"
        assert response.headers["content-type"].startswith(PROBLEM_JSON)
        assert set(response.headers["allow"].split(", ")) == allowed, path


def test_an_oversized_body_is_a_documented_413(
    client: TestClient, description: dict[str, Any]
) -> None:
    operation = description["paths"]["/api/radio/p452"]["post"]
    response = client.post(
        "/api/radio/p452",
        content=b"[]",
        headers={"content-type": "application/json", "content-length": str(17 * 2**20)},
    )
    assert response.status_code == 413
    _documented(response, operation, "POST /api/radio/p452")


# --- integers beyond what is stored, and the pages' errors ----------------------------------


def _integer_routes(app: FastAPI, *, pages: bool) -> list[tuple[str, str, str]]:
    """(method, path, parameter) of each route whose path holds an integer parameter."""
    found = []
    for context in iter_route_contexts(app.routes):
        path = str(context.path_format)
        if not isinstance(context.original_route, APIRoute) or path.startswith("/api") == pages:
            continue
        for parameter in context.dependant.path_params:
            if parameter.field_info.annotation is int:
                for method in sorted(context.methods or ()):
                    found.append((method, path, parameter.name))
    return found


def _no_driver_words(text: str, where: str) -> None:
    for word in DRIVER_WORDS:
        assert word.lower() not in text.lower(), f"{where}: {word!r} in {text[:500]}"


@pytest.mark.parametrize("too_large", TOO_LARGE, ids=["2**63", "5000 digits"])
def test_api_integers_too_large_are_a_422_naming_the_parameter(
    client: TestClient, app: FastAPI, too_large: str
) -> None:
    routes = _integer_routes(app, pages=False)
    assert len(routes) >= 8
    for method, path, name in routes:
        url = re.sub(r"\{[^}]+\}", too_large, path)
        response = client.request(method, url)
        where = f"{method} {path}"
        if response.status_code in (401, 403):
            continue  # a guarded write: refused before its parameters are read
        assert response.status_code == 422, f"{where}: {response.text}"
        assert response.headers["content-type"].startswith(PROBLEM_JSON), where
        assert name in [error["field"] for error in response.json()["errors"]], where


@pytest.mark.parametrize("too_large", TOO_LARGE, ids=["2**63", "5000 digits"])
@pytest.mark.parametrize("accept", ["*/*", "text/html", "application/json"])
def test_page_integers_too_large_are_an_html_page_without_the_drivers_words(
    client: TestClient, app: FastAPI, accept: str, too_large: str
) -> None:
    routes = _integer_routes(app, pages=True)
    assert len(routes) >= 8
    for method, path, name in routes:
        url = re.sub(r"\{[^}]+\}", too_large, path)
        response = client.request(method, url, headers={"accept": accept})
        where = f"{method} {path}"
        # A form that needs a session or a CSRF token is refused first (401, 403).
        assert response.status_code in (401, 403, 404, 422), f"{where}: {response.status_code}"
        assert response.headers["content-type"].startswith("text/html"), where
        _no_driver_words(response.text, where)
        if response.status_code == 422:
            assert name in response.text, where


def test_page_errors_are_pages(client: TestClient) -> None:
    missing = client.get("/no-such-page")
    assert missing.status_code == 404
    assert missing.headers["content-type"].startswith("text/html")
    invalid = client.get("/governance/votes/abc")
    assert invalid.status_code == 422 and "vote_id" in invalid.text
    assert invalid.headers["content-type"].startswith("text/html")
    not_allowed = client.delete("/spectrum")
    assert not_allowed.status_code == 405
    assert not_allowed.headers["content-type"].startswith("text/html")
    assert "GET" in not_allowed.headers["allow"].split(", ")
