"""The command line as scripts use it: one JSON document, or exit 2 and one stderr line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    # An empty database: the lookups fall back to the register shipped in the package.
    path: Path = tmp_path_factory.mktemp("cli") / "empty.sqlite3"
    return {**os.environ, "OPENITU_DATABASE_URL": f"sqlite:///{path}"}


def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "openitu.cli", "numbering", *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=120,
    )


def as_json(env: dict[str, str], *args: str) -> Any:
    result = run(env, *args, "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_parse_number(env: dict[str, str]) -> None:
    document = as_json(env, "parse", "+41 22 730 51 11")
    assert document["country_code"] == 41
    assert document["regions"] == ["CH"]
    assert document["valid"] is True
    assert document["e164"] == "+41227305111"
    assert document["number_type"] == "fixed_line"


def test_parse_imsi(env: dict[str, str]) -> None:
    document = as_json(env, "parse", "310410123456789", "--imsi")
    assert {k: document[k] for k in ("mcc", "mnc", "msin", "operator", "country")} == {
        "mcc": "310",
        "mnc": "410",
        "msin": "123456789",
        "operator": "AT&T Mobility",
        "country": "US",
    }


def test_mcc(env: dict[str, str]) -> None:
    document = as_json(env, "mcc", "405")
    assert document["mcc"] == "405" and document["countries"] == ["IN"]
    first = document["networks"][0]
    assert set(first) >= {"mnc", "operator", "status"}
    assert {"000", "85"} <= {n["mnc"] for n in document["networks"]}


def test_country(env: dict[str, str]) -> None:
    document = as_json(env, "country", "ch")
    assert document["country"] == "CH"
    assert [c["country_code"] for c in document["e164"]] == [41]
    assert document["mccs"] == ["228"]
    assert document["assignments"] == []  # nothing assigned since the Bulletins
    assert any(n["mnc"] == "01" for n in document["networks"])


def test_crosscheck_report_file_is_the_shipped_one(env: dict[str, str], tmp_path: Path) -> None:
    output = tmp_path / "report.json"
    document = as_json(env, "crosscheck", "--output", str(output))
    shipped = (
        Path(__file__).resolve().parents[2] / "src/openitu/data/numbering/e212_crosscheck.json"
    )
    assert json.loads(output.read_text(encoding="utf-8")) == document
    assert document == json.loads(shipped.read_text(encoding="utf-8"))
    assert document["counts"]["only_in_bulletin"] > 0


@pytest.mark.parametrize(
    "args",
    [
        ("parse", "not a number"),
        ("parse", "12345X", "--imsi"),
        ("mcc", "31"),
        ("country", "XX1"),
    ],
)
def test_bad_input_exits_2_with_one_line(env: dict[str, str], args: tuple[str, ...]) -> None:
    result = run(env, *args, "--json")
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stderr.startswith("error: ")
