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

from openitu.spectrum.reference import DATASET_DIR

# Folders of the dataset that are not a country's national table.
_NOT_NATIONAL = frozenset({"itu", "itu1", "itu2", "itu3", "eu"})


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
def national_table_codes() -> tuple[str, ...]:
    """ISO codes (upper case) of the countries whose national table the dataset has."""
    codes = []
    for path in sorted(DATASET_DIR.iterdir()):
        table = path / "allocations.tsv"
        if path.name in _NOT_NATIONAL or not table.exists():
            continue
        with table.open(encoding="utf-8") as handle:
            if sum(1 for _ in handle) > 1:
                codes.append(path.name.upper())
    return tuple(codes)


@cache
def national_table(iso2: str) -> NationalTable | None:
    """The national table of a country, or None where the dataset has none."""
    code = iso2.strip().upper()
    if code not in national_table_codes():
        return None
    folder = code.lower()
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
    return NationalTable(
        iso2=code,
        name=metadata.get("name_en", code),
        source=metadata.get("official", ""),
        edition=metadata.get("edition", ""),
        rows=tuple(rows),
        lows=np.array([r.low_hz for r in rows], dtype=np.float64),
        highs=np.array([r.high_hz for r in rows], dtype=np.float64),
    )
