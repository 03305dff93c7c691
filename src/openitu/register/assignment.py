"""An assignment as the register holds it: the notice as it stands, where it is in its
life, its dates, its last finding, and its history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from openitu.register.notice import Notice
from openitu.register.status import Event, Status


@dataclass(frozen=True)
class Assignment:
    id: int
    notice: Notice
    status: Status
    version: int
    """How many times it was received (1 + its modifications)."""
    content_hash: str
    received_at: datetime
    """The date of receipt of the version it stands at: its priority."""
    first_received_at: datetime
    finding: dict[str, Any] | None
    recorded_under: str | None
    recorded_at: datetime | None
    submitted_by: str

    def summary(self) -> dict[str, Any]:
        return {
            "notice_id": self.id,
            "administration": self.notice.administration,
            "reference": self.notice.reference,
            "service": self.notice.service,
            "station_class": self.notice.station_class,
            "frequency_hz": self.notice.frequency_hz,
            "necessary_bandwidth_hz": self.notice.necessary_bandwidth_hz,
            "lat_deg": self.notice.tx.lat_deg,
            "lon_deg": self.notice.tx.lon_deg,
            "status": self.status.value,
            "date_of_receipt": self.received_at.isoformat(),
            "recorded_under": self.recorded_under,
        }

    def as_dict(self) -> dict[str, Any]:
        return {
            **self.summary(),
            "version": self.version,
            "first_date_of_receipt": self.first_received_at.isoformat(),
            "recorded_at": self.recorded_at.isoformat() if self.recorded_at else None,
            "submitted_by": self.submitted_by,
            "notice": self.notice.as_dict(),
            "finding": self.finding,
        }


@dataclass(frozen=True)
class HistoryEntry:
    event: Event
    status: Status
    at: datetime
    actor: str
    received_at: datetime | None
    detail: dict[str, Any]

    def as_dict(self) -> dict[str, Any]:
        return {
            "event": self.event.value,
            "status": self.status.value,
            "date": self.at.isoformat(),
            "date_of_receipt": self.received_at.isoformat() if self.received_at else None,
            "actor": self.actor,
            "detail": self.detail,
        }
