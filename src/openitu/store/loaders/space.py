"""Load the geostationary satellites of the UCS Satellite Database (May 2023) as the
initial picture of the arc: public catalogue data, labelled ``ucs-2023``, never taken
for recorded filings (they have no beams and no filing steps).

Idempotent: a satellite is added only if no row of that source has its NORAD number.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from importlib import resources

from sqlalchemy.orm import Session, sessionmaker

from openitu.store import space as repository
from openitu.store import versions

SOURCE = "ucs-2023"


def _rows() -> list[dict[str, str]]:
    text = (
        resources.files("openitu.data")
        .joinpath("space/ucs_geo_satellites.tsv")
        .read_text(encoding="utf-8")
    )
    return list(csv.DictReader(text.splitlines(), delimiter="\t"))


def _longitude(text: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    # The catalogue writes a few positions as 0-360° east: bring them to (-180°, 180°].
    return value - 360.0 if value > 180.0 else value


def load(sessions: sessionmaker[Session]) -> Iterator[str]:
    rows = _rows()
    with sessions() as session, session.begin():
        known = repository.catalogue_ids(session, SOURCE)
        added = skipped = 0
        for row in rows:
            longitude = _longitude(row["longitude_deg"])
            key = row["norad"] or row["name"]
            if longitude is None:
                skipped += 1
                continue
            if key in known:
                continue
            repository.add_catalogue_satellite(
                session,
                name=row["name"],
                longitude_deg=longitude,
                source=SOURCE,
                operator=row["operator"],
                registry=row["un_registry"],
                catalogue_id=key,
            )
            known.add(key)
            added += 1
        if added:
            versions.bump(session, "space")
    yield (
        f"space: {len(rows)} GSO satellites in the UCS catalogue "
        f"({added} added, {skipped} without a longitude)"
    )
