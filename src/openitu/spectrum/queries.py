"""The Table's use cases as plain data: what the CLI prints and the API returns.

Keyword-only functions over an `AllocationTable`; the adapters fetch the table
(per edition) and hand it in. Shapes follow the machine interface in docs/design.md.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from openitu.errors import InvalidInput
from openitu.spectrum.conformity import check_conformity, resolve_region
from openitu.spectrum.diff import diff_editions
from openitu.spectrum.model import Band, FootnoteKind
from openitu.spectrum.services import parse_service
from openitu.spectrum.table import AllocationTable
from openitu.units import parse_frequency_hz

if TYPE_CHECKING:
    from openitu.spectrum.national import NationalRow

TEXT_UNKNOWN = (
    "text unknown: no source found gives this footnote's wording for this edition "
    "(listed in data/spectrum/amendments/UNSETTLED.md)"
)
"""What every adapter says where a cited footnote has no text, instead of an empty one."""


def _country(iso2: str | None) -> tuple[str | None, int | None]:
    if iso2 is None or not str(iso2).strip():
        return None, None
    # Imported here: a question without a country (the CLI's commonest) needs no borders.
    from openitu.geo.countries import country as find_country

    found = find_country(str(iso2).strip())
    return found.iso2, found.itu_region


def _region_and_country(region: int | str | None, country: str | None) -> tuple[int, str | None]:
    """The Region an answer is for (the one asked for, else the country's) and the
    country's ISO2 code."""
    iso2, country_region = _country(country)
    return resolve_region(region, country_region, iso2), iso2


def _band_edges(low: str | float, high: str | float) -> tuple[float, float]:
    """The edges of a band as asked for: both frequencies, low not above high."""
    low_hz = parse_frequency_hz(low, field="low")
    high_hz = parse_frequency_hz(high, field="high")
    if low_hz > high_hz:
        raise InvalidInput("low", f"must not exceed high ({low_hz:g} Hz > {high_hz:g} Hz)")
    return low_hz, high_hz


def _band_document(table: AllocationTable, band: Band) -> dict[str, Any]:
    return {
        "low_hz": band.low_hz,
        "high_hz": band.high_hz,
        "region": band.region,
        "allocations": [
            {
                "service": a.service.name,
                "category": a.category.value,
                "footnotes": list(a.footnotes),
            }
            for a in band.allocations
        ],
        "footnotes": list(band.footnotes),
    }


def _footnote_documents(table: AllocationTable, ids: list[str]) -> list[dict[str, Any]]:
    documents = []
    for footnote_id in ids:
        footnote = table.footnotes.get(footnote_id)
        documents.append(
            {
                "id": footnote_id,
                "kind": footnote.kind.value if footnote else FootnoteKind.OTHER.value,
                "text": footnote.text if footnote and footnote.text else None,
                "text_note": None if footnote and footnote.text else TEXT_UNKNOWN,
                "countries": list(footnote.countries) if footnote else [],
            }
        )
    return documents


def _national_documents(rows: list[NationalRow]) -> list[dict[str, Any]]:
    return [
        {
            "low_hz": row.low_hz,
            "high_hz": row.high_hz,
            "service": row.service,
            "category": row.category or None,
            "footnotes": list(row.footnotes),
            "user": row.user or None,
            "page": row.page,
        }
        for row in rows
        if row.service not in ("", "-")
    ]


def _country_view(
    table: AllocationTable, band: Band, iso2: str, low_hz: float, high_hz: float
) -> dict[str, Any]:
    """What applies in one country: the footnotes of the band that name it, the
    allocations they make there, and the national table where the dataset has one."""
    naming = [
        f
        for f in band.all_footnotes()
        if (note := table.footnotes.get(f)) is not None and iso2 in note.countries
    ]
    added = [
        {
            "footnote": footnote_id,
            "kind": rule.kind.value,
            "low_hz": rule.low_hz,
            "high_hz": rule.high_hz,
            "services": [s.name for s in rule.services],
            "category": rule.category.value,
        }
        for footnote_id in band.all_footnotes()
        if (note := table.footnotes.get(footnote_id)) is not None
        for rule in note.rules
        if iso2 in rule.countries
        and rule.low_hz < max(high_hz, low_hz + 1e-9)
        and rule.high_hz > low_hz
    ]
    from openitu.spectrum.national import national_table

    national = national_table(iso2)
    shown = [] if national is None else national.rows_between(low_hz, high_hz)
    return {
        "country": iso2,
        "footnotes_naming_country": naming,
        "footnote_allocations": added,
        "national_table": None
        if national is None
        else {
            "name": national.name,
            "edition": national.edition or None,
            "source": national.source or None,
            "allocations": _national_documents(shown),
            "footnotes": {
                f: national.footnotes[f]
                for f in sorted({f for row in shown for f in row.footnotes})
                if f in national.footnotes
            },
        },
    }


def allocations_at(
    table: AllocationTable,
    *,
    frequency: str | float,
    region: int | str | None = None,
    country: str | None = None,
) -> dict[str, Any]:
    """What the Table allocates at one frequency in a Region (and a country)."""
    frequency_hz = parse_frequency_hz(frequency, field="frequency")
    number, iso2 = _region_and_country(region, country)
    band = table.band_at(frequency_hz, number)
    document = _band_document(table, band)
    result: dict[str, Any] = {
        "frequency_hz": frequency_hz,
        "region": number,
        "edition": table.edition.id,
        "band": {"low_hz": band.low_hz, "high_hz": band.high_hz},
        "allocations": document["allocations"],
        "footnotes": document["footnotes"],
        "footnote_texts": _footnote_documents(table, list(band.all_footnotes())),
    }
    if iso2 is not None:
        result["country"] = _country_view(table, band, iso2, frequency_hz, frequency_hz)
    return result


def allocations_between(
    table: AllocationTable,
    *,
    low: str | float,
    high: str | float,
    region: int | str | None = None,
    country: str | None = None,
) -> dict[str, Any]:
    """The bands and allocations over a range of frequencies."""
    low_hz, high_hz = _band_edges(low, high)
    number, iso2 = _region_and_country(region, country)
    bands = table.bands_between(low_hz, high_hz, number)
    documents = []
    for band in bands:
        document = _band_document(table, band)
        if iso2 is not None:
            document["country"] = _country_view(
                table, band, iso2, max(low_hz, band.low_hz), min(high_hz, band.high_hz)
            )
        documents.append(document)
    footnote_ids = list(dict.fromkeys(f for band in bands for f in band.all_footnotes()))
    return {
        "low_hz": low_hz,
        "high_hz": high_hz,
        "region": number,
        "edition": table.edition.id,
        "bands": documents,
        "footnote_texts": _footnote_documents(table, footnote_ids),
    }


def bands_carrying(
    table: AllocationTable, *, service: str, region: int | str
) -> list[dict[str, Any]]:
    """The bands where a service is allocated in a Region, with its category there."""
    wanted = parse_service(service)
    number = resolve_region(region, None, None)
    return [
        {
            "low_hz": match.band.low_hz,
            "high_hz": match.band.high_hz,
            "category": match.category.value,
            "footnotes": list(match.footnotes),
        }
        for match in table.bands_for_service(wanted, number)
    ]


def check_assignment(
    table: AllocationTable,
    *,
    service: str,
    low: str | float,
    high: str | float,
    region: int | str | None = None,
    country: str | None = None,
) -> dict[str, Any]:
    """Whether an assignment conforms with the Table, its category and the reasons."""
    wanted = parse_service(service)
    low_hz, high_hz = _band_edges(low, high)
    number, iso2 = _region_and_country(region, country)
    outcome = check_conformity(
        table, service=wanted, low_hz=low_hz, high_hz=high_hz, region=number, country=iso2
    )
    return {
        "conforms": outcome.conforms,
        "category": outcome.category.value if outcome.category else None,
        "reasons": list(outcome.reasons),
        "service": wanted.name,
        "low_hz": low_hz,
        "high_hz": high_hz,
        "region": number,
        "country": iso2,
        "edition": table.edition.id,
    }


def edition_changes(old: AllocationTable, new: AllocationTable) -> dict[str, Any]:
    """What changed from one edition to another, band by band and footnote by footnote."""
    changes = diff_editions(old.edition, new.edition)
    return {
        "from": changes.old,
        "to": changes.new,
        "bands": [
            {
                "region": c.region,
                "low_hz": c.low_hz,
                "high_hz": c.high_hz,
                "added": list(c.added),
                "removed": list(c.removed),
            }
            for c in changes.bands
        ],
        "footnotes": [{"id": f.id, "change": f.change} for f in changes.footnotes],
    }


def footnotes_naming(table: AllocationTable, *, country: str) -> dict[str, Any]:
    """The footnotes of an edition that name a country, with the bands that cite them
    and the allocations they make there: the country's view of the Table."""
    iso2, region = _country(country)
    if iso2 is None or region is None:
        raise InvalidInput("country", "an ISO 3166 alpha-2 code is required")
    cited_in: dict[str, list[dict[str, Any]]] = {}
    for number in (1, 2, 3):
        for band in table.bands(number):
            for footnote_id in band.all_footnotes():
                cited_in.setdefault(footnote_id, []).append(
                    {"region": band.region, "low_hz": band.low_hz, "high_hz": band.high_hz}
                )
    footnotes = [
        {
            "id": note.id,
            "kind": note.kind.value,
            "text": note.text,
            "cited_in": cited_in.get(note.id, []),
            "allocations": [
                {
                    "low_hz": rule.low_hz,
                    "high_hz": rule.high_hz,
                    "services": [s.name for s in rule.services],
                    "category": rule.category.value,
                    "kind": rule.kind.value,
                }
                for rule in note.rules
                if iso2 in rule.countries
            ],
        }
        for note in table.footnotes.values()
        if iso2 in note.countries
    ]
    from openitu.spectrum.national import national_table

    national = national_table(iso2)
    return {
        "country": iso2,
        "region": region,
        "edition": table.edition.id,
        "footnotes": footnotes,
        "national_table": None
        if national is None
        else {
            "name": national.name,
            "edition": national.edition or None,
            "rows": len(national.rows),
        },
    }
