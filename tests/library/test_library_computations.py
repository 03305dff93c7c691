"""Where the library says this system computes a Recommendation is where it does: every
page it names answers, every API operation is in the OpenAPI description, every command
is on the command line."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer import _click as click
from typer.main import get_command

from openitu.cli.main import app as cli_app
from openitu.library.catalogue import COMPUTATIONS

NAMED = sorted({c for computations in COMPUTATIONS.values() for c in computations},
               key=lambda c: c.title)  # fmt: skip


def _commands() -> set[str]:
    def walk(command: click.Command, path: str) -> set[str]:
        found = {path}
        for name, child in getattr(command, "commands", {}).items():
            found |= walk(child, f"{path} {name}")
        return found

    return walk(get_command(cli_app), "openitu")


def test_the_pages_named_answer(pages: TestClient) -> None:
    named = {c.page for c in NAMED if c.page}
    assert "/radio/path" in named
    for page in sorted(named):
        assert pages.get(page).status_code == 200, page


def test_the_operations_named_are_in_the_api(client: TestClient) -> None:
    described: dict[str, Any] = client.get("/api/openapi.json").json()["paths"]
    operations = {f"{method.upper()} {path}" for path, item in described.items() for method in item}
    named = {c.api for c in NAMED if c.api}
    assert "GET /api/radio/path" in named
    assert named <= operations, sorted(named - operations)


@pytest.mark.parametrize("command", sorted({c.cli for c in NAMED if c.cli}))
def test_the_commands_named_exist(command: str) -> None:
    assert command in _commands()
