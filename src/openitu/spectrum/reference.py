"""The RR 2012 Table from the earth-frequencies dataset, with its known faults fixed.

The dataset ships verbatim in ``openitu/data/spectrum/earth-frequencies`` (CC BY-SA
4.0); every correction is made here, in code, named and tested, so that the raw
source and what we changed stay apart. See data/SOURCES.md for the list.
"""

from __future__ import annotations

import csv
import math
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Final

from openitu.geo.names import countries_in_text
from openitu.spectrum.footnote_text import arsp_text_valid_in, mend_joined_words
from openitu.spectrum.footnotes import footnote_kind, parse_rules
from openitu.spectrum.model import Allocation, Band, Category, Edition, Footnote
from openitu.spectrum.services import parse_service

DATASET_DIR: Final = Path(__file__).resolve().parents[1] / "data" / "spectrum" / "earth-frequencies"
EDITION_ID: Final = "RR-2012"
EDITION_TITLE: Final = (
    "Radio Regulations, Edition of 2012, Article 5 "
    "(earth-frequencies dataset, with OpenITU corrections)"
)
# The 2012 edition (WRC-12 Final Acts) entered into force on 1 January 2013.
EDITION_ENTRY_INTO_FORCE: Final = date(2013, 1, 1)
# Article 5 ends at 3 000 GHz ("275-3 000 GHz (Not allocated) 5.565"); the dataset stops at 1 THz.
TABLE_TOP_HZ: Final = 3e12
# RR 5.1-5.52 are Article 5's own provisions; the Table's footnotes start at 5.53.
FIRST_TABLE_FOOTNOTE: Final = 53

# Fix: a typo in the dataset (Region 1, 3 400-3 600 MHz, mobile) writes 5.340A,
# which does not exist, for 5.430A (different category of service for mobile).
FOOTNOTE_TYPOS: Final[dict[str, str]] = {"5.340A": "5.430A"}

# Fix: band limits whose dash the PDF extraction lost, so that the footnote's band
# could not be read ("3 400 3 600 MHz"); restored as the printed RR writes them.
FOOTNOTE_TEXT_FIXES: Final[dict[str, tuple[str, str]]] = {
    "5.430A": ("3 400 3 600 MHz", "3 400-3 600 MHz"),
    "5.212": ("138 144 MHz", "138-144 MHz"),
    "5.454": ("56705725 MHz", "5 670-5 725 MHz"),
}


@dataclass(frozen=True)
class RawRow:
    region: int
    low_hz: float
    high_hz: float
    category: str
    service: str
    footnotes: tuple[str, ...]


@dataclass(frozen=True)
class MissingBand:
    """A band the dataset lacks, restored from the printed RR 2012 Table."""

    region: int
    low_hz: float
    high_hz: float
    rows: tuple[tuple[str, str, tuple[str, ...]], ...]  # (category p/s, service, footnotes)
    footnotes: tuple[str, ...]


# Fix: bands missing from the dataset (gaps in its coverage of a Region), restored
# from RR Edition 2012 Article 5. Below 9 kHz the dataset predates WRC-12, which
# allocated 8.3-11.3 kHz to the meteorological aids service (footnotes 5.54A-5.54C,
# whose texts the dataset has but no band cites).
MISSING_BANDS: Final[tuple[MissingBand, ...]] = (
    *(
        MissingBand(
            region, 8.3e3, 9e3, (("p", "Meteorological Aids", ()),), ("5.54A", "5.54B", "5.54C")
        )
        for region in (1, 2, 3)
    ),
    *(
        MissingBand(
            region,
            9e3,
            11.3e3,
            (("p", "Meteorological Aids", ("5.54A",)), ("p", "Radionavigation", ())),
            (),
        )
        for region in (1, 2, 3)
    ),
    MissingBand(2, 88e6, 100e6, (("p", "Broadcasting", ()),), ()),
    MissingBand(
        2,
        17.8e9,
        18.1e9,
        (
            ("p", "Fixed", ()),
            ("p", "Fixed-Satellite (space-to-Earth)", ("5.484A", "5.516B")),
            ("p", "Mobile", ()),
        ),
        ("5.519",),
    ),
    MissingBand(
        3,
        3.5e9,
        3.6e9,
        (
            ("p", "Fixed", ()),
            ("p", "Fixed-Satellite (space-to-Earth)", ()),
            ("p", "Mobile except aeronautical mobile", ("5.433A",)),
            ("s", "Radiolocation", ("5.433",)),
        ),
        ("5.435",),
    ),
    MissingBand(
        3,
        12.2e9,
        12.5e9,
        (
            ("p", "Fixed", ()),
            ("p", "Fixed-Satellite (space-to-Earth)", ("5.484A",)),
            ("p", "Mobile except aeronautical mobile", ()),
            ("p", "Broadcasting", ()),
        ),
        ("5.487",),
    ),
)


def _read_tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t")
        # Fix: the Region 2 file's header says "legion", Region 3's "Category".
        header = [
            "region" if name.strip().lower() == "legion" else name.strip().lower()
            for name in next(reader)
        ]
        return [dict(zip(header, row, strict=False)) for row in reader if any(row)]


def read_raw_region(region: int) -> list[RawRow]:
    """The rows of one Region's file, as written (ids unrepaired)."""
    rows = []
    for record in _read_tsv(DATASET_DIR / f"itu{region}" / "allocations.tsv"):
        footnotes = tuple(f.strip() for f in record.get("footnotes", "").split(",") if f.strip())
        rows.append(
            RawRow(
                region=region,
                low_hz=float(record["lower_frequency"]),
                high_hz=float(record["upper_frequency"]),
                category=record.get("category", "").strip().lower(),
                service=record.get("service", "").strip(),
                footnotes=footnotes,
            )
        )
    return rows


def read_footnote_texts() -> dict[str, str]:
    """Footnote id -> text from the dataset, with broken rows mended.

    Fix: one row of the dataset starts "5.331. Furthermore, ..." with no tab: it is the
    second half of the text before it (5.329), split where the text said "No. 5.331."
    """
    texts: dict[str, str] = {}
    previous: str | None = None
    with (DATASET_DIR / "itu" / "footnotes.tsv").open(encoding="utf-8", newline="") as handle:
        for row in csv.reader(handle, delimiter="\t"):
            if not row or row[0] == "ref":
                continue
            key = row[0].strip()
            text = " ".join(part.strip() for part in row[1:] if part.strip())
            if re.fullmatch(r"5\.\d+[A-Z]*", key) and text:
                texts[key] = text
                previous = key
            elif previous is not None:
                texts[previous] = f"{texts[previous]} No. {key}"
    for footnote_id, (wrong, right) in FOOTNOTE_TEXT_FIXES.items():
        texts[footnote_id] = texts[footnote_id].replace(wrong, right)
    # Fix: words the extraction glued where it joined lines ("ensurethat").
    return {footnote_id: mend_joined_words(text) for footnote_id, text in texts.items()}


def texts_filled_from_arsp(cited: Iterable[str], texts: dict[str, str]) -> dict[str, str]:
    """Texts for cited footnotes the dataset lacks, from the ARSP 2021 where no conference
    after WRC-12 revised them (their 2020 text is then their 2012 text)."""
    filled = {}
    for footnote_id in cited:
        if footnote_id in texts:
            continue
        found = arsp_text_valid_in(footnote_id, 2012)
        if found is not None:
            filled[footnote_id] = found[0]
    return filled


def _number(footnote_id: str) -> tuple[int, str] | None:
    match = re.fullmatch(r"5\.(\d+)([A-Z]*)", footnote_id)
    return (int(match[1]), match[2]) if match else None


def restore_footnote_ids(rows: Iterable[RawRow], known: set[str]) -> dict[tuple[str, float], str]:
    """Repair footnote ids that lost trailing zeros ("5.15" for 5.150, "5.6" for 5.60).

    Rules: no footnote of the Table is numbered below 5.53, so a shorter number gained
    zeros until it reaches 5.53; a number that could be read either way (5.53-5.56
    against 5.530-5.560, both real) is decided by frequency, since footnotes are
    numbered in increasing frequency: the reading whose nearest unambiguous neighbour
    in numbering is nearest in frequency wins. Returns (raw id, band low) -> id.
    """
    rows = list(rows)
    highest = max(n for n, _ in filter(None, map(_number, known)))

    def readings(raw_id: str) -> list[str]:
        parsed = _number(raw_id)
        if parsed is None:
            return [raw_id]
        number, suffix = parsed
        digits = str(number)
        options = [digits, digits + "0", digits + "00"]
        valid = [d for d in options if FIRST_TABLE_FOOTNOTE <= int(d) <= highest]
        return [f"5.{d}{suffix}" for d in valid] or [raw_id]

    anchors: dict[int, list[float]] = defaultdict(list)
    for row in rows:
        for raw_id in row.footnotes:
            options = readings(FOOTNOTE_TYPOS.get(raw_id, raw_id))
            if len(options) == 1 and (parsed := _number(options[0])):
                anchors[parsed[0]].append(math.log10(max(row.low_hz, 1.0)))
    anchor_numbers = sorted(anchors)
    anchor_log_f = {n: sorted(v)[len(v) // 2] for n, v in anchors.items()}

    def distance(candidate: str, log_f: float) -> float:
        parsed = _number(candidate)
        assert parsed is not None
        nearest = min(anchor_numbers, key=lambda n: abs(n - parsed[0]))
        return abs(anchor_log_f[nearest] - log_f)

    resolved: dict[tuple[str, float], str] = {}
    for row in rows:
        for raw_id in row.footnotes:
            options = readings(FOOTNOTE_TYPOS.get(raw_id, raw_id))
            log_f = math.log10(max(row.low_hz, 1.0))
            resolved[(raw_id, row.low_hz)] = min(options, key=lambda c: distance(c, log_f))
    return resolved


def _category(code: str) -> Category:
    return Category.PRIMARY if code == "p" else Category.SECONDARY


def build_bands(rows: list[RawRow], ids: dict[tuple[str, float], str]) -> list[Band]:
    cells: dict[tuple[int, float, float], list[RawRow]] = defaultdict(list)
    for row in rows:
        cells[(row.region, row.low_hz, row.high_hz)].append(row)
    bands = []
    for (region, low, high), cell in cells.items():
        band_footnotes: list[str] = []
        allocations: list[Allocation] = []
        for row in cell:
            footnotes = tuple(ids[(f, row.low_hz)] for f in row.footnotes)
            if row.service in ("", "-"):
                band_footnotes += footnotes
            else:
                allocations.append(
                    Allocation(parse_service(row.service), _category(row.category), footnotes)
                )
        bands.append(Band(region, low, high, tuple(allocations), tuple(band_footnotes)))
    return bands


def _restore_missing(bands: list[Band]) -> list[Band]:
    added = [
        Band(
            missing.region,
            missing.low_hz,
            missing.high_hz,
            tuple(
                Allocation(parse_service(service), _category(code), footnotes)
                for code, service, footnotes in missing.rows
            ),
            missing.footnotes,
        )
        for missing in MISSING_BANDS
    ]
    result: list[Band] = []
    for band in bands:
        # Cut existing cells where a restored band overlaps them (the 0-9 kHz and
        # 9-14 kHz cells predate WRC-12's 8.3-11.3 kHz allocation).
        pieces = [(band.low_hz, band.high_hz)]
        for new in added:
            if new.region != band.region:
                continue
            pieces = [
                part
                for low, high in pieces
                for part in ((low, min(high, new.low_hz)), (max(low, new.high_hz), high))
                if part[0] < part[1]
            ]
        result += [
            Band(band.region, low, high, band.allocations, band.footnotes) for low, high in pieces
        ]
    return sorted(result + added, key=lambda b: (b.region, b.low_hz))


def _extend_to_table_top(bands: list[Band]) -> list[Band]:
    return [
        Band(b.region, b.low_hz, TABLE_TOP_HZ, b.allocations, b.footnotes)
        if b.high_hz == 1e12 and not b.allocations
        else b
        for b in bands
    ]


@cache
def rr2012_edition() -> Edition:
    """The RR 2012 Table, all three Regions, footnote texts and the rules they make."""
    texts = read_footnote_texts()
    rows = [row for region in (1, 2, 3) for row in read_raw_region(region)]
    ids = restore_footnote_ids(rows, set(texts))
    bands = _extend_to_table_top(_restore_missing(build_bands(rows, ids)))
    cited = {f for band in bands for f in band.all_footnotes()}
    texts = {**texts, **texts_filled_from_arsp(cited, texts)}
    footnotes = {
        footnote_id: Footnote(
            id=footnote_id,
            text=texts.get(footnote_id),
            kind=footnote_kind(texts.get(footnote_id)),
            countries=_named_countries(texts.get(footnote_id)),
            rules=parse_rules(footnote_id, texts.get(footnote_id)),
        )
        for footnote_id in sorted(set(texts) | cited, key=footnote_sort_key)
    }
    return Edition(
        id=EDITION_ID,
        title=EDITION_TITLE,
        entry_into_force=EDITION_ENTRY_INTO_FORCE,
        bands=tuple(bands),
        footnotes=footnotes,
    )


def _named_countries(text: str | None) -> tuple[str, ...]:
    return tuple(countries_in_text(text)) if text else ()


def footnote_sort_key(footnote_id: str) -> tuple[int, str, str]:
    parsed = _number(footnote_id)
    return (parsed[0], parsed[1], footnote_id) if parsed else (10**6, "", footnote_id)
