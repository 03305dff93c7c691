"""The terrestrial register's use cases (RR Article 11): notify, examine, record or
return, withdraw, record coordination agreements and refusals, publish the circular; and
the reads.

Each writing use case starts with `write.begin(..., area="register")`: its first
statement bumps the register's version, which orders the register's writers (a row lock
on PostgreSQL, the write lock on SQLite). Dates of receipt are given under that lock, so
they are strictly increasing and unique even when many clients notify at once (a unique
constraint on ``register_events.received_at`` backs this up). Use cases never commit.

The examination calls two steps that the engineering modules answer: `technical_step`
(the probability of harmful interference with assignments recorded earlier,
`register.technical`) and `coordination_step` (the administrations whose territory gets
a field strength above the trigger, `register.coordination`). A notice lacking what the
engine needs (antenna height, e.i.r.p.) gets both parts marked "not examined", with the
item it lacks; the finding never claims what was not computed.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from openitu.accounts.rights import Principal, authorize
from openitu.errors import Conflict, InvalidInput, NotFound, OpenITUError, RowError
from openitu.geo.countries import country as find_country
from openitu.governance.members import Action, check_administration
from openitu.register import circular as circulars
from openitu.register.assignment import Assignment
from openitu.register.contour import contour_and_needs
from openitu.register.coordination import coordination_required
from openitu.register.examination import (
    Affected,
    CoordinationNeed,
    CoordinationPart,
    Decision,
    TechnicalPart,
    decide,
    examine_regulatory,
    may_record,
    may_return,
    recording_note,
)
from openitu.register.fcc_uls import ADMINISTRATION as ULS_ADMINISTRATION
from openitu.register.fcc_uls import UlsImport
from openitu.register.impact import (
    changed_spans,
    conformity_changes,
    frequency_ranges,
)
from openitu.register.notice import parse_notice
from openitu.register.refusal import check_refusal, refusals
from openitu.register.status import FINAL, Event, Status, after, parse_status
from openitu.register.technical import DEFAULT_CRITERIA, Station, find_affected, station_from_notice
from openitu.register.terrain import GeoTiffTerrain, P1511Terrain, TerrainSource
from openitu.spectrum.amendments import amendments_from_list, apply_amendments
from openitu.spectrum.conformity import Conformity
from openitu.spectrum.services import parse_service
from openitu.spectrum.table import AllocationTable
from openitu.store import register as store
from openitu.store import spectrum as spectrum_store
from openitu.units import format_frequency, parse_frequency_hz
from openitu.usecases.write import Write, begin

AREA = "register"
ENTITY = "register_assignment"
TICK = timedelta(microseconds=1)
"""The smallest step between two dates of receipt (what both databases store)."""

TableOn = Callable[[date], AllocationTable]
"""The Table of Frequency Allocations in force on a day (the service passes its cache)."""


def _now() -> datetime:
    return datetime.now(UTC)


def table_in_force(session: Session) -> TableOn:
    """The Table in force on a day, read from the database (no cache: the CLI's way)."""

    def table_on(day: date) -> AllocationTable:
        edition = spectrum_store.edition_in_force(session, day)
        return AllocationTable(spectrum_store.get_edition(session, edition))

    return table_on


# --- notify --------------------------------------------------------------------------


@dataclass(frozen=True)
class Accepted:
    row: int
    notice_id: int
    reference: str
    administration: str
    date_of_receipt: datetime
    status: Status
    outcome: str
    """``new``, ``modified``, ``renotified`` or ``unchanged`` (idempotent repeat)."""

    def as_dict(self) -> dict[str, Any]:
        return asdict(self) | {
            "date_of_receipt": self.date_of_receipt.isoformat(),
            "status": self.status.value,
        }


@dataclass
class NotifyOutcome:
    accepted: list[Accepted] = field(default_factory=list)
    rejected: list[RowError] = field(default_factory=list)
    errors: list[OpenITUError] = field(default_factory=list)
    """The error behind each rejected row, in the same order."""

    def as_dict(self) -> dict[str, Any]:
        return {
            "accepted": [a.as_dict() for a in self.accepted],
            "rejected": [r.as_dict() for r in self.rejected],
        }


class _Receipts:
    """Dates of receipt for one transaction: after every one given before, one tick apart
    at least. Read once, under the register's lock, then kept here."""

    def __init__(self, session: Session) -> None:
        self.last = store.last_receipt(session)

    def next(self) -> datetime:
        now = _now()
        given = now if self.last is None or now > self.last else self.last + TICK
        self.last = given
        return given


def _notify_one(
    write: Write, receipts: _Receipts, principal: Principal, raw: Any, row: int
) -> Accepted:
    session = write.session
    notice = parse_notice(raw, on=_now().date())
    write.authorize_for(notice.administration)
    digest = notice.content_hash()
    existing = store.find_by_reference(session, notice.administration, notice.reference)
    if existing is not None and existing.content_hash == digest and existing.status not in FINAL:
        return Accepted(row, existing.id, notice.reference, notice.administration,
                        existing.received_at, existing.status, "unchanged")  # fmt: skip
    received_at = receipts.next()
    if existing is None:
        status = after(Event.NOTIFIED, None)
        notice_id = store.add(session, notice, status=status, received_at=received_at,
                              content_hash=digest, submitted_by=principal.actor)  # fmt: skip
        event, outcome, version = Event.NOTIFIED, "new", 1
    else:
        event = Event.NOTIFIED if existing.status in FINAL else Event.MODIFIED
        if event is Event.MODIFIED:
            authorize(principal, "notices.modify", administration=notice.administration)
        status = after(event, existing.status)
        notice_id = existing.id
        store.replace_notice(session, notice_id, notice, status=status, received_at=received_at,
                             content_hash=digest, submitted_by=principal.actor)  # fmt: skip
        outcome = "modified" if event is Event.MODIFIED else "renotified"
        version = existing.version + 1
    store.append_event(
        session, notice_id, event=event, status=status, at=received_at, actor=principal.actor,
        received_at=received_at,
        detail={"notice": notice.as_dict(), "content_hash": digest, "version": version},
    )  # fmt: skip
    write.audit(
        f"register.notice.{event.value}",
        entity=ENTITY,
        entity_id=notice_id,
        payload={"administration": notice.administration, "reference": notice.reference,
                 "content_hash": digest, "date_of_receipt": received_at.isoformat()},
    )  # fmt: skip
    return Accepted(row, notice_id, notice.reference, notice.administration, received_at,
                    status, outcome)  # fmt: skip


def notify(
    session: Session,
    *,
    principal: Principal,
    notices: Sequence[Any],
    first_row: int = 1,
    progress: Callable[[int], None] | None = None,
) -> NotifyOutcome:
    """Notify notices (raw documents in the file's order, or the `InvalidInput` a row
    could not be read with): each accepted one gets its
    date of receipt; a bad one is reported with its row, field and reason and the rest go
    on. Each notice is written in a savepoint of its own, so a refused one leaves
    nothing behind. ``first_row`` numbers the first notice (rows count from 1)."""
    write = begin(session, principal=principal, right="notices.submit", area=AREA)
    receipts = _Receipts(session)
    outcome = NotifyOutcome()
    for index, raw in enumerate(notices):
        row = first_row + index
        last = receipts.last
        try:
            if isinstance(raw, InvalidInput):
                raise raw  # a row its file could not even be read as (a CSV row too long)
            with session.begin_nested():
                outcome.accepted.append(_notify_one(write, receipts, principal, raw, row))
        except OpenITUError as exc:
            receipts.last = last  # the refused notice's date was never written
            if isinstance(exc, InvalidInput):
                field_name, reason = exc.field, exc.reason
            else:  # Forbidden: another administration's; Conflict: a step its status refuses
                field_name = "reference" if isinstance(exc, Conflict) else "administration"
                reason = exc.detail
            outcome.rejected.append(RowError(row, field_name, reason))
            outcome.errors.append(exc)
        if progress is not None:
            progress(index + 1)
    return outcome


def notify_one(session: Session, *, principal: Principal, notice: Any) -> Accepted:
    """One notice: accepted, or its error raised (422 naming the field, 403, 409)."""
    outcome = notify(session, principal=principal, notices=[notice])
    if outcome.errors:
        raise outcome.errors[0]
    return outcome.accepted[0]


# --- examination ---------------------------------------------------------------------


def _station(assignment: Assignment) -> Station:
    """The engine's view of a notice (`InvalidInput` naming an item it lacks)."""
    return station_from_notice(
        assignment.notice.as_dict(),
        assignment_id=assignment.id,
        date_of_receipt=assignment.received_at,
    )


def terrain_for(tiles: str) -> TerrainSource:
    """The path profiles' terrain: GeoTIFF tiles matching the glob ``tiles`` (the
    setting ``register_terrain_tiles``; P.1511 where no tile has data), or the P.1511-2
    topography alone when it is empty."""
    if not tiles.strip():
        return P1511Terrain()
    paths = sorted(glob.glob(os.path.expanduser(tiles.strip())))
    if not paths:
        raise InvalidInput("register_terrain_tiles", f"no file matches {tiles!r}")
    return GeoTiffTerrain(paths)


def recorded_near(session: Session, candidate: Station) -> store.RecordedColumns:
    """The recorded assignments the technical examination weighs against ``candidate``:
    every one near its band, of any family, within the criteria's farthest look of its
    sites (`store.register.recorded_near_band`; the engine then applies the exact tests)."""
    half = candidate.bandwidth_hz / 2
    return store.recorded_near_band(
        session, low_hz=candidate.frequency_hz - half, high_hz=candidate.frequency_hz + half,
        pad_factor=DEFAULT_CRITERIA.adjacent_channel_bandwidths, sites=candidate.sites,
        reach_km=DEFAULT_CRITERIA.farthest_look_km,
    )  # fmt: skip


def technical_step(
    session: Session, assignment: Assignment, terrain: TerrainSource | None = None
) -> TechnicalPart:
    """The technical examination (No. 11.32, 11.32A): the probability of harmful
    interference, in both directions, with the assignments recorded with earlier dates
    (`openitu.register.technical.find_affected`: pruned by frequency and distance, then
    P.452-18 on the terrain's path profiles for fixed links, P.1546-6 for broadcasting
    and mobile). ``terrain``: default the P.1511-2 topography."""
    try:
        candidate = _station(assignment)
    except InvalidInput as exc:
        return TechnicalPart.not_examined(f"the notice lacks {exc.field} ({exc.reason})")
    recorded = recorded_near(session, candidate)
    ground = terrain if terrain is not None else P1511Terrain()
    result = find_affected(candidate, recorded.assignments, terrain=ground)
    affected = tuple(
        Affected(
            assignment_id=int(hit.assignment_id) if hit.assignment_id is not None else 0,
            administration=hit.administration,
            frequency_hz=hit.frequency_hz,
            margin_db=round(hit.margin_db, 2),
            direction=hit.direction,
            distance_km=round(hit.distance_km, 2),
            criterion=hit.criterion,
            model=hit.model,
        )
        for hit in result.affected
    )
    left_out = []
    if recorded.under_4_4:
        left_out.append(f"{recorded.under_4_4} recorded under No. 4.4 (no protection)")
    if recorded.lacking_height:
        left_out.append(f"{recorded.lacking_height} without a notified antenna height")
    note = (
        f"{result.total} recorded assignment(s) with earlier dates near the band, "
        f"{result.considered} within reach after pruning (pruning ratio "
        f"{result.pruning_ratio:.3f}), {result.pairs_evaluated} path(s) computed, "
        f"model {result.model}, terrain {type(ground).__name__}"
        + (f"; left out: {', '.join(left_out)}" if left_out else "")
    )
    return TechnicalPart(examined=True, affected=affected, note=note)


def coordination_step(session: Session, assignment: Assignment) -> CoordinationPart:
    """The administrations to coordinate with: those whose territory receives the
    trigger field strength or more from the station
    (`openitu.register.coordination.coordination_required`); the agreements already
    obtained are reported either way."""
    del session
    agreed = assignment.notice.agreements
    try:
        candidate = _station(assignment)
        needs = coordination_required(
            candidate, own_administration=assignment.notice.administration
        )
    except InvalidInput as exc:
        return CoordinationPart(
            examined=False, agreed_with=agreed,
            note=f"not examined: {exc.field}: {exc.reason}",
        )  # fmt: skip
    found = tuple(
        CoordinationNeed(
            administration=need.administration,
            field_strength_dbuv_m=round(need.field_strength_dbuv_m, 2),
            trigger_dbuv_m=round(need.trigger_dbuv_m, 2),
            distance_km=round(need.distance_km, 1),
            basis=need.basis,
        )
        for need in needs
    )
    return CoordinationPart(
        examined=True,
        required_with=tuple(sorted({need.administration for need in found})),
        agreed_with=agreed,
        needs=found,
        note="field strength at the other administrations' borders against the trigger",
    )


def examine(
    session: Session,
    *,
    principal: Principal,
    notice_id: int,
    table_on: TableOn | None = None,
    terrain: TerrainSource | None = None,
) -> dict[str, Any]:
    """Examine a received notice: completeness, No. 11.31 against the Table in force on
    its date of receipt, and the technical and coordination steps; store the finding.
    ``terrain``: the path profiles' source (`terrain_for`; default P.1511-2)."""
    write = begin(session, principal=principal, right="examinations.run", area=AREA)
    assignment = store.get(session, notice_id)
    status = after(Event.EXAMINED, assignment.status)
    day = assignment.received_at.date()
    table = (table_on or table_in_force(session))(day)
    region = find_country(assignment.notice.administration).itu_region
    finding = decide(
        assignment.notice,
        date_of_receipt=day,
        regulatory=examine_regulatory(assignment.notice, table, region=region),
        technical=technical_step(session, assignment, terrain),
        coordination=coordination_step(session, assignment),
    )
    document = finding.as_dict()
    at = _now()
    store.set_state(session, notice_id, status=status, finding=document)
    store.append_event(session, notice_id, event=Event.EXAMINED, status=status, at=at,
                       actor=principal.actor, detail=document)  # fmt: skip
    write.audit(
        "register.notice.examined",
        entity=ENTITY,
        entity_id=notice_id,
        payload={"finding": finding.result.value, "edition": table.edition.id,
                 "recordable_under": finding.recordable_under},
    )  # fmt: skip
    return {"notice_id": notice_id, **document}


def record(session: Session, *, principal: Principal, notice_id: int) -> dict[str, Any]:
    """Enter an examined notice in the Master Register: with its favourable finding, or
    under No. 4.4 when it fails only the Table and its administration asked for that."""
    write = begin(session, principal=principal, right="findings.record", area=AREA)
    assignment = store.get(session, notice_id)
    status = after(Event.RECORDED, assignment.status)
    assert assignment.finding is not None  # an examined notice has one
    provision = may_record(Decision.of(assignment.finding))
    at = _now()
    store.set_state(session, notice_id, status=status, recorded_under=provision, recorded_at=at)
    detail = {"recorded_under": provision, "note": recording_note(provision),
              "finding": assignment.finding["finding"]}  # fmt: skip
    store.append_event(session, notice_id, event=Event.RECORDED, status=status, at=at,
                       actor=principal.actor, detail=detail)  # fmt: skip
    write.audit("register.notice.recorded", entity=ENTITY, entity_id=notice_id, payload=detail)
    return show(session, notice_id=notice_id)


def return_notice(session: Session, *, principal: Principal, notice_id: int) -> dict[str, Any]:
    """Return an examined notice to its administration with its unfavourable finding."""
    write = begin(session, principal=principal, right="findings.record", area=AREA)
    assignment = store.get(session, notice_id)
    status = after(Event.RETURNED, assignment.status)
    assert assignment.finding is not None
    may_return(Decision.of(assignment.finding))
    detail = {"finding": assignment.finding["finding"],
              "reasons": assignment.finding.get("reasons", [])}  # fmt: skip
    store.set_state(session, notice_id, status=status)
    store.append_event(session, notice_id, event=Event.RETURNED, status=status, at=_now(),
                       actor=principal.actor, detail=detail)  # fmt: skip
    write.audit("register.notice.returned", entity=ENTITY, entity_id=notice_id, payload=detail)
    return show(session, notice_id=notice_id)


def withdraw(
    session: Session, *, principal: Principal, notice_id: int, reason: str = ""
) -> dict[str, Any]:
    """The notifying administration withdraws its notice; a recorded assignment it gives
    up is suppressed from the Register (its history stays)."""
    write = begin(session, principal=principal, right="notices.withdraw", area=AREA)
    assignment = store.get(session, notice_id)
    write.authorize_for(assignment.notice.administration)
    if len(reason) > 2000:
        raise InvalidInput("reason", "must be at most 2000 characters")
    event = Event.SUPPRESSED if assignment.status is Status.RECORDED else Event.WITHDRAWN
    status = after(event, assignment.status)
    store.set_state(session, notice_id, status=status)
    store.append_event(session, notice_id, event=event, status=status, at=_now(),
                       actor=principal.actor, detail={"reason": reason})  # fmt: skip
    write.audit(f"register.notice.{event.value}", entity=ENTITY, entity_id=notice_id,
                payload={"reason": reason})  # fmt: skip
    return show(session, notice_id=notice_id)


def record_agreement(
    session: Session, *, principal: Principal, notice_id: int, administration: str
) -> dict[str, Any]:
    """A coordination agreement with ``administration`` arrived for this notice."""
    write = begin(session, principal=principal, right="notices.modify", area=AREA)
    assignment = store.get(session, notice_id)
    write.authorize_for(assignment.notice.administration)
    other = check_administration(administration, action=Action.NOTIFY_FREQUENCY_ASSIGNMENTS)
    if other == assignment.notice.administration:
        raise InvalidInput("administration", "an administration does not agree with itself")
    status = after(Event.AGREEMENT, assignment.status)
    if other in assignment.notice.agreements:
        return show(session, notice_id=notice_id)
    agreements = tuple(sorted({*assignment.notice.agreements, other}))
    store.set_agreements(session, notice_id, agreements)
    store.append_event(session, notice_id, event=Event.AGREEMENT, status=status, at=_now(),
                       actor=principal.actor, detail={"administration": other})  # fmt: skip
    write.audit("register.notice.agreement", entity=ENTITY, entity_id=notice_id,
                payload={"administration": other})  # fmt: skip
    return show(session, notice_id=notice_id)


def record_refusal(
    session: Session, *, principal: Principal, notice_id: int, administration: str, reason: str
) -> dict[str, Any]:
    """An administration the last examination asked to coordinate refuses its agreement,
    with its reason; only its own officers may say so."""
    write = begin(session, principal=principal, right="notices.modify", area=AREA)
    assignment = store.get(session, notice_id)
    other = check_administration(administration, action=Action.NOTIFY_FREQUENCY_ASSIGNMENTS)
    write.authorize_for(other)
    coordination = (assignment.finding or {}).get("coordination") or {}
    text = check_refusal(
        notifying=assignment.notice.administration,
        refusing=other,
        status=assignment.status,
        asked=tuple(coordination.get("required_with", ())),
        agreements=assignment.notice.agreements,
        reason=reason,
    )
    detail = {"administration": other, "reason": text}
    store.append_event(session, notice_id, event=Event.REFUSAL, status=assignment.status,
                       at=_now(), actor=principal.actor, detail=detail)  # fmt: skip
    write.audit("register.notice.refusal", entity=ENTITY, entity_id=notice_id, payload=detail)
    return show(session, notice_id=notice_id)


def _refusals(session: Session, assignment: Assignment) -> dict[str, str]:
    entries = store.history(session, assignment.id)
    return refusals(((e.event, e.detail) for e in entries), assignment.notice.agreements)


# --- the circular --------------------------------------------------------------------


def _circular_document(found: store.Circular, period_days: int) -> dict[str, Any]:
    return {
        "number": found.number,
        "date": found.published_at.date().isoformat(),
        "published_at": found.published_at.isoformat(),
        "period": {
            "start": found.period_start.isoformat() if found.period_start else None,
            "end": found.period_end.isoformat(),
        },
        "next_due": circulars.next_due(found.period_end, period_days).date().isoformat(),
        "titles": circulars.PART_TITLES,
        "parts": found.parts,
    }


def publish_circular(
    session: Session, *, principal: Principal, period_days: int = 14
) -> dict[str, Any]:
    """Publish the next circular: every notice received, recorded and returned since the
    last one (Parts I, II, III)."""
    write = begin(session, principal=principal, right="findings.record", area=AREA)
    last = store.last_circular(session)
    start = last.period_end if last else None
    end = _now()
    events = tuple(e for part in circulars.PARTS.values() for e in part)
    parts = circulars.compose(store.events_between(session, start, end, events))
    number = (last.number if last else 0) + 1
    store.add_circular(session, number=number, period_start=start, period_end=end,
                       published_at=end, published_by=principal.actor, parts=parts)  # fmt: skip
    write.audit(
        "register.circular.published",
        entity="register_circular",
        entity_id=number,
        payload={part: len(items) for part, items in parts.items()},
    )
    return _circular_document(store.get_circular(session, number), period_days)


def circular(
    session: Session, *, number: int | None = None, period_days: int = 14
) -> dict[str, Any]:
    """A published circular (the latest when no number is given)."""
    if number is None:
        found = store.last_circular(session)
        if found is None:
            raise NotFound("no circular has been published yet")
    else:
        found = store.get_circular(session, number)
    return _circular_document(found, period_days)


def list_circulars(session: Session) -> list[dict[str, Any]]:
    return [
        {"number": c.number, "date": c.published_at.date().isoformat(),
         "counts": {part: len(items) for part, items in c.parts.items()}}
        for c in store.list_circulars(session)
    ]  # fmt: skip


def circulars_naming(session: Session, *, notice_id: int) -> list[dict[str, Any]]:
    """The circulars that published a step of the notice, oldest first, each with the
    Parts that list it (I received, II recorded, III returned)."""
    store.get(session, notice_id)  # NotFound for a notice that does not exist
    found = []
    for c in store.list_circulars(session):
        parts = [part for part, items in c.parts.items()
                 if any(int(item["notice_id"]) == notice_id for item in items)]  # fmt: skip
        if parts:
            found.append({"number": c.number, "date": c.published_at.date().isoformat(),
                          "parts": parts})  # fmt: skip
    return found


# --- reads ---------------------------------------------------------------------------


def show(session: Session, *, notice_id: int) -> dict[str, Any]:
    """A notice or assignment as it stands, with its history."""
    assignment = store.get(session, notice_id)
    return {
        **assignment.as_dict(),
        "history": [entry.as_dict() for entry in store.history(session, notice_id)],
    }


def coordination_state(session: Session, *, notice_id: int) -> dict[str, Any]:
    """The coordination the notice's last finding requires and where it stands now: per
    administration its field strength against the trigger, and whether its agreement
    has arrived (``agreed``) or is still awaited (``pending``)."""
    assignment = store.get(session, notice_id)
    agreed = sorted(assignment.notice.agreements)
    refused = _refusals(session, assignment)
    part = (assignment.finding or {}).get("coordination")
    if not part or not part.get("examined"):
        note = part.get("note", "") if part else "the notice has not been examined yet"
        return {"examined": False, "note": note, "agreed_with": agreed,
                "refused_by": refused, "administrations": [], "pending": []}  # fmt: skip
    strongest: dict[str, dict[str, Any]] = {}
    for need in part.get("needs", []):
        known = strongest.get(need["administration"])
        if known is None or need["field_strength_dbuv_m"] > known["field_strength_dbuv_m"]:
            strongest[need["administration"]] = need
    rows = [
        {"administration": code, "agreed": code in agreed,
         "state": "agreed" if code in agreed else "refused" if code in refused else "pending",
         "refusal_reason": refused.get(code),
         "field_strength_dbuv_m": strongest.get(code, {}).get("field_strength_dbuv_m"),
         "trigger_dbuv_m": strongest.get(code, {}).get("trigger_dbuv_m"),
         "distance_km": strongest.get(code, {}).get("distance_km"),
         "basis": strongest.get(code, {}).get("basis")}
        for code in part.get("required_with", [])
    ]  # fmt: skip
    return {
        "examined": True,
        "note": part.get("note", ""),
        "agreed_with": agreed,
        "refused_by": refused,
        "administrations": rows,
        "pending": [row["administration"] for row in rows if row["state"] == "pending"],
    }


def affected_by(session: Session, *, notice_id: int) -> list[dict[str, Any]]:
    """The assignments the notice's last finding found affected (for its map)."""
    finding = store.get(session, notice_id).finding or {}
    ids = sorted({a["assignment_id"] for a in finding.get("technical", {}).get("affected", [])})
    return [store.get(session, other).summary() for other in ids]


def search(session: Session, query: store.Search) -> list[dict[str, Any]]:
    return [assignment.summary() for assignment in store.search(session, query)]


def search_query(
    *,
    administration: str | None = None,
    low: str | float | None = None,
    high: str | float | None = None,
    near: str | None = None,
    radius_km: float | None = None,
    service: str | None = None,
    status: str | None = None,
    received_from: date | None = None,
    received_to: date | None = None,
    limit: int = 100,
    offset: int = 0,
) -> store.Search:
    """A search as people write it (frequencies with units, ``near`` as ``LAT,LON``),
    checked field by field."""
    admin = None
    if administration:
        admin = administration.strip().upper()
        if len(admin) != 2 or not admin.isalpha():
            raise InvalidInput("administration", f"{administration!r} is not an ISO2 code")
    low_hz = parse_frequency_hz(low, field="low") if low not in (None, "") else None
    high_hz = parse_frequency_hz(high, field="high") if high not in (None, "") else None
    if low_hz is not None and high_hz is not None and low_hz > high_hz:
        raise InvalidInput("low", f"must not exceed high ({low_hz:g} Hz > {high_hz:g} Hz)")
    point = None
    if near:
        parts = near.split(",")
        try:
            lat, lon = (float(p) for p in parts)
        except ValueError:
            raise InvalidInput("near", f"expected LAT,LON in degrees, got {near!r}") from None
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise InvalidInput("near", "latitude in [-90, 90], longitude in [-180, 180]")
        point = (lat, lon)
        if radius_km is None:
            raise InvalidInput("radius_km", "give the radius of the area around near")
    if radius_km is not None and not (0 < radius_km <= 20_016):
        raise InvalidInput("radius_km", "must be in (0, 20016] km (half the Earth's girth)")
    if radius_km is not None and point is None:
        raise InvalidInput("near", "give the centre LAT,LON of the area")
    if not 1 <= limit <= 1000:
        raise InvalidInput("limit", "must be in [1, 1000]")
    if offset < 0:
        raise InvalidInput("offset", "must not be negative")
    return store.Search(
        administration=admin,
        low_hz=low_hz,
        high_hz=high_hz,
        near=point,
        radius_km=radius_km,
        service=parse_service(service).name if service else None,
        status=parse_status(status) if status else None,
        received_from=received_from,
        received_to=received_to,
        limit=limit,
        offset=offset,
    )


# --- a national licence register -------------------------------------------------------


def import_uls(
    session: Session,
    *,
    principal: Principal,
    imports: Sequence[UlsImport],
    progress: Callable[[int], None] | None = None,
) -> dict[str, Any]:
    """Notify what ULS files gave (`register.fcc_uls.read_uploads`) as the United States'
    notices, in one transaction: ``{"fr_rows", "accepted", "rejected"}`` where every FR
    row read is in exactly one of the two lists, each entry naming its ``source`` file and
    its FR ``row`` there; a rejected row also gives the ``field`` and ``reason``.
    ``progress`` is told how many of all the files' notices have been notified so far."""
    # Every notice is the United States': another administration's officer is refused
    # once (403) rather than on each row.
    authorize(principal, "notices.submit", administration=ULS_ADMINISTRATION)
    accepted: list[dict[str, Any]] = []
    rejected: list[dict[str, Any]] = []
    fr_rows = 0
    notified = 0
    for uls in imports:
        fr_rows += uls.fr_rows
        refused = {r["row"] for r in uls.rejected}
        # The reader keeps the FR rows' order: its notices are the rows it did not refuse.
        rows = [n for n in range(1, uls.fr_rows + 1) if n not in refused]

        def advance(done: int, before: int = notified) -> None:
            if progress is not None:
                progress(before + done)

        outcome = notify(session, principal=principal, notices=uls.accepted, progress=advance)
        notified += len(uls.accepted)
        accepted += [a.as_dict() | {"source": uls.source, "row": rows[a.row - 1]}
                     for a in outcome.accepted]  # fmt: skip
        rejected += [r | {"source": uls.source} for r in uls.rejected]
        rejected += [r.as_dict() | {"source": uls.source, "row": rows[r.row - 1]}
                     for r in outcome.rejected]  # fmt: skip
    rejected.sort(key=lambda r: (str(r["source"]), int(r["row"])))
    return {
        "fr_rows": fr_rows,
        "accepted_count": len(accepted),
        "rejected_count": len(rejected),
        "accepted": accepted,
        "rejected": rejected,
    }


# --- the printed circular ------------------------------------------------------------


def circular_for_print(
    session: Session, *, number: int | None = None, period_days: int = 14
) -> dict[str, Any]:
    """A published circular with each Part as the rows of its printed table
    (``columns``: key and heading; ``rows``: part -> rows, `circular.print_row`). An entry
    published without the transmitter's position or date of receipt (Parts II and III
    carry neither) takes them from the assignment as it stands."""
    document = circular(session, number=number, period_days=period_days)
    known: dict[int, Assignment] = {}
    rows: dict[str, list[dict[str, str]]] = {}
    for part, entries in document["parts"].items():
        rows[part] = []
        for entry in entries:
            filled = dict(entry)
            if filled.get("lat_deg") is None or not filled.get("date_of_receipt"):
                notice_id = int(entry["notice_id"])
                if notice_id not in known:
                    known[notice_id] = store.get(session, notice_id)
                assignment = known[notice_id]
                if filled.get("lat_deg") is None:
                    filled["lat_deg"] = assignment.notice.tx.lat_deg
                    filled["lon_deg"] = assignment.notice.tx.lon_deg
                if not filled.get("date_of_receipt"):
                    filled["date_of_receipt"] = assignment.received_at.isoformat()
            rows[part].append(circulars.print_row(part, filled))
    return document | {
        "columns": [{"key": key, "title": title} for key, title in circulars.PRINT_COLUMNS],
        "rows": rows,
    }


# --- the coordination contour --------------------------------------------------------


def contour(session: Session, *, notice_id: int) -> dict[str, Any]:
    """A notice's coordination contour (`register.contour`) with the administrations the
    same computation names; ``drawn`` False, with the item it lacks, when the engine
    cannot compute it (no antenna height, no e.i.r.p. ...)."""
    assignment = store.get(session, notice_id)
    try:
        station = _station(assignment)
        needs, drawn = contour_and_needs(
            station, own_administration=assignment.notice.administration
        )
    except InvalidInput as exc:
        return {"notice_id": notice_id, "drawn": False,
                "note": f"not drawn: {exc.field}: {exc.reason}"}  # fmt: skip
    return {
        "notice_id": notice_id,
        "drawn": True,
        **drawn.as_dict(),
        "required_with": [need.administration for need in needs],
    }


# --- a Table amendment's impact on the recorded assignments ---------------------------


def _amended(base: AllocationTable, documents: Any) -> AllocationTable:
    """``base`` with the amendments (their JSON form) applied; a bad one, or one that does
    not apply to ``base``, is refused naming its place in the list (``amendments[2].low``)."""
    read = amendments_from_list(documents)
    if not read:
        return base
    return AllocationTable(
        apply_amendments(
            base.edition,
            read,
            edition_id=f"{base.edition.id} amended",
            title=base.edition.title,
            entry_into_force=base.edition.entry_into_force + timedelta(days=1),
            field="amendments",
        )
    )


def _examined(conformity: Conformity) -> dict[str, Any]:
    category = conformity.category.value if conformity.category else None
    return {"conforms": conformity.conforms, "category": category}


def amendment_impact(
    session: Session,
    *,
    amendments: Sequence[Mapping[str, Any]],
    on: date | None = None,
    table_on: TableOn | None = None,
) -> dict[str, Any]:
    """Which recorded assignments would stop (or start) conforming with the Table (RR
    No. 11.31), or change category, were ``amendments`` made to the Table in force ``on``
    (default today). Only the assignments overlapping a changed band are read
    (`openitu.register.impact`). Records nothing."""
    day = on or date.today()
    before = (table_on or table_in_force(session))(day)
    after = _amended(before, amendments)
    spans = changed_spans(before, after)
    rows = store.recorded_bands(session, ranges=frequency_ranges(spans))
    impact = conformity_changes(before, after, rows, spans=spans)
    changes = []
    for change in sorted(impact.changes, key=lambda c: c.assignment_id):
        low, high = float(rows.low_hz[change.row]), float(rows.high_hz[change.row])
        changes.append(
            {
                "notice_id": change.assignment_id,
                "administration": str(rows.administration[change.row]),
                "reference": str(rows.reference[change.row]),
                "service": str(rows.service[change.row]),
                "low_hz": low,
                "high_hz": high,
                "band": f"{format_frequency(low)}-{format_frequency(high)}",
                "before": _examined(change.before),
                "after": _examined(change.after),
            }
        )
    return {
        "edition": before.edition.id,
        "on": day.isoformat(),
        "amendments": len(amendments),
        "looked_at": impact.looked_at,
        "changes": changes,
        "totals": {
            "changed": len(changes),
            "newly_non_conforming": impact.newly_non_conforming,
            "newly_conforming": impact.newly_conforming,
        },
    }
