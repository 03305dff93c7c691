"""The WRC-23 edition (RR-2024) through the real `openitu` command: a date in 2024 answers
from RR-2020, a date from 1 January 2025 from RR-2024, and `allocations diff` lists the one
change the amendment file makes, with the sources it names."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

Run = Callable[..., Any]  # tests/conftest.py's run_cli: returns returncode, stdout, stderr

EBU = (
    "https://tech.ebu.ch/news/2024/03/looking-back-at-wrc-23--an-excellent-outcome-for-broadcasting"
)
COMREG = "https://rfpi.comreg.ie/content-item/10430,5307b"


def _at_650_mhz_in_nigeria(run_cli: Run, day: str) -> dict[str, Any]:
    result = run_cli(
        "allocations", "at", "650MHz", "--region", "1", "--country", "NG", "--date", day,
        "--json",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    document: dict[str, Any] = json.loads(result.stdout)
    return document


def test_5_307b_answers_from_1_january_2025_not_before(run_cli: Run) -> None:
    before = _at_650_mhz_in_nigeria(run_cli, "2024-12-31")
    after = _at_650_mhz_in_nigeria(run_cli, "2025-01-01")
    assert (before["edition"], after["edition"]) == ("RR-2020", "RR-2024")
    assert "5.307B" not in before["footnotes"]
    assert "5.307B" not in before["country"]["footnotes_naming_country"]
    assert "5.307B" in after["footnotes"]
    made = {a["footnote"]: a for a in after["country"]["footnote_allocations"]}["5.307B"]
    assert (made["services"], made["category"]) == (["mobile"], "secondary")
    assert after["allocations"] == before["allocations"]


def test_diff_from_2020_to_2024_lists_the_wrc_23_change_with_its_sources(run_cli: Run) -> None:
    result = run_cli("allocations", "diff", "--from", "RR-2020", "--to", "RR-2024", "--json")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    [band] = document["bands"]
    assert (band["region"], band["low_hz"], band["high_hz"]) == (1, 470e6, 694e6)
    assert band["removed"] == [] and any("5.307B" in line for line in band["added"])
    [cited] = band["sources"]
    assert (cited["edition"], cited["op"], cited["conference"]) == (
        "RR-2024", "cite_footnote", "WRC-23",
    )  # fmt: skip
    assert EBU in cited["source"]
    [footnote] = document["footnotes"]
    assert (footnote["id"], footnote["change"]) == ("5.307B", "added")
    [text] = footnote["sources"]
    assert (text["op"], text["conference"]) == ("set_footnote", "WRC-23")
    assert COMREG in text["source"] and EBU in text["source"]
