"""`openitu library search` in a real subprocess against a loaded SQLite database."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any


def test_search_json_ranks_p452_first(run_cli: Callable[..., Any]) -> None:
    done = run_cli("library", "search", "clear-air interference prediction", "--json")
    assert done.returncode == 0, done.stderr
    hits = json.loads(done.stdout)
    assert hits[0]["id"] == "ITU-R P.452" and hits[0]["version"] == "P.452-18"
    assert hits[0]["score"] > hits[1]["score"]


def test_sector_and_series_filters(run_cli: Callable[..., Any]) -> None:
    done = run_cli("library", "search", "code", "--sector", "T", "--series", "Q", "--json")
    assert done.returncode == 0, done.stderr
    assert [h["id"] for h in json.loads(done.stdout)] == ["ITU-T Q.708"]


def test_empty_query_exits_2_with_one_line(run_cli: Callable[..., Any]) -> None:
    done = run_cli("library", "search", "", "--json")
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.strip().splitlines() == ["error: q: must not be empty"]


def test_show_gives_the_versions_and_the_computations(run_cli: Callable[..., Any]) -> None:
    done = run_cli("library", "show", "P.453", "--json")
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    assert document["id"] == "ITU-R P.453" and document["in_force"] is None
    assert document["versions"][0]["superseded_by"] == ["P.453-14"]
    text = run_cli("library", "show", "E.164", "--sector", "T")
    assert text.returncode == 0 and "ITU-T E.164" in text.stdout and "/numbering" in text.stdout
    bad = run_cli("library", "show", "452")
    assert bad.returncode == 2 and bad.stdout == ""
    assert bad.stderr.strip().splitlines()[0].startswith("error: reference: expected")
