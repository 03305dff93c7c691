"""The Table's values: allocations, bands, footnotes and editions."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from openitu.spectrum.services import Service


class Category(StrEnum):
    """RR 5.23-5.31: primary services in capitals, secondary in normal characters."""

    PRIMARY = "primary"
    SECONDARY = "secondary"


class FootnoteKind(StrEnum):
    """What a footnote does to the Table (RR 5.32-5.44 and the footnotes' own wording)."""

    ADDITIONAL = "additional"  # "Additional allocation: in ..., the band ... is also allocated"
    ALTERNATIVE = "alternative"  # "Alternative allocation: in ..., the band ... is allocated"
    DIFFERENT_CATEGORY = "different_category"  # "Different category of service: in ..."
    PROCEDURE = "procedure"  # subjects use to a procedure (No. 9.21, 9.11A, a Resolution)
    OTHER = "other"


REGIONS: tuple[int, ...] = (1, 2, 3)


@dataclass(frozen=True)
class Allocation:
    service: Service
    category: Category
    footnotes: tuple[str, ...] = ()


@dataclass(frozen=True)
class RegionBand:
    """A band of frequencies in one Region: what a cell of the Table, an amendment to the
    Table and a change between editions each concern."""

    region: int
    low_hz: float
    high_hz: float


@dataclass(frozen=True)
class Band(RegionBand):
    """One cell of the Table: a band in one Region, its allocations and footnotes."""

    allocations: tuple[Allocation, ...]
    footnotes: tuple[str, ...] = ()

    def all_footnotes(self) -> tuple[str, ...]:
        """The band's footnotes, then those attached to single allocations, once each."""
        seen = dict.fromkeys(self.footnotes)
        for allocation in self.allocations:
            seen.update(dict.fromkeys(allocation.footnotes))
        return tuple(seen)


@dataclass(frozen=True)
class FootnoteRule:
    """An allocation a footnote makes in named countries (additional, alternative or
    different category), read from its text or given by a conference."""

    kind: FootnoteKind
    countries: tuple[str, ...]
    low_hz: float
    high_hz: float
    services: tuple[Service, ...]
    category: Category


@dataclass(frozen=True)
class Footnote:
    id: str
    text: str | None
    kind: FootnoteKind
    countries: tuple[str, ...] = ()
    rules: tuple[FootnoteRule, ...] = ()


@dataclass(frozen=True)
class Edition:
    """One edition of Article 5: all Regions' bands and the footnote texts."""

    id: str
    title: str
    entry_into_force: date
    bands: tuple[Band, ...]
    footnotes: dict[str, Footnote] = field(default_factory=dict)
    based_on: str | None = None
