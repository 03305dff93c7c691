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
from openitu.library.catalogue import COMPUTATIONS, computed_page

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


def test_a_cited_version_finds_the_recommendations_page() -> None:
    for key in COMPUTATIONS:
        sector, reference = key.split()
        code = {"ITU-R": "R", "ITU-T": "T"}[sector]
        assert computed_page(f"{reference}-99") == f"/library/{code}/{reference}", key
        assert computed_page(key) == f"/library/{code}/{reference}", key
    for uncited in ("RR-2020", "P.9999-1", "", "omni"):
        assert computed_page(uncited) is None, uncited


def test_results_link_back_to_the_text_they_follow(pages: TestClient) -> None:
    ends = {"tx_lat_deg": "46.2", "tx_lon_deg": "6.1", "rx_lat_deg": "46.5", "rx_lon_deg": "6.6"}
    slant = {"lat_deg": "51.5", "lon_deg": "-0.1", "f_ghz": "20", "el_deg": "30", "p_percent": "1"}
    results = {
        "/radio/path": ({**ends, "f_mhz": "2000", "p_percent": "1"}, "/library/R/P.452"),
        "/radio/slant-path": (slant, "/library/R/P.618"),
        "/radio": ({"pattern": "S.465", "pattern_f": "12 GHz"}, "/library/R/S.465"),
        "/numbering": ({}, "/library/T/E.212"),
    }
    for page, (query, library) in results.items():
        answer = pages.get(page, params=query)
        assert answer.status_code == 200, (page, answer.text[:500])
        assert f'href="{library}"' in answer.text, page
        text = pages.get(library)
        assert text.status_code == 200 and library.rsplit("/", 1)[1] in text.text
