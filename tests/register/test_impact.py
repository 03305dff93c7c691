"""A Table amendment's impact on recorded assignments: the vectorised filter and the
once-per-distinct-key check give what a brute-force check of every assignment gives.

The register here is built in the test: a few thousand assignments of several services
and administrations in three Regions, many of them around the bands the amendments touch
(RR 2012: 87.5-100 MHz broadcasting in Region 1; 3 400-3 600 MHz mobile secondary in
Region 1, primary by No. 5.430A in the countries it names; 5 925-6 700 MHz fixed)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import numpy as np
import pytest

from openitu.register.impact import (
    RecordedBands,
    changed_spans,
    conformity_changes,
    frequency_ranges,
    overlapping,
)
from openitu.spectrum.amendments import amendment_from_dict, apply_amendments
from openitu.spectrum.conformity import check_conformity
from openitu.spectrum.reference import rr2012_edition
from openitu.spectrum.services import parse_service
from openitu.spectrum.table import AllocationTable

ADMINISTRATIONS = {"FR": 1, "DE": 1, "DZ": 1, "GB": 1, "RU": 1, "US": 2, "BR": 2, "JP": 3, "CN": 3}
SERVICES = ("fixed", "mobile", "land mobile", "broadcasting", "radiolocation")
AROUND_HZ = (95e6, 99e6, 3.45e9, 3.55e9, 3.65e9, 6.1e9, 6.5e9, 6.9e9)
"""Centres the assignments gather around: inside, across and beside the changed bands."""

NARROW_5_430A = (
    "Different category of service: in Algeria, the band 3 400-3 600 MHz is allocated to "
    "the mobile, except aeronautical mobile, service on a primary basis."
)
AMENDMENTS: dict[str, list[dict[str, Any]]] = {
    "remove an allocation": [
        {"op": "remove_allocation", "region": 1, "low": "6000 MHz", "high": "6200 MHz",
         "service": "fixed"},
    ],
    "change a category": [
        {"op": "change_category", "region": 1, "low": "3400 MHz", "high": "3600 MHz",
         "service": "mobile", "category": "primary"},
    ],
    "add an allocation": [
        {"op": "add_allocation", "region": 1, "low": "98 MHz", "high": "100 MHz",
         "service": "land mobile", "category": "secondary"},
    ],
    "reword a footnote": [
        {"op": "set_footnote", "footnote_id": "5.430A", "text": NARROW_5_430A},
    ],
}  # fmt: skip
AMENDMENTS["all at once"] = [a for kind in list(AMENDMENTS.values()) for a in kind]


@pytest.fixture(scope="module")
def before() -> AllocationTable:
    return AllocationTable(rr2012_edition())


def amended(before: AllocationTable, documents: list[dict[str, Any]]) -> AllocationTable:
    edition = before.edition
    return AllocationTable(
        apply_amendments(
            edition,
            [amendment_from_dict(document) for document in documents],
            edition_id="amended",
            title=edition.title,
            entry_into_force=edition.entry_into_force + timedelta(days=1),
        )
    )


def register(size: int = 3000, seed: int = 11) -> RecordedBands:
    rng = np.random.default_rng(seed)
    administration = rng.choice(list(ADMINISTRATIONS), size)
    centre = rng.choice(AROUND_HZ, size) * rng.uniform(0.97, 1.03, size)
    width = rng.choice([25e3, 200e3, 7e6, 28e6, 80e6], size)
    # Repeats (the same station notified again elsewhere) share a key: checked once.
    centre[::7] = centre[0]
    return RecordedBands(
        assignment_id=np.arange(1, size + 1, dtype=np.int64),
        administration=administration.astype(np.str_),
        reference=np.array([f"R-{i}" for i in range(size)], dtype=np.str_),
        service=rng.choice(SERVICES, size).astype(np.str_),
        low_hz=centre - width / 2,
        high_hz=centre + width / 2,
    )


def brute_force(
    before: AllocationTable, after: AllocationTable, recorded: RecordedBands
) -> dict[int, tuple[Any, Any]]:
    found = {}
    for row in range(len(recorded)):
        outcomes = []
        for table in (before, after):
            outcome = check_conformity(
                table,
                service=parse_service(str(recorded.service[row])),
                low_hz=float(recorded.low_hz[row]),
                high_hz=float(recorded.high_hz[row]),
                region=ADMINISTRATIONS[str(recorded.administration[row])],
                country=str(recorded.administration[row]),
            )
            outcomes.append((outcome.conforms, outcome.category))
        if outcomes[0] != outcomes[1]:
            found[row] = (outcomes[0], outcomes[1])
    return found


@pytest.mark.parametrize("kind", list(AMENDMENTS))
def test_the_changes_are_those_a_check_of_every_assignment_finds(
    before: AllocationTable, kind: str
) -> None:
    after = amended(before, AMENDMENTS[kind])
    recorded = register()
    impact = conformity_changes(before, after, recorded)
    found = {
        change.row: (
            (change.before.conforms, change.before.category),
            (change.after.conforms, change.after.category),
        )
        for change in impact.changes
    }
    assert found == brute_force(before, after, recorded)
    assert found, "the register was built to be touched by each amendment"
    assert [c.assignment_id for c in impact.changes] == [c.row + 1 for c in impact.changes]
    # Only the assignments around the changed bands were looked at.
    assert len(found) <= impact.looked_at < len(recorded)
    assert impact.newly_conforming + impact.newly_non_conforming <= len(found)


def test_each_kind_moves_the_assignments_it_should(before: AllocationTable) -> None:
    recorded = register()
    rows = {
        kind: conformity_changes(before, amended(before, documents), recorded).changes
        for kind, documents in AMENDMENTS.items()
    }
    removed = rows["remove an allocation"]
    assert {str(recorded.service[c.row]) for c in removed} == {"fixed"}
    assert all(c.before.conforms and not c.after.conforms for c in removed)
    # Mobile made primary in Region 1: secondary mobile stations become primary, except
    # where No. 5.430A already made them primary.
    for change in rows["change a category"]:
        assert str(recorded.administration[change.row]) not in ("DE", "FR", "DZ", "GB")
        assert (change.before.category, change.after.category) == ("secondary", "primary")
    added = rows["add an allocation"]
    assert {str(recorded.service[c.row]) for c in added} == {"land mobile"}
    assert all(not c.before.conforms and c.after.conforms for c in added)
    # No. 5.430A reworded to name Algeria only: Germany's, France's, Britain's mobile
    # stations at 3.4-3.6 GHz fall back to secondary; Algeria's keep primary.
    reworded = rows["reword a footnote"]
    assert {str(recorded.administration[c.row]) for c in reworded} == {"DE", "FR", "GB"}
    assert {(c.before.category, c.after.category) for c in reworded} == {("primary", "secondary")}


def test_assignments_outside_the_changed_bands_are_never_looked_at(
    before: AllocationTable,
) -> None:
    after = amended(before, AMENDMENTS["remove an allocation"])
    spans = changed_spans(before, after)
    assert spans == {1: [(6.0e9, 6.2e9)], 2: [], 3: []}
    assert frequency_ranges(spans) == [(6.0e9, 6.2e9)]
    recorded = RecordedBands(
        assignment_id=np.arange(1, 6, dtype=np.int64),
        administration=np.array(["FR", "FR", "FR", "FR", "US"], dtype=np.str_),
        reference=np.array(["below", "across", "touching", "above", "Region 2"], dtype=np.str_),
        service=np.array(["fixed"] * 5, dtype=np.str_),
        low_hz=np.array([5.95e9, 6.19e9, 6.2e9, 6.25e9, 6.1e9]),
        high_hz=np.array([5.99e9, 6.21e9, 6.22e9, 6.3e9, 6.12e9]),
    )
    assert recorded.regions().tolist() == [1, 1, 1, 1, 2]
    # below, across the top edge, touching it, above; the same band in Region 2
    assert overlapping(recorded, recorded.regions(), spans).tolist() == [
        False, True, True, False, False,
    ]  # fmt: skip
    impact = conformity_changes(before, after, recorded)
    assert impact.looked_at == 2
    assert [c.assignment_id for c in impact.changes] == [2]
    assert impact.newly_non_conforming == 1 and impact.newly_conforming == 0


def test_no_change_no_look(before: AllocationTable) -> None:
    impact = conformity_changes(before, before, register(200))
    assert (impact.looked_at, impact.changes) == (0, ())
