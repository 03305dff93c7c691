"""Amendment files (the format a user loads with `openitu allocations amend`): read,
checked amendment by amendment, and built into an edition."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from openitu.errors import InvalidInput
from openitu.spectrum import queries
from openitu.spectrum.amendment_file import build_edition, read_amendment_file
from openitu.spectrum.model import Edition
from openitu.spectrum.table import AllocationTable

FILE: dict[str, Any] = {
    "format": "openitu-table-amendments/1",
    "edition": {"id": "RR-TEST", "title": "A test edition", "entry_into_force": "2014-01-01"},
    "conference": "WRC-TEST",
    "source": "a test document",
    "amendments": [
        {
            "op": "set_footnote",
            "footnote_id": "5.999T",
            "text": "In Region 1, the band 3 300-3 400 MHz is used by test stations.",
            "source": "p. 1",
        },
        {
            "op": "add_allocation",
            "region": 1,
            "low": "3300 MHz",
            "high": "3400 MHz",
            "service": "mobile except aeronautical mobile",
            "category": "primary",
            "footnotes": ["5.999T"],
            "source": "p. 2",
        },
    ],
}


def _with(path: list[Any], value: Any) -> dict[str, Any]:
    document = copy.deepcopy(FILE)
    target: Any = document
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return document


def test_a_file_makes_an_edition_that_answers_the_change(edition: Edition) -> None:
    amendment_file = read_amendment_file(FILE)
    new = build_edition(edition, amendment_file)
    answer = queries.allocations_at(AllocationTable(new), frequency="3350 MHz", region=1)
    services = {a["service"]: a["category"] for a in answer["allocations"]}
    assert services["mobile except aeronautical mobile"] == "primary"
    before = queries.allocations_at(AllocationTable(edition), frequency="3350 MHz", region=1)
    assert "mobile except aeronautical mobile" not in {a["service"] for a in before["allocations"]}
    assert new.footnotes["5.999T"].text == FILE["amendments"][0]["text"]
    assert new.based_on == edition.id
    # Each amendment keeps where it comes from; the file's source is the default.
    sourced = amendment_file.sourced()
    assert [s.source for s in sourced] == ["p. 1", "p. 2"]
    assert {s.conference for s in sourced} == {"WRC-TEST"}


@pytest.mark.parametrize(
    ("document", "field"),
    [
        ([], "file"),
        (_with(["format"], "something/2"), "format"),
        (_with(["edition"], "RR-TEST"), "edition"),
        (_with(["edition", "id"], ""), "edition.id"),
        (_with(["edition", "id"], "RR TEST"), "edition.id"),
        (_with(["edition", "entry_into_force"], "1 Jan 2014"), "edition.entry_into_force"),
        (_with(["amendments"], []), "amendments"),
        (_with(["amendments", 1, "op"], "grant"), "amendments[1].op"),
        (_with(["amendments", 1, "service"], "teleportation"), "amendments[1].service"),
        (_with(["amendments", 1, "region"], 4), "amendments[1].region"),
    ],
)
def test_a_malformed_file_is_refused_naming_the_field(document: Any, field: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        read_amendment_file(document)
    assert refused.value.field == field


@pytest.mark.parametrize(
    ("document", "field", "reason"),
    [
        (_with(["amendments", 1, "low"], "3000 GHz"), "amendments[1].low", "below high"),
        (_with(["amendments", 1, "service"], "radiolocation"), "amendments[1].service", "already"),
        (_with(["amendments", 0, "op"], "remove_footnote"), "amendments[0].footnote_id", "no foot"),
        (_with(["edition", "entry_into_force"], "2012-06-01"), "edition.entry_into_force", "after"),
    ],
)
def test_an_amendment_that_cannot_apply_is_named(
    edition: Edition, document: Any, field: str, reason: str
) -> None:
    with pytest.raises(InvalidInput) as refused:
        build_edition(edition, read_amendment_file(document))
    assert refused.value.field == field
    assert reason in refused.value.reason


def test_a_cited_footnote_must_have_a_text(edition: Edition) -> None:
    document = copy.deepcopy(FILE)
    del document["amendments"][0]
    with pytest.raises(InvalidInput) as refused:
        build_edition(edition, read_amendment_file(document))
    assert refused.value.field == "amendments[0].footnote_id"
    assert "5.999T" in refused.value.reason
