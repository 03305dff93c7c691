"""Numbering: the repository (rows <-> the core's dataclasses, and the queries).

No rule lives here: who may act and what a step requires are openitu.numbering.workflow's,
and the steps themselves openitu.usecases.numbering's. The functions take the caller's
session and never commit. Besides "not found", the only refusal here is the database's
own: the unique constraint on (kind, active_code) that keeps a code to one holder.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from openitu.errors import Conflict
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
    PUBLISH_WITHDRAWAL,
    Application,
    ChangeNotice,
    Event,
    HeldCode,
    Kind,
    NoticeEntry,
    Status,
    Unpublished,
    parse_code,
)
from openitu.store.rows import found, rows_where
from openitu.store.tables.numbering import (
    NumberingApplication,
    NumberingEvent,
    NumberingNotice,
    NumberingNoticeEntry,
    NumberingResource,
)

MOBILE_KINDS = (Kind.MNC.value, Kind.SHARED_MNC.value)


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


def _held(row: NumberingResource) -> HeldCode:
    return HeldCode(row.id, row.kind, row.code, row.holder, row.country, row.application_id)


def _aware(value: datetime) -> datetime:
    # SQLite returns naive datetimes for timezone-aware columns; they were written in UTC.
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


# ------------------------------------------------------------------------ the register


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


def count_resources(session: Session) -> dict[str, int]:
    rows = session.execute(
        select(NumberingResource.kind, func.count())
        .where(NumberingResource.active_code.is_not(None))
        .group_by(NumberingResource.kind)
    ).all()
    return {kind: int(count) for kind, count in rows}


def assignments_of(session: Session, *, country: str) -> list[dict[str, Any]]:
    """Codes held now through the applications of a country's administration (ISO2).

    These add to what the Bulletins list (the international ones, under 901, 882 and 883,
    are the applicant administration's even though they serve no country).
    """
    rows = session.execute(
        select(NumberingResource, NumberingApplication.id, NumberingApplication.status)
        .join(NumberingApplication, NumberingResource.application_id == NumberingApplication.id)
        .where(
            NumberingApplication.applicant == country,
            NumberingResource.active_code.is_not(None),
        )
        .order_by(NumberingResource.kind, NumberingResource.code)
    ).all()
    # A held code's state is its application's (workflow.Status): one word on every page.
    return [
        {
            "kind": row.kind,
            "code": row.code,
            "holder": row.holder,
            "status": status,
            "application_id": application_id,
        }
        for row, application_id, status in rows
    ]


def held_code(session: Session, *, kind: str, code: str) -> HeldCode | None:
    """The register's entry holding ``code`` now (locked for the transaction), if any."""
    row = session.scalar(
        select(NumberingResource)
        .where(NumberingResource.kind == kind, NumberingResource.active_code == code)
        .with_for_update()
    )
    return None if row is None else _held(row)


def held_by(session: Session, application_id: int) -> HeldCode | None:
    """The entry an application holds now (reserved or assigned), locked, if any."""
    row = session.scalar(
        select(NumberingResource)
        .where(
            NumberingResource.application_id == application_id,
            NumberingResource.active_code.is_not(None),
        )
        .with_for_update()
    )
    return None if row is None else _held(row)


def hold(session: Session, application: Application, *, since: datetime) -> HeldCode:
    """Enter ``application``'s code in the register as reserved for its holder.

    Conflict when the code is held already (the unique constraint on (kind, active_code),
    which backs up the check the use case made)."""
    code = application.code
    row = NumberingResource(
        kind=code.kind.value,
        code=code.text,
        plan=code.plan,
        local=code.local,
        active_code=code.text,
        status=RESERVED,
        holder=application.holder,
        # International resources (901, 882/883) serve no country.
        country=None if code.kind in (Kind.SHARED_MNC, Kind.NETWORK_IC) else application.applicant,
        country_name=None,
        also="",
        source=f"application {application.id}",
        application_id=application.id,
        since=since,
    )
    try:
        with session.begin_nested():
            session.add(row)
            session.flush()
    except IntegrityError:
        raise Conflict(f"{code.text} has just been reserved for another application") from None
    return _held(row)


def mark_assigned(session: Session, resource_id: int) -> None:
    row = found(session.get(NumberingResource, resource_id), f"no numbering resource {resource_id}")
    row.status = ASSIGNED


def release(session: Session, resource_id: int, *, at: datetime) -> None:
    """The entry's holder no longer holds the code; the entry stays as history."""
    row = found(session.get(NumberingResource, resource_id), f"no numbering resource {resource_id}")
    row.active_code = None
    row.status = WITHDRAWN
    row.until = at


# ------------------------------------------------------------------------ applications


def get_application(
    session: Session, application_id: int, *, for_update: bool = False
) -> Application:
    row = found(
        session.get(NumberingApplication, application_id, with_for_update=for_update),
        f"no numbering application {application_id}",
    )
    return _application(row)


def list_applications(
    session: Session, *, applicant: str | None = None, status: Status | None = None
) -> list[Application]:
    query = select(NumberingApplication).order_by(
        NumberingApplication.received_at, NumberingApplication.id
    )
    if applicant:
        query = query.where(NumberingApplication.applicant == applicant)
    if status is not None:
        query = query.where(NumberingApplication.status == status.value)
    return [_application(r) for r in session.scalars(query)]


def pending_for(session: Session, *, kind: str, code: str) -> list[Application]:
    """The applications for one code still waiting for a decision (locked), by receipt."""
    rows = session.scalars(
        select(NumberingApplication)
        .where(
            NumberingApplication.kind == kind,
            NumberingApplication.code == code,
            NumberingApplication.status.in_([s.value for s in PENDING]),
        )
        .order_by(NumberingApplication.received_at, NumberingApplication.id)
        .with_for_update()
    ).all()
    return [_application(r) for r in rows]


def application_sent_with(
    session: Session, *, submitted_by: str, form_key: str
) -> Application | None:
    """The application ``submitted_by`` sent with the one-time form key, if one was."""
    row = session.scalar(
        select(NumberingApplication).where(
            NumberingApplication.submitted_by == submitted_by,
            NumberingApplication.form_key == form_key,
        )
    )
    return None if row is None else _application(row)


def add_application(
    session: Session,
    application: Application,
    *,
    submitted_by: str,
    form_key: str | None = None,
) -> Application:
    row = NumberingApplication(
        kind=application.kind.value,
        code=application.code.text,
        applicant=application.applicant,
        holder=application.holder,
        purpose=application.purpose,
        received_at=application.received_at,
        status=application.status.value,
        reason=application.reason,
        submitted_by=submitted_by,
        form_key=form_key,
    )
    session.add(row)
    session.flush()
    return _application(row)


def save_status(session: Session, application: Application) -> Application:
    """Store the application's new status (and reason); returns it as stored."""
    if application.id is None:
        raise ValueError("an application is added before its status changes")
    row = found(
        session.get(NumberingApplication, application.id),
        f"no numbering application {application.id}",
    )
    row.status = application.status.value
    row.reason = application.reason
    session.flush()
    return _application(row)


# ------------------------------------------------------------------------ history


def add_event(
    session: Session,
    event: Event,
    *,
    application_id: int | None = None,
    resource_id: int | None = None,
) -> None:
    """Append a step to ``numbering_events`` (append-only: triggers refuse changes)."""
    # The event's fields are the columns' names.
    session.add(
        NumberingEvent(application_id=application_id, resource_id=resource_id, **asdict(event))
    )


def history(session: Session, application_id: int) -> list[Event]:
    get_application(session, application_id)
    rows = rows_where(session, NumberingEvent, NumberingEvent.id, application_id=application_id)
    return [
        Event(r.action, r.status, _aware(r.at), r.actor, r.detail, r.notice_number) for r in rows
    ]


def last_checks(session: Session, application_ids: list[int]) -> dict[int, str]:
    """The detail of each application's latest check or rejection, by application id."""
    if not application_ids:
        return {}
    rows = session.execute(
        select(NumberingEvent.application_id, NumberingEvent.detail)
        .where(
            NumberingEvent.application_id.in_(application_ids),
            NumberingEvent.action.in_(("check", "reject")),
        )
        .order_by(NumberingEvent.id)
    ).all()
    return {application_id: detail for application_id, detail in rows if application_id}


# ------------------------------------------------------------------------ change notices


def list_notices(session: Session) -> list[ChangeNotice]:
    notices = session.scalars(select(NumberingNotice).order_by(NumberingNotice.number)).all()
    return [_notice(session, n) for n in notices]


def get_notice(session: Session, number: int) -> ChangeNotice:
    row = found(session.get(NumberingNotice, number), f"no change notice No. {number}")
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


def next_notice_number(session: Session) -> int:
    return (session.scalar(select(func.max(NumberingNotice.number))) or 0) + 1


def unpublished(session: Session) -> list[Unpublished]:
    """Every change no notice has carried yet, as facts (the core decides what to publish).

    In order: applications whose code was withdrawn, Bulletin codes reclaimed alone,
    then assignments; each by id.
    """
    event = NumberingEvent
    published = select(event.application_id).where(event.action == "publish")
    withdrawal_published = select(event.application_id).where(
        event.action == PUBLISH_WITHDRAWAL, event.application_id.is_not(None)
    )
    released = session.execute(
        select(NumberingApplication, NumberingApplication.id.in_(published))
        .where(
            NumberingApplication.status.in_([Status.RECLAIMED.value, Status.RETURNED.value]),
            NumberingApplication.id.not_in(withdrawal_published),
        )
        .order_by(NumberingApplication.id)
    ).all()
    reclaimed_alone = session.scalars(
        select(NumberingResource)
        .where(
            NumberingResource.id.in_(
                select(event.resource_id).where(
                    event.action == "reclaim", event.application_id.is_(None)
                )
            ),
            NumberingResource.id.not_in(
                select(event.resource_id).where(
                    event.action == PUBLISH_WITHDRAWAL, event.resource_id.is_not(None)
                )
            ),
        )
        .order_by(NumberingResource.id)
    ).all()
    assigned = session.execute(
        select(NumberingApplication, NumberingResource.id)
        .join(NumberingResource, NumberingResource.application_id == NumberingApplication.id)
        .where(
            NumberingApplication.status == Status.ASSIGNED.value,
            NumberingResource.active_code.is_not(None),
        )
        .order_by(NumberingApplication.id)
        .with_for_update()
    ).all()
    changes = [
        _change("SUP", row, application_id=row.id, assignment_published=bool(was_published))
        for row, was_published in released
    ]
    changes += [_change("SUP", row, resource_id=row.id) for row in reclaimed_alone]
    changes += [
        _change("ADD", row, application_id=row.id, resource_id=resource_id)
        for row, resource_id in assigned
    ]
    return changes


def _change(
    action: str,
    row: NumberingApplication | NumberingResource,
    *,
    application_id: int | None = None,
    resource_id: int | None = None,
    assignment_published: bool = True,
) -> Unpublished:
    # An application's country is the applicant's; a Bulletin entry's its own.
    country: str | None = row.applicant if isinstance(row, NumberingApplication) else row.country
    status = row.status if isinstance(row, NumberingApplication) else Status.RECLAIMED.value
    return Unpublished(
        action=action,
        status=status,
        kind=row.kind,
        code=row.code,
        holder=row.holder,
        country=country,
        application_id=application_id,
        resource_id=resource_id,
        assignment_published=assignment_published,
    )


def add_notice(
    session: Session, notice: ChangeNotice, *, published_at: datetime, published_by: str
) -> None:
    session.add(
        NumberingNotice(
            number=notice.number,
            published_on=notice.published_on,
            published_at=published_at,
            title=notice.title,
            published_by=published_by,
        )
    )
    session.flush()
    # The entry's fields are the columns' names.
    session.add_all(
        NumberingNoticeEntry(notice_number=notice.number, **entry.as_dict())
        for entry in notice.entries
    )
    session.flush()
