"""Which recorded assignments a Table amendment would change the conformity of.

An assignment conforms with the Table (RR No. 11.31, `openitu.spectrum.conformity`)
through the cells its band overlaps in its Region and the footnotes they cite. An
amendment changes the cells of some bands (`openitu.spectrum.diff.diff_editions`), and a
footnote whose text changes changes every band citing it: only assignments overlapping
one of those bands in their Region can change. The register holds millions of rows, so
they are kept with a vectorised interval test, and conformity is checked once per
distinct (service, band, Region, administration) among them, before and after, then
broadcast back to the rows.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from openitu.geo.countries import country
from openitu.spectrum.conformity import Conformity, check_conformity
from openitu.spectrum.diff import EditionDiff, diff_editions
from openitu.spectrum.model import REGIONS
from openitu.spectrum.services import parse_service
from openitu.spectrum.table import AllocationTable

Spans = dict[int, list[tuple[float, float]]]
"""Per Region, sorted disjoint closed bands [low, high] in Hz."""


@dataclass(frozen=True)
class RecordedBands:
    """The recorded assignments as columns, one row per assignment: what conformity needs
    and the reference to name them by."""

    assignment_id: npt.NDArray[np.int64]
    administration: npt.NDArray[np.str_]
    """ISO2 of the notifying administration (the country footnotes name)."""
    reference: npt.NDArray[np.str_]
    service: npt.NDArray[np.str_]
    """The service as notified (an Article 1 term, `parse_service` reads it)."""
    low_hz: npt.NDArray[np.float64]
    high_hz: npt.NDArray[np.float64]

    def __len__(self) -> int:
        return int(self.assignment_id.shape[0])

    def regions(self) -> npt.NDArray[np.int64]:
        """Each row's ITU Region: its administration's (as the examination takes it)."""
        administrations, index = np.unique(self.administration, return_inverse=True)
        regions = np.array([country(str(a)).itu_region for a in administrations], dtype=np.int64)
        by_row: npt.NDArray[np.int64] = regions[index.reshape(-1)]
        return by_row


@dataclass(frozen=True)
class ConformityChange:
    """One assignment whose conformity (or category) the amendment changes."""

    row: int
    """Its row in the `RecordedBands` examined."""
    assignment_id: int
    before: Conformity
    after: Conformity


@dataclass(frozen=True)
class Impact:
    looked_at: int
    """Assignments overlapping a changed band in their Region (the others cannot change)."""
    changes: tuple[ConformityChange, ...]

    @property
    def newly_non_conforming(self) -> int:
        return sum(c.before.conforms and not c.after.conforms for c in self.changes)

    @property
    def newly_conforming(self) -> int:
        return sum(c.after.conforms and not c.before.conforms for c in self.changes)


def changed_spans(before: AllocationTable, after: AllocationTable) -> Spans:
    """The bands, per Region, where the two Tables may examine an assignment differently:
    the cells that differ, and every cell (in either Table) citing a footnote that was
    added, removed or reworded."""
    return spans_of(diff_editions(before.edition, after.edition), before, after)


def spans_of(diff: EditionDiff, before: AllocationTable, after: AllocationTable) -> Spans:
    """`changed_spans` from a diff already made of the two Tables."""
    footnotes = {change.id for change in diff.footnotes}
    raw: Spans = {region: [] for region in REGIONS}
    for change in diff.bands:
        raw[change.region].append((change.low_hz, change.high_hz))
    if footnotes:
        for table in (before, after):
            for band in table.edition.bands:
                if footnotes.intersection(band.all_footnotes()):
                    raw[band.region].append((band.low_hz, band.high_hz))
    return {region: _merged(spans) for region, spans in raw.items()}


def _merged(spans: list[tuple[float, float]]) -> list[tuple[float, float]]:
    merged: list[tuple[float, float]] = []
    for low, high in sorted(spans):
        if merged and low <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], high))
        else:
            merged.append((low, high))
    return merged


def frequency_ranges(spans: Spans) -> list[tuple[float, float]]:
    """The spans of every Region together (what a store reads rows over)."""
    return _merged([span for region in REGIONS for span in spans.get(region, [])])


def overlapping(
    recorded: RecordedBands, region: npt.NDArray[np.int64], spans: Spans
) -> npt.NDArray[np.bool_]:
    """Which rows' bands overlap (edges touching included) one of their Region's spans
    (``region``: each row's).

    Touching counts so that the set is a superset of what conformity reads
    (`AllocationTable.bands_between` and a point assignment's cell)."""
    keep = np.zeros(len(recorded), dtype=bool)
    for number in REGIONS:
        region_spans = spans.get(number, [])
        rows = np.nonzero(region == number)[0]
        if not region_spans or rows.size == 0:
            continue
        lows = np.array([low for low, _ in region_spans], dtype=np.float64)
        highs = np.array([high for _, high in region_spans], dtype=np.float64)
        # The first span ending at or above the row's low is the only one it can meet
        # first (spans are sorted and disjoint); it overlaps if it starts by the row's high.
        first = np.searchsorted(highs, recorded.low_hz[rows], side="left")
        inside = first < lows.size
        starts = lows[np.minimum(first, lows.size - 1)]
        keep[rows] = inside & (starts <= recorded.high_hz[rows])
    return keep


def conformity_changes(
    before: AllocationTable,
    after: AllocationTable,
    recorded: RecordedBands,
    *,
    region: npt.NDArray[np.int64] | None = None,
    spans: Spans | None = None,
) -> Impact:
    """The recorded assignments whose conformity with the Table (conforms, category)
    differs between ``before`` and ``after``, in row order. ``region``: each row's ITU
    Region (default `RecordedBands.regions`, its administration's); ``spans``: the two
    Tables' `changed_spans`, when the caller has them."""
    if region is None:
        region = recorded.regions()
    if spans is None:
        spans = changed_spans(before, after)
    rows = np.nonzero(overlapping(recorded, region, spans))[0]
    if rows.size == 0:
        return Impact(0, ())
    services, service_code = np.unique(recorded.service[rows], return_inverse=True)
    administrations, administration_code = np.unique(
        recorded.administration[rows], return_inverse=True
    )
    keys = np.column_stack(
        (
            service_code.astype(np.float64),
            administration_code.astype(np.float64),
            region[rows].astype(np.float64),
            recorded.low_hz[rows],
            recorded.high_hz[rows],
        )
    )
    distinct, key_of_row = np.unique(keys, axis=0, return_inverse=True)
    key_of_row = key_of_row.reshape(-1)  # flat, whatever shape this numpy version gives
    terms = [parse_service(str(name)) for name in services]
    outcomes: list[tuple[Conformity, Conformity] | None] = []
    for service, administration, region, low_hz, high_hz in distinct:
        was, will = (
            check_conformity(
                table,
                service=terms[int(service)],
                low_hz=float(low_hz),
                high_hz=float(high_hz),
                region=int(region),
                country=str(administrations[int(administration)]),
            )
            for table in (before, after)
        )
        same = (was.conforms, was.category) == (will.conforms, will.category)
        outcomes.append(None if same else (was, will))
    changed_keys = np.array([outcome is not None for outcome in outcomes], dtype=bool)
    hits = np.nonzero(changed_keys[key_of_row])[0]
    changes = []
    for hit in hits:
        row = int(rows[hit])
        outcome = outcomes[int(key_of_row[hit])]
        assert outcome is not None
        changes.append(
            ConformityChange(row, int(recorded.assignment_id[row]), outcome[0], outcome[1])
        )
    return Impact(int(rows.size), tuple(changes))
