"""The machine interface of docs/design.md, through the real `openitu` command."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

Run = Callable[..., Any]  # tests/conftest.py's run_cli: returns returncode, stdout, stderr


def test_allocations_at_json(run_cli: Run) -> None:
    result = run_cli("allocations", "at", "2450MHz", "--region", "1", "--json")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert {"frequency_hz", "region", "band", "allocations", "footnotes"} <= set(document)
    assert document["band"] == {"low_hz": 2450e6, "high_hz": 2483.5e6}
    assert "5.150" in document["footnotes"]
    for allocation in document["allocations"]:
        assert set(allocation) == {"service", "category", "footnotes"}
        assert allocation["category"] in ("primary", "secondary")


@pytest.mark.parametrize("frequency", ["2.45GHz", "2450 MHz", "2450000000"])
def test_frequency_spellings_agree(run_cli: Run, frequency: str) -> None:
    document = json.loads(run_cli("allocations", "at", frequency, "--region", "1", "--json").stdout)
    assert document["frequency_hz"] == 2.45e9


def test_allocations_at_with_country(run_cli: Run) -> None:
    result = run_cli(
        "allocations", "at", "3.5GHz", "--region", "1", "--country", "DE", "--edition", "RR-2012",
        "--json",
    )  # fmt: skip
    document = json.loads(result.stdout)
    assert "5.430A" in document["country"]["footnotes_naming_country"]


def test_check_json(run_cli: Run) -> None:
    result = run_cli(
        "allocations", "check", "--service", "fixed", "--low", "3400MHz", "--high", "3410MHz",
        "--region", "1", "--json",
    )  # fmt: skip
    document = json.loads(result.stdout)
    assert document["conforms"] is True
    assert document["category"] == "primary"
    assert isinstance(document["reasons"], list) and document["reasons"]


def test_bands_json(run_cli: Run) -> None:
    result = run_cli(
        "allocations", "bands", "--service", "radio astronomy", "--region", "2", "--json"
    )
    rows = json.loads(result.stdout)
    assert rows and all(set(r) == {"low_hz", "high_hz", "category", "footnotes"} for r in rows)
    assert any(r["low_hz"] <= 1420.4e6 < r["high_hz"] for r in rows)


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (("allocations", "at", "lots", "--region", "1", "--json"), "frequency"),
        (("allocations", "at", "-5MHz", "--region", "1", "--json"), "frequency"),
        (("allocations", "at", "1GHz", "--region", "5", "--json"), "region"),
        (("allocations", "bands", "--service", "warp", "--region", "1", "--json"), "service"),
        (
            (
                "allocations",
                "check",
                "--service",
                "fixed",
                "--low",
                "2GHz",
                "--high",
                "1GHz",
                "--region",
                "1",
                "--json",
            ),
            "low",
        ),
    ],
)
def test_bad_input_exits_2_with_one_line(run_cli: Run, args: tuple[str, ...], field: str) -> None:
    result = run_cli(*args)
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert field in lines[0]
