"""The circular: what the Bureau publishes of the register every period, like the BR IFIC
(Terrestrial services): Part I the notices received, Part II the assignments recorded,
Part III the notices returned with their findings. The period is a setting
(``register_circular_days``, 14 days by default: the BR IFIC appears every two weeks).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Final

from openitu.register.status import Event

PARTS: Final[dict[str, tuple[Event, ...]]] = {
    "I": (Event.NOTIFIED, Event.MODIFIED),
    "II": (Event.RECORDED,),
    "III": (Event.RETURNED,),
}
PART_TITLES: Final = {
    "I": "Notices received",
    "II": "Assignments recorded in the Master Register",
    "III": "Notices returned with their findings",
}


@dataclass(frozen=True)
class CircularEntry:
    """One event of the period with the assignment it concerns."""

    event: Event
    at: datetime
    notice_id: int
    administration: str
    reference: str
    service: str
    station_class: str
    frequency_hz: float
    date_of_receipt: datetime | None
    detail: dict[str, Any]


def part_of(event: Event) -> str | None:
    for part, events in PARTS.items():
        if event in events:
            return part
    return None


def compose(entries: list[CircularEntry]) -> dict[str, list[dict[str, Any]]]:
    """The three parts, each in the order of the events (Part I by date of receipt)."""
    parts: dict[str, list[dict[str, Any]]] = {part: [] for part in PARTS}
    for entry in sorted(entries, key=lambda e: (e.at, e.notice_id)):
        part = part_of(entry.event)
        if part is None:
            continue
        item: dict[str, Any] = {
            "notice_id": entry.notice_id,
            "administration": entry.administration,
            "reference": entry.reference,
            "service": entry.service,
            "station_class": entry.station_class,
            "frequency_hz": entry.frequency_hz,
            "event": entry.event.value,
            "date": entry.at.isoformat(),
            "date_of_receipt": entry.date_of_receipt.isoformat() if entry.date_of_receipt else None,
        }
        if part == "II":
            item["recorded_under"] = entry.detail.get("recorded_under")
        if part == "III":
            item["finding"] = entry.detail.get("finding")
            item["reasons"] = entry.detail.get("reasons", [])
        parts[part].append(item)
    return parts


def next_due(period_end: datetime, period_days: int) -> datetime:
    return period_end + timedelta(days=period_days)
