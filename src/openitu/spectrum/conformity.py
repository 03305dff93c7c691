"""Conformity of a frequency assignment with the Table (RR No. 11.31 examines it).

An assignment conforms when, over its whole band, the Table allocates its service
in its Region (or in its country, through a footnote that names that country):
- an allocation to the service or a broader one (a land mobile station conforms
  with an allocation to the mobile service, unless the mobile allocation excludes it);
- an additional allocation footnote (RR 5.35) adds services in the countries it names;
- an alternative allocation footnote (RR 5.36) replaces the Table's allocations there;
- a different-category footnote (RR 5.37) changes primary/secondary there.
The category of a conforming assignment is the lowest it has over its band.
"""

from __future__ import annotations

from dataclasses import dataclass

from openitu.errors import InvalidInput
from openitu.spectrum.model import Band, Category, FootnoteKind, FootnoteRule
from openitu.spectrum.services import Service
from openitu.spectrum.table import AllocationTable, check_region
from openitu.units import format_frequency


@dataclass(frozen=True)
class Conformity:
    conforms: bool
    category: Category | None
    reasons: tuple[str, ...]


def resolve_region(
    region: int | str | None, country_region: int | None, country: str | None
) -> int:
    """The Region to examine in: the one given, checked against the country's."""
    if region is None or region == "":
        if country_region is None:
            raise InvalidInput("region", "give a Region (1, 2 or 3) or a country")
        return country_region
    number = check_region(region)
    if country_region is not None and country_region != number:
        raise InvalidInput(
            "country", f"{country} is in Region {country_region}, not Region {number}"
        )
    return number


def _span(low_hz: float, high_hz: float) -> str:
    return f"{format_frequency(low_hz)}-{format_frequency(high_hz)}"


def _rules_in_country(
    table: AllocationTable, band: Band, country: str | None, low_hz: float, high_hz: float
) -> list[tuple[str, FootnoteRule]]:
    """Rules of the footnotes this band cites that apply in ``country`` over [low, high]."""
    found = []
    for footnote_id in band.all_footnotes():
        footnote = table.footnotes.get(footnote_id)
        if footnote is None:
            continue
        for rule in footnote.rules:
            named = not rule.countries or (country is not None and country in rule.countries)
            if named and rule.low_hz <= low_hz and high_hz <= rule.high_hz:
                found.append((footnote_id, rule))
    return found


def _band_category(
    table: AllocationTable,
    band: Band,
    service: Service,
    country: str | None,
    low_hz: float,
    high_hz: float,
) -> tuple[Category | None, list[str]]:
    where = f"{_span(band.low_hz, band.high_hz)} (Region {band.region})"
    rules = _rules_in_country(table, band, country, low_hz, high_hz)
    in_country = f" in {country}" if country else ""
    reasons: list[str] = []
    categories: list[Category] = []

    alternatives = [(f, r) for f, r in rules if r.kind is FootnoteKind.ALTERNATIVE]
    if alternatives:
        for footnote_id, rule in alternatives:
            reasons.append(
                f"{where}: alternative allocation{in_country} by No. {footnote_id} replaces "
                f"the Table's allocations"
            )
            if any(s.covers(service) for s in rule.services):
                categories.append(rule.category)
    else:
        for allocation in band.allocations:
            if allocation.service.covers(service):
                categories.append(allocation.category)
                reasons.append(
                    f"{where}: allocated to {allocation.service.name} on a "
                    f"{allocation.category.value} basis"
                )
    for footnote_id, rule in rules:
        if rule.kind is FootnoteKind.ADDITIONAL and any(s.covers(service) for s in rule.services):
            categories.append(rule.category)
            reasons.append(
                f"{where}: additional allocation{in_country} by No. {footnote_id} on a "
                f"{rule.category.value} basis"
            )
    changed = [
        (f, r)
        for f, r in rules
        if r.kind is FootnoteKind.DIFFERENT_CATEGORY and any(s.covers(service) for s in r.services)
    ]
    if categories and changed:
        footnote_id, rule = changed[0]
        reasons.append(
            f"{where}: different category of service{in_country} by No. {footnote_id}: "
            f"{rule.category.value}"
        )
        categories = [rule.category]
    if not categories:
        reasons.append(f"{where}: no allocation to the {service.name} service{in_country}")
        return None, reasons
    best = Category.PRIMARY if Category.PRIMARY in categories else Category.SECONDARY
    return best, reasons


def check_conformity(
    table: AllocationTable,
    *,
    service: Service,
    low_hz: float,
    high_hz: float,
    region: int,
    country: str | None = None,
) -> Conformity:
    """Whether an assignment of ``service`` over [low, high] conforms, and why."""
    bands = table.bands_between(low_hz, high_hz, region)
    reasons: list[str] = []
    categories: list[Category | None] = []
    for band in bands:
        portion_low = max(low_hz, band.low_hz)
        portion_high = min(high_hz, band.high_hz) if high_hz > low_hz else portion_low
        category, band_reasons = _band_category(
            table, band, service, country, portion_low, portion_high
        )
        categories.append(category)
        reasons += band_reasons
    if any(category is None for category in categories):
        return Conformity(False, None, tuple(reasons))
    overall = Category.SECONDARY if Category.SECONDARY in categories else Category.PRIMARY
    return Conformity(True, overall, tuple(reasons))
