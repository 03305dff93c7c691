"""Land borders between countries, with their lengths (for cross-border coordination).

Data: data/geo/borders.tsv, derived from the CIA World Factbook's "land boundaries"
(per-neighbour lengths in km; the Wikipedia list in the reference set gives only each
country's total, so it serves as a cross-check of who borders whom, see
tests/geo/test_geo_borders.py). Lengths are the Factbook's as each country states them:
for three pairs the two sides disagree (Germany-Poland 447/467 km, Israel-Jordan
327/307 km, Mexico-United States 3155/3111 km) and both figures are kept. Where only one
side lists a border, its figure is used for both. Western Sahara has no border entries
(the Factbook counts its borders within Morocco's).
"""

from __future__ import annotations

import csv
import functools
import io
from importlib import resources

from openitu.geo.countries import country


@functools.cache
def _table() -> dict[str, tuple[tuple[str, float], ...]]:
    text = resources.files("openitu").joinpath("data", "geo", "borders.tsv").read_text("utf-8")
    table: dict[str, list[tuple[str, float]]] = {}
    for row in csv.DictReader(io.StringIO(text), delimiter="\t"):
        table.setdefault(row["iso2"], []).append((row["neighbour_iso2"], float(row["length_km"])))
    return {code: tuple(sorted(rows)) for code, rows in table.items()}


def neighbours(iso2: str) -> list[tuple[str, float]]:
    """Countries sharing a land border with ``iso2``: (ISO2, border length [km]), by code.

    An island country gives an empty list. Raises `InvalidInput` (field ``country``) for
    an unknown code.
    """
    code = country(iso2).iso2
    return list(_table().get(code, ()))
