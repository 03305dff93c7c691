"""The curated public Python surface: ``from openitu.api import ...``."""

from openitu.errors import (
    Conflict,
    Forbidden,
    InvalidInput,
    NotAuthenticated,
    NotFound,
    OpenITUError,
)
from openitu.geo.borders import neighbours
from openitu.geo.countries import Country, all_countries, country, itu_region_of_country
from openitu.geo.names import countries_in_text
from openitu.geo.regions import itu_region_of_point
from openitu.units import db_to_linear, format_frequency, linear_to_db, parse_frequency_hz

__all__ = [
    "Conflict",
    "Country",
    "Forbidden",
    "InvalidInput",
    "NotAuthenticated",
    "NotFound",
    "OpenITUError",
    "all_countries",
    "countries_in_text",
    "country",
    "db_to_linear",
    "format_frequency",
    "itu_region_of_country",
    "itu_region_of_point",
    "linear_to_db",
    "neighbours",
    "parse_frequency_hz",
]
