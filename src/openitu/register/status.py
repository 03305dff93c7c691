"""The life of a notified assignment: its statuses, the events that move it, and which
event is allowed from which status.

An assignment is notified (its first date of receipt), examined (a finding), then either
recorded in the Master Register or returned with its finding. A returned or recorded
assignment may be modified: the modification is received with its own date and examined
again. Before recording, the administration may withdraw its notice; a recorded
assignment it gives up is suppressed from the Register. Every event is kept: the
register's history is never overwritten.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Final

from openitu.errors import Conflict, InvalidInput


class Status(StrEnum):
    RECEIVED = "received"
    """Notified; awaiting examination (listed in the circular's Part I)."""
    EXAMINED = "examined"
    """A finding is made; the secretariat records or returns the notice."""
    RECORDED = "recorded"
    """Entered in the Master Register (Part II)."""
    RETURNED = "returned"
    """Sent back with its unfavourable finding (Part III); may be modified and resubmitted."""
    WITHDRAWN = "withdrawn"
    """Withdrawn by its administration before recording."""
    SUPPRESSED = "suppressed"
    """Deleted from the Register at its administration's request (its history stays)."""


class Event(StrEnum):
    NOTIFIED = "notified"
    MODIFIED = "modified"
    EXAMINED = "examined"
    RECORDED = "recorded"
    RETURNED = "returned"
    WITHDRAWN = "withdrawn"
    SUPPRESSED = "suppressed"
    AGREEMENT = "agreement"
    """A coordination agreement arrived: recorded, the status does not move."""
    REFUSAL = "refusal"
    """An administration asked to coordinate refused, with its reason; the status does
    not move."""


FINAL: Final = frozenset({Status.WITHDRAWN, Status.SUPPRESSED})
OPEN: Final = frozenset({Status.RECEIVED, Status.EXAMINED, Status.RETURNED, Status.RECORDED})

# (event, status before) -> status after. A status absent for an event refuses it.
TRANSITIONS: Final[dict[Event, dict[Status | None, Status]]] = {
    # A reference seen before but withdrawn or suppressed may be notified afresh.
    Event.NOTIFIED: {None: Status.RECEIVED, Status.WITHDRAWN: Status.RECEIVED,
                     Status.SUPPRESSED: Status.RECEIVED},
    Event.MODIFIED: {s: Status.RECEIVED for s in OPEN},
    Event.EXAMINED: {Status.RECEIVED: Status.EXAMINED, Status.EXAMINED: Status.EXAMINED},
    Event.RECORDED: {Status.EXAMINED: Status.RECORDED},
    Event.RETURNED: {Status.EXAMINED: Status.RETURNED},
    Event.WITHDRAWN: {Status.RECEIVED: Status.WITHDRAWN, Status.EXAMINED: Status.WITHDRAWN,
                      Status.RETURNED: Status.WITHDRAWN},
    Event.SUPPRESSED: {Status.RECORDED: Status.SUPPRESSED},
    Event.AGREEMENT: {s: s for s in OPEN},
    Event.REFUSAL: {s: s for s in OPEN},
}  # fmt: skip


def after(event: Event, status: Status | None) -> Status:
    """The status ``event`` leads to from ``status``; `Conflict` when it is not allowed."""
    allowed = TRANSITIONS[event]
    if status not in allowed:
        where = status.value if status is not None else "not notified"
        may = sorted(s.value if s is not None else "new" for s in allowed)
        raise Conflict(
            f"cannot apply '{event.value}' to a notice that is {where} "
            f"(allowed from: {', '.join(may)})",
            entity="register_assignment",
            fields=("status",),
        )
    return allowed[status]


def parse_status(value: str, *, field: str = "status") -> Status:
    try:
        return Status(value.strip().lower())
    except ValueError:
        known = ", ".join(s.value for s in Status)
        raise InvalidInput(field, f"{value!r} is not a status (one of {known})") from None
