"""Load the indicator seed (CIA World Factbook figures, data/indicators/factbook.json).

Idempotent: a figure is added only when no Factbook row has its country, indicator and
year; figures loaded from ITU files are left alone.
"""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy.orm import Session, sessionmaker

from openitu.indicators.catalogue import SOURCE_FACTBOOK, seed
from openitu.store import indicators as repository
from openitu.store import versions


def load(sessions: sessionmaker[Session]) -> Iterator[str]:
    observations = seed()
    with sessions() as session, session.begin():
        known = repository.keys(session, source=SOURCE_FACTBOOK)
        new = [o for o in observations if (o.country, o.indicator, o.year) not in known]
        if new:
            repository.upsert(session, new)
            versions.bump(session, "indicators")
    countries = len({o.country for o in observations})
    yield (
        f"indicators: {len(observations)} Factbook figures for {countries} countries "
        f"({len(new)} added)"
    )
