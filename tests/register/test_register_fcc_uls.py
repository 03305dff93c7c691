"""The FCC ULS microwave reader on the real files (tests/reference/fcc-uls, ../shared).

Expected values are recomputed here from the raw pipe-delimited records (pa_ddef49.txt
column positions), independently of the reader's joins.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from openitu.errors import InvalidInput
from openitu.radio.emissions import parse_emission
from openitu.register import fcc_uls
from openitu.register.technical import station_from_notice

EXTRACT = Path(__file__).resolve().parents[1] / "reference" / "fcc-uls"
# ../shared next to the clone (or next to the worktrees' folder)
SHARED = next(
    (
        folder / "shared" / "reference" / "fcc-uls-microwave"
        for folder in Path(__file__).resolve().parents
        if (folder / "shared" / "reference" / "fcc-uls-microwave").is_dir()
    ),
    Path("../shared/reference/fcc-uls-microwave"),
)
NOTICE_FIELDS = {
    "reference", "record_type", "frequency_hz", "emission", "rx", "rx.lat_deg", "rx.lon_deg",
    "tx.lat_deg", "tx.lon_deg", "tx.antenna_height_m", "tx.eirp_dbw", "tx.gain_dbi",
    "tx.azimuth_deg",
}  # fmt: skip


def _raw(path: Path, table: str) -> list[list[str]]:
    with zipfile.ZipFile(path) as archive:
        text = archive.read(f"{table}.dat").decode("latin-1")
    return [line.rstrip("\r").split("|") for line in text.split("\n") if line.strip()]


def _dms(deg: str, minutes: str, seconds: str, hemi: str) -> float:
    value = float(deg) + float(minutes or 0) / 60 + float(seconds or 0) / 3600
    return -value if hemi in ("S", "W") else value


@pytest.mark.parametrize("name", sorted(p.name for p in EXTRACT.glob("*.zip")))
def test_every_fr_row_is_accepted_or_rejected(name: str) -> None:
    path = EXTRACT / name
    result = fcc_uls.read_zip(path)
    fr_rows = len(_raw(path, "FR"))
    assert result.fr_rows == fr_rows
    assert len(result.accepted) + len(result.rejected) == fr_rows
    rows = [r["row"] for r in result.rejected]
    assert len(set(rows)) == len(rows) and all(1 <= r <= fr_rows for r in rows)
    for rejection in result.rejected:
        assert rejection["field"] in NOTICE_FIELDS and rejection["reason"]
    references = [n["reference"] for n in result.accepted]
    assert len(set(references)) == len(references)


def test_notice_fields_come_from_the_joined_records() -> None:
    """Each accepted notice of the Sunday file against its own FR, LO, AN, EM rows."""
    path = EXTRACT / "l_mw_sun.zip"
    result = fcc_uls.read_zip(path)
    assert result.accepted
    fr = {r[4]: r for r in _raw(path, "FR")}  # call sign -> one FR row is enough to locate
    lo = {(r[1], r[8]): r for r in _raw(path, "LO")}
    an = {(r[1], r[7], r[6]): r for r in _raw(path, "AN")}
    em = {(r[1], r[5], r[6], float(r[7])): r[9] for r in _raw(path, "EM")}
    checked = 0
    for notice in result.accepted:
        parts = notice["reference"].split("/")
        call, loc, ant = parts[0], parts[1].removeprefix("L"), parts[2].removeprefix("A")
        seq = parts[4].removeprefix("S") if len(parts) > 4 else ""
        usi = fr[call][1]
        rows = [
            r
            for r in _raw(path, "FR")
            if r[4] == call and r[6] == loc and r[7] == ant and r[26] == seq
            and abs(float(r[10]) * 1e6 - notice["frequency_hz"]) < 1
        ]  # fmt: skip
        assert len(rows) == 1, notice["reference"]
        eirp_dbm = float(rows[0][20])
        assert notice["tx"]["eirp_dbw"] == pytest.approx(eirp_dbm - 30.0)
        site = lo[(usi, loc)]
        assert notice["tx"]["lat_deg"] == pytest.approx(_dms(*site[19:23]), abs=1e-6)
        assert notice["tx"]["lon_deg"] == pytest.approx(_dms(*site[23:27]), abs=1e-6)
        assert notice["tx"]["lon_deg"] < 0  # the United States lie west of Greenwich
        antenna = an[(usi, loc, ant)]
        assert notice["tx"]["gain_dbi"] == float(antenna[17])
        assert notice["tx"]["antenna_height_m"] == float(antenna[11])
        assert notice["emission"] in {
            code for (u, lo_, an_, f), code in em.items()
            if (u, lo_, an_) == (usi, loc, ant) and abs(f * 1e6 - notice["frequency_hz"]) < 1
        }  # fmt: skip
        assert notice["administration"] == "US" and notice["service"] == "fixed"
        checked += 1
    assert checked == len(result.accepted)


def test_links_have_their_receiver_from_the_path_record() -> None:
    path = EXTRACT / "l_mw_mon-WQHI631.zip"
    result = fcc_uls.read_zip(path)
    pa = _raw(path, "PA")[0]
    lo = {r[8]: r for r in _raw(path, "LO")}
    rx_site = lo[pa[9]]
    linked = [n for n in result.accepted if n["reference"].split("/")[2] == f"A{pa[8]}"]
    assert linked
    for notice in linked:
        assert notice["rx"]["lat_deg"] == pytest.approx(_dms(*rx_site[19:23]), abs=1e-6)
        assert notice["rx"]["lon_deg"] == pytest.approx(_dms(*rx_site[23:27]), abs=1e-6)


def test_notices_become_stations() -> None:
    for notice in fcc_uls.read_zip(EXTRACT / "l_mw_tue-WQRV536.zip").accepted:
        station = station_from_notice(notice)
        assert station.bandwidth_hz == parse_emission(notice["emission"]).necessary_bandwidth_hz
        assert station.rx_lat_deg == (notice["rx"] or {}).get("lat_deg")


def _rewrite(path: Path, table: str, edit: int, column: int, value: str) -> dict[str, str]:
    tables: dict[str, str] = {}
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            tables[name[:2]] = archive.read(name).decode("latin-1")
    lines = tables[table].split("\n")
    fields = lines[edit].split("|")
    fields[column] = value
    lines[edit] = "|".join(fields)
    tables[table] = "\n".join(lines)
    return tables


@pytest.mark.parametrize(
    ("table", "column", "value", "field"),
    [
        ("FR", 20, "", "tx.eirp_dbw"),  # FR eirp
        ("FR", 10, "abc", "frequency_hz"),  # FR frequency_assigned
        ("LO", 20, "75", "tx.lat_deg"),  # LO lat_minutes out of range
        ("LO", 22, "X", "tx.lat_deg"),  # LO lat_direction
        ("AN", 17, "", "tx.gain_dbi"),  # AN gain
        ("EM", 9, "30M0??W", "emission"),  # EM emission_code
    ],
)
def test_a_bad_field_rejects_the_row_naming_the_field(
    table: str, column: int, value: str, field: str
) -> None:
    path = EXTRACT / "l_mw_mon-WQHI631.zip"
    before = fcc_uls.read_zip(path)
    assert not before.rejected
    # break the record the first FR row depends on
    first_fr = _raw(path, "FR")[0]
    records = _raw(path, table)
    if table == "FR":
        target = 0
    elif table == "LO":
        target = next(i for i, r in enumerate(records) if r[8] == first_fr[6])
    elif table == "AN":
        target = next(
            i for i, r in enumerate(records) if (r[7], r[6]) == (first_fr[6], first_fr[7])
        )
    else:
        target = next(
            i for i, r in enumerate(records) if (r[5], r[6]) == (first_fr[6], first_fr[7])
        )
    after = fcc_uls.read_tables(_rewrite(path, table, target, column, value))
    assert after.fr_rows == before.fr_rows
    assert len(after.accepted) + len(after.rejected) == after.fr_rows
    assert after.rejected[0]["row"] == 1
    assert after.rejected[0]["field"] == field


def test_an_open_file_reads_like_its_path() -> None:
    path = EXTRACT / "l_mw_mon-WQHI631.zip"
    with path.open("rb") as upload:
        from_file = fcc_uls.read_zip(upload, source="upload.zip")
    assert from_file.source == "upload.zip"
    assert from_file.accepted == fcc_uls.read_zip(path).accepted


def test_dms_hemispheres() -> None:
    assert fcc_uls.dms_to_deg("33", "30", "0", "S", field_name="tx.lat_deg") == -33.5
    assert fcc_uls.dms_to_deg("117", "15", "0", "W", field_name="tx.lon_deg") == -117.25
    assert fcc_uls.dms_to_deg("10", "0", "36", "E", field_name="tx.lon_deg") == pytest.approx(10.01)


def test_not_a_zip_is_invalid_input(tmp_path: Path) -> None:
    bad = tmp_path / "l_mw_bad.zip"
    bad.write_bytes(b"not a zip")
    with pytest.raises(InvalidInput) as error:
        fcc_uls.read_zip(bad)
    assert error.value.field == "file"
    empty = tmp_path / "l_mw_empty.zip"
    with zipfile.ZipFile(empty, "w") as archive:
        archive.writestr("LO.dat", "")
    with pytest.raises(InvalidInput, match=r"FR\.dat"):
        fcc_uls.read_zip(empty)


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/reference/fcc-uls-microwave absent")
def test_the_full_files_account_for_every_fr_row(capsys: pytest.CaptureFixture[str]) -> None:
    totals = [0, 0, 0]
    for path in sorted(SHARED.glob("l_mw_*.zip")):
        result = fcc_uls.read_zip(path)
        with zipfile.ZipFile(path) as archive:
            text = io.TextIOWrapper(archive.open("FR.dat"), encoding="latin-1").read()
        fr_rows = sum(1 for line in text.split("\n") if line.strip())
        assert result.fr_rows == fr_rows
        assert len(result.accepted) + len(result.rejected) == fr_rows
        totals[0] += fr_rows
        totals[1] += len(result.accepted)
        totals[2] += len(result.rejected)
        with capsys.disabled():
            print(f"\n{path.name}: FR {fr_rows} accepted {len(result.accepted)} "
                  f"rejected {len(result.rejected)}")  # fmt: skip
    assert totals[0] == totals[1] + totals[2] > 0
