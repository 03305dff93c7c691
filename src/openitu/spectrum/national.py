"""National tables of frequency allocations, shown beside the international one.

The earth-frequencies dataset carries the national tables of about fifty
administrations (each with its own source and edition, in metadata.tsv); Australia's
comes from the ACMA's Radiofrequency Spectrum Plan 2021 (its ``au_allocations`` and
``au_footnotes``, with the AUS footnotes' texts). They are reference material,
read-only: the Radio Regulations' Table is the one examined.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import numpy as np
import numpy.typing as npt

from openitu.errors import InvalidInput
from openitu.geo.countries import country as find_country
from openitu.spectrum.footnote_text import ARSP_DIR, mend_arsp_text
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
    page: int | None = None  # the source's page, where the source is paginated


@dataclass(frozen=True)
class NationalTable:
    iso2: str
    name: str
    source: str
    edition: str
    rows: tuple[NationalRow, ...]
    lows: npt.NDArray[np.float64]
    highs: npt.NDArray[np.float64]
    footnotes: dict[str, str] = field(default_factory=dict)
    """The national footnotes' texts by id ("AUS87"), where the source gives them."""

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


ARSP_COUNTRY = "AU"
"""The ARSP 2021 is Australia's table; it is not in the earth-frequencies dataset."""

ARSP_SOURCE = (
    "Australian Communications and Media Authority, Australian Radiofrequency "
    "Spectrum Plan 2021 (F2021L00617)"
)


def national_table_codes() -> tuple[str, ...]:
    """ISO codes (upper case) of the countries whose national table is shipped."""
    return tuple(sorted({*_folders(), ARSP_COUNTRY}))


def _country_name(code: str, fallback: str) -> str:
    try:
        return find_country(code).name
    except InvalidInput:
        return fallback


def dataset_name(iso2: str) -> str | None:
    """The country name the dataset's own metadata gives the table filed under ``iso2``."""
    code = iso2.strip().upper()
    if code == ARSP_COUNTRY:
        return "Australia"  # the ARSP's own title names the country
    folder = _folders().get(code)
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


def _arsp_footnote_id(ref: str) -> str:
    """The ARSP cites the Regulations' footnotes without their "5." ("54A")."""
    return ref if ref.startswith("AUS") else f"5.{ref}"


_BROKEN_HEAD_WORDS = frozenset({"AERONAUTICAL", "MARITIME", "AND", "TIME", "VIA"})


def _continues(name: str, following: str) -> bool:
    """Whether the extraction split one service's name over two entries at ``name``.

    The ARSP's cells wrap names over lines ("RADIONAVIGATION–" / "SATELLITE (EARTH-TO-" /
    "SPACE)", "AERONAUTICAL" / "MOBILE") and the extraction made an entry of each line.
    """
    return (
        name.endswith(("–", "-"))
        or name.count("(") > name.count(")")
        or name.split()[-1] in _BROKEN_HEAD_WORDS
        or following.startswith(("AND ", "SIGNAL"))
    )


def _mend_services(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The band's services with the entries of one wrapped name joined again; the
    first line's case says whether the service is primary (the later lines lost it)."""
    mended: list[dict[str, Any]] = []
    for entry in entries:
        if mended and _continues(mended[-1]["name"], entry["name"]):
            head = mended[-1]
            joiner = "" if head["name"].endswith(("–", "-")) else " "
            head["name"] = f"{head['name']}{joiner}{entry['name']}"
            head["inline_footnotes"] = [*head["inline_footnotes"], *entry["inline_footnotes"]]
            head["qualifier"] = entry.get("qualifier") or head.get("qualifier")
        else:
            mended.append(dict(entry))
    return mended


def _arsp_table() -> NationalTable:
    """Australia's table: one row per service of each band of ``au_allocations``.

    A band's own footnotes apply to each of its services; a footnote printed after a
    service (its ``inline_footnotes``) to that service only. A band with no service
    ("Below 8.3 kHz (Not allocated)") is kept as one row so its footnotes stay cited.
    """
    bands = json.loads((ARSP_DIR / "au_allocations.json").read_text(encoding="utf-8"))
    notes = json.loads((ARSP_DIR / "au_footnotes.json").read_text(encoding="utf-8"))
    rows: list[NationalRow] = []
    for band in bands:
        low, high, page = float(band["freq_start_hz"]), float(band["freq_end_hz"]), band["page"]
        band_notes = tuple(_arsp_footnote_id(f) for f in band["footnotes"])
        if not band["services"]:
            service = "(not allocated)" if "not allocated" in band["raw"].lower() else ""
            rows.append(NationalRow(low, high, service, "", band_notes, "", page))
        for entry in _mend_services(band["services"]):
            name = " ".join(filter(None, (entry["name"], entry.get("qualifier"))))
            own = tuple(_arsp_footnote_id(f) for f in entry["inline_footnotes"])
            category = "primary" if entry["primary"] else "secondary"
            rows.append(NationalRow(low, high, name, category, own + band_notes, "", page))
    return NationalTable(
        iso2=ARSP_COUNTRY,
        name=_country_name(ARSP_COUNTRY, "Australia"),
        source=ARSP_SOURCE,
        edition="2021",
        rows=tuple(rows),
        lows=np.array([r.low_hz for r in rows], dtype=np.float64),
        highs=np.array([r.high_hz for r in rows], dtype=np.float64),
        footnotes={note["ref"]: mend_arsp_text(note["text"]) for note in notes},
    )


@cache
def national_table(iso2: str) -> NationalTable | None:
    """The national table of a country, or None where none is shipped."""
    code = iso2.strip().upper()
    if code == ARSP_COUNTRY:
        return _arsp_table()
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
