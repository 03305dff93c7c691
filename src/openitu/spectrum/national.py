"""National tables of frequency allocations, shown beside the international one.

The earth-frequencies dataset carries the national tables of about fifty
administrations (each with its own source and edition, in metadata.tsv). They are
reference material, read-only: the Radio Regulations' Table is the one examined.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache

import numpy as np
import numpy.typing as npt

from openitu.errors import InvalidInput
from openitu.geo.countries import country as find_country
from openitu.spectrum.reference import DATASET_DIR

# Folders of the dataset that are not a country's national table.
_NOT_NATIONAL = frozenset({"itu", "itu1", "itu2", "itu3", "eu"})

FOLDER_COUNTRY: dict[str, str] = {
    "bo": "BA",  # Bosnia and Herzegovina (BO is Bolivia)
    "ci": "HR",  # Croatia (CI is Côte d'Ivoire)
    "fm": "MD",  # Moldova (FM is Micronesia)
    "kr": "XK",  # Kosovo (KR is the Republic of Korea; XK is the code in common use)
    "mn": "ME",  # Montenegro (MN is Mongolia)
    "mo": "MK",  # North Macedonia (MO is Macao)
    "sg": "SK",  # Slovakia (SG is Singapore)
    "sn": "RS",  # Serbia (SN is Senegal)
}
"""The dataset's folders named by a code that is not the country's ISO 3166-1 code (its
metadata's ``name_en`` says which country the table is); every other folder's name is
the country's code. See data/SOURCES.md."""

TOP_OF_TABLE_HZ = 3e12
"""The Radio Regulations' Table ends at 3000 GHz."""


@dataclass(frozen=True)
class NationalRow:
    low_hz: float
    high_hz: float
    service: str
    category: str  # "primary", "secondary" or "" where the source does not say
    footnotes: tuple[str, ...]
    user: str  # "Federal Government", "Non-Federal-Government", a sub-table, or ""


@dataclass(frozen=True)
class NationalTable:
    iso2: str
    name: str
    source: str
    edition: str
    rows: tuple[NationalRow, ...]
    lows: npt.NDArray[np.float64]
    highs: npt.NDArray[np.float64]

    def rows_at(self, frequency_hz: float) -> list[NationalRow]:
        mask = (self.lows <= frequency_hz) & (frequency_hz < self.highs)
        mask |= (self.lows == frequency_hz) & (self.highs == frequency_hz)
        return [self.rows[int(i)] for i in np.nonzero(mask)[0]]

    def rows_between(self, low_hz: float, high_hz: float) -> list[NationalRow]:
        if low_hz == high_hz:
            return self.rows_at(low_hz)
        mask = (self.lows < high_hz) & (self.highs > low_hz)
        return [self.rows[int(i)] for i in np.nonzero(mask)[0]]


def _metadata(folder: str) -> dict[str, str]:
    path = DATASET_DIR / folder / "metadata.tsv"
    if not path.exists():
        return {}
    with path.open(encoding="utf-8", newline="") as handle:
        return {
            row[0].strip(): row[1].strip()
            for row in csv.reader(handle, delimiter="\t")
            if len(row) >= 2
        }


@cache
def _folders() -> dict[str, str]:
    """ISO code (upper case) -> the dataset's folder holding that country's table."""
    folders = {}
    for path in sorted(DATASET_DIR.iterdir()):
        table = path / "allocations.tsv"
        if path.name in _NOT_NATIONAL or not table.exists():
            continue
        with table.open(encoding="utf-8") as handle:
            if sum(1 for _ in handle) > 1:
                folders[FOLDER_COUNTRY.get(path.name, path.name.upper())] = path.name
    return folders


def national_table_codes() -> tuple[str, ...]:
    """ISO codes (upper case) of the countries whose national table the dataset has."""
    return tuple(sorted(_folders()))


def _country_name(code: str, fallback: str) -> str:
    try:
        return find_country(code).name
    except InvalidInput:
        return fallback


def dataset_name(iso2: str) -> str | None:
    """The country name the dataset's own metadata gives the table filed under ``iso2``."""
    folder = _folders().get(iso2.strip().upper())
    return None if folder is None else _metadata(folder).get("name_en")


def _repair_edges(rows: list[NationalRow]) -> list[NationalRow]:
    """Give bands the width their source lost.

    Some of the dataset's tables carry each band's lower edge twice instead of its two
    edges ("3500 MHz-3500 MHz"). Where a whole table is like that, a band runs up to the
    next band's lower edge; the last band is kept only where it is the "not allocated"
    band from 275 GHz to the top of the Table (its upper edge is not in the source
    otherwise). In the other tables a zero-width row naming a service is a duplicate
    the extraction left behind (every one found repeats a band given with its edges).
    """
    if not rows:
        return rows
    if any(r.low_hz != r.high_hz for r in rows):
        return [r for r in rows if r.low_hz != r.high_hz]
    lows = sorted({r.low_hz for r in rows})
    following = dict(zip(lows, [*lows[1:], None], strict=True))
    repaired = []
    for row in rows:
        high = following[row.low_hz]
        if high is None:
            if row.low_hz != 275e9 or "not allocated" not in row.service.lower():
                continue
            high = TOP_OF_TABLE_HZ
        repaired.append(
            NationalRow(row.low_hz, high, row.service, row.category, row.footnotes, row.user)
        )
    return repaired


@cache
def national_table(iso2: str) -> NationalTable | None:
    """The national table of a country, or None where the dataset has none."""
    code = iso2.strip().upper()
    folder = _folders().get(code)
    if folder is None:
        return None
    metadata = _metadata(folder)
    rows: list[NationalRow] = []
    with (DATASET_DIR / folder / "allocations.tsv").open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t")
        header = [name.strip().lower() for name in next(reader)]
        for values in reader:
            record = dict(zip(header, values, strict=False))
            service = record.get("service", "").strip()
            try:
                low, high = float(record["lower_frequency"]), float(record["upper_frequency"])
            except (KeyError, ValueError):
                continue
            if service in ("", "-") and not record.get("footnotes", "").strip():
                continue
            category = {"p": "primary", "s": "secondary"}.get(
                record.get("category", "").strip().lower(), ""
            )
            footnotes = tuple(
                f.strip() for f in record.get("footnotes", "").split(",") if f.strip()
            )
            user = (record.get("activity") or record.get("sub-table") or "").strip()
            rows.append(NationalRow(low, high, service, category, footnotes, user))
    rows = _repair_edges(rows)
    return NationalTable(
        iso2=code,
        name=_country_name(code, metadata.get("name_en", code)),
        source=metadata.get("official", ""),
        edition=metadata.get("edition", ""),
        rows=tuple(rows),
        lows=np.array([r.low_hz for r in rows], dtype=np.float64),
        highs=np.array([r.high_hz for r in rows], dtype=np.float64),
    )
