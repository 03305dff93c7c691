"""`openitu indicators ...` in a real subprocess against a loaded SQLite database."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

HEADER = "economy_iso3,economy,indicator,year,value\n"


def test_show_names_years_sources_and_what_the_index_lacks(run_cli: Callable[..., Any]) -> None:
    done = run_cli("indicators", "show", "KE", "--json")
    assert done.returncode == 0, done.stderr
    profile = json.loads(done.stdout)
    assert profile["name"] == "Kenya" and profile["indicators"]["population"]["year"] == 2024
    assert "mobile_phone_owners_pct" in profile["index"]["idi2023"]["missing"]
    text = run_cli("indicators", "show", "KEN")
    assert text.returncode == 0 and "idi2023: not computable; missing" in text.stdout


def test_index_json_with_an_explicit_method(run_cli: Callable[..., Any]) -> None:
    done = run_cli("indicators", "index", "--method", "idi2017", "--json")
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    assert document["method"] == "idi2017"
    assert len(document["results"]) >= 200
    assert all(r["value"] is None and r["missing"] for r in document["results"])


def test_bad_method_and_country_exit_2_with_one_line(run_cli: Callable[..., Any]) -> None:
    done = run_cli("indicators", "index", "--method", "idi1999", "--json")
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.strip().splitlines() == [
        "error: method: expected one of ['idi2017', 'idi2023'], got 'idi1999'"
    ]
    country = run_cli("indicators", "show", "ZZ")
    assert country.returncode == 2 and len(country.stderr.strip().splitlines()) == 1


def test_a_bad_file_exits_2_naming_row_and_field(
    run_cli: Callable[..., Any], tmp_path: Path
) -> None:
    file = tmp_path / "bad.csv"
    file.write_text(HEADER + "KEN,Kenya,i99H,2023,40\nKEN,Kenya,i99H,2022,much\n", "utf-8")
    done = run_cli("indicators", "load", str(file))
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.strip().splitlines() == [
        "error: row 3: value: expected a number, got 'much'"
    ]
    missing = run_cli("indicators", "load", str(tmp_path / "none.csv"))
    assert missing.returncode == 2 and missing.stderr.startswith("error: file: cannot read")


def test_load_then_show(run_cli: Callable[..., Any], tmp_path: Path) -> None:
    file = tmp_path / "good.csv"
    file.write_text(HEADER + "FJI,Fiji,xHH6_IDI,2023,61.5\n", "utf-8")
    done = run_cli("indicators", "load", str(file), "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["rows"] == 1
    shown = json.loads(run_cli("indicators", "show", "FJ", "--json").stdout)
    assert shown["indicators"]["households_internet_pct"] == {
        "value": 61.5, "year": 2023, "source": "itu-csv",
    }  # fmt: skip
