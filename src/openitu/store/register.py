"""The terrestrial register's repository: rows <-> `openitu.register` dataclasses, and
the queries (search by administration, band, area, service, status, date; a circular's
events). No authorization and no business refusal here: those are the use cases'."""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any, Final

import numpy as np
import numpy.typing as npt
from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy.orm import Session

from openitu.register.assignment import Assignment, HistoryEntry
from openitu.register.circular import CircularEntry
from openitu.register.impact import RecordedBands
from openitu.register.notice import Notice, Site
from openitu.register.status import Event, Status
from openitu.register.technical import RecordedAssignments, great_circle_km
from openitu.register.terrain import EARTH_RADIUS_KM
from openitu.store.rows import found, from_row, rows_where
from openitu.store.tables.register import RegisterAssignment, RegisterCircular, RegisterEvent


def utc(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes: they were written in UTC."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


_SITE_COLUMNS: Final = {
    "tx": ("lat_deg", "lon_deg", "antenna_height_m", "eirp_dbw", "gain_dbi", "azimuth_deg",
           "polarization"),
    "rx": ("lat_deg", "lon_deg", "antenna_height_m", "gain_dbi"),
}  # fmt: skip
"""The fields of each end's `Site` that the row keeps, as columns ``<end>_<field>``."""

_NOTICE_COLUMNS: Final = (
    "administration", "reference", "service", "station_class", "frequency_hz",
    "necessary_bandwidth_hz", "low_hz", "high_hz", "emission", "date_of_bringing_into_use",
    "request_4_4",
)  # fmt: skip
"""The notice's values the row keeps in columns of the same names (for searching)."""


def _site(row: RegisterAssignment, end: str) -> Site:
    return Site(**{name: getattr(row, f"{end}_{name}") for name in _SITE_COLUMNS[end]})


def _notice(row: RegisterAssignment) -> Notice:
    has_rx = row.rx_lat_deg is not None and row.rx_lon_deg is not None
    data = json.loads(row.data)
    return from_row(
        Notice,
        row,
        tx=_site(row, "tx"),
        rx=_site(row, "rx") if has_rx else None,
        agreements=tuple(json.loads(row.agreements)),
        remarks=data.get("remarks", ""),
    )


def _assignment(row: RegisterAssignment) -> Assignment:
    return from_row(
        Assignment,
        row,
        notice=_notice(row),
        status=Status(row.status),
        received_at=utc(row.received_at),
        first_received_at=utc(row.first_received_at),
        finding=json.loads(row.finding) if row.finding else None,
        recorded_at=utc(row.recorded_at) if row.recorded_at else None,
    )


def _write_notice(row: RegisterAssignment, notice: Notice) -> None:
    for name in _NOTICE_COLUMNS:
        setattr(row, name, getattr(notice, name))
    for end, site in (("tx", notice.tx), ("rx", notice.rx)):
        for name in _SITE_COLUMNS[end]:
            setattr(row, f"{end}_{name}", None if site is None else getattr(site, name))
    row.agreements = json.dumps(list(notice.agreements))
    row.data = json.dumps(notice.as_dict(), sort_keys=True)


def _row(session: Session, assignment_id: int) -> RegisterAssignment:
    return found(session.get(RegisterAssignment, assignment_id), f"no notice {assignment_id}")


def get(session: Session, assignment_id: int) -> Assignment:
    return _assignment(_row(session, assignment_id))


def find_by_reference(session: Session, administration: str, reference: str) -> Assignment | None:
    row = session.scalars(
        select(RegisterAssignment).where(
            RegisterAssignment.administration == administration,
            RegisterAssignment.reference == reference,
        )
    ).one_or_none()
    return _assignment(row) if row else None


def last_receipt(session: Session) -> datetime | None:
    """The latest date of receipt ever given (every receipt is an event)."""
    latest = session.scalar(select(func.max(RegisterEvent.received_at)))
    if isinstance(latest, str):  # SQLite hands an aggregate back as its stored text
        latest = datetime.fromisoformat(latest)
    return utc(latest) if latest else None


def add(
    session: Session,
    notice: Notice,
    *,
    status: Status,
    received_at: datetime,
    content_hash: str,
    submitted_by: str,
) -> int:
    row = RegisterAssignment(
        status=status.value,
        version=1,
        content_hash=content_hash,
        received_at=received_at,
        first_received_at=received_at,
        submitted_by=submitted_by,
    )
    _write_notice(row, notice)
    session.add(row)
    session.flush()
    return row.id


def replace_notice(
    session: Session,
    assignment_id: int,
    notice: Notice,
    *,
    status: Status,
    received_at: datetime,
    content_hash: str,
    submitted_by: str,
) -> None:
    """A modification: the new data, its own date of receipt, the finding cleared."""
    row = _row(session, assignment_id)
    _write_notice(row, notice)
    row.status = status.value
    row.version += 1
    row.content_hash = content_hash
    row.received_at = received_at
    row.submitted_by = submitted_by
    row.finding = None
    row.recorded_under = None
    row.recorded_at = None
    session.flush()


def set_state(
    session: Session,
    assignment_id: int,
    *,
    status: Status,
    finding: dict[str, Any] | None = None,
    recorded_under: str | None = None,
    recorded_at: datetime | None = None,
) -> None:
    row = _row(session, assignment_id)
    row.status = status.value
    if finding is not None:
        row.finding = json.dumps(finding, sort_keys=True)
    if recorded_under is not None:
        row.recorded_under = recorded_under
        row.recorded_at = recorded_at
    session.flush()


def set_agreements(session: Session, assignment_id: int, agreements: tuple[str, ...]) -> None:
    row = _row(session, assignment_id)
    row.agreements = json.dumps(list(agreements))
    data = json.loads(row.data)
    data["agreements"] = list(agreements)
    row.data = json.dumps(data, sort_keys=True)
    session.flush()


def append_event(
    session: Session,
    assignment_id: int,
    *,
    event: Event,
    status: Status,
    at: datetime,
    actor: str,
    detail: dict[str, Any],
    received_at: datetime | None = None,
) -> None:
    session.add(
        RegisterEvent(
            assignment_id=assignment_id,
            event=event.value,
            status=status.value,
            at=at,
            received_at=received_at,
            actor=actor,
            detail=json.dumps(detail, sort_keys=True),
        )
    )
    session.flush()


def history(session: Session, assignment_id: int) -> list[HistoryEntry]:
    _row(session, assignment_id)
    rows = rows_where(session, RegisterEvent, RegisterEvent.id, assignment_id=assignment_id)
    return [
        HistoryEntry(
            event=Event(row.event),
            status=Status(row.status),
            at=utc(row.at),
            actor=row.actor,
            received_at=utc(row.received_at) if row.received_at else None,
            detail=json.loads(row.detail),
        )
        for row in rows
    ]


# --- search --------------------------------------------------------------------------


@dataclass(frozen=True)
class Search:
    administration: str | None = None
    low_hz: float | None = None
    high_hz: float | None = None
    near: tuple[float, float] | None = None
    radius_km: float | None = None
    service: str | None = None
    status: Status | None = None
    received_from: date | None = None
    received_to: date | None = None
    limit: int = 100
    offset: int = 0


def _box(lat: float, lon: float, radius_km: float) -> tuple[float, float, float, float]:
    """A latitude/longitude box holding the circle (the pre-filter; the exact distance
    decides): the circle's latitude band, and its tangent longitudes, infinite where the
    circle reaches a pole. (dlat / cos(lat) fell short of the tangent longitude by about
    0.5 % at 1,000 km, leaving out points inside the circle near the box's sides.)"""
    reach = radius_km / EARTH_RADIUS_KM
    dlat = math.degrees(reach)
    cos_lat = math.cos(math.radians(lat))
    if reach >= math.pi / 2 or math.sin(reach) >= cos_lat:
        return lat - dlat, lat + dlat, -math.inf, math.inf
    dlon = math.degrees(math.asin(math.sin(reach) / cos_lat))
    return lat - dlat, lat + dlat, lon - dlon, lon + dlon


def _in_box(lat: Any, lon: Any, box: tuple[float, float, float, float]) -> Any:
    """The condition that a row's (lat, lon) columns fall in ``box``; latitude alone where
    the box reaches a pole or crosses the antimeridian."""
    south, north, west, east = box
    if west >= -180.0 and east <= 180.0:
        return and_(lat.between(south, north), lon.between(west, east))
    return lat.between(south, north)


def _filtered(query: Search) -> Select[RegisterAssignment]:
    table = RegisterAssignment
    statement = select(table)
    if query.administration:
        statement = statement.where(table.administration == query.administration)
    # Overlap of [low, high] with each assignment's occupied band.
    if query.high_hz is not None:
        statement = statement.where(table.low_hz <= query.high_hz)
    if query.low_hz is not None:
        statement = statement.where(table.high_hz >= query.low_hz)
    if query.service:
        statement = statement.where(table.service == query.service)
    if query.status is not None:
        statement = statement.where(table.status == query.status.value)
    if query.received_from is not None:
        start = datetime.combine(query.received_from, time.min, tzinfo=UTC)
        statement = statement.where(table.received_at >= start)
    if query.received_to is not None:
        end = datetime.combine(query.received_to, time.max, tzinfo=UTC)
        statement = statement.where(table.received_at <= end)
    if query.near is not None and query.radius_km is not None:
        box = _box(*query.near, query.radius_km)
        statement = statement.where(_in_box(table.tx_lat_deg, table.tx_lon_deg, box))
    return statement.order_by(table.received_at, table.id)


def search(session: Session, query: Search) -> list[Assignment]:
    statement = _filtered(query)
    if query.near is None:
        rows = session.scalars(statement.limit(query.limit).offset(query.offset)).all()
        return [_assignment(row) for row in rows]
    # The box is only a pre-filter: the exact distance decides, then the page is cut.
    lat, lon = query.near
    radius = query.radius_km if query.radius_km is not None else math.inf
    rows = session.scalars(statement).all()
    d_km = great_circle_km(lat, lon, [r.tx_lat_deg for r in rows], [r.tx_lon_deg for r in rows])
    inside = [row for row, d in zip(rows, d_km, strict=True) if d <= radius]
    return [_assignment(row) for row in inside[query.offset : query.offset + query.limit]]


# --- circulars -----------------------------------------------------------------------


@dataclass(frozen=True)
class Circular:
    number: int
    period_start: datetime | None
    period_end: datetime
    published_at: datetime
    published_by: str
    parts: dict[str, list[dict[str, Any]]]


def _circular(row: RegisterCircular) -> Circular:
    return Circular(
        number=row.number,
        period_start=utc(row.period_start) if row.period_start else None,
        period_end=utc(row.period_end),
        published_at=utc(row.published_at),
        published_by=row.published_by,
        parts=json.loads(row.parts),
    )


def last_circular(session: Session) -> Circular | None:
    row = session.scalars(
        select(RegisterCircular).order_by(RegisterCircular.number.desc()).limit(1)
    ).first()
    return _circular(row) if row else None


def get_circular(session: Session, number: int) -> Circular:
    row = found(session.get(RegisterCircular, number), f"no circular {number}")
    return _circular(row)


def list_circulars(session: Session) -> list[Circular]:
    rows = session.scalars(select(RegisterCircular).order_by(RegisterCircular.number)).all()
    return [_circular(row) for row in rows]


def add_circular(
    session: Session,
    *,
    number: int,
    period_start: datetime | None,
    period_end: datetime,
    published_at: datetime,
    published_by: str,
    parts: dict[str, list[dict[str, Any]]],
) -> None:
    session.add(
        RegisterCircular(
            number=number,
            period_start=period_start,
            period_end=period_end,
            published_at=published_at,
            published_by=published_by,
            parts=json.dumps(parts),
        )
    )
    session.flush()


def events_between(
    session: Session, start: datetime | None, end: datetime, events: tuple[Event, ...]
) -> list[CircularEntry]:
    """The events of a period (start excluded, end included) with their assignments."""
    condition = [RegisterEvent.at <= end, RegisterEvent.event.in_([e.value for e in events])]
    if start is not None:
        condition.append(RegisterEvent.at > start)
    rows = session.execute(
        select(RegisterEvent, RegisterAssignment)
        .join(RegisterAssignment, RegisterAssignment.id == RegisterEvent.assignment_id)
        .where(*condition)
        .order_by(RegisterEvent.at, RegisterEvent.id)
    ).all()
    entries = []
    for event_row, assignment in rows:
        detail = json.loads(event_row.detail)
        notice = detail.get("notice") or {}
        entries.append(
            CircularEntry(
                event=Event(event_row.event),
                at=utc(event_row.at),
                notice_id=assignment.id,
                administration=assignment.administration,
                reference=assignment.reference,
                # The data as notified at that event (a later modification may differ).
                service=notice.get("service", assignment.service),
                station_class=notice.get("station_class", assignment.station_class),
                frequency_hz=float(notice.get("frequency_hz", assignment.frequency_hz)),
                date_of_receipt=utc(event_row.received_at) if event_row.received_at else None,
                detail=detail,
            )
        )
    return entries


# --- the technical examination's view of the register --------------------------------


@dataclass(frozen=True)
class RecordedColumns:
    """The recorded assignments near a band, as columns (no object per row)."""

    assignments: RecordedAssignments
    lacking_height: int
    """Recorded assignments left out: no transmitting antenna height was notified."""
    under_4_4: int
    """Recorded assignments left out: recorded under No. 4.4, they claim no protection."""


def _around(sites: Sequence[tuple[float, float]], within_km: float) -> tuple[Any, ...]:
    """Conditions that hold for every row whose transmitter or receiver lies within
    ``within_km`` (great circle) of one of ``sites``: the box holding every site's box."""
    if not sites or not math.isfinite(within_km):
        return ()
    boxes = [_box(lat, lon, within_km) for lat, lon in sites]
    union = (
        min(b[0] for b in boxes), max(b[1] for b in boxes),
        min(b[2] for b in boxes), max(b[3] for b in boxes),
    )  # fmt: skip
    table = RegisterAssignment
    return (
        or_(
            _in_box(table.tx_lat_deg, table.tx_lon_deg, union),
            _in_box(table.rx_lat_deg, table.rx_lon_deg, union),
        ),
    )


def recorded_near_band(
    session: Session,
    *,
    low_hz: float,
    high_hz: float,
    pad_factor: float,
    sites: Sequence[tuple[float, float]] = (),
    reach_km: Callable[[float, float], float] | None = None,
) -> RecordedColumns:
    """Recorded assignments whose band comes within ``pad_factor`` times the wider of the
    two necessary bandwidths of [low, high] (the engine's frequency test, applied here so
    that only those rows leave the database).

    The index on (low_hz, high_hz) is read over a window bounded on both sides: a row's
    band is at most the widest recorded bandwidth W wide, so a kept row has
    ``low - pad - W <= low_hz <= high + pad`` with ``pad = pad_factor * max(W, high - low)``;
    the exact test then runs in SQL on that window only.

    With ``sites`` (latitude, longitude) and ``reach_km`` (the farthest distance [km] at
    which a victim with a frequency in [a, b] is looked for: the rule is the caller's),
    only rows whose transmitter or receiver may lie within ``reach_km`` of the frequency
    window read of a site are read (a box that holds the circles: a superset, the engine
    measures the distances)."""
    table = RegisterAssignment
    recorded = table.status == Status.RECORDED.value
    widest = session.scalar(select(func.max(table.necessary_bandwidth_hz)).where(recorded))
    if widest is None:
        return RecordedColumns(RecordedAssignments.from_stations([]), 0, 0)
    width = high_hz - low_hz
    pad = pad_factor * max(float(widest), width)
    own_pad = pad_factor * width
    window_low, window_high = low_hz - pad - float(widest), high_hz + pad + float(widest)
    rows = session.execute(
        select(
            table.id, table.administration, table.service, table.station_class,
            table.frequency_hz, table.necessary_bandwidth_hz, table.tx_lat_deg,
            table.tx_lon_deg, table.tx_antenna_height_m, table.tx_eirp_dbw, table.tx_gain_dbi,
            table.tx_azimuth_deg, table.tx_polarization, table.rx_lat_deg, table.rx_lon_deg,
            table.rx_antenna_height_m, table.rx_gain_dbi, table.received_at,
            table.recorded_under,
        ).where(
            recorded,
            table.low_hz.between(window_low, high_hz + pad),
            table.high_hz >= low_hz - pad,
            # gap < pad_factor x the wider bandwidth: the wider is either one's
            or_(
                table.low_hz <= high_hz + own_pad,
                table.low_hz <= high_hz + pad_factor * table.necessary_bandwidth_hz,
            ),
            or_(
                table.high_hz >= low_hz - own_pad,
                table.high_hz >= low_hz - pad_factor * table.necessary_bandwidth_hz,
            ),
            *_around(sites, math.inf if reach_km is None else reach_km(window_low, window_high)),
        )
    ).all()  # fmt: skip
    if not rows:
        return RecordedColumns(RecordedAssignments.from_stations([]), 0, 0)
    (
        ids, administration, service, station_class, frequency, bandwidth, tx_lat, tx_lon,
        tx_height, eirp, tx_gain, azimuth, polarization, rx_lat, rx_lon, rx_height, rx_gain,
        received_at, recorded_under,
    ) = zip(*rows, strict=True)  # fmt: skip

    def floats(values: tuple[float | None, ...]) -> npt.NDArray[np.float64]:
        return np.array(values, dtype=np.float64)  # None -> NaN

    under_4_4 = np.array(recorded_under, dtype=object) == "No. 4.4"
    heights, powers = floats(tx_height), floats(eirp)
    kept = ~under_4_4 & ~np.isnan(heights) & ~np.isnan(powers)

    def codes(values: tuple[str | None, ...]) -> tuple[npt.NDArray[np.intp], list[str]]:
        labels, index = np.unique(np.array(values, dtype=str)[kept], return_inverse=True)
        return index, [str(label) for label in labels] or [""]

    def column(values: tuple[float | None, ...]) -> npt.NDArray[np.float64]:
        selected: npt.NDArray[np.float64] = floats(values)[kept]
        return selected

    administration_code, administrations = codes(administration)
    service_code, services = codes(service)
    class_code, classes = codes(station_class)
    polarization_code, polarizations = codes(
        tuple((value or "v").lower() for value in polarization)
    )
    receipt_s = np.array([utc(moment).timestamp() for moment in received_at])[kept]
    assignments = RecordedAssignments.from_arrays(
        assignment_id=np.array(ids, dtype=np.int64)[kept],
        administration_code=administration_code, administrations=administrations,
        service_code=service_code, services=services,
        station_class_code=class_code, station_classes=classes,
        polarization_code=polarization_code, polarizations=polarizations,
        frequency_hz=column(frequency), bandwidth_hz=column(bandwidth),
        tx_lat_deg=column(tx_lat), tx_lon_deg=column(tx_lon),
        tx_antenna_height_m=heights[kept], eirp_dbw=powers[kept],
        tx_gain_dbi=np.nan_to_num(column(tx_gain), nan=0.0),
        azimuth_deg=column(azimuth), rx_lat_deg=column(rx_lat),
        rx_lon_deg=column(rx_lon), rx_antenna_height_m=column(rx_height),
        rx_gain_dbi=column(rx_gain),
        date_of_receipt=(receipt_s * 1e6).round().astype("int64").astype("datetime64[us]"),
    )  # fmt: skip
    lacking = int(np.count_nonzero(~kept & ~under_4_4))
    return RecordedColumns(assignments, lacking, int(np.count_nonzero(under_4_4)))


# --- the recorded assignments' bands (a Table amendment's impact) --------------------


MAX_RANGES: Final = 200
"""More frequency ranges than this are read as the one range holding them all (a long OR
costs the database more than the extra rows)."""


def recorded_bands(
    session: Session, *, ranges: Sequence[tuple[float, float]] | None = None
) -> RecordedBands:
    """The recorded assignments (not received, returned, withdrawn or suppressed) as
    columns; with ``ranges`` ([low, high] in Hz), only those whose band overlaps one of
    them, edges touching included.

    A row's band is at most the widest recorded bandwidth W wide, so an overlapping row
    has ``low - W <= low_hz <= high``: each range reads a window of the index on
    (low_hz, high_hz) bounded on both sides, not every row below its top."""
    table = RegisterAssignment
    recorded = table.status == Status.RECORDED.value
    # With ranges the status is tested on the rows read, not in SQL: SQLite would
    # otherwise scan the status index (every recorded row) instead of the band windows.
    conditions: list[Any] = [] if ranges else [recorded]
    if ranges:
        if len(ranges) > MAX_RANGES:
            ranges = [(min(low for low, _ in ranges), max(high for _, high in ranges))]
        widest = session.scalar(select(func.max(table.necessary_bandwidth_hz)).where(recorded))
        if widest is None:
            ranges = []
        else:
            reach = float(widest) * (1 + 1e-9) + 1.0  # high_hz - low_hz may round above W
            conditions.append(
                or_(*(
                    and_(table.low_hz.between(low - reach, high), table.high_hz >= low)
                    for low, high in ranges
                ))
            )  # fmt: skip
    statement = select(
        table.id, table.administration, table.reference, table.service, table.low_hz,
        table.high_hz, table.status,
    ).where(*conditions)  # fmt: skip
    rows = [] if ranges is not None and not ranges else session.execute(statement).all()
    rows = [row for row in rows if row[-1] == Status.RECORDED.value]
    ids, administration, reference, service, low, high, _ = (
        zip(*rows, strict=True) if rows else ((),) * 7
    )
    return RecordedBands(
        assignment_id=np.array(ids, dtype=np.int64),
        administration=np.array(administration, dtype=np.str_),
        reference=np.array(reference, dtype=np.str_),
        service=np.array(service, dtype=np.str_),
        low_hz=np.array(low, dtype=np.float64),
        high_hz=np.array(high, dtype=np.float64),
    )
