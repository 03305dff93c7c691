"""Indicator figures: rows <-> `Observation`."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from openitu.indicators.catalogue import Observation
from openitu.store.tables.indicators import IndicatorValue


def _to_observation(row: IndicatorValue) -> Observation:
    return Observation(row.country, row.indicator, row.year, row.value, row.source)


def all_observations(session: Session) -> list[Observation]:
    rows = session.scalars(select(IndicatorValue).order_by(IndicatorValue.id))
    return [_to_observation(row) for row in rows]


def of_country(session: Session, country: str) -> list[Observation]:
    rows = session.scalars(
        select(IndicatorValue).where(IndicatorValue.country == country).order_by(IndicatorValue.id)
    )
    return [_to_observation(row) for row in rows]


def keys(session: Session, *, source: str) -> set[tuple[str, str, int]]:
    query = select(IndicatorValue.country, IndicatorValue.indicator, IndicatorValue.year)
    return {(c, i, y) for c, i, y in session.execute(query.where(IndicatorValue.source == source))}


def upsert(session: Session, observations: Iterable[Observation]) -> tuple[int, int]:
    """Store each figure, replacing the value of one with the same country, indicator,
    year and source; returns (added, replaced)."""
    observations = list(observations)
    existing: dict[tuple[str, str, int, str], IndicatorValue] = {}
    for source in {o.source for o in observations}:
        countries = {o.country for o in observations if o.source == source}
        rows = session.scalars(
            select(IndicatorValue).where(
                IndicatorValue.source == source, IndicatorValue.country.in_(countries)
            )
        )
        for found in rows:
            existing[(found.country, found.indicator, found.year, found.source)] = found
    added = replaced = 0
    for o in observations:
        row = existing.get((o.country, o.indicator, o.year, o.source))
        if row is None:
            session.add(IndicatorValue(country=o.country, indicator=o.indicator, year=o.year,
                                       value=o.value, source=o.source))  # fmt: skip
            added += 1
        elif row.value != o.value:
            row.value = o.value
            replaced += 1
    session.flush()
    return added, replaced
