"""The difference between two editions of the Table, band by band and footnote by footnote."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from openitu.spectrum.model import REGIONS, Band, Edition, RegionBand


@dataclass(frozen=True)
class BandChange(RegionBand):
    added: tuple[str, ...]
    removed: tuple[str, ...]


@dataclass(frozen=True)
class FootnoteChange:
    id: str
    change: str  # "added", "removed" or "text changed"


@dataclass(frozen=True)
class EditionDiff:
    old: str
    new: str
    bands: tuple[BandChange, ...]
    footnotes: tuple[FootnoteChange, ...]


def _entries(band: Band | None) -> set[str]:
    """What a cell says, as comparable lines: each allocation with its category and
    footnotes, and each band footnote."""
    if band is None:
        return set()
    lines = {
        f"{a.service.name} [{a.category.value}]"
        + (f" {' '.join(a.footnotes)}" if a.footnotes else "")
        for a in band.allocations
    }
    return lines | {f"footnote {f}" for f in band.footnotes}


def _cell_at(bands: list[Band], low: float, high: float) -> Band | None:
    for band in bands:
        if band.low_hz <= low and high <= band.high_hz:
            return band
    return None


def diff_editions(old: Edition, new: Edition) -> EditionDiff:
    """Changes from ``old`` to ``new``: over each span between the two editions' band
    edges, what was added and removed; adjacent spans with the same change merge."""
    changes: list[BandChange] = []
    for region in REGIONS:
        old_bands = [b for b in old.bands if b.region == region]
        new_bands = [b for b in new.bands if b.region == region]
        edges = sorted(
            {b.low_hz for b in old_bands + new_bands} | {b.high_hz for b in old_bands + new_bands}
        )
        for low, high in pairwise(edges):
            before = _entries(_cell_at(old_bands, low, high))
            after = _entries(_cell_at(new_bands, low, high))
            if before == after:
                continue
            change = BandChange(
                region, low, high, tuple(sorted(after - before)), tuple(sorted(before - after))
            )
            previous = changes[-1] if changes else None
            if (
                previous is not None
                and previous.region == region
                and previous.high_hz == low
                and (previous.added, previous.removed) == (change.added, change.removed)
            ):
                changes[-1] = BandChange(
                    region, previous.low_hz, high, change.added, change.removed
                )
            else:
                changes.append(change)
    footnote_changes = [
        FootnoteChange(fid, "added") for fid in new.footnotes if fid not in old.footnotes
    ]
    footnote_changes += [
        FootnoteChange(fid, "removed") for fid in old.footnotes if fid not in new.footnotes
    ]
    footnote_changes += [
        FootnoteChange(fid, "text changed")
        for fid in new.footnotes
        if fid in old.footnotes and new.footnotes[fid].text != old.footnotes[fid].text
    ]
    return EditionDiff(old.id, new.id, tuple(changes), tuple(footnote_changes))
