"""Units: frequencies and moments written the way people write them, and dB arithmetic."""

from __future__ import annotations

import math
import re
from datetime import UTC, date, datetime
from typing import Final

import numpy as np
import numpy.typing as npt

from openitu.errors import InvalidInput

FloatArray = npt.NDArray[np.float64]

_FREQUENCY_UNITS: Final[dict[str, float]] = {
    "": 1.0,
    "hz": 1.0,
    "khz": 1e3,
    "mhz": 1e6,
    "ghz": 1e9,
    "thz": 1e12,
}
_FREQUENCY_PATTERN: Final = re.compile(
    r"^\s*(?P<value>[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)\s*(?P<unit>[a-zA-Z]*)\s*$"
)


def parse_frequency_hz(text: str | float | int, *, field: str = "frequency") -> float:
    """Parse "2.45GHz", "2450 MHz", "2450000000" (Hz) or a number of Hz.

    Raises `InvalidInput` naming ``field`` for anything that is not a finite,
    non-negative frequency with a known unit.
    """
    if isinstance(text, bool):
        raise InvalidInput(field, "expected a frequency, got a boolean")
    if isinstance(text, int | float):
        value_hz = float(text)
    else:
        match = _FREQUENCY_PATTERN.match(text)
        if match is None:
            raise InvalidInput(
                field, f"cannot read {text!r} as a frequency (write e.g. 2.45GHz or 2450 MHz)"
            )
        unit = match["unit"].lower()
        if unit not in _FREQUENCY_UNITS:
            raise InvalidInput(
                field, f"unknown unit {match['unit']!r} (use Hz, kHz, MHz, GHz or THz)"
            )
        value_hz = float(match["value"]) * _FREQUENCY_UNITS[unit]
    if not math.isfinite(value_hz):
        raise InvalidInput(field, "must be a finite number")
    if value_hz < 0:
        raise InvalidInput(field, "must not be negative")
    return value_hz


def format_frequency(value_hz: float) -> str:
    """Write a frequency in the unit Article 5 uses for its band.

    RR No. 2.1: kHz up to and including 3 000 kHz, MHz above that up to 3 000 MHz,
    GHz above that; Article 5 keeps kHz up to 27 500 kHz and MHz up to 10 GHz.
    """
    if value_hz < 1e3:
        return f"{value_hz:g} Hz"
    if value_hz <= 27.5e6:
        return f"{value_hz / 1e3:.10g} kHz"
    if value_hz <= 10e9:
        return f"{value_hz / 1e6:.10g} MHz"
    return f"{value_hz / 1e9:.10g} GHz"


def db_to_linear(value_db: npt.ArrayLike) -> FloatArray:
    """Power ratio from decibels: 10^(x/10)."""
    return np.asarray(np.power(10.0, np.asarray(value_db, dtype=np.float64) / 10.0))


def linear_to_db(value: npt.ArrayLike) -> FloatArray:
    """Decibels from a power ratio: 10 log10(x)."""
    return np.asarray(10.0 * np.log10(np.asarray(value, dtype=np.float64)))


def moment_text(value: datetime | str | None) -> str:
    """A moment as people read it: "7 December 2026, 14:05 UTC" (never a raw timestamp)."""
    if value is None or value == "":
        return ""
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)  # the store writes UTC
    moment = moment.astimezone(UTC)
    month = _MONTHS[moment.month - 1]  # not %B: the server's locale must not change the page
    return f"{moment.day} {month} {moment.year}, {moment:%H:%M} UTC"


def day_text(value: date | datetime | str | None) -> str:
    """A day as people read it: "7 December 2026" (a moment's day in UTC)."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        value = datetime.fromisoformat(value) if "T" in value else date.fromisoformat(value)
    if isinstance(value, datetime):
        value = (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone(UTC)
    return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"


_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
