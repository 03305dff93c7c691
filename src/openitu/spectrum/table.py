"""Queries on one edition of the Table, vectorised over frequencies.

Each Region's bands are kept as sorted arrays of band edges, so that looking up a
million frequencies is one ``numpy.searchsorted`` per Region. A band is taken as
[low, high): a frequency on an edge belongs to the band that starts there, and the
top of the Table to its last band.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from openitu.errors import InvalidInput
from openitu.spectrum.model import REGIONS, Band, Category, Edition, Footnote
from openitu.spectrum.services import Service

IntArray = npt.NDArray[np.int64]


def check_region(region: object, *, field: str = "region") -> int:
    """A Region number 1, 2 or 3 (RR 5.2-5.9), else `InvalidInput`."""
    try:
        value = int(str(region).strip())
    except (TypeError, ValueError):
        raise InvalidInput(field, f"must be 1, 2 or 3 (an ITU Region), got {region!r}") from None
    if value not in REGIONS:
        raise InvalidInput(field, f"must be 1, 2 or 3 (an ITU Region), got {region!r}")
    return value


@dataclass(frozen=True)
class BandMatch:
    """A band carrying a service, with the best category the service has there."""

    band: Band
    category: Category
    footnotes: tuple[str, ...]


class AllocationTable:
    """One edition, indexed for lookups by Region and frequency."""

    def __init__(self, edition: Edition) -> None:
        self.edition = edition
        self._bands: dict[int, list[Band]] = {}
        self._lows: dict[int, npt.NDArray[np.float64]] = {}
        self._highs: dict[int, npt.NDArray[np.float64]] = {}
        for region in REGIONS:
            bands = sorted((b for b in edition.bands if b.region == region), key=lambda b: b.low_hz)
            self._bands[region] = bands
            self._lows[region] = np.array([b.low_hz for b in bands], dtype=np.float64)
            self._highs[region] = np.array([b.high_hz for b in bands], dtype=np.float64)

    @property
    def footnotes(self) -> dict[str, Footnote]:
        return self.edition.footnotes

    def bands(self, region: int) -> Sequence[Band]:
        return self._bands[check_region(region)]

    @property
    def top_hz(self) -> float:
        return float(max(highs[-1] for highs in self._highs.values()))

    def _check_frequency(self, frequency_hz: npt.NDArray[np.float64], field: str) -> None:
        if not np.all(np.isfinite(frequency_hz)):
            raise InvalidInput(field, "must be a finite number of Hz")
        if np.any(frequency_hz < 0):
            raise InvalidInput(field, "must not be negative")
        if np.any(frequency_hz > self.top_hz):
            raise InvalidInput(
                field, f"must not exceed {self.top_hz / 1e9:g} GHz, the top of the Table"
            )

    def band_indices(
        self, frequency_hz: npt.ArrayLike, region: int | npt.ArrayLike, *, field: str = "frequency"
    ) -> IntArray:
        """Index (into ``bands(region)``) of the band holding each frequency.

        Broadcasts ``frequency_hz`` against ``region``; a scalar gives shape ().
        """
        frequencies = np.asarray(frequency_hz, dtype=np.float64)
        regions = np.asarray(region)
        self._check_frequency(frequencies, field)
        if not np.all(np.isin(regions, REGIONS)):
            raise InvalidInput("region", "must be 1, 2 or 3 (an ITU Region)")
        frequencies, regions = np.broadcast_arrays(frequencies, regions)
        result = np.empty(frequencies.shape, dtype=np.int64)
        for number in REGIONS:
            mask = regions == number
            if not mask.any():
                continue
            index = np.searchsorted(self._lows[number], frequencies[mask], side="right") - 1
            result[mask] = np.clip(index, 0, len(self._lows[number]) - 1)
        return result

    def band_at(self, frequency_hz: float, region: int) -> Band:
        region = check_region(region)
        return self._bands[region][int(self.band_indices(frequency_hz, region))]

    def bands_between(self, low_hz: float, high_hz: float, region: int) -> list[Band]:
        """The bands overlapping [low, high] (a point when low == high)."""
        region = check_region(region)
        if low_hz > high_hz:
            raise InvalidInput("low", f"must not exceed high ({low_hz:g} Hz > {high_hz:g} Hz)")
        self._check_frequency(np.array([low_hz, high_hz]), "high")
        if low_hz == high_hz:
            return [self.band_at(low_hz, region)]
        lows, highs = self._lows[region], self._highs[region]
        selected = np.nonzero((lows < high_hz) & (highs > low_hz))[0]
        return [self._bands[region][int(i)] for i in selected]

    def bands_for_service(self, wanted: Service, region: int) -> list[BandMatch]:
        """Bands where the service named is allocated (the same Article 1 term,
        with its restrictions), primary before secondary within a band."""
        matches = []
        for band in self._bands[check_region(region)]:
            hits = [a for a in band.allocations if a.service.same_service(wanted)]
            if not hits:
                continue
            category = (
                Category.PRIMARY
                if any(a.category is Category.PRIMARY for a in hits)
                else Category.SECONDARY
            )
            footnotes = tuple(dict.fromkeys(f for a in hits for f in a.footnotes))
            matches.append(BandMatch(band, category, band.footnotes + footnotes))
        return matches
