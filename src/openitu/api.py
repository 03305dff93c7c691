"""The curated public Python surface: ``from openitu.api import ...``."""

from openitu.errors import (
    Conflict,
    Forbidden,
    InvalidInput,
    NotAuthenticated,
    NotFound,
    OpenITUError,
)
from openitu.units import db_to_linear, format_frequency, linear_to_db, parse_frequency_hz

__all__ = [
    "Conflict",
    "Forbidden",
    "InvalidInput",
    "NotAuthenticated",
    "NotFound",
    "OpenITUError",
    "db_to_linear",
    "format_frequency",
    "linear_to_db",
    "parse_frequency_hz",
]
