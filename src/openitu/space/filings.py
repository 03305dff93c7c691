"""The life of a satellite network filing: an explicit state machine with dates, and
the regulatory time limits that follow from them (RR 2020, Articles 9 and 11,
Resolution 49 (Rev.WRC-19)).

Steps, each with its date of receipt by the Bureau (and, optionally, of its examination
and publication):

====================  =====================================  =========================
step                  from                                   provision
====================  =====================================  =========================
advance_publication   (first)                                No. 9.1A (where it applies)
coordination_request  (first), advance_publication           No. 9.30 (publication 9.38)
notification          coordination_request                   Nos. 11.2, 11.15
recording             notification                           No. 11.36 (Master Register)
bringing_into_use     coordination_request .. recording      Nos. 11.44, 11.44B
due_diligence         any live state                         Resolution 49
suspension            in use                                 No. 11.49
resumption            suspended                              No. 11.49
withdrawal            any live state                         (by the administration)
====================  =====================================  =========================

Time limits (`evaluate`):

- bringing into use within seven years of the date of receipt of the coordination
  request (No. 11.44); the date given is the first day of the continuous period of 90
  days during which a space station was deployed and maintained at the notified position,
  which counts as bringing into use once completed (No. 11.44B);
- Resolution 49's due-diligence information before the end of that same period, or the
  network is no longer taken into account;
- a suspension: the Bureau informed within six months of the date of suspension, and
  use resumed within three years of that date; informing later shortens the three
  years by the delay beyond the six months (No. 11.49).

A limit passed without the step lapses the filing (``lapsed_on`` with the provision).
Reminders start ``reminder_days`` before a limit: a setting of ours (default 90 days),
not a figure of the Regulations.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Any, Final

from openitu.errors import InvalidInput

EDITION: Final = "RR 2020"
BRINGING_INTO_USE_YEARS: Final = 7
CONTINUOUS_OPERATION_DAYS: Final = 90
SUSPENSION_NOTICE_MONTHS: Final = 6
SUSPENSION_MAX_YEARS: Final = 3
DEFAULT_REMINDER_DAYS: Final = 90


class Step(StrEnum):
    ADVANCE_PUBLICATION = "advance_publication"
    COORDINATION_REQUEST = "coordination_request"
    NOTIFICATION = "notification"
    RECORDING = "recording"
    BRINGING_INTO_USE = "bringing_into_use"
    DUE_DILIGENCE = "due_diligence"
    SUSPENSION = "suspension"
    RESUMPTION = "resumption"
    WITHDRAWAL = "withdrawal"


class Status(StrEnum):
    ADVANCE_PUBLISHED = "advance_published"
    COORDINATION_REQUESTED = "coordination_requested"
    NOTIFIED = "notified"
    RECORDED = "recorded"
    IN_USE = "in_use"
    SUSPENDED = "suspended"
    LAPSED = "lapsed"
    WITHDRAWN = "withdrawn"


PROVISIONS: Final[dict[Step, str]] = {
    Step.ADVANCE_PUBLICATION: "RR No. 9.1A",
    Step.COORDINATION_REQUEST: "RR No. 9.30",
    Step.NOTIFICATION: "RR Nos. 11.2, 11.15",
    Step.RECORDING: "RR No. 11.36",
    Step.BRINGING_INTO_USE: "RR Nos. 11.44, 11.44B",
    Step.DUE_DILIGENCE: "Resolution 49 (Rev.WRC-19)",
    Step.SUSPENSION: "RR No. 11.49",
    Step.RESUMPTION: "RR No. 11.49",
    Step.WITHDRAWAL: "withdrawal by the notifying administration",
}

_PRE_USE: Final = frozenset({Status.COORDINATION_REQUESTED, Status.NOTIFIED, Status.RECORDED})
_LIVE: Final = frozenset(Status) - {Status.LAPSED, Status.WITHDRAWN}
ALLOWED: Final[dict[Step, frozenset[Status | None]]] = {
    Step.ADVANCE_PUBLICATION: frozenset({None}),
    Step.COORDINATION_REQUEST: frozenset({None, Status.ADVANCE_PUBLISHED}),
    Step.NOTIFICATION: frozenset({Status.COORDINATION_REQUESTED}),
    Step.RECORDING: frozenset({Status.NOTIFIED}),
    Step.BRINGING_INTO_USE: _PRE_USE,
    Step.DUE_DILIGENCE: _LIVE,
    Step.SUSPENSION: frozenset({Status.IN_USE}),
    Step.RESUMPTION: frozenset({Status.SUSPENDED}),
    Step.WITHDRAWAL: _LIVE,
}
NEXT: Final[dict[Step, Status | None]] = {
    Step.ADVANCE_PUBLICATION: Status.ADVANCE_PUBLISHED,
    Step.COORDINATION_REQUEST: Status.COORDINATION_REQUESTED,
    Step.NOTIFICATION: Status.NOTIFIED,
    Step.RECORDING: Status.RECORDED,
    Step.BRINGING_INTO_USE: Status.IN_USE,
    Step.DUE_DILIGENCE: None,  # information only: the status stays
    Step.SUSPENSION: Status.SUSPENDED,
    Step.RESUMPTION: Status.IN_USE,
    Step.WITHDRAWAL: Status.WITHDRAWN,
}


@dataclass(frozen=True)
class Event:
    step: Step
    date_of_receipt: date
    informed_on: date | None = None
    """For a suspension: the day the Bureau was informed (No. 11.49)."""
    examined_on: date | None = None
    published_on: date | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "step": self.step.value,
            "date_of_receipt": self.date_of_receipt.isoformat(),
            "informed_on": _iso(self.informed_on),
            "examined_on": _iso(self.examined_on),
            "published_on": _iso(self.published_on),
            "provision": PROVISIONS[self.step],
            "edition": EDITION,
        }


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def parse_step(text: str, *, field: str = "step") -> Step:
    try:
        return Step(text.strip().lower().replace("-", "_").replace(" ", "_"))
    except ValueError:
        raise InvalidInput(field, f"unknown step {text!r} (one of {', '.join(Step)})") from None


def add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year that has none: the period ends on 28 February
        return day.replace(year=day.year + years, day=28)


def add_months(day: date, months: int) -> date:
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


@dataclass(frozen=True)
class Deadline:
    name: str
    due: date
    provision: str
    met_on: date | None = None
    reminder_days: int = DEFAULT_REMINDER_DAYS

    def state(self, as_of: date) -> str:
        if self.met_on is not None:
            # A 90-day period still running is met only once it has run (No. 11.44B).
            return "met" if self.met_on <= as_of else "pending"
        return "missed" if as_of > self.due else "pending"

    def as_dict(self, as_of: date) -> dict[str, Any]:
        state = self.state(as_of)
        reminder_from = self.due - timedelta(days=self.reminder_days)
        return {
            "name": self.name,
            "due": self.due.isoformat(),
            "provision": self.provision,
            "edition": EDITION,
            "state": state,
            "met_on": _iso(self.met_on),
            "reminder_from": reminder_from.isoformat(),
            "remind": state == "pending" and as_of >= reminder_from,
        }


@dataclass(frozen=True)
class FilingState:
    status: Status
    deadlines: tuple[Deadline, ...]
    lapsed_on: date | None
    lapse_provision: str | None
    as_of: date
    events: tuple[Event, ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "status": self.status.value,
            "as_of": self.as_of.isoformat(),
            "lapsed_on": _iso(self.lapsed_on),
            "lapse_provision": self.lapse_provision,
            "edition": EDITION,
            "steps": [event.as_dict() for event in self.events],
            "deadlines": [deadline.as_dict(self.as_of) for deadline in self.deadlines],
            "reminders": [d.name for d in self.deadlines if d.as_dict(self.as_of)["remind"]],
        }


def check_step(events: list[Event], new: Event) -> None:
    """Refuse a step the life cycle does not allow now (`InvalidInput` naming ``step``
    or ``date_of_receipt``): out of order, earlier than the last step, or after a limit
    has passed (the filing has lapsed)."""
    if events and new.date_of_receipt < events[-1].date_of_receipt:
        raise InvalidInput(
            "date_of_receipt",
            f"earlier than the previous step ({events[-1].date_of_receipt.isoformat()})",
        )
    state = evaluate(events, as_of=new.date_of_receipt) if events else None
    status = None if state is None else state.status
    if status is Status.LAPSED and state is not None:
        raise InvalidInput(
            "step", f"the filing lapsed on {_iso(state.lapsed_on)} ({state.lapse_provision})"
        )
    if status not in ALLOWED[new.step]:
        now = "no step yet" if status is None else status.value
        raise InvalidInput("step", f"{new.step.value} is not allowed after {now}")
    early = new.informed_on is not None and new.informed_on < new.date_of_receipt
    if early and new.step is Step.SUSPENSION:
        raise InvalidInput("informed_on", "the Bureau cannot be informed before the suspension")


def evaluate(
    events: list[Event] | tuple[Event, ...],
    *,
    as_of: date,
    reminder_days: int = DEFAULT_REMINDER_DAYS,
) -> FilingState:
    """Replay the steps up to ``as_of`` and apply the time limits."""
    status: Status | None = None
    deadlines: dict[str, Deadline] = {}
    lapsed_on: date | None = None
    lapse_provision: str | None = None
    applied: list[Event] = []

    def lapse_if_missed(today: date) -> None:
        nonlocal status, lapsed_on, lapse_provision
        if status in (Status.LAPSED, Status.WITHDRAWN):
            return
        missed = [d for d in deadlines.values() if d.met_on is None and today > d.due]
        if missed:
            first = min(missed, key=lambda d: d.due)
            status = Status.LAPSED
            lapsed_on = first.due + timedelta(days=1)
            lapse_provision = first.provision

    for event in sorted(events, key=lambda e: e.date_of_receipt):
        if event.date_of_receipt > as_of:
            break
        lapse_if_missed(event.date_of_receipt)
        if status in (Status.LAPSED, Status.WITHDRAWN):
            break
        applied.append(event)
        day = event.date_of_receipt
        if event.step is Step.COORDINATION_REQUEST:
            due = add_years(day, BRINGING_INTO_USE_YEARS)
            deadlines["bringing_into_use"] = Deadline(
                "bringing_into_use", due, "RR No. 11.44", reminder_days=reminder_days
            )
            deadlines["due_diligence"] = Deadline(
                "due_diligence", due, "Resolution 49 (Rev.WRC-19)", reminder_days=reminder_days
            )
        elif event.step is Step.BRINGING_INTO_USE:
            if "bringing_into_use" in deadlines:
                deadlines["bringing_into_use"] = _met(deadlines["bringing_into_use"], day)
            deadlines["continuous_operation"] = Deadline(
                "continuous_operation",
                day + timedelta(days=CONTINUOUS_OPERATION_DAYS),
                "RR No. 11.44B",
                met_on=day + timedelta(days=CONTINUOUS_OPERATION_DAYS),
                reminder_days=reminder_days,
            )
        elif event.step is Step.DUE_DILIGENCE and "due_diligence" in deadlines:
            deadlines["due_diligence"] = _met(deadlines["due_diligence"], day)
        elif event.step is Step.SUSPENSION:
            deadlines.pop("resumption", None)
            informed = event.informed_on or day
            notice_end = add_months(day, SUSPENSION_NOTICE_MONTHS)
            late = max((informed - notice_end).days, 0)
            due = add_years(day, SUSPENSION_MAX_YEARS) - timedelta(days=late)
            deadlines["resumption"] = Deadline(
                "resumption", due, "RR No. 11.49", reminder_days=reminder_days
            )
        elif event.step is Step.RESUMPTION and "resumption" in deadlines:
            deadlines["resumption"] = _met(deadlines["resumption"], day)
        next_status = NEXT[event.step]
        if next_status is not None:
            status = next_status
    lapse_if_missed(as_of)
    if status is None:
        raise InvalidInput("steps", "a filing needs at least one step on or before as_of")
    return FilingState(
        status=status,
        deadlines=tuple(deadlines.values()),
        lapsed_on=lapsed_on,
        lapse_provision=lapse_provision,
        as_of=as_of,
        events=tuple(applied),
    )


def _met(deadline: Deadline, day: date) -> Deadline:
    if day > deadline.due:
        return deadline  # too late: the limit stays missed
    return Deadline(deadline.name, deadline.due, deadline.provision, met_on=day,
                    reminder_days=deadline.reminder_days)  # fmt: skip
