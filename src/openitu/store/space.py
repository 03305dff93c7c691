"""Space repository: networks, beams and filing steps <-> `openitu.space` dataclasses.

No authorization and no business refusal here (the use cases in
`openitu.usecases.space` decide); only "not found".
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from openitu.errors import NotFound
from openitu.space import coordination
from openitu.space.filings import Event, Step
from openitu.space.networks import BEAM_ROW, Network, parse_network
from openitu.store.rows import columns, found, from_row, rows_where
from openitu.store.tables.space import SpaceBeam, SpaceFilingEvent, SpaceNetwork

FILING = "filing"


def now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class NetworkSummary:
    id: int
    name: str
    administration: str | None
    orbit: str
    longitude_deg: float | None
    source: str
    status: str
    operator: str | None
    bands: tuple[tuple[float, float], ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {
            "network_id": self.id,
            "name": self.name,
            "administration": self.administration,
            "orbit": self.orbit,
            "longitude_deg": self.longitude_deg,
            "source": self.source,
            "status": self.status,
            "operator": self.operator,
            "bands": [{"low_hz": low, "high_hz": high} for low, high in self.bands],
        }


def add_network(
    session: Session, network: Network, *, status: str, submitted_by: str
) -> SpaceNetwork:
    row = SpaceNetwork(
        name=network.name,
        administration=network.administration,
        orbit=network.orbit,
        longitude_deg=network.longitude_deg,
        source=FILING,
        status=status,
        document=json.dumps(network.as_dict(), sort_keys=True),
        submitted_by=submitted_by,
        created_at=now(),
    )
    session.add(row)
    session.flush()
    for beam in network.beam_rows():
        session.add(SpaceBeam(network_id=row.id, **dict(zip(BEAM_ROW, beam, strict=True))))
    session.flush()
    return row


def get_row(session: Session, network_id: int) -> SpaceNetwork:
    return found(session.get(SpaceNetwork, network_id), f"no satellite network {network_id}")


def get_network(session: Session, network_id: int) -> tuple[SpaceNetwork, Network]:
    """A filed network and its document; catalogue entries have none (NotFound)."""
    row = get_row(session, network_id)
    if row.document is None:
        raise NotFound(f"{row.name} is a catalogue entry ({row.source}), not a filing")
    return row, parse_network(json.loads(row.document))


def set_status(session: Session, row: SpaceNetwork, status: str) -> None:
    row.status = status
    session.flush()


def add_event(session: Session, network_id: int, event: Event, *, recorded_by: str) -> None:
    session.add(
        SpaceFilingEvent(
            **columns(event, step=event.step.value),
            network_id=network_id,
            recorded_by=recorded_by,
            recorded_at=now(),
        )
    )
    session.flush()


def events_of(session: Session, network_id: int) -> list[Event]:
    rows = rows_where(
        session,
        SpaceFilingEvent,
        SpaceFilingEvent.date_of_receipt,
        SpaceFilingEvent.id,
        network_id=network_id,
    )
    return [from_row(Event, row, step=Step(row.step)) for row in rows]


def list_networks(
    session: Session,
    *,
    source: str | None = None,
    administration: str | None = None,
    orbit: str | None = None,
    limit: int = 5000,
) -> list[NetworkSummary]:
    query = select(SpaceNetwork).order_by(SpaceNetwork.longitude_deg, SpaceNetwork.id)
    if source is not None:
        query = query.where(SpaceNetwork.source == source)
    if administration is not None:
        query = query.where(SpaceNetwork.administration == administration)
    if orbit is not None:
        query = query.where(SpaceNetwork.orbit == orbit)
    rows = list(session.scalars(query.limit(limit)))
    bands: dict[int, list[tuple[float, float]]] = {}
    ids = [row.id for row in rows if row.source == FILING]
    if ids:
        for network_id, low, high in session.execute(
            select(SpaceBeam.network_id, SpaceBeam.low_hz, SpaceBeam.high_hz)
            .where(SpaceBeam.network_id.in_(ids))
            .distinct()
        ):
            bands.setdefault(network_id, []).append((low, high))
    return [
        from_row(NetworkSummary, row, bands=tuple(sorted(bands.get(row.id, [])))) for row in rows
    ]


def count_by_source(session: Session) -> dict[str, int]:
    return {
        source: count
        for source, count in session.execute(
            select(SpaceNetwork.source, func.count()).group_by(SpaceNetwork.source)
        )
    }


def beam_table(session: Session) -> coordination.BeamTable:
    """Every filed GSO network's beams as columns, in one query (withdrawn ones left out);
    the columns it selects are `coordination.ROW`'s, in order."""
    rows = session.execute(
        select(
            SpaceBeam.network_id,
            SpaceNetwork.administration,
            SpaceNetwork.name,
            SpaceNetwork.longitude_deg,
            *(getattr(SpaceBeam, name) for name in BEAM_ROW),
        )
        .join(SpaceNetwork, SpaceNetwork.id == SpaceBeam.network_id)
        .where(
            SpaceNetwork.source == FILING,
            SpaceNetwork.orbit == "gso",
            SpaceNetwork.status.not_in(("withdrawn", "lapsed")),
        )
        .order_by(SpaceBeam.network_id, SpaceBeam.id)
    ).all()
    return coordination.BeamTable.from_rows(rows)


def add_catalogue_satellite(
    session: Session,
    *,
    name: str,
    longitude_deg: float,
    source: str,
    operator: str,
    registry: str,
    catalogue_id: str,
) -> None:
    session.add(
        SpaceNetwork(
            name=name,
            administration=None,
            orbit="gso",
            longitude_deg=longitude_deg,
            source=source,
            status="catalogue",
            document=None,
            operator=operator,
            un_registry=registry,
            catalogue_id=catalogue_id,
            submitted_by=None,
            created_at=now(),
        )
    )


def catalogue_ids(session: Session, source: str) -> set[str]:
    return {
        value
        for value in session.scalars(
            select(SpaceNetwork.catalogue_id).where(SpaceNetwork.source == source)
        )
        if value is not None
    }
