"""Amendments to the Table, as a conference's Final Acts make them, and a new edition
built from them.

An amendment is data: add, remove or re-categorise an allocation over a band of a
Region, cite a footnote in a band, set (add or replace) or remove a footnote. Applying
a list of them to an edition gives a new edition; cells are split where an amendment's
band edges fall inside them and merged back where the split left them alike.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from openitu.errors import InvalidInput
from openitu.geo.names import countries_in_text
from openitu.spectrum.footnotes import footnote_kind, parse_rules
from openitu.spectrum.model import (
    REGIONS,
    Allocation,
    Band,
    Category,
    Edition,
    Footnote,
    RegionBand,
)
from openitu.spectrum.services import parse_service
from openitu.units import parse_frequency_hz


@dataclass(frozen=True)
class BandAmendment(RegionBand):
    """An amendment to the cells of the Table that one band covers in one Region."""


@dataclass(frozen=True)
class AddAllocation(BandAmendment):
    service: str
    category: Category
    footnotes: tuple[str, ...] = ()


@dataclass(frozen=True)
class RemoveAllocation(BandAmendment):
    service: str


@dataclass(frozen=True)
class ChangeCategory(BandAmendment):
    service: str
    category: Category


@dataclass(frozen=True)
class CiteFootnote(BandAmendment):
    footnote_id: str


@dataclass(frozen=True)
class SetFootnote:
    footnote_id: str
    text: str


@dataclass(frozen=True)
class RemoveFootnote:
    footnote_id: str


Amendment = (
    AddAllocation | RemoveAllocation | ChangeCategory | CiteFootnote | SetFootnote | RemoveFootnote
)
_OPS: dict[str, type[Amendment]] = {
    "add_allocation": AddAllocation,
    "remove_allocation": RemoveAllocation,
    "change_category": ChangeCategory,
    "cite_footnote": CiteFootnote,
    "set_footnote": SetFootnote,
    "remove_footnote": RemoveFootnote,
}


def _required(data: Mapping[str, Any], key: str, field: str) -> Any:
    if key not in data or data[key] in (None, ""):
        raise InvalidInput(f"{field}.{key}", "is required")
    return data[key]


def _frequency(data: Mapping[str, Any], name: str, field: str) -> float:
    if f"{name}_hz" in data:
        return parse_frequency_hz(data[f"{name}_hz"], field=f"{field}.{name}_hz")
    return parse_frequency_hz(_required(data, name, field), field=f"{field}.{name}")


def _category(value: Any, field: str) -> Category:
    try:
        return Category(str(value).strip().lower())
    except ValueError:
        raise InvalidInput(field, "must be 'primary' or 'secondary'") from None


def _footnote_id(value: Any, field: str) -> str:
    text = str(value).strip()
    if not text or len(text) > 20 or " " in text:
        raise InvalidInput(field, f"not a footnote number: {value!r}")
    return text


def amendment_from_dict(data: Mapping[str, Any], *, field: str = "amendment") -> Amendment:
    """Read an amendment from its JSON form, e.g. ``{"op": "add_allocation", "region": 1,
    "low": "3300 MHz", "high": "3400 MHz", "service": "mobile", "category": "primary"}``."""
    if not isinstance(data, Mapping):
        raise InvalidInput(field, "must be an object")
    op = _required(data, "op", field)
    if op not in _OPS:
        raise InvalidInput(f"{field}.op", f"unknown operation {op!r} (one of {', '.join(_OPS)})")
    kind = _OPS[op]
    if kind is SetFootnote:
        text = _required(data, "text", field)
        if not isinstance(text, str):
            raise InvalidInput(f"{field}.text", "must be text")
        return SetFootnote(
            _footnote_id(_required(data, "footnote_id", field), f"{field}.footnote_id"), text
        )
    if kind is RemoveFootnote:
        return RemoveFootnote(
            _footnote_id(_required(data, "footnote_id", field), f"{field}.footnote_id")
        )
    region = _required(data, "region", field)
    if str(region).strip() not in ("1", "2", "3"):
        raise InvalidInput(f"{field}.region", "must be 1, 2 or 3 (an ITU Region)")
    low_hz, high_hz = _frequency(data, "low", field), _frequency(data, "high", field)
    if low_hz >= high_hz:
        raise InvalidInput(f"{field}.low", "must be below high")
    number = int(str(region).strip())
    if kind is CiteFootnote:
        footnote_id = _footnote_id(_required(data, "footnote_id", field), f"{field}.footnote_id")
        return CiteFootnote(number, low_hz, high_hz, footnote_id)
    service = parse_service(_required(data, "service", field), field=f"{field}.service").name
    if kind is RemoveAllocation:
        return RemoveAllocation(number, low_hz, high_hz, service)
    category = _category(_required(data, "category", field), f"{field}.category")
    if kind is ChangeCategory:
        return ChangeCategory(number, low_hz, high_hz, service, category)
    footnotes = tuple(
        _footnote_id(f, f"{field}.footnotes") for f in data.get("footnotes", ()) or ()
    )
    return AddAllocation(number, low_hz, high_hz, service, category, footnotes)


def amendments_from_list(documents: Any, *, field: str = "amendments") -> list[Amendment]:
    """Read a list of amendments from their JSON forms; a bad one is refused naming its
    place in the list (``amendments[2].low``)."""
    if not isinstance(documents, Sequence) or isinstance(documents, str):
        raise InvalidInput(field, "must be a list of amendments")
    return [
        amendment_from_dict(document, field=f"{field}[{index}]")
        for index, document in enumerate(documents)
    ]


def amendment_to_dict(amendment: Amendment) -> dict[str, Any]:
    """The JSON form of an amendment (frequencies in Hz)."""
    op = next(name for name, kind in _OPS.items() if isinstance(amendment, kind))
    document: dict[str, Any] = {"op": op}
    for item in dataclasses.fields(amendment):
        value = getattr(amendment, item.name)
        if isinstance(value, Category):
            value = value.value
        elif isinstance(value, tuple):
            value = list(value)
        document[item.name] = value
    return document


@dataclass
class _Cell:
    origin: int
    band: Band


def _split(cells: list[_Cell], region: int, at_hz: float) -> list[_Cell]:
    result = []
    for cell in cells:
        band = cell.band
        if band.region == region and band.low_hz < at_hz < band.high_hz:
            result.append(_Cell(cell.origin, dataclasses.replace(band, high_hz=at_hz)))
            result.append(_Cell(cell.origin, dataclasses.replace(band, low_hz=at_hz)))
        else:
            result.append(cell)
    return result


def _where(band: Band) -> str:
    return f"Region {band.region} {band.low_hz:g}-{band.high_hz:g} Hz"


def _amend_cell(band: Band, amendment: Amendment, footnote_ids: Iterable[str]) -> Band:
    allocations = list(band.allocations)
    if isinstance(amendment, AddAllocation):
        service = parse_service(amendment.service)
        if any(a.service == service for a in allocations):
            raise InvalidInput("service", f"{service.name} is already allocated in {_where(band)}")
        allocations.append(Allocation(service, amendment.category, amendment.footnotes))
        allocations.sort(key=lambda a: a.category is not Category.PRIMARY)
    elif isinstance(amendment, RemoveAllocation | ChangeCategory):
        service = parse_service(amendment.service)
        index = next((i for i, a in enumerate(allocations) if a.service == service), None)
        if index is None:
            raise InvalidInput("service", f"{service.name} is not allocated in {_where(band)}")
        if isinstance(amendment, RemoveAllocation):
            del allocations[index]
        else:
            allocations[index] = dataclasses.replace(
                allocations[index], category=amendment.category
            )
    elif isinstance(amendment, CiteFootnote):
        if amendment.footnote_id not in footnote_ids:
            raise InvalidInput("footnote_id", f"no footnote {amendment.footnote_id} in the edition")
        if amendment.footnote_id not in band.footnotes:
            return dataclasses.replace(band, footnotes=(*band.footnotes, amendment.footnote_id))
        return band
    return dataclasses.replace(band, allocations=tuple(allocations))


def apply_amendments(
    base: Edition,
    amendments: Sequence[Amendment],
    *,
    edition_id: str,
    title: str,
    entry_into_force: date,
    based_on: str | None = None,
    field: str | None = None,
) -> Edition:
    """A new edition: ``base`` with ``amendments`` applied in order.

    Raises `InvalidInput` when an amendment cannot apply (a service already allocated,
    or not allocated where it is removed, a footnote cited that does not exist); with
    ``field`` (the list's name), the error names the amendment's place in it
    (``amendments[2].low``).
    """
    if not edition_id.strip():
        raise InvalidInput("edition_id", "is required")
    if entry_into_force <= base.entry_into_force:
        raise InvalidInput(
            "entry_into_force",
            f"must be after the base edition's ({base.entry_into_force.isoformat()})",
        )
    footnotes = dict(base.footnotes)
    cells = [_Cell(i, band) for i, band in enumerate(base.bands)]
    for index, amendment in enumerate(amendments):
        try:
            cells = _apply_one(cells, footnotes, amendment)
        except InvalidInput as exc:
            if field is None:
                raise
            raise InvalidInput(f"{field}[{index}].{exc.field}", exc.reason) from None
    return Edition(
        id=edition_id,
        title=title,
        entry_into_force=entry_into_force,
        bands=tuple(_merge(cells)),
        footnotes=footnotes,
        based_on=based_on if based_on is not None else base.id,
    )


def _apply_one(
    cells: list[_Cell], footnotes: dict[str, Footnote], amendment: Amendment
) -> list[_Cell]:
    """The cells after ``amendment`` (``footnotes`` updated in place)."""
    if isinstance(amendment, SetFootnote):
        footnotes[amendment.footnote_id] = _footnote(amendment)
        return cells
    if isinstance(amendment, RemoveFootnote):
        if footnotes.pop(amendment.footnote_id, None) is None:
            raise InvalidInput("footnote_id", f"no footnote {amendment.footnote_id} to remove")
        return [_Cell(c.origin, _uncite(c.band, amendment.footnote_id)) for c in cells]
    assert isinstance(amendment, BandAmendment)
    if amendment.region not in REGIONS:
        raise InvalidInput("region", "must be 1, 2 or 3 (an ITU Region)")
    cells = _split(
        _split(cells, amendment.region, amendment.low_hz), amendment.region, amendment.high_hz
    )
    touched = False
    for cell in cells:
        band = cell.band
        if (
            band.region == amendment.region
            and amendment.low_hz <= band.low_hz
            and band.high_hz <= amendment.high_hz
        ):
            cell.band = _amend_cell(band, amendment, footnotes)
            touched = True
    if not touched:
        raise InvalidInput("low", "the band lies outside the Table")
    return cells


def _footnote(amendment: SetFootnote) -> Footnote:
    return Footnote(
        id=amendment.footnote_id,
        text=amendment.text,
        kind=footnote_kind(amendment.text),
        countries=tuple(countries_in_text(amendment.text)),
        rules=parse_rules(amendment.footnote_id, amendment.text),
    )


def _uncite(band: Band, footnote_id: str) -> Band:
    return dataclasses.replace(
        band,
        footnotes=tuple(f for f in band.footnotes if f != footnote_id),
        allocations=tuple(
            dataclasses.replace(a, footnotes=tuple(f for f in a.footnotes if f != footnote_id))
            for a in band.allocations
        ),
    )


def _merge(cells: list[_Cell]) -> list[Band]:
    """Re-join pieces of one original cell that the amendments left alike."""
    merged: list[_Cell] = []
    for cell in sorted(cells, key=lambda c: (c.band.region, c.band.low_hz)):
        last = merged[-1] if merged else None
        if (
            last is not None
            and last.origin == cell.origin
            and last.band.high_hz == cell.band.low_hz
            and (last.band.allocations, last.band.footnotes)
            == (cell.band.allocations, cell.band.footnotes)
        ):
            last.band = dataclasses.replace(last.band, high_hz=cell.band.high_hz)
        else:
            merged.append(_Cell(cell.origin, cell.band))
    return [cell.band for cell in merged]
