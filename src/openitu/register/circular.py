"""The circular: what the Bureau publishes of the register every period, like the BR IFIC
(Terrestrial services): Part I the notices received, Part II the assignments recorded,
Part III the notices returned with their findings. The period is a setting
(``register_circular_days``, 14 days by default: the BR IFIC appears every two weeks).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
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
        tx = (entry.detail.get("notice") or {}).get("tx") or {}
        if "lat_deg" in tx and "lon_deg" in tx:  # the position as notified (Part I)
            item["lat_deg"], item["lon_deg"] = tx["lat_deg"], tx["lon_deg"]
        if part == "II":
            item["recorded_under"] = entry.detail.get("recorded_under")
            item["finding"] = entry.detail.get("finding")
        if part == "III":
            item["finding"] = entry.detail.get("finding")
            item["reasons"] = entry.detail.get("reasons", [])
        parts[part].append(item)
    return parts


def next_due(period_end: datetime, period_days: int) -> datetime:
    return period_end + timedelta(days=period_days)


# --- the printed circular ------------------------------------------------------------

PRINT_COLUMNS: Final = (
    ("notice_id", "Notice ID"),
    ("administration", "Adm."),
    ("reference", "Adm. ref."),
    ("frequency", "Frequency"),
    ("station_class", "Class of station"),
    ("location", "Location"),
    ("finding", "Finding"),
    ("date_of_receipt", "Date of receipt"),
)
"""The columns of each Part as printed, after the BR IFIC (Terrestrial Services)
tables: the notice's identifier, the notifying administration and its own reference for
the assignment, the assigned frequency,
the class of station, the transmitter's geographical coordinates, the Bureau's finding and
the date of receipt."""


def format_frequency(hz: float) -> str:
    """A frequency in the unit RR No. 2.1 prescribes: kHz up to and including 3 000 kHz,
    MHz above 3 MHz up to 3 000 MHz, GHz above 3 GHz."""
    if hz <= 3e6:
        value, unit = hz / 1e3, "kHz"
    elif hz <= 3e9:
        value, unit = hz / 1e6, "MHz"
    else:
        value, unit = hz / 1e9, "GHz"
    return f"{value:.6f}".rstrip("0").rstrip(".") + f" {unit}"


def format_location(lat_deg: float | None, lon_deg: float | None) -> str:
    """The transmitter's coordinates in degrees, minutes and seconds with the hemisphere
    (``48°34'48"N 7°45'00"E``); empty when unknown."""
    if lat_deg is None or lon_deg is None:
        return ""

    def dms(value: float, positive: str, negative: str) -> str:
        seconds = round(abs(value) * 3600)
        d, rest = divmod(seconds, 3600)
        m, s = divmod(rest, 60)
        return f"{d}°{m:02d}'{s:02d}\"{positive if value >= 0 else negative}"

    return f"{dms(lat_deg, 'N', 'S')} {dms(lon_deg, 'E', 'W')}"


def finding_of(part: str, entry: Mapping[str, Any]) -> str:
    """The finding column: none yet in Part I (received, not examined); in Part II the
    finding with the provision it is recorded under ("favourable (No. 11.31)"); in
    Part III the unfavourable finding it was returned with."""
    if part == "II":
        finding = str(entry.get("finding") or "favourable")
        under = entry.get("recorded_under")
        return f"{finding} ({under})" if under else finding
    if part == "III":
        return str(entry.get("finding") or "unfavourable")
    return "not yet examined"


def print_row(part: str, entry: Mapping[str, Any]) -> dict[str, str]:
    """One entry of a Part as its printed columns (`PRINT_COLUMNS`); ``entry`` may carry
    ``lat_deg``/``lon_deg`` and ``date_of_receipt`` (the caller fills them in)."""
    received = entry.get("date_of_receipt") or ""
    return {
        "notice_id": str(entry["notice_id"]),
        "administration": str(entry["administration"]),
        "reference": str(entry.get("reference") or ""),
        "frequency": format_frequency(float(entry["frequency_hz"])),
        "station_class": str(entry.get("station_class") or ""),
        "location": format_location(entry.get("lat_deg"), entry.get("lon_deg")),
        "finding": finding_of(part, entry),
        "date_of_receipt": str(received)[:10],
    }


def print_csv(rows: Mapping[str, list[dict[str, str]]]) -> str:
    """The printed Parts as one CSV table: a ``part`` column, then `PRINT_COLUMNS`."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["part", *(key for key, _ in PRINT_COLUMNS)])
    for part, entries in rows.items():
        for entry in entries:
            writer.writerow([part, *(entry[key] for key, _ in PRINT_COLUMNS)])
    return out.getvalue()
