"""The CEPT European Common Allocation table (ECA), read from the file EFIS exports.

The ECA (ECC Report 25) sets beside each band of the Radio Regulations' Region 1 column
the allocation CEPT administrations have agreed to, with its European footnotes (EUxx),
its applications and the harmonisation measures and standards behind them. EFIS, the
ECO Frequency Information System, exports it as text:

- one header line naming the nine columns, separated by ``;``: lower frequency, upper
  frequency, RR Region 1 allocation and RR footnotes, European Common Allocation, ECA
  footnotes, applications, harmonisation measures, standards, notes;
- one line (a CSV record: a quoted field may hold line breaks) per band; frequencies
  carry their unit ("8.3 kHz"); an allocation cell lists one service a line, a primary
  service in capitals and a secondary one in ordinary case (the Regulations' own
  convention, No. 5.25-5.28), each followed by the footnotes cited against it;
- a line holding the ``footnotetext`` marker, then one ``id;text`` record a footnote.

Reading is pure and all-or-nothing: the first thing wrong is refused with an
``InvalidInput`` naming the record's row in the file (the header is row 1) and its field.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from typing import Any, Final

from openitu.errors import InvalidInput
from openitu.units import parse_frequency_hz

COLUMNS: Final = (
    "lower_frequency",
    "upper_frequency",
    "rr_region1_allocation",
    "european_common_allocation",
    "eca_footnotes",
    "applications",
    "harmonisation_measures",
    "standards",
    "notes",
)
"""The fields of a band's record, in the export's order."""

FOOTNOTE_MARKER: Final = "footnotetext"

CEPT_MEMBERS: Final = frozenset(
    {
        "AD", "AL", "AT", "AZ", "BA", "BE", "BG", "CH", "CY", "CZ", "DE", "DK", "EE", "ES",
        "FI", "FR", "GB", "GE", "GR", "HR", "HU", "IE", "IS", "IT", "LI", "LT", "LU", "LV",
        "MC", "MD", "ME", "MK", "MT", "NL", "NO", "PL", "PT", "RO", "RS", "SE", "SI", "SK",
        "SM", "TR", "UA", "VA",
    }
)  # fmt: skip
"""The 46 administrations taking part in CEPT, whose common table the ECA is (Belarus and
the Russian Federation, members whose participation CEPT suspended in 2022, left out)."""

_FOOTNOTE_ID: Final = re.compile(r"^(?:5\.\d+[A-Z]*|EU\d+[A-Z]*)$")
_DIGIT_SPACE: Final = re.compile(r"(?<=\d)[\s\u202f\u00a0](?=\d{3}\b)")


@dataclass(frozen=True)
class EcaService:
    name: str
    category: str  # "primary" (in capitals in the file) or "secondary"
    footnotes: tuple[str, ...]


@dataclass(frozen=True)
class EcaRow:
    row: int  # the record's row in the file, the header being row 1
    low_hz: float
    high_hz: float
    rr_region1: tuple[EcaService, ...]
    rr_footnotes: tuple[str, ...]  # cited against the band as a whole
    eca: tuple[EcaService, ...]
    eca_footnotes: tuple[str, ...]
    applications: tuple[str, ...]
    harmonisation_measures: tuple[str, ...]
    standards: tuple[str, ...]
    notes: str


@dataclass(frozen=True)
class EcaTable:
    rows: tuple[EcaRow, ...]
    footnotes: dict[str, str] = field(default_factory=dict)

    def rows_between(self, low_hz: float, high_hz: float) -> list[EcaRow]:
        if low_hz == high_hz:
            return [r for r in self.rows if r.low_hz <= low_hz < r.high_hz]
        return [r for r in self.rows if r.low_hz < high_hz and r.high_hz > low_hz]


def _frequency(text: str, where: str) -> float:
    """A frequency with its unit; "1 300 MHz" and "8,3 kHz" as Europe writes them."""
    value = _DIGIT_SPACE.sub("", text.strip()).replace(",", ".")
    if not re.search(r"[A-Za-z]\s*$", value):
        raise InvalidInput(where, f"{text!r} has no unit (write e.g. 8.3 kHz or 1300 MHz)")
    return parse_frequency_hz(value, field=where)


def _lines(cell: str) -> list[str]:
    return [line.strip() for line in cell.splitlines() if line.strip()]


def _footnote_ids(text: str, where: str) -> tuple[str, ...]:
    ids = tuple(token for token in re.split(r"[\s,]+", text) if token)
    for token in ids:
        if not _FOOTNOTE_ID.match(token):
            raise InvalidInput(where, f"{token!r} is not a footnote id (5.xx or EUxx)")
    return ids


def _services(cell: str, where: str) -> tuple[tuple[EcaService, ...], tuple[str, ...]]:
    """The services of an allocation cell, and the footnotes on a line of their own
    (cited against the band as a whole)."""
    services: list[EcaService] = []
    band_notes: list[str] = []
    for line in _lines(cell):
        words = line.split()
        split = len(words)
        while split > 0 and _FOOTNOTE_ID.match(words[split - 1].rstrip(",")):
            split -= 1
        notes = tuple(w.rstrip(",") for w in words[split:])
        name = " ".join(words[:split])
        if not name:
            band_notes.extend(notes)
            continue
        letters = [c for c in name.split("(")[0] if c.isalpha()]
        if not letters:
            raise InvalidInput(where, f"{line!r} names no service")
        category = "primary" if all(c.isupper() for c in letters) else "secondary"
        services.append(EcaService(name, category, notes))
    return tuple(services), tuple(band_notes)


def _split_marker(text: str) -> tuple[list[str], list[str], int]:
    """The band records' lines, the footnote texts' lines, and the marker's row."""
    lines = text.splitlines()
    for index, line in enumerate(lines):
        if line.strip().strip(";").strip().lower() == FOOTNOTE_MARKER:
            return lines[:index], lines[index + 1 :], index + 1
    return lines, [], len(lines) + 1


def _footnote_texts(lines: list[str], first_row: int) -> dict[str, str]:
    texts: dict[str, str] = {}
    reader = csv.reader(io.StringIO("\n".join(lines)), delimiter=";")
    for values in reader:
        row = first_row + reader.line_num - 1
        if not any(v.strip() for v in values):
            continue
        where = f"footnotetext row {row}"
        footnote_id = values[0].strip()
        if not _FOOTNOTE_ID.match(footnote_id):
            raise InvalidInput(f"{where}.id", f"{footnote_id!r} is not a footnote id")
        text = " ".join(";".join(values[1:]).split())
        if not text:
            raise InvalidInput(f"{where}.text", f"{footnote_id} has no text")
        if footnote_id in texts:
            raise InvalidInput(f"{where}.id", f"{footnote_id} is given twice")
        texts[footnote_id] = text
    return texts


def parse_eca(text: str) -> EcaTable:
    """The ECA table of an EFIS export, or ``InvalidInput`` naming the row and field."""
    band_lines, note_lines, marker_row = _split_marker(text.lstrip("\ufeff"))
    reader = csv.reader(io.StringIO("\n".join(band_lines)), delimiter=";")
    header = next(reader, None)
    if header is None or len(header) != len(COLUMNS):
        raise InvalidInput(
            "header",
            f"expected the {len(COLUMNS)} columns of the EFIS export separated by ';' "
            f"({', '.join(COLUMNS)})",
        )
    footnotes = _footnote_texts(note_lines, marker_row + 1)
    rows: list[EcaRow] = []
    previous: EcaRow | None = None
    row = reader.line_num
    for values in reader:
        row_number = row + 1
        row = reader.line_num
        if not any(v.strip() for v in values):
            continue
        if len(values) != len(COLUMNS):
            raise InvalidInput(
                f"row {row_number}",
                f"expected {len(COLUMNS)} fields separated by ';', found {len(values)}",
            )
        cells = dict(zip(COLUMNS, values, strict=True))
        where = f"row {row_number}."
        low = _frequency(cells["lower_frequency"], where + "lower_frequency")
        high = _frequency(cells["upper_frequency"], where + "upper_frequency")
        if high <= low:
            raise InvalidInput(where + "upper_frequency", "must be above the lower frequency")
        if previous is not None and low < previous.high_hz:
            raise InvalidInput(
                where + "lower_frequency",
                f"overlaps the band of row {previous.row} (bands must ascend without overlap)",
            )
        rr, rr_notes = _services(cells["rr_region1_allocation"], where + "rr_region1_allocation")
        eca, eca_band_notes = _services(
            cells["european_common_allocation"], where + "european_common_allocation"
        )
        if not eca:
            raise InvalidInput(where + "european_common_allocation", "names no service")
        eca_notes = _footnote_ids(cells["eca_footnotes"], where + "eca_footnotes")
        cited = [*eca_band_notes, *eca_notes, *(f for s in eca for f in s.footnotes)]
        for footnote_id in cited:
            if footnote_id.startswith("EU") and footnote_id not in footnotes:
                raise InvalidInput(
                    where + "eca_footnotes",
                    f"{footnote_id} has no text after the {FOOTNOTE_MARKER!r} line",
                )
        previous = EcaRow(
            row=row_number,
            low_hz=low,
            high_hz=high,
            rr_region1=rr,
            rr_footnotes=rr_notes,
            eca=eca,
            eca_footnotes=tuple(dict.fromkeys([*eca_band_notes, *eca_notes])),
            applications=tuple(_lines(cells["applications"])),
            harmonisation_measures=tuple(_lines(cells["harmonisation_measures"])),
            standards=tuple(_lines(cells["standards"])),
            notes=" ".join(cells["notes"].split()),
        )
        rows.append(previous)
    if not rows:
        raise InvalidInput("file", "no band after the header")
    return EcaTable(rows=tuple(rows), footnotes=footnotes)


def _service_documents(services: tuple[EcaService, ...]) -> list[dict[str, Any]]:
    return [
        {"service": s.name, "category": s.category, "footnotes": list(s.footnotes)}
        for s in services
    ]


def row_document(row: EcaRow) -> dict[str, Any]:
    return {
        "row": row.row,
        "low_hz": row.low_hz,
        "high_hz": row.high_hz,
        "rr_region1": _service_documents(row.rr_region1),
        "rr_footnotes": list(row.rr_footnotes),
        "eca": _service_documents(row.eca),
        "eca_footnotes": list(row.eca_footnotes),
        "applications": list(row.applications),
        "harmonisation_measures": list(row.harmonisation_measures),
        "standards": list(row.standards),
        "notes": row.notes or None,
    }


def table_document(table: EcaTable) -> dict[str, Any]:
    return {
        "table": "ECA",
        "rows": [row_document(r) for r in table.rows],
        "footnotes": dict(table.footnotes),
    }
