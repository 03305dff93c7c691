"""Every footnote an edition cites has its text, or is listed as unsourced and answered so.

A footnote whose wording no source gives for an edition is listed, with what was searched,
in data/spectrum/amendments/UNSETTLED.md ("Footnotes cited without a text"); the answer
then says "text unknown" instead of showing an empty text. The list is pinned: a text
lost, or a newly cited footnote without one, fails here.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from functools import cache
from typing import Any

from fastapi.testclient import TestClient

from openitu.spectrum import queries
from openitu.spectrum.amendment_file import build_edition, read_amendment_file
from openitu.spectrum.model import Edition
from openitu.spectrum.reference import rr2012_edition
from openitu.spectrum.table import AllocationTable
from openitu.store.loaders.spectrum import AMENDMENTS_DIR

Run = Callable[..., Any]

UNSOURCED_AT_MOST = {"RR-2012": 44, "RR-2016": 30, "RR-2020": 0, "RR-2024": 0}
"""Cited footnotes without a text today, per edition: the count may only fall."""


@cache
def editions() -> dict[str, Edition]:
    built: dict[str, Edition] = {"RR-2012": rr2012_edition()}
    for name, base in (("RR-2016", "RR-2012"), ("RR-2020", "RR-2016"), ("RR-2024", "RR-2020")):
        document = json.loads((AMENDMENTS_DIR / f"{name}.json").read_text(encoding="utf-8"))
        built[name] = build_edition(built[base], read_amendment_file(document))
    return built


def _textless(edition: Edition) -> set[str]:
    cited = {f for band in edition.bands for f in band.all_footnotes()}
    return {f for f in cited if not (f in edition.footnotes and edition.footnotes[f].text)}


def _listed_as_unsourced() -> dict[str, set[str]]:
    """Edition id -> footnotes UNSETTLED.md lists as cited without a text in it."""
    text = (AMENDMENTS_DIR / "UNSETTLED.md").read_text(encoding="utf-8")
    section = text.split("## Footnotes cited without a text", 1)[1].split("\n## ", 1)[0]
    listed: dict[str, set[str]] = {name: set() for name in UNSOURCED_AT_MOST}
    for footnote_id, names in re.findall(r"^- (5\.\d+[A-Z]*) \(([^)]*)\):", section, re.M):
        for name in names.split(", "):
            listed[name].add(footnote_id)
    return listed


def test_every_cited_footnote_has_a_text_or_is_listed_as_unsourced() -> None:
    listed = _listed_as_unsourced()
    for name, edition in editions().items():
        textless = _textless(edition)
        assert textless == listed[name], name
        assert len(textless) <= UNSOURCED_AT_MOST[name], (name, sorted(textless))
    assert not _textless(editions()["RR-2020"])
    assert not _textless(editions()["RR-2024"])


def test_no_footnote_has_an_empty_text() -> None:
    for edition in editions().values():
        assert not [f.id for f in edition.footnotes.values() if f.text is not None and not f.text]


def test_a_footnote_without_text_is_answered_as_unknown() -> None:
    table = AllocationTable(editions()["RR-2012"])
    answer = queries.allocations_at(table, frequency="2450 MHz", region=1)
    notes = {note["id"]: note for note in answer["footnote_texts"]}
    assert notes["5.397"]["text"] is None
    assert notes["5.397"]["text_note"] == queries.TEXT_UNKNOWN
    assert notes["5.150"]["text"] and notes["5.150"]["text_note"] is None


def test_the_api_says_text_unknown(client: TestClient) -> None:
    response = client.get(
        "/api/allocations/at",
        params={"frequency": "2450MHz", "region": "1", "edition": "RR-2012"},
    )
    assert response.status_code == 200
    notes = {note["id"]: note for note in response.json()["footnote_texts"]}
    assert notes["5.397"]["text"] is None
    assert notes["5.397"]["text_note"].startswith("text unknown")


def test_the_cli_says_text_unknown(run_cli: Run) -> None:
    result = run_cli("allocations", "at", "2450MHz", "--region", "1", "--edition", "RR-2012")
    assert result.returncode == 0, result.stderr
    line = next(line for line in result.stdout.splitlines() if line.startswith("5.397:"))
    assert "text unknown" in line
