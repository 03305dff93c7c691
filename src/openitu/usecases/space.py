"""Space use cases: file a satellite network, record the steps of its filing, and read
its time limits and the networks its coordination request affects.

Writes follow `openitu.usecases.write`: authorize, take the space area's lock, persist,
audit; the caller owns the transaction. Who may do what:

- a notifying officer files networks for their own administration (``filings.submit``),
  records its later steps (``filings.modify``: notification, bringing into use,
  due-diligence information, suspension, resumption) and withdraws it
  (``filings.withdraw``);
- the secretariat records a notified network in the Master Register
  (``findings.record``) and runs the coordination examination (``examinations.run``,
  which also publishes its result in the audit log).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Final, TypedDict, Unpack

from sqlalchemy.orm import Session

from openitu.accounts import Principal
from openitu.errors import InvalidInput
from openitu.space import coordination, filings, ngso
from openitu.space.filings import Event, Step
from openitu.space.networks import Network, parse_network
from openitu.store import space as repository
from openitu.usecases.write import begin

FIRST_STEPS: Final = (Step.ADVANCE_PUBLICATION, Step.COORDINATION_REQUEST)
RIGHT_FOR_STEP: Final[dict[Step, str]] = {
    Step.ADVANCE_PUBLICATION: "filings.modify",
    Step.COORDINATION_REQUEST: "filings.modify",
    Step.NOTIFICATION: "filings.modify",
    Step.BRINGING_INTO_USE: "filings.modify",
    Step.DUE_DILIGENCE: "filings.modify",
    Step.SUSPENSION: "filings.modify",
    Step.RESUMPTION: "filings.modify",
    Step.WITHDRAWAL: "filings.withdraw",
    Step.RECORDING: "findings.record",
}


def submit_network(
    session: Session,
    *,
    principal: Principal,
    document: Any,
    date_of_receipt: date,
    first_step: str = Step.COORDINATION_REQUEST.value,
) -> dict[str, Any]:
    """File a network with its first step (a coordination request, or an advance
    publication where that applies); answers its id, status and time limits."""
    step = filings.parse_step(first_step, field="first_step")
    if step not in FIRST_STEPS:
        raise InvalidInput("first_step", "a filing starts with advance_publication or "
                           "coordination_request")  # fmt: skip
    _not_future(date_of_receipt)
    network = parse_network(document)
    write = begin(
        session,
        principal=principal,
        right="filings.submit",
        area="space",
        administration=network.administration,
    )
    event = Event(step, date_of_receipt)
    filings.check_step([], event)
    state = filings.evaluate([event], as_of=date_of_receipt)
    row = repository.add_network(
        session, network, status=state.status.value, submitted_by=principal.actor
    )
    repository.add_event(session, row.id, event, recorded_by=principal.actor)
    write.audit(
        "space.network.submit",
        entity="space_network",
        entity_id=row.id,
        payload={"name": network.name, "administration": network.administration,
                 "step": step.value, "date_of_receipt": date_of_receipt.isoformat()},
    )  # fmt: skip
    return {"network_id": row.id, "name": network.name, **_state(state)}


def record_step(
    session: Session,
    *,
    principal: Principal,
    network_id: int,
    step: str,
    date_of_receipt: date,
    informed_on: date | None = None,
    examined_on: date | None = None,
    published_on: date | None = None,
) -> dict[str, Any]:
    """Record one later step of a filing, if the life cycle allows it on that date."""
    parsed = filings.parse_step(step)
    _not_future(date_of_receipt)
    right = RIGHT_FOR_STEP[parsed]
    write = begin(session, principal=principal, right=right, area="space")
    row, _ = repository.get_network(session, network_id)
    if not write.authorized:
        write.authorize_for(row.administration or "")
    events = repository.events_of(session, network_id)
    event = Event(parsed, date_of_receipt, informed_on, examined_on, published_on)
    filings.check_step(events, event)
    state = filings.evaluate([*events, event], as_of=date_of_receipt)
    repository.add_event(session, network_id, event, recorded_by=principal.actor)
    repository.set_status(session, row, state.status.value)
    write.audit(
        f"space.filing.{parsed.value}",
        entity="space_network",
        entity_id=network_id,
        payload={"step": parsed.value, "date_of_receipt": date_of_receipt.isoformat(),
                 "informed_on": None if informed_on is None else informed_on.isoformat()},
    )  # fmt: skip
    return {"network_id": network_id, **_state(state)}


def _not_future(day: date) -> None:
    if day > date.today():
        raise InvalidInput("date_of_receipt", "the Bureau cannot have received it in the future")


def _state(state: filings.FilingState) -> dict[str, Any]:
    return state.as_dict()


def network(session: Session, *, network_id: int) -> dict[str, Any]:
    """A filed network: its document as parsed and the steps of its filing (read-only)."""
    row, parsed = repository.get_network(session, network_id)
    return {
        "network_id": row.id,
        "status": row.status,
        **parsed.as_dict(),
        "steps": [e.as_dict() for e in repository.events_of(session, network_id)],
    }


def deadlines(session: Session, *, network_id: int, as_of: date) -> dict[str, Any]:
    """The regulatory dates of a filing as of a day, and what lapses when."""
    row, _ = repository.get_network(session, network_id)
    events = repository.events_of(session, network_id)
    state = filings.evaluate(events, as_of=as_of)
    return {"network_id": network_id, "name": row.name, "administration": row.administration,
            **state.as_dict()}  # fmt: skip


def affected(
    session: Session,
    *,
    network_id: int,
    filed: coordination.BeamTable | None = None,
) -> dict[str, Any]:
    """The networks and administrations a network's coordination request affects
    (read-only). ``filed`` is the register's beam table when the caller caches it."""
    row, network = repository.get_network(session, network_id)
    if network.orbit != "gso":
        raise InvalidInput("network_id", "No. 9.7 applies to geostationary networks")
    table = repository.beam_table(session) if filed is None else filed
    others = table.without(network_id)
    new = coordination.BeamTable.from_networks([(network_id, network)])
    report = coordination.report(new, others)
    return {"network_id": network_id, "name": row.name, "administration": row.administration,
            "longitude_deg": network.longitude_deg, **report}  # fmt: skip


def examine(
    session: Session,
    *,
    principal: Principal,
    network_id: int,
    filed: coordination.BeamTable | None = None,
) -> dict[str, Any]:
    """The secretariat's examination under No. 9.7: the affected networks, audited."""
    write = begin(session, principal=principal, right="examinations.run", area="space")
    result = affected(session, network_id=network_id, filed=filed)
    write.audit(
        "space.examination.run",
        entity="space_network",
        entity_id=network_id,
        payload={"pairs_evaluated": result["pairs_evaluated"],
                 "affected": [n["network_id"] for n in result["networks"]]},
    )  # fmt: skip
    return result


# ------------------------------------------------------------------ non-GSO systems


class Watch(TypedDict):
    """Where and when a non-GSO network is watched from: the keyword arguments every
    look-angle use case takes, beside its network and sampling step."""

    lat_deg: float
    lon_deg: float
    start: datetime | str | None
    hours: float


def _ngso_track(
    session: Session, *, network_id: int, step_s: float, **watch: Unpack[Watch]
) -> tuple[Network, ngso.LookAngles, dict[str, Any]]:
    row, network = repository.get_network(session, network_id)
    satellites = ngso.satellites_of(network)
    lat_deg, lon_deg, hours = watch["lat_deg"], watch["lon_deg"], watch["hours"]
    angles = ngso.track(satellites, lat_deg=lat_deg, lon_deg=lon_deg,
                        start=ngso.parse_start(watch["start"]), hours=hours,
                        step_s=step_s)  # fmt: skip
    by_tle = sum(1 for s in satellites if s.tle is not None)
    header = {
        "network_id": network_id,
        "name": row.name,
        "administration": row.administration,
        "place": {"lat_deg": lat_deg, "lon_deg": lon_deg},
        "from": angles.times[0].isoformat().replace("+00:00", "Z"),
        "hours": hours,
        "step_s": step_s,
        "satellites": len(satellites),
        "propagation": {"keplerian_j2": len(satellites) - by_tle, "sgp4": by_tle},
        "earth_model": ngso.EARTH_MODEL,
    }
    return network, angles, header


def passes(
    session: Session,
    *,
    network_id: int,
    min_elevation_deg: float = 0.0,
    step_s: float = 30.0,
    **watch: Unpack[Watch],
) -> dict[str, Any]:
    """When each satellite of a non-GSO network is above ``min_elevation_deg`` from a place
    over a span (read-only)."""
    _, angles, header = _ngso_track(session, network_id=network_id, step_s=step_s, **watch)
    found = ngso.windows(angles, min_elevation_deg=min_elevation_deg)
    return {**header, "min_elevation_deg": min_elevation_deg,
            "windows": [w.as_dict() for w in found]}  # fmt: skip


def elevation_track(
    session: Session, *, network_id: int, step_s: float = 60.0, **watch: Unpack[Watch]
) -> tuple[ngso.LookAngles, dict[str, Any]]:
    """The look angles themselves (for the network page's elevation chart)."""
    _, angles, header = _ngso_track(session, network_id=network_id, step_s=step_s, **watch)
    return angles, header


def ngso_pfd(
    session: Session, *, network_id: int, step_s: float = 30.0, **watch: Unpack[Watch]
) -> dict[str, Any]:
    """Each down beam's pfd at a place over a span against the non-GSO rows of Table 21-4:
    the worst margin, from which satellite and when (read-only)."""
    network, angles, header = _ngso_track(session, network_id=network_id, step_s=step_s,
                                          **watch)  # fmt: skip
    beams = ngso.network_pfd(network, angles)
    return {**header, "complies": all(b["complies"] is not False for b in beams),
            "beams": beams}  # fmt: skip
