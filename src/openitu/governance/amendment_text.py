"""A proposal's amendments as a delegate reads them: what each changes, and the Table as it
would read after the proposal.

An amendment is stored as data (`openitu.spectrum.amendments`); shown as its ``op`` and a
few fields it tells a delegate nothing ("change_category R1 mobile (primary)"). Here each
one names its band and Region, the service and its category (primary services in capitals,
secondary ones not, as RR Article 5 prints them), and a footnote by its number with its
text; for an amendment to a band, the cells of that band in the edition the proposal would
make follow it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import timedelta

from openitu.errors import InvalidInput
from openitu.spectrum.amendments import (
    AddAllocation,
    Amendment,
    BandAmendment,
    ChangeCategory,
    CiteFootnote,
    RemoveAllocation,
    RemoveFootnote,
    SetFootnote,
    apply_amendments,
)
from openitu.spectrum.model import Allocation, Band, Category, Edition
from openitu.units import format_frequency


@dataclass(frozen=True)
class AmendmentText:
    """One amendment, in words."""

    change: str
    """What the amendment does, e.g. "Region 1, 3300-3400 MHz: adds MOBILE (primary)"."""
    after: tuple[str, ...] = ()
    """The band's cells as the Table would read after the proposal (one line a cell)."""


def service_text(service: str, category: Category) -> str:
    """A service as Article 5 prints it: primary in capitals, secondary capitalised."""
    return service.upper() if category is Category.PRIMARY else service.capitalize()


def band_text(low_hz: float, high_hz: float) -> str:
    """A band in the unit Article 5 uses for it (RR No. 2.1)."""
    low, high = format_frequency(low_hz), format_frequency(high_hz)
    low_value, low_unit = low.rsplit(" ", 1)
    high_value, high_unit = high.rsplit(" ", 1)
    if low_unit == high_unit:
        return f"{low_value}-{high_value} {high_unit}"
    return f"{low}-{high}"


def _allocation_text(allocation: Allocation) -> str:
    words = service_text(allocation.service.name, allocation.category)
    return " ".join((words, *allocation.footnotes))


def cell_text(band: Band) -> str:
    """A cell of the Table on one line: the band, its allocations, its footnotes."""
    allocations = ", ".join(_allocation_text(a) for a in band.allocations) or "(not allocated)"
    footnotes = " ".join(band.footnotes)
    # Article 5 prints the band's own footnotes below its allocations: kept apart here.
    return f"{band_text(band.low_hz, band.high_hz)}: {allocations}" + (
        f"; footnotes {footnotes}" if footnotes else ""
    )


def _footnote(footnote_id: str, texts: Mapping[str, str]) -> str:
    text = texts.get(footnote_id)
    return f"{footnote_id} ({text})" if text else f"{footnote_id} (no text recorded)"


def change_text(amendment: Amendment, texts: Mapping[str, str]) -> str:
    """What one amendment does, naming its band, Region, service, category and footnote
    (``texts``: footnote texts by number, the proposal's own before the Table's)."""
    if isinstance(amendment, SetFootnote):
        return f"footnote {amendment.footnote_id} reads: {amendment.text}"
    if isinstance(amendment, RemoveFootnote):
        return f"footnote {_footnote(amendment.footnote_id, texts)} is suppressed"
    where = (
        f"Region {amendment.region}, {band_text(amendment.low_hz, amendment.high_hz)}: "
        if isinstance(amendment, BandAmendment)
        else ""
    )
    if isinstance(amendment, AddAllocation):
        cited = ", ".join(_footnote(f, texts) for f in amendment.footnotes)
        added = service_text(amendment.service, amendment.category)
        return f"{where}adds {added} ({amendment.category.value})" + (
            f", citing {cited}" if cited else ""
        )
    if isinstance(amendment, RemoveAllocation):
        return f"{where}removes {amendment.service}"
    if isinstance(amendment, ChangeCategory):
        becomes = service_text(amendment.service, amendment.category)
        return f"{where}{amendment.service} becomes {amendment.category.value} ({becomes})"
    assert isinstance(amendment, CiteFootnote)
    return f"{where}cites {_footnote(amendment.footnote_id, texts)}"


def describe(amendments: Sequence[Amendment], base: Edition | None) -> list[AmendmentText]:
    """Each amendment in words and, for a band's, the band's cells in the edition the
    amendments would make from ``base`` (none where there is no base, or where the
    amendments do not apply to it: the first line then says why)."""
    texts = {f.id: f.text for f in base.footnotes.values() if f.text} if base else {}
    for amendment in amendments:
        if isinstance(amendment, SetFootnote):
            texts[amendment.footnote_id] = amendment.text
    after: Edition | None = None
    refused: str | None = None
    if base is not None:
        try:
            after = apply_amendments(
                base,
                amendments,
                edition_id=f"{base.id} as proposed",
                title=base.title,
                entry_into_force=base.entry_into_force + timedelta(days=1),
                based_on=base.id,
            )
        except InvalidInput as exc:
            refused = f"does not apply to {base.id}: {exc.reason}"
    described = []
    for amendment in amendments:
        cells: tuple[str, ...] = ()
        if after is not None and isinstance(amendment, BandAmendment):
            cells = tuple(
                cell_text(band)
                for band in after.bands
                if band.region == amendment.region
                and band.low_hz < amendment.high_hz
                and band.high_hz > amendment.low_hz
            )
        elif refused is not None and isinstance(amendment, BandAmendment):
            cells = (refused,)
        described.append(AmendmentText(change_text(amendment, texts), cells))
    return described
