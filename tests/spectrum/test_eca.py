"""The CEPT European Common Allocation table, read from a file in the EFIS export layout.

tests/reference/eca/eca_sample.csv is hand-made in that layout (its README says what in
it follows the Radio Regulations and what is illustrative). Expected values are read
from the file's own text here, so a reader that drops or shifts a column fails.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.orm import Session, sessionmaker

from openitu.accounts import Principal, Role
from openitu.errors import Forbidden, InvalidInput
from openitu.spectrum.eca import CEPT_MEMBERS, COLUMNS, parse_eca
from openitu.store import audit
from openitu.usecases import spectrum as usecases

SAMPLE = Path(__file__).resolve().parents[1] / "reference" / "eca" / "eca_sample.csv"


def _sample() -> str:
    return SAMPLE.read_text(encoding="utf-8")


def _records() -> list[list[str]]:
    text = _sample().split("footnotetext")[0]
    return [r for r in csv.reader(text.splitlines(keepends=True), delimiter=";") if r][1:]


def test_every_band_of_the_file_is_read_with_its_columns() -> None:
    table = parse_eca(_sample())
    records = _records()
    assert len(table.rows) == len(records)
    for row, record in zip(table.rows, records, strict=True):
        assert row.low_hz < row.high_hz
        eca_lines = [line for line in record[3].splitlines() if line.strip()]
        names = [
            " ".join(w for w in ln.split() if not w.startswith(("EU", "5."))) for ln in eca_lines
        ]
        assert [s.name for s in row.eca] == [n for n in names if n]
        assert list(row.applications) == [a for a in record[5].splitlines() if a]


def test_a_band_answers_with_region_1_services_and_categories() -> None:
    # RR (2012) Article 5, Region 1: 3 400-3 600 MHz is FIXED, FIXED-SATELLITE
    # (space-to-Earth) primary, Mobile 5.430A and Radiolocation secondary, 5.431.
    table = parse_eca(_sample())
    (row,) = table.rows_between(3.5e9, 3.5e9)
    assert (row.low_hz, row.high_hz) == (3400e6, 3600e6)
    rr = {s.name: (s.category, s.footnotes) for s in row.rr_region1}
    assert rr["FIXED"] == ("primary", ())
    assert rr["FIXED-SATELLITE (space-to-Earth)"] == ("primary", ())
    assert rr["Mobile"] == ("secondary", ("5.430A",))
    assert rr["Radiolocation"][0] == "secondary"
    assert row.rr_footnotes == ("5.431",)


def test_footnote_texts_after_the_marker_are_kept_whole() -> None:
    table = parse_eca(_sample())
    after = _sample().split("footnotetext")[1]
    expected = {r[0]: ";".join(r[1:]) for r in csv.reader(after.splitlines(), delimiter=";") if r}
    assert table.footnotes == expected
    assert ";" in table.footnotes["EU2"]
    cited = {f for r in table.rows for f in r.eca_footnotes if f.startswith("EU")} | {
        f for r in table.rows for s in r.eca for f in s.footnotes if f.startswith("EU")
    }
    assert cited <= set(table.footnotes)


def _replace_field(row: int, column: str, value: str) -> str:
    """The sample with one field of the record on the file's row ``row`` replaced."""
    lines = _sample().split("footnotetext")
    records = list(csv.reader(lines[0].splitlines(keepends=True), delimiter=";"))
    physical = 1
    for record in records:
        if physical == row:
            record[COLUMNS.index(column)] = value
            break
        physical += sum(cell.count("\n") for cell in record) + 1
    else:
        raise AssertionError(f"no record starts on row {row}")
    buffer = "".join(
        ";".join('"' + c.replace('"', '""') + '"' if "\n" in c else c for c in r) + "\n"
        for r in records
    )
    return buffer + "footnotetext" + lines[1]


@pytest.mark.parametrize(
    ("row", "column", "value", "field"),
    [
        (2, "lower_frequency", "nine kHz", "row 2.lower_frequency"),
        (2, "lower_frequency", "9000", "row 2.lower_frequency"),
        (3, "upper_frequency", "2400 MHz", "row 3.upper_frequency"),
        (3, "lower_frequency", "12 kHz", "row 3.lower_frequency"),
        (3, "eca_footnotes", "EU99", "row 3.eca_footnotes"),
        (11, "eca_footnotes", "not-a-note", "row 11.eca_footnotes"),
        (11, "european_common_allocation", "", "row 11.european_common_allocation"),
    ],
)
def test_malformed_field_is_refused_naming_row_and_field(
    row: int, column: str, value: str, field: str
) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_eca(_replace_field(row, column, value))
    assert refused.value.field == field


def test_record_with_missing_fields_is_refused_naming_its_row() -> None:
    text = _sample().replace("9 kHz;14 kHz;RADIONAVIGATION;", "9 kHz;14 kHz;", 1)
    with pytest.raises(InvalidInput) as refused:
        parse_eca(text)
    assert refused.value.field == "row 2"


def test_footnote_without_text_is_refused_naming_its_row() -> None:
    text = _sample().replace('EU3;"Illustrative', 'EU3;\nX;"Illustrative', 1)
    with pytest.raises(InvalidInput) as refused:
        parse_eca(text)
    assert refused.value.field.startswith("footnotetext row ")


def test_cept_members_are_region_1_codes() -> None:
    # CEPT's 46 participating administrations (Belarus and Russia suspended since 2022).
    assert len(CEPT_MEMBERS) == 46
    assert {"DE", "FR", "GB", "TR", "UA"} <= CEPT_MEMBERS


def test_cli_validates_and_prints_the_table(run_cli: Callable[..., Any], tmp_path: Path) -> None:
    done = run_cli("allocations", "eca", str(SAMPLE), "--json")
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    assert document["table"] == "ECA"
    assert len(document["rows"]) == len(_records())
    bad = tmp_path / "bad.csv"
    bad.write_text(_replace_field(3, "upper_frequency", "2400 MHz"), encoding="utf-8")
    refused = run_cli("allocations", "eca", str(bad))
    assert refused.returncode == 2
    assert "row 3.upper_frequency" in refused.stderr
    assert refused.stdout == ""


SECRETARIAT = Principal(role=Role.SECRETARIAT, username="table-keeper", via="cli")
OFFICER = Principal(role=Role.NOTIFYING_OFFICER, username="officer", administration="FR")


def test_an_imported_eca_is_shown_to_cept_countries_only(sessions: sessionmaker[Session]) -> None:
    with sessions() as session:
        assert usecases.regional_view(session, country="DE") is None
    with sessions() as session, session.begin():
        result = usecases.import_eca(session, principal=SECRETARIAT, text=_sample())
    assert result["rows"] == len(_records())
    with sessions() as session:
        view = usecases.regional_view(session, country="DE", low_hz=3.5e9, high_hz=3.5e9)
        assert usecases.regional_view(session, country="AU") is None
        entries = audit.entries(session, entity="spectrum_regional_table", entity_id="ECA")
    assert view is not None
    assert [(r["low_hz"], r["high_hz"]) for r in view["rows"]] == [(3400e6, 3600e6)]
    assert set(view["footnotes"]) == {"EU2", "EU3"}
    assert len(entries) == 1


def test_a_malformed_import_writes_nothing(sessions: sessionmaker[Session]) -> None:
    bad = _replace_field(3, "upper_frequency", "2400 MHz")
    with sessions() as session, pytest.raises(InvalidInput) as refused, session.begin():
        usecases.import_eca(session, principal=SECRETARIAT, text=bad)
    assert refused.value.field == "row 3.upper_frequency"
    with sessions() as session, pytest.raises(Forbidden), session.begin():
        usecases.import_eca(session, principal=OFFICER, text=_sample())
    with sessions() as session:
        assert usecases.regional_view(session, country="DE") is None
        assert audit.entries(session, entity="spectrum_regional_table", entity_id="ECA") == []


def test_cli_imports_and_the_country_view_shows_the_eca(run_cli: Callable[..., Any]) -> None:
    done = run_cli("allocations", "eca", str(SAMPLE), "--import", "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["imported"]["rows"] == len(_records())
    view = json.loads(run_cli("allocations", "country", "FR", "--json").stdout)
    assert len(view["regional_table"]["rows"]) == len(_records())
    outside = json.loads(run_cli("allocations", "country", "AU", "--json").stdout)
    assert outside["regional_table"] is None
