"""Dates and frequencies on the pages as people write them: "7 December 2026",
"7 December 2026, 14:05 UTC", "6175 MHz" (never an ISO timestamp or a bare count of Hz)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from openitu.units import format_frequency

_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def _parsed(value: date | datetime | str) -> date | datetime:
    if isinstance(value, str):
        return datetime.fromisoformat(value) if "T" in value else date.fromisoformat(value)
    return value


def _in_utc(moment: datetime) -> datetime:
    # The store writes UTC; a naive moment is one of its.
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(UTC)


def day(value: date | datetime | str | None) -> str:
    """ "7 December 2026" (the month by name, whatever the server's locale)."""
    if value is None or value == "":
        return ""
    parsed = _parsed(value)
    if isinstance(parsed, datetime):
        parsed = _in_utc(parsed)
    return f"{parsed.day} {_MONTHS[parsed.month - 1]} {parsed.year}"


def day_and_time(value: date | datetime | str | None) -> str:
    """ "7 December 2026, 14:05 UTC"; a date without a time reads as `day`."""
    if value is None or value == "":
        return ""
    parsed = _parsed(value)
    if not isinstance(parsed, datetime):
        return day(parsed)
    moment = _in_utc(parsed)
    return f"{day(moment)}, {moment:%H:%M} UTC"


def frequency(value_hz: float | None) -> str:
    """A frequency in the unit the Radio Regulations use for its band (RR No. 2.1)."""
    return "" if value_hz is None else format_frequency(float(value_hz))
