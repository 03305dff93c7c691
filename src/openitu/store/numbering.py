"""Numbering: repository (rows <-> core dataclasses) and the administration use cases.

The use cases are keyword-only functions taking the caller's session: they never commit,
so that one step of the workflow (with its audit entry) is one transaction of the
caller's unit of work. The acting person is explicit (``actor``: a username) and so is
the administration they act for; whether they may act is decided before the call (the
routes' guards and :func:`openitu.accounts.authorize`).

Allocation is serialised per resource kind: every allocating transaction first updates
that kind's row of ``numbering_locks``. On PostgreSQL that takes a row lock held to the
end of the transaction; on SQLite it takes the database's write lock before anything is
read (a read first would pin a snapshot that a concurrent commit could make stale). Two
clients racing for one code therefore run one after the other and the second sees the
first's reservation; the unique constraint on (kind, active_code) backs this up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from openitu.accounts import Principal, authorize
from openitu.errors import Conflict, InvalidInput, NotFound
from openitu.governance.members import Action, check_administration
from openitu.numbering.countries import validate_iso2
from openitu.numbering.e212 import (
    ASSIGNED,
    RESERVED,
    WITHDRAWN,
    E212Register,
    Network,
    mit_mcc_countries,
)
from openitu.numbering.workflow import (
    PENDING,
    Application,
    ChangeNotice,
    Kind,
    NoticeEntry,
    Status,
    check,
    next_status,
    notice_title,
    parse_code,
)
from openitu.store import audit, versions
from openitu.store.tables.numbering import (
    NumberingApplication,
    NumberingEvent,
    NumberingNotice,
    NumberingNoticeEntry,
    NumberingResource,
)

MOBILE_KINDS = (Kind.MNC.value, Kind.SHARED_MNC.value)
ALLOCATION_LOCK = "allocation"
PUBLISH_WITHDRAWAL = "publish-sup"


def now() -> datetime:
    return datetime.now(UTC)


# ------------------------------------------------------------------------ rows <-> core


def _network(row: NumberingResource) -> Network:
    return Network(
        mcc=row.plan,
        mnc=row.local,
        operator=row.holder,
        country=row.country_name or "",
        iso2=row.country,
        status=WITHDRAWN if row.active_code is None else ASSIGNED,
        source=row.source,
        also=tuple(c for c in row.also.split(",") if c),
    )


def _application(row: NumberingApplication) -> Application:
    kind = Kind(row.kind)
    return Application(
        kind=kind,
        code=parse_code(kind.value, row.code),
        applicant=row.applicant,
        holder=row.holder,
        received_at=_aware(row.received_at),
        purpose=row.purpose,
        id=row.id,
        status=Status(row.status),
        reason=row.reason,
    )


def _aware(value: datetime) -> datetime:
    # SQLite returns naive datetimes for timezone-aware columns; they were written in UTC.
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _clean(field: str, value: str, *, max_length: int, required: bool = True) -> str:
    """Free text as stored: trimmed, bounded, without control characters."""
    text = value.strip()
    if required and not text:
        raise InvalidInput(field, "must not be empty")
    if len(text) > max_length:
        raise InvalidInput(field, f"at most {max_length} characters")
    if _CONTROL.search(text):
        raise InvalidInput(field, "control characters are not allowed")
    return text


def e212_register(session: Session) -> E212Register:
    """The MCC/MNC register as the database holds it (Bulletin + assignments)."""
    rows = session.scalars(
        select(NumberingResource).where(NumberingResource.kind.in_(MOBILE_KINDS))
    ).all()
    return E212Register((_network(r) for r in rows), extra_mcc_countries=mit_mcc_countries())


class DbRegisterView:
    """What :func:`openitu.numbering.workflow.check` asks, answered from the database."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._register: E212Register | None = None

    def held_codes(self, kind: str, plan: str) -> set[str]:
        rows = self.session.scalars(
            select(NumberingResource.local).where(
                NumberingResource.kind == kind,
                NumberingResource.plan == plan,
                NumberingResource.active_code.is_not(None),
            )
        )
        return set(rows)

    def plan_lengths(self, kind: str, plan: str) -> set[int]:
        rows = self.session.scalars(
            select(NumberingResource.local)
            .where(NumberingResource.kind == kind, NumberingResource.plan == plan)
            .distinct()
        )
        return {len(local) for local in rows}

    def mcc_countries(self, mcc: str) -> tuple[str, ...]:
        if self._register is None:
            self._register = e212_register(self.session)
        return self._register.mcc_countries.get(mcc, ())

    def sanc_country(self, sanc: str) -> str | None:
        return self.session.scalar(
            select(NumberingResource.country).where(
                NumberingResource.kind == "sanc",
                NumberingResource.code == sanc,
                NumberingResource.active_code.is_not(None),
            )
        )


# ------------------------------------------------------------------------ reads


def assignments_of(session: Session, *, country: str) -> list[dict[str, Any]]:
    """Codes held now through the applications of a country's administration.

    These add to what the Bulletins list (the international ones, under 901, 882 and 883,
    are the applicant administration's even though they serve no country).
    """
    iso2 = validate_iso2(country)
    rows = session.execute(
        select(NumberingResource, NumberingApplication.id)
        .join(NumberingApplication, NumberingResource.application_id == NumberingApplication.id)
        .where(
            NumberingApplication.applicant == iso2,
            NumberingResource.active_code.is_not(None),
        )
        .order_by(NumberingResource.kind, NumberingResource.code)
    ).all()
    return [
        {
            "kind": row.kind,
            "code": row.code,
            "holder": row.holder,
            "status": row.status,
            "application_id": application_id,
        }
        for row, application_id in rows
    ]


def get_application(session: Session, application_id: int) -> Application:
    row = session.get(NumberingApplication, application_id)
    if row is None:
        raise NotFound(f"no numbering application {application_id}")
    return _application(row)


def list_applications(
    session: Session, *, applicant: str | None = None, status: str | None = None
) -> list[Application]:
    query = select(NumberingApplication).order_by(
        NumberingApplication.received_at, NumberingApplication.id
    )
    if applicant:
        query = query.where(NumberingApplication.applicant == applicant)
    if status:
        if status not in {s.value for s in Status}:
            known = ", ".join(s.value for s in Status)
            raise InvalidInput("status", f"unknown status {status!r} (one of {known})")
        query = query.where(NumberingApplication.status == status)
    return [_application(r) for r in session.scalars(query)]


@dataclass(frozen=True)
class Event:
    action: str
    status: str
    at: datetime
    actor: str
    detail: str
    notice_number: int | None

    def as_dict(self) -> dict[str, Any]:
        return {
            "action": self.action,
            "status": self.status,
            "at": self.at.isoformat(),
            "actor": self.actor,
            "detail": self.detail,
            "notice_number": self.notice_number,
        }


def history(session: Session, application_id: int) -> list[Event]:
    get_application(session, application_id)
    rows = session.scalars(
        select(NumberingEvent)
        .where(NumberingEvent.application_id == application_id)
        .order_by(NumberingEvent.id)
    )
    return [
        Event(r.action, r.status, _aware(r.at), r.actor, r.detail, r.notice_number) for r in rows
    ]


def list_notices(session: Session) -> list[ChangeNotice]:
    notices = session.scalars(select(NumberingNotice).order_by(NumberingNotice.number)).all()
    return [_notice(session, n) for n in notices]


def get_notice(session: Session, number: int) -> ChangeNotice:
    row = session.get(NumberingNotice, number)
    if row is None:
        raise NotFound(f"no change notice No. {number}")
    return _notice(session, row)


def _notice(session: Session, row: NumberingNotice) -> ChangeNotice:
    entries = session.scalars(
        select(NumberingNoticeEntry)
        .where(NumberingNoticeEntry.notice_number == row.number)
        .order_by(NumberingNoticeEntry.id)
    )
    return ChangeNotice(
        number=row.number,
        published_on=row.published_on,
        title=row.title,
        entries=tuple(NoticeEntry(e.action, e.kind, e.code, e.holder, e.country) for e in entries),
    )


# ------------------------------------------------------------------------ use cases


def _lock(session: Session) -> None:
    """Serialise the workflow's writes (see the module's docstring). Must come first."""
    versions.bump(session, "numbering")


def _event(
    session: Session,
    *,
    application_id: int | None,
    resource_id: int | None,
    action: str,
    status: str,
    actor: str,
    at: datetime,
    detail: str = "",
    notice_number: int | None = None,
) -> None:
    session.add(
        NumberingEvent(
            application_id=application_id,
            resource_id=resource_id,
            action=action,
            status=status,
            at=at,
            actor=actor,
            detail=detail,
            notice_number=notice_number,
        )
    )


def _audit(
    session: Session, *, actor: str, action: str, entity_id: int, payload: dict[str, Any]
) -> None:
    """The system's audit log, in the same transaction as the change."""
    audit.record(
        session,
        actor=actor,
        action=f"numbering.application.{action}",
        entity="numbering_application",
        entity_id=str(entity_id),
        payload=payload,
    )


def submit_application(
    session: Session,
    *,
    actor: Principal,
    administration: str,
    kind: str,
    code: str,
    holder: str,
    purpose: str = "",
    received_at: datetime | None = None,
) -> Application:
    """An administration applies for a resource; the application is dated on receipt.

    Only a notifying officer of that administration may apply.
    """
    applicant = validate_iso2(administration, field="administration")
    authorize(actor, "numbering.apply", administration=applicant)
    at = received_at or now()
    # Only a Member State's administration applies (the rights table says which may).
    check_administration(
        applicant, action=Action.APPLY_NUMBERING_RESOURCES, on=at.date(), field="administration"
    )
    name = actor.actor
    parsed = parse_code(kind, code)
    if not holder.strip():
        raise InvalidInput("holder", "name the operator or network the code is for")
    holder = _clean("holder", holder, max_length=200)
    purpose = _clean("purpose", purpose, max_length=2000, required=False)
    _lock(session)
    row = NumberingApplication(
        kind=parsed.kind.value,
        code=parsed.text,
        applicant=applicant,
        holder=holder.strip(),
        purpose=purpose.strip(),
        received_at=at,
        status=Status.RECEIVED.value,
        submitted_by=name,
    )
    session.add(row)
    session.flush()
    _event(
        session,
        application_id=row.id,
        resource_id=None,
        action="receive",
        status=Status.RECEIVED.value,
        actor=name,
        at=at,
        detail=f"{applicant} applies for {parsed.kind.value} {parsed.text} for {row.holder}",
    )
    _audit(
        session, actor=name, action="submit", entity_id=row.id, payload=_application(row).as_dict()
    )
    return _application(row)


def precheck(
    session: Session, *, administration: str, kind: str, code: str, holder: str
) -> list[str]:
    """The reasons the TSB's check would give now, for a form to show before submitting.

    Takes the workflow's lock first like every use case (on SQLite a read before the
    lock would pin a snapshot that the submission in the same transaction could not use).
    """
    _lock(session)
    parsed = parse_code(kind, code)
    draft = Application(
        kind=parsed.kind,
        code=parsed,
        applicant=validate_iso2(administration, field="administration"),
        holder=holder,
        received_at=now(),
    )
    return check(draft, DbRegisterView(session))


def _load_for_update(session: Session, application_id: int) -> NumberingApplication:
    row = session.get(NumberingApplication, application_id, with_for_update=True)
    if row is None:
        raise NotFound(f"no numbering application {application_id}")
    return row


def _transition(
    session: Session,
    row: NumberingApplication,
    *,
    action: str,
    actor: str,
    detail: str = "",
    resource_id: int | None = None,
    notice_number: int | None = None,
    reason: str | None = None,
) -> Application:
    target = next_status(row.status, action)
    at = now()
    row.status = target.value
    if reason is not None:
        row.reason = reason
    _event(
        session,
        application_id=row.id,
        resource_id=resource_id,
        action=action,
        status=target.value,
        actor=actor,
        at=at,
        detail=detail,
        notice_number=notice_number,
    )
    session.flush()
    application = _application(row)
    _audit(session, actor=actor, action=action, entity_id=row.id, payload=application.as_dict())
    return application


def check_application(session: Session, *, actor: Principal, application_id: int) -> Application:
    """The TSB checks an application: free, entitled, well formed. Rejects with reasons."""
    authorize(actor, "numbering.administer")
    name = actor.actor
    _lock(session)
    row = _load_for_update(session, application_id)
    application = _application(row)
    next_status(row.status, "check")
    reasons = check(application, DbRegisterView(session))
    if reasons:
        return _transition(
            session,
            row,
            action="reject",
            actor=name,
            detail="; ".join(reasons),
            reason="; ".join(reasons),
        )
    return _transition(session, row, action="check", actor=name, detail="checked: no objection")


def reserve(session: Session, *, actor: Principal, application_id: int) -> Application:
    """Reserve the code for a checked application, first come (by receipt) first served."""
    authorize(actor, "numbering.administer")
    name = actor.actor
    _lock(session)
    row = _load_for_update(session, application_id)
    next_status(row.status, "reserve")
    application = _application(row)
    earlier = session.scalars(
        select(NumberingApplication)
        .where(
            NumberingApplication.kind == row.kind,
            NumberingApplication.code == row.code,
            NumberingApplication.status.in_([s.value for s in PENDING]),
            NumberingApplication.id != row.id,
        )
        .order_by(NumberingApplication.received_at, NumberingApplication.id)
    ).all()
    first = next(
        (
            other
            for other in earlier
            if (_aware(other.received_at), other.id) < (application.received_at, row.id)
        ),
        None,
    )
    if first is not None:
        raise Conflict(
            f"application {first.id} for {row.code}, received "
            f"{_aware(first.received_at).isoformat()}, comes first"
        )
    reasons = check(application, DbRegisterView(session))
    if reasons:
        raise Conflict("; ".join(reasons))
    return _hold(session, row, application, actor=name)


def _hold(
    session: Session, row: NumberingApplication, application: Application, *, actor: str
) -> Application:
    code = application.code
    resource = NumberingResource(
        kind=code.kind.value,
        code=code.text,
        plan=code.plan,
        local=code.local,
        active_code=code.text,
        status=RESERVED,
        holder=application.holder,
        country=None if code.kind in (Kind.SHARED_MNC, Kind.NETWORK_IC) else application.applicant,
        country_name=None,
        also="",
        source=f"application {row.id}",
        application_id=row.id,
        since=now(),
    )
    try:
        with session.begin_nested():
            session.add(resource)
            session.flush()
    except IntegrityError:
        raise Conflict(f"{code.text} has just been reserved for another application") from None
    return _transition(
        session,
        row,
        action="reserve",
        actor=actor,
        detail=f"{code.text} reserved for {application.holder}",
        resource_id=resource.id,
    )


def resolve(session: Session, *, actor: Principal, kind: str, code: str) -> list[Application]:
    """Decide every pending application for one code at once, by date of receipt.

    The earliest application that passes the checks gets the code reserved; every other
    pending application for it is rejected, naming the one that came first. One
    transaction: all decided, or none.
    """
    authorize(actor, "numbering.administer")
    name = actor.actor
    parsed = parse_code(kind, code)
    _lock(session)
    rows = session.scalars(
        select(NumberingApplication)
        .where(
            NumberingApplication.kind == parsed.kind.value,
            NumberingApplication.code == parsed.text,
            NumberingApplication.status.in_([s.value for s in PENDING]),
        )
        .order_by(NumberingApplication.received_at, NumberingApplication.id)
        .with_for_update()
    ).all()
    if not rows:
        raise NotFound(f"no pending application for {parsed.kind.value} {parsed.text}")
    decided: list[Application] = []
    winner: NumberingApplication | None = None
    for row in rows:
        application = _application(row)
        if winner is not None:
            reason = f"{parsed.text} reserved for application {winner.id}, received earlier"
            decided.append(
                _transition(session, row, action="reject", actor=name, detail=reason, reason=reason)
            )
            continue
        reasons = check(application, DbRegisterView(session))
        if reasons:
            text = "; ".join(reasons)
            decided.append(
                _transition(session, row, action="reject", actor=name, detail=text, reason=text)
            )
            continue
        if row.status == Status.RECEIVED.value:
            _transition(session, row, action="check", actor=name, detail="checked: no objection")
        decided.append(_hold(session, row, _application(row), actor=name))
        winner = row
    return decided


def _resource_of(session: Session, row: NumberingApplication) -> NumberingResource:
    resource = session.scalar(
        select(NumberingResource)
        .where(
            NumberingResource.application_id == row.id,
            NumberingResource.active_code.is_not(None),
        )
        .with_for_update()
    )
    if resource is None:
        raise Conflict(f"application {row.id} holds no code")
    return resource


def assign(session: Session, *, actor: Principal, application_id: int) -> Application:
    """The reserved code is assigned to the holder (to be published in the next notice)."""
    authorize(actor, "numbering.administer")
    name = actor.actor
    _lock(session)
    row = _load_for_update(session, application_id)
    next_status(row.status, "assign")
    resource = _resource_of(session, row)
    resource.status = ASSIGNED
    return _transition(
        session,
        row,
        action="assign",
        actor=name,
        detail=f"{row.code} assigned to {row.holder}",
        resource_id=resource.id,
    )


def reclaim(session: Session, *, actor: Principal, application_id: int) -> Application:
    """The TSB reclaims an assigned code (E.212/E.164: unused, or used against the rules)."""
    authorize(actor, "numbering.administer")
    return _release(session, actor=actor.actor, application_id=application_id, action="reclaim")


@dataclass(frozen=True)
class Reclaimed:
    kind: str
    code: str
    holder: str
    country: str | None
    reason: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "code": self.code,
            "holder": self.holder,
            "country": self.country,
            "reason": self.reason,
            "status": WITHDRAWN,
        }


def reclaim_code(
    session: Session, *, actor: Principal, kind: str, code: str, reason: str
) -> Reclaimed:
    """The TSB reclaims a code held without an application here (one the Bulletins list).

    The withdrawal is an event of the resource, published as SUP in the next notice.
    """
    authorize(actor, "numbering.administer")
    parsed = parse_code(kind, code)
    if not reason.strip():
        raise InvalidInput("reason", "say why the code is reclaimed")
    reason = _clean("reason", reason, max_length=2000)
    _lock(session)
    resource = session.scalar(
        select(NumberingResource)
        .where(
            NumberingResource.kind == parsed.kind.value,
            NumberingResource.active_code == parsed.text,
        )
        .with_for_update()
    )
    if resource is None:
        raise NotFound(f"{parsed.text} is not held by anyone")
    if resource.application_id is not None:
        raise Conflict(
            f"{parsed.text} was assigned through application {resource.application_id}: "
            "reclaim it through that application"
        )
    resource.active_code = None
    resource.status = WITHDRAWN
    resource.until = now()
    _event(
        session,
        application_id=None,
        resource_id=resource.id,
        action="reclaim",
        status=Status.RECLAIMED.value,
        actor=actor.actor,
        at=now(),
        detail=reason.strip(),
    )
    reclaimed = Reclaimed(parsed.kind.value, parsed.text, resource.holder, resource.country, reason)
    audit.record(
        session,
        actor=actor.actor,
        action="numbering.resource.reclaim",
        entity="numbering_resource",
        entity_id=str(resource.id),
        payload=reclaimed.as_dict(),
    )
    return reclaimed


def return_code(session: Session, *, actor: Principal, application_id: int) -> Application:
    """The holder's administration gives its code back (only a notifying officer of it)."""
    _lock(session)
    applicant = session.scalar(
        select(NumberingApplication.applicant).where(NumberingApplication.id == application_id)
    )
    if applicant is None:
        raise NotFound(f"no numbering application {application_id}")
    authorize(actor, "numbering.withdraw", administration=applicant)
    return _release(session, actor=actor.actor, application_id=application_id, action="return")


def withdraw_application(session: Session, *, actor: Principal, application_id: int) -> Application:
    """The applicant withdraws an application still waiting for a decision."""
    _lock(session)
    row = _load_for_update(session, application_id)
    authorize(actor, "numbering.withdraw", administration=row.applicant)
    return _transition(
        session, row, action="withdraw", actor=actor.actor, detail="withdrawn by the applicant"
    )


def _release(session: Session, *, actor: str, application_id: int, action: str) -> Application:
    _lock(session)
    row = _load_for_update(session, application_id)
    next_status(row.status, action)
    resource = _resource_of(session, row)
    resource.active_code = None
    resource.status = WITHDRAWN
    resource.until = now()
    verb = "reclaimed by the TSB" if action == "reclaim" else "returned by the administration"
    return _transition(
        session,
        row,
        action=action,
        actor=actor,
        detail=f"{row.code} {verb}",
        resource_id=resource.id,
    )


def publish_notice(
    session: Session, *, actor: Principal, published_on: date | None = None
) -> ChangeNotice:
    """Publish every assignment and withdrawal not yet published, in one dated notice."""
    authorize(actor, "numbering.administer")
    name = actor.actor
    _lock(session)
    day = published_on or now().date()
    number = (session.scalar(select(func.max(NumberingNotice.number))) or 0) + 1
    unpublished_assigned = session.scalars(
        select(NumberingApplication)
        .where(NumberingApplication.status == Status.ASSIGNED.value)
        .order_by(NumberingApplication.id)
        .with_for_update()
    ).all()
    # A withdrawal is published once, and only for a code whose assignment was published.
    was_published = select(NumberingEvent.application_id).where(NumberingEvent.action == "publish")
    withdrawal_published = select(NumberingEvent.application_id).where(
        NumberingEvent.action == PUBLISH_WITHDRAWAL
    )
    withdrawn = session.scalars(
        select(NumberingApplication)
        .where(
            NumberingApplication.status.in_([Status.RECLAIMED.value, Status.RETURNED.value]),
            NumberingApplication.id.in_(was_published),
            NumberingApplication.id.not_in(withdrawal_published),
        )
        .order_by(NumberingApplication.id)
    ).all()
    reclaimed_resources = session.scalars(
        select(NumberingResource)
        .where(
            NumberingResource.id.in_(
                select(NumberingEvent.resource_id).where(
                    NumberingEvent.action == "reclaim", NumberingEvent.application_id.is_(None)
                )
            ),
            NumberingResource.id.not_in(
                select(NumberingEvent.resource_id).where(
                    NumberingEvent.action == PUBLISH_WITHDRAWAL,
                    NumberingEvent.resource_id.is_not(None),
                )
            ),
        )
        .order_by(NumberingResource.id)
    ).all()
    if not unpublished_assigned and not withdrawn and not reclaimed_resources:
        raise Conflict("nothing to publish: no assignment or withdrawal since the last notice")
    session.add(
        NumberingNotice(
            number=number,
            published_on=day,
            published_at=now(),
            title=notice_title(number, day),
            published_by=name,
        )
    )
    session.flush()
    for row in withdrawn:
        session.add(
            NumberingNoticeEntry(
                notice_number=number,
                action="SUP",
                kind=row.kind,
                code=row.code,
                holder=row.holder,
                country=row.applicant,
            )
        )
        _event(
            session,
            application_id=row.id,
            resource_id=None,
            action=PUBLISH_WITHDRAWAL,
            status=row.status,
            actor=name,
            at=now(),
            detail=f"withdrawal published in change notice No. {number} of {day.isoformat()}",
            notice_number=number,
        )
    for resource in reclaimed_resources:
        session.add(
            NumberingNoticeEntry(
                notice_number=number,
                action="SUP",
                kind=resource.kind,
                code=resource.code,
                holder=resource.holder,
                country=resource.country,
            )
        )
        _event(
            session,
            application_id=None,
            resource_id=resource.id,
            action=PUBLISH_WITHDRAWAL,
            status=Status.RECLAIMED.value,
            actor=name,
            at=now(),
            detail=f"withdrawal published in change notice No. {number} of {day.isoformat()}",
            notice_number=number,
        )
    for row in unpublished_assigned:
        session.add(
            NumberingNoticeEntry(
                notice_number=number,
                action="ADD",
                kind=row.kind,
                code=row.code,
                holder=row.holder,
                country=row.applicant,
            )
        )
        resource = _resource_of(session, row)
        _transition(
            session,
            row,
            action="publish",
            actor=name,
            detail=f"published in change notice No. {number} of {day.isoformat()}",
            resource_id=resource.id,
            notice_number=number,
        )
    session.flush()
    return get_notice(session, number)


def count_resources(session: Session) -> dict[str, int]:
    rows = session.execute(
        select(NumberingResource.kind, func.count())
        .where(NumberingResource.active_code.is_not(None))
        .group_by(NumberingResource.kind)
    ).all()
    return {kind: int(count) for kind, count in rows}
