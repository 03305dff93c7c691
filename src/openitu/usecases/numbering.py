"""Numbering's use cases: apply, check, reserve, assign, publish, reclaim, return, withdraw.

Each is a keyword-only function taking the caller's session and the acting ``principal``:
:func:`openitu.usecases.write.begin` authorizes the principal and orders the area's
writers (bumping the ``numbering`` version first, which also makes every process's cached
E.212 register stale), the rules of :mod:`openitu.numbering.workflow` decide, the
repository :mod:`openitu.store.numbering` writes the rows and the step's event
(``numbering_events``, the area's append-only history), and the step is audited. They
never commit: one step is one transaction of the caller's unit of work.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import UTC, date, datetime

from sqlalchemy.orm import Session

from openitu.accounts.rights import Principal
from openitu.errors import Conflict, InvalidInput, NotFound
from openitu.governance.members import Action, check_administration
from openitu.numbering.countries import validate_iso2
from openitu.numbering.workflow import (
    ADMINISTER,
    PUBLISH_WITHDRAWAL,
    Application,
    ChangeNotice,
    Event,
    Reclaimed,
    Status,
    Unpublished,
    check,
    clean_text,
    compose_notice,
    decide_by_receipt,
    examined,
    next_status,
    parse_code,
    require_may_see,
    require_reclaimable_directly,
    require_reservable,
    sees_every_application,
    sent_again,
    to_publish,
    validate_form_key,
)
from openitu.store import numbering as repository
from openitu.usecases.write import Write, begin

AREA = "numbering"


def now() -> datetime:
    return datetime.now(UTC)


def _begin(session: Session, principal: Principal, right: str = ADMINISTER) -> Write:
    return begin(session, principal=principal, right=right, area=AREA)


def _step(
    write: Write,
    application: Application,
    action: str,
    *,
    detail: str,
    resource_id: int | None = None,
    notice_number: int | None = None,
    reason: str | None = None,
) -> Application:
    """One transition of the status machine: new status, its event, its audit entry."""
    target = next_status(application.status, action)
    changed = replace(
        application, status=target, reason=application.reason if reason is None else reason
    )
    stored = repository.save_status(write.session, changed)
    _record(
        write,
        stored,
        Event(action, target.value, now(), write.principal.actor, detail, notice_number),
        resource_id=resource_id,
    )
    return stored


def _record(
    write: Write,
    application: Application,
    event: Event,
    *,
    resource_id: int | None = None,
    audited_as: str | None = None,
) -> None:
    """The application's event (its history) and the audit entry, in one transaction."""
    repository.add_event(
        write.session, event, application_id=application.id, resource_id=resource_id
    )
    write.audit(
        f"numbering.application.{audited_as or event.action}",
        entity="numbering_application",
        entity_id=application.id,
        payload=application.as_dict(),
    )


# ------------------------------------------------------------------------ the applicant


def submit_application(
    session: Session,
    *,
    principal: Principal,
    administration: str,
    kind: str,
    code: str,
    holder: str,
    purpose: str = "",
    received_at: datetime | None = None,
    form_key: str | None = None,
) -> Application:
    """An administration applies for a resource; the application is dated on receipt.

    Only a notifying officer of that administration may apply, and only for a Member
    State's administration (the rights table says which members may). ``form_key``: the
    one-time key of the form sent; the same key sent again by the same account answers
    with the application it made, and makes no second one.
    """
    write = _begin(session, principal, "numbering.apply")
    at = received_at or now()
    applicant = check_administration(
        administration,
        action=Action.APPLY_NUMBERING_RESOURCES,
        on=at.date(),
        field="administration",
    )
    write.authorize_for(applicant)
    parsed = parse_code(kind, code)
    key = validate_form_key(form_key) if form_key else None
    if key is not None:
        earlier = repository.application_sent_with(
            session, submitted_by=principal.actor, form_key=key
        )
        if earlier is not None:
            return sent_again(earlier, applicant=applicant, code=parsed)
    if not holder.strip():
        raise InvalidInput("holder", "name the operator or network the code is for")
    application = repository.add_application(
        session,
        Application(
            kind=parsed.kind,
            code=parsed,
            applicant=applicant,
            holder=clean_text("holder", holder, max_length=200),
            purpose=clean_text("purpose", purpose, max_length=2000, required=False),
            received_at=at,
        ),
        submitted_by=principal.actor,
        form_key=key,
    )
    detail = f"{applicant} applies for {parsed.kind.value} {parsed.text} for {application.holder}"
    _record(
        write,
        application,
        Event("receive", Status.RECEIVED.value, at, principal.actor, detail),
        audited_as="submit",
    )
    return application


def precheck(
    session: Session,
    *,
    principal: Principal,
    administration: str,
    kind: str,
    code: str,
    holder: str,
) -> list[str]:
    """The reasons the TSB's check would give now, for a form to show before submitting.

    Starts like the submission that follows it in the same transaction (on SQLite a read
    before the write lock would pin a snapshot the submission could not write from).
    """
    applicant = validate_iso2(administration, field="administration")
    begin(
        session, principal=principal, right="numbering.apply", area=AREA, administration=applicant
    )
    parsed = parse_code(kind, code)
    draft = Application(
        kind=parsed.kind,
        code=parsed,
        applicant=applicant,
        holder=holder,
        received_at=now(),
    )
    return check(draft, repository.DbRegisterView(session))


def application_sent_with(
    session: Session, *, principal: Principal, form_key: str
) -> Application | None:
    """The application ``principal`` already sent with this one-time form key, if any
    (read after :func:`precheck` has begun the submission's transaction)."""
    key = validate_form_key(form_key)
    return repository.application_sent_with(session, submitted_by=principal.actor, form_key=key)


def withdraw_application(
    session: Session, *, principal: Principal, application_id: int
) -> Application:
    """The applicant withdraws an application still waiting for a decision."""
    write = _begin(session, principal, "numbering.withdraw")
    application = repository.get_application(session, application_id, for_update=True)
    write.authorize_for(application.applicant)
    return _step(write, application, "withdraw", detail="withdrawn by the applicant")


def return_code(session: Session, *, principal: Principal, application_id: int) -> Application:
    """The holder's administration gives its code back (only a notifying officer of it)."""
    write = _begin(session, principal, "numbering.withdraw")
    application = repository.get_application(session, application_id, for_update=True)
    write.authorize_for(application.applicant)
    return _release(write, application, "return")


# ------------------------------------------------------------------------ the TSB


def check_application(
    session: Session, *, principal: Principal, application_id: int
) -> Application:
    """The TSB checks an application: free, entitled, well formed. Rejects with reasons."""
    write = _begin(session, principal)
    application = repository.get_application(session, application_id, for_update=True)
    next_status(application.status, "check")
    reasons = check(application, repository.DbRegisterView(session))
    looked_at = examined(application)
    if reasons:
        text = "; ".join(reasons)
        return _step(write, application, "reject", detail=f"{text} ({looked_at})", reason=text)
    return _step(write, application, "check", detail=f"checked: no objection ({looked_at})")


def reserve(session: Session, *, principal: Principal, application_id: int) -> Application:
    """Reserve the code for a checked application, first come (by receipt) first served."""
    write = _begin(session, principal)
    application = repository.get_application(session, application_id, for_update=True)
    competitors = repository.pending_for(
        session, kind=application.kind.value, code=application.code.text
    )
    require_reservable(application, competitors, repository.DbRegisterView(session))
    return _hold(write, application)


def _hold(write: Write, application: Application) -> Application:
    held = repository.hold(write.session, application, since=now())
    return _step(
        write,
        application,
        "reserve",
        detail=f"{application.code.text} reserved for {application.holder}",
        resource_id=held.id,
    )


def resolve(session: Session, *, principal: Principal, kind: str, code: str) -> list[Application]:
    """Decide every pending application for one code at once, by date of receipt.

    The earliest application that passes the checks gets the code reserved; every other
    pending application for it is rejected, naming the one that came first. One
    transaction: all decided, or none.
    """
    write = _begin(session, principal)
    parsed = parse_code(kind, code)
    pending = repository.pending_for(session, kind=parsed.kind.value, code=parsed.text)
    if not pending:
        raise NotFound(f"no pending application for {parsed.kind.value} {parsed.text}")
    decided: list[Application] = []
    for decision in decide_by_receipt(pending, repository.DbRegisterView(session)):
        application = decision.application
        if decision.action == "reject":
            decided.append(
                _step(write, application, "reject", detail=decision.reason, reason=decision.reason)
            )
            continue
        if application.status is Status.RECEIVED:
            looked_at = examined(application)
            detail = f"checked: no objection ({looked_at})"
            application = _step(write, application, "check", detail=detail)
        decided.append(_hold(write, application))
    return decided


def _held_by(session: Session, application: Application) -> int:
    held = repository.held_by(session, application.id or 0)
    if held is None:
        raise Conflict(f"application {application.id} holds no code")
    return held.id


def assign(session: Session, *, principal: Principal, application_id: int) -> Application:
    """The reserved code is assigned to the holder (to be published in the next notice)."""
    write = _begin(session, principal)
    application = repository.get_application(session, application_id, for_update=True)
    next_status(application.status, "assign")
    resource_id = _held_by(session, application)
    repository.mark_assigned(session, resource_id)
    return _step(
        write,
        application,
        "assign",
        detail=f"{application.code.text} assigned to {application.holder}",
        resource_id=resource_id,
    )


def reclaim(session: Session, *, principal: Principal, application_id: int) -> Application:
    """The TSB reclaims an assigned code (E.212/E.164: unused, or used against the rules)."""
    write = _begin(session, principal)
    application = repository.get_application(session, application_id, for_update=True)
    return _release(write, application, "reclaim")


def _release(write: Write, application: Application, action: str) -> Application:
    next_status(application.status, action)
    resource_id = _held_by(write.session, application)
    repository.release(write.session, resource_id, at=now())
    verb = "reclaimed by the TSB" if action == "reclaim" else "returned by the administration"
    return _step(
        write,
        application,
        action,
        detail=f"{application.code.text} {verb}",
        resource_id=resource_id,
    )


APPLICATION_STEPS: Mapping[str, Callable[..., Application]] = {
    "check": check_application,
    "reserve": reserve,
    "assign": assign,
    "reclaim": reclaim,
    "withdraw": withdraw_application,
    "return": return_code,
}
"""The workflow's single steps, each ``step(session, principal=, application_id=)``, by the
name the applications page's buttons and `openitu numbering applications step` give them."""


def reclaim_code(
    session: Session, *, principal: Principal, kind: str, code: str, reason: str
) -> Reclaimed:
    """The TSB reclaims a code held without an application here (one the Bulletins list).

    The withdrawal is an event of the resource, published as SUP in the next notice.
    """
    write = _begin(session, principal)
    parsed = parse_code(kind, code)
    if not reason.strip():
        raise InvalidInput("reason", "say why the code is reclaimed")
    reason = clean_text("reason", reason, max_length=2000)
    held = repository.held_code(session, kind=parsed.kind.value, code=parsed.text)
    if held is None:
        raise NotFound(f"{parsed.text} is not held by anyone")
    require_reclaimable_directly(held)
    at = now()
    repository.release(session, held.id, at=at)
    repository.add_event(
        session,
        Event("reclaim", Status.RECLAIMED.value, at, principal.actor, reason),
        resource_id=held.id,
    )
    reclaimed = Reclaimed(parsed.kind.value, parsed.text, held.holder, held.country, reason)
    write.audit(
        "numbering.resource.reclaim",
        entity="numbering_resource",
        entity_id=held.id,
        payload=reclaimed.as_dict(),
    )
    return reclaimed


def publish_notice(
    session: Session, *, principal: Principal, published_on: date | None = None
) -> ChangeNotice:
    """Publish every assignment and withdrawal not yet published, in one dated notice."""
    write = _begin(session, principal)
    day = published_on or now().date()
    number = repository.next_notice_number(session)
    changes = to_publish(repository.unpublished(session))
    notice = compose_notice(number, day, changes)
    repository.add_notice(session, notice, published_at=now(), published_by=principal.actor)
    where = f"change notice No. {number} of {day.isoformat()}"
    for change in changes:
        if change.action == "ADD":
            _publish_assignment(write, change, where=where, number=number)
            continue
        repository.add_event(
            session,
            Event(
                PUBLISH_WITHDRAWAL,
                change.status,
                now(),
                principal.actor,
                f"withdrawal published in {where}",
                number,
            ),
            application_id=change.application_id,
            resource_id=change.resource_id,
        )
    return repository.get_notice(session, number)


def _publish_assignment(write: Write, change: Unpublished, *, where: str, number: int) -> None:
    application = repository.get_application(write.session, change.application_id or 0)
    _step(
        write,
        application,
        "publish",
        detail=f"published in {where}",
        resource_id=change.resource_id,
        notice_number=number,
    )


# ------------------------------------------------------------------------ reads


def applications(
    session: Session, *, principal: Principal, status: str | None = None
) -> list[Application]:
    """The applications ``principal`` may see: all for the TSB, else their administration's."""
    wanted = None
    if status:
        if status not in {s.value for s in Status}:
            known = ", ".join(s.value for s in Status)
            raise InvalidInput("status", f"unknown status {status!r} (one of {known})")
        wanted = Status(status)
    require_may_see(principal)
    if sees_every_application(principal):
        return repository.list_applications(session, status=wanted)
    return repository.list_applications(session, applicant=principal.administration, status=wanted)


def application(
    session: Session, *, principal: Principal, application_id: int
) -> tuple[Application, list[Event]]:
    """An application and its dated history, for the TSB or the applicant's officers."""
    require_may_see(principal)  # before the lookup: a refusal never tells which ids exist
    found = repository.get_application(session, application_id)
    require_may_see(principal, found.applicant)
    return found, repository.history(session, application_id)
