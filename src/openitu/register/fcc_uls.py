"""The FCC's Universal Licensing System microwave files as notices of the United States.

A national licence register is what an administration notifies (RR Article 11): here the
FCC ULS public-access files of the Part 101 microwave services (daily zip files of
pipe-delimited tables, record layouts in the FCC's ``pa_ddef49.txt``). One notice per FR
(frequency) record, joined within its own zip file with:

- LO (location) of the transmitter: ``unique_system_identifier`` + ``location_number``;
- AN (antenna) of the transmitter: + ``antenna_number``;
- EM (emission) of that frequency: + ``frequency_assigned``;
- PA (path) leaving that transmitter antenna: ``transmit_location_number`` +
  ``transmit_antenna_number``, giving the receiving location (LO) and antenna (AN).

The mapping of each ULS field onto the notice fields of ``openitu register notify`` is in
docs/register.md. Every FR row read ends in exactly one of ``accepted`` (a notice dict)
or ``rejected`` (``{"row", "field", "reason"}``, ``row`` counting FR rows from 1 in the
file, ``field`` the notice field at fault), so accepted + rejected = FR rows.
"""

from __future__ import annotations

import io
import math
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from os import PathLike
from typing import IO, Any, Final

from openitu.errors import InvalidInput
from openitu.radio.emissions import parse_emission

# 0-based column positions in the pipe-delimited records (pa_ddef49.txt, version 49).
_FR: Final = {
    "usi": 1, "call_sign": 4, "location_number": 6, "antenna_number": 7,
    "class_station_code": 8, "frequency_assigned": 10, "frequency_upper_band": 11,
    "eirp": 20, "freq_seq_id": 26,
}  # fmt: skip
_LO: Final = {
    "usi": 1, "location_number": 8, "ground_elevation": 18, "lat_degrees": 19,
    "lat_minutes": 20, "lat_seconds": 21, "lat_direction": 22, "long_degrees": 23,
    "long_minutes": 24, "long_seconds": 25, "long_direction": 26,
}  # fmt: skip
_AN: Final = {
    "usi": 1, "antenna_number": 6, "location_number": 7, "height_to_center_raat": 11,
    "polarization_code": 15, "gain": 17, "azimuth": 18,
}  # fmt: skip
_EM: Final = {
    "usi": 1, "location_number": 5, "antenna_number": 6, "frequency_assigned": 7,
    "emission_code": 9,
}  # fmt: skip
_PA: Final = {
    "usi": 1, "path_number": 6, "transmit_location_number": 7, "transmit_antenna_number": 8,
    "receiver_location_number": 9, "receiver_antenna_number": 10, "receiver_callsign": 16,
}  # fmt: skip

# ULS polarization codes -> the notice's (RR Appendix 4 item 9D: H, V, SL slant, CR/CL
# circular); "D" (dual) and anything else are passed on in lower case.
_POLARIZATION: Final = {"H": "h", "V": "v", "S": "sl", "R": "cr", "L": "cl", "D": "d"}

ADMINISTRATION: Final = "US"
SERVICE: Final = "fixed"  # Part 101 point-to-point microwave: RR 1.20
STATION_CLASS: Final = "FX"  # RR Appendix 4 / BR station class: fixed station
NO_AZIMUTH: Final = 999.0


@dataclass
class UlsImport:
    """What one ULS file gave: notices, rejected FR rows, the count of FR rows read."""

    source: str
    fr_rows: int = 0
    accepted: list[dict[str, Any]] = field(default_factory=list)
    rejected: list[dict[str, Any]] = field(default_factory=list)


class _Reject(Exception):
    def __init__(self, field_name: str, reason: str) -> None:
        super().__init__(reason)
        self.field_name = field_name
        self.reason = reason


def _records(text: str) -> list[list[str]]:
    # One record per line (CRLF or LF); a line that does not start with the record type
    # is still counted, so that a broken FR line is rejected rather than lost.
    rows: list[list[str]] = []
    for line in text.replace("\r\n", "\n").split("\n"):
        if not line:
            continue
        rows.append(line.split("|"))
    return rows


def _col(row: list[str], index: int) -> str:
    return row[index].strip() if index < len(row) else ""


def _float(value: str, field_name: str, what: str) -> float:
    if not value:
        raise _Reject(field_name, f"the ULS record gives no {what}")
    try:
        number = float(value)
    except ValueError:
        raise _Reject(field_name, f"{what} {value!r} is not a number") from None
    if not math.isfinite(number):
        raise _Reject(field_name, f"{what} {value!r} is not a finite number")
    return number


def _optional_float(value: str) -> float | None:
    try:
        return float(value) if value else None
    except ValueError:
        return None


def _key_int(value: str) -> int | None:
    try:
        return int(float(value)) if value.strip() else None
    except ValueError:
        return None


def dms_to_deg(
    degrees: str, minutes: str, seconds: str, hemisphere: str, *, field_name: str
) -> float:
    """Degrees-minutes-seconds with N/S/E/W to signed decimal degrees (south, west < 0)."""
    d = _float(degrees, field_name, "degrees")
    m = _float(minutes or "0", field_name, "minutes")
    s = _float(seconds or "0", field_name, "seconds")
    if not (0 <= m < 60 and 0 <= s < 60 and d >= 0):
        raise _Reject(field_name, f"{degrees} {minutes} {seconds} is not a valid angle")
    hemi = hemisphere.strip().upper()
    if hemi not in ("N", "S", "E", "W"):
        raise _Reject(field_name, f"hemisphere {hemisphere!r} is not N, S, E or W")
    value = d + m / 60 + s / 3600
    limit = 90.0 if field_name.endswith("lat_deg") else 180.0
    if value > limit:
        raise _Reject(field_name, f"{value:.6f} deg is beyond {limit:g}")
    return -value if hemi in ("S", "W") else value


@dataclass(frozen=True)
class _Tables:
    locations: dict[tuple[int, int], list[str]]
    antennas: dict[tuple[int, int, int], list[str]]
    emissions: dict[tuple[int, int, int, str], list[list[str]]]
    paths: dict[tuple[int, int, int], list[list[str]]]


def _index(tables: Mapping[str, str]) -> _Tables:
    locations: dict[tuple[int, int], list[str]] = {}
    for row in _records(tables.get("LO", "")):
        usi, loc = _key_int(_col(row, _LO["usi"])), _key_int(_col(row, _LO["location_number"]))
        if usi is not None and loc is not None:
            locations.setdefault((usi, loc), row)
    antennas: dict[tuple[int, int, int], list[str]] = {}
    for row in _records(tables.get("AN", "")):
        usi = _key_int(_col(row, _AN["usi"]))
        loc = _key_int(_col(row, _AN["location_number"]))
        ant = _key_int(_col(row, _AN["antenna_number"]))
        if usi is not None and loc is not None and ant is not None:
            antennas.setdefault((usi, loc, ant), row)
    emissions: dict[tuple[int, int, int, str], list[list[str]]] = {}
    for row in _records(tables.get("EM", "")):
        usi = _key_int(_col(row, _EM["usi"]))
        loc = _key_int(_col(row, _EM["location_number"]))
        ant = _key_int(_col(row, _EM["antenna_number"]))
        freq = _freq_key(_col(row, _EM["frequency_assigned"]))
        if usi is None or loc is None or ant is None or freq is None:
            continue
        emissions.setdefault((usi, loc, ant, freq), []).append(row)
    paths: dict[tuple[int, int, int], list[list[str]]] = {}
    for row in _records(tables.get("PA", "")):
        usi = _key_int(_col(row, _PA["usi"]))
        loc = _key_int(_col(row, _PA["transmit_location_number"]))
        ant = _key_int(_col(row, _PA["transmit_antenna_number"]))
        if usi is not None and loc is not None and ant is not None:
            paths.setdefault((usi, loc, ant), []).append(row)
    return _Tables(locations, antennas, emissions, paths)


def _freq_key(value: str) -> str | None:
    try:
        return f"{float(value):.6f}" if value else None
    except ValueError:
        return None


def _position(row: list[str], prefix: str) -> tuple[float, float]:
    def angle(column: str, name: str) -> float:
        degrees, minutes, seconds, direction = (
            _col(row, _LO[f"{column}_{part}"])
            for part in ("degrees", "minutes", "seconds", "direction")
        )
        return dms_to_deg(degrees, minutes, seconds, direction, field_name=f"{prefix}.{name}")

    return angle("lat", "lat_deg"), angle("long", "lon_deg")


def _height(antenna: list[str], prefix: str) -> float:
    height = _float(
        _col(antenna, _AN["height_to_center_raat"]),
        f"{prefix}.antenna_height_m",
        "antenna centre height above ground",
    )
    if not 0 < height <= 10_000:
        raise _Reject(f"{prefix}.antenna_height_m", f"{height:g} m is not above ground")
    return height


def _receiver(path: list[str], usi: int, tables: _Tables) -> dict[str, Any]:
    """The receiving end of a path: its location and, where recorded, its antenna."""
    rx_loc = _key_int(_col(path, _PA["receiver_location_number"]))
    rx_ant = _key_int(_col(path, _PA["receiver_antenna_number"]))
    rx_location = tables.locations.get((usi, rx_loc)) if rx_loc is not None else None
    if rx_location is None:
        raise _Reject("rx.lat_deg", f"no LO record for the receiving location {rx_loc}")
    rx_lat, rx_lon = _position(rx_location, "rx")
    rx: dict[str, Any] = {"lat_deg": round(rx_lat, 7), "lon_deg": round(rx_lon, 7)}
    rx_antenna = (
        tables.antennas.get((usi, rx_loc, rx_ant))
        if rx_loc is not None and rx_ant is not None
        else None
    )
    if rx_antenna is not None:
        height = _optional_float(_col(rx_antenna, _AN["height_to_center_raat"]))
        rx["antenna_height_m"] = height if height is not None and height > 0 else None
        rx["gain_dbi"] = _optional_float(_col(rx_antenna, _AN["gain"]))
    return rx


def _notice(fr: list[str], tables: _Tables) -> dict[str, Any]:
    usi = _key_int(_col(fr, _FR["usi"]))
    call_sign = _col(fr, _FR["call_sign"])
    loc = _key_int(_col(fr, _FR["location_number"]))
    ant = _key_int(_col(fr, _FR["antenna_number"]))
    if usi is None or not call_sign:
        raise _Reject("reference", "the FR record has no licence (system identifier, call sign)")
    if loc is None:
        raise _Reject("tx.lat_deg", "the FR record names no location")
    if ant is None:
        raise _Reject("tx.gain_dbi", "the FR record names no antenna")
    f_mhz = _float(_col(fr, _FR["frequency_assigned"]), "frequency_hz", "assigned frequency")
    if not f_mhz > 0:
        raise _Reject("frequency_hz", f"{f_mhz:g} MHz is not a frequency")
    eirp_dbm = _float(_col(fr, _FR["eirp"]), "tx.eirp_dbw", "e.i.r.p.")

    location = tables.locations.get((usi, loc))
    if location is None:
        raise _Reject("tx.lat_deg", f"no LO record for location {loc} of {call_sign}")
    tx_lat, tx_lon = _position(location, "tx")
    antenna = tables.antennas.get((usi, loc, ant))
    if antenna is None:
        raise _Reject("tx.gain_dbi", f"no AN record for antenna {ant} at location {loc}")
    gain = _float(_col(antenna, _AN["gain"]), "tx.gain_dbi", "antenna gain")
    height = _height(antenna, "tx")
    azimuth = _optional_float(_col(antenna, _AN["azimuth"]))
    if azimuth is not None and azimuth == NO_AZIMUTH:
        azimuth = None  # ULS writes 999 for an antenna without a main-beam azimuth
    if azimuth is not None and not 0 <= azimuth <= 360:
        raise _Reject("tx.azimuth_deg", f"{azimuth:g} deg is not an azimuth")
    pol_code = _col(antenna, _AN["polarization_code"]).upper()
    polarization = _POLARIZATION.get(pol_code[:1], pol_code.lower()) if pol_code else None

    freq_key = _freq_key(_col(fr, _FR["frequency_assigned"]))
    emission_rows = tables.emissions.get((usi, loc, ant, freq_key or ""), [])
    best: tuple[float, str] | None = None
    errors: list[str] = []
    for row in emission_rows:
        code = _col(row, _EM["emission_code"])
        try:
            bandwidth = parse_emission(code).necessary_bandwidth_hz
        except InvalidInput as error:
            errors.append(f"{code!r}: {error.reason}")
            continue
        # the widest of the licensed emissions: the examination looks at the worst case
        if best is None or bandwidth > best[0]:
            best = (bandwidth, code.upper())
    if best is None:
        reason = "; ".join(errors) if errors else "no EM record for this frequency"
        raise _Reject("emission", reason)

    paths = sorted(
        tables.paths.get((usi, loc, ant), []),
        key=lambda row: _key_int(_col(row, _PA["path_number"])) or 0,
    )
    rx: dict[str, Any] | None = None
    if paths:
        rx = _receiver(paths[0], usi, tables)

    seq = _col(fr, _FR["freq_seq_id"])
    reference = f"{call_sign}/L{loc}/A{ant}/{f_mhz:.6f}MHz" + (f"/S{seq}" if seq else "")
    return {
        "administration": ADMINISTRATION,
        "reference": reference,
        "service": SERVICE,
        "station_class": STATION_CLASS,
        "frequency_hz": round(f_mhz * 1e6, 3),
        "emission": best[1],
        "tx": {
            "lat_deg": round(tx_lat, 7),
            "lon_deg": round(tx_lon, 7),
            "antenna_height_m": height,
            "eirp_dbw": round(eirp_dbm - 30.0, 3),
            "gain_dbi": gain,
            "azimuth_deg": azimuth,
            "polarization": polarization,
        },
        "rx": rx,
        "date_of_bringing_into_use": None,
    }


def read_tables(tables: Mapping[str, str], *, source: str = "") -> UlsImport:
    """Notices from the tables of one ULS file (``{"FR": text, "LO": text, ...}``)."""
    result = UlsImport(source=source)
    index = _index(tables)
    for number, fr in enumerate(_records(tables.get("FR", "")), start=1):
        result.fr_rows += 1
        if _col(fr, 0) != "FR":
            result.rejected.append(
                {"row": number, "field": "record_type", "reason": "not an FR record"}
            )
            continue
        try:
            result.accepted.append(_notice(fr, index))
        except _Reject as reject:
            result.rejected.append(
                {"row": number, "field": reject.field_name, "reason": reject.reason}
            )
    return result


def read_zip(path: str | PathLike[str] | IO[bytes], *, source: str | None = None) -> UlsImport:
    """Notices from one ULS daily zip file (l_mw_*.zip): a path or an open binary file
    (an upload); ``source`` names it in the result (default: the path)."""
    try:
        with zipfile.ZipFile(path) as archive:
            tables: dict[str, str] = {}
            for name in archive.namelist():
                stem = name.rsplit("/", 1)[-1]
                if stem.upper().endswith(".DAT") and stem[:2].upper() in (
                    "FR",
                    "LO",
                    "AN",
                    "EM",
                    "PA",
                ):
                    raw = archive.read(name)
                    tables[stem[:2].upper()] = io.TextIOWrapper(
                        io.BytesIO(raw), encoding="latin-1", newline=""
                    ).read()
    except (OSError, zipfile.BadZipFile) as error:
        raise InvalidInput("file", f"{path}: not a readable ULS zip file ({error})") from None
    if "FR" not in tables:
        raise InvalidInput("file", f"{path}: no FR.dat in the zip file")
    return read_tables(tables, source=source if source is not None else str(path))


ULS_TABLES: Final = ("FR", "LO", "AN", "EM", "PA")
"""The ULS tables the reader joins; the others in a daily file (HD, EN, CO ...) are not
needed for a notice and are passed over."""


def read_uploads(files: Iterable[tuple[str, bytes]]) -> list[UlsImport]:
    """Notices from uploaded ULS files: whole daily zip files (each read on its own, as
    `read_zip`), or the pipe-delimited ``.dat`` tables of one file (``FR.dat``,
    ``LO.dat`` ...; ``FR.dat`` is required, any other ``.dat`` is passed over). Files that
    cannot be used raise `InvalidInput` on ``files`` naming the file."""
    imports: list[UlsImport] = []
    tables: dict[str, str] = {}
    names: list[str] = []
    for name, content in files:
        stem = name.replace("\\", "/").rsplit("/", 1)[-1]
        lower = stem.lower()
        if lower.endswith(".zip"):
            _check_unpacked_size(stem, content)
            try:
                imports.append(read_zip(io.BytesIO(content), source=stem))
            except InvalidInput as error:
                raise InvalidInput("files", f"{stem}: {error.reason.split(': ', 1)[-1]}") from None
        elif lower.endswith(".dat"):
            names.append(stem)
            table = stem[:2].upper()
            if table not in ULS_TABLES or len(stem) != len("FR.dat"):
                continue
            if table in tables:
                raise InvalidInput("files", f"{stem}: the {table} table is given twice")
            # ULS files are Latin-1 (pa_ddef49.txt); every byte decodes, so none is lost.
            tables[table] = content.decode("latin-1")
        else:
            raise InvalidInput("files", f"{stem}: neither a ULS zip file nor a .dat table")
    if names:
        if "FR" not in tables:
            raise InvalidInput("files", f"{', '.join(names)}: no FR.dat among the tables")
        imports.append(read_tables(tables, source=", ".join(sorted(names))))
    if not imports:
        raise InvalidInput("files", "no file given")
    return imports


MAX_UPLOAD_BYTES: Final = 64 * 1024 * 1024
"""All the files of one ULS import together (the largest real daily zip is under 1 MiB)."""


def read_files(files: Iterable[tuple[str, IO[bytes]]]) -> list[UlsImport]:
    """`read_uploads` over open binary files, each with its name (what the API and the
    page were sent): more than `MAX_UPLOAD_BYTES` in all is refused on ``files`` before
    anything is read beyond it."""
    read: list[tuple[str, bytes]] = []
    left = MAX_UPLOAD_BYTES
    for name, file in files:
        content = file.read(left + 1)
        left -= len(content)
        if left < 0:
            raise InvalidInput("files", f"more than {MAX_UPLOAD_BYTES // 2**20} MiB in all")
        read.append((name, content))
    return read_uploads(read)


MAX_UNPACKED_BYTES: Final = 512 * 1024 * 1024
"""The most a zip file's ULS tables may unpack to (the largest real daily file unpacks
to a few tens of MiB): a guard against a small upload that inflates without end."""


def _check_unpacked_size(name: str, content: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            size = sum(
                info.file_size
                for info in archive.infolist()
                if info.filename.rsplit("/", 1)[-1][:2].upper() in ULS_TABLES
            )
    except (OSError, zipfile.BadZipFile) as error:
        raise InvalidInput("files", f"{name}: not a readable ULS zip file ({error})") from None
    if size > MAX_UNPACKED_BYTES:
        raise InvalidInput("files", f"{name}: its tables unpack to more than "
                           f"{MAX_UNPACKED_BYTES // 2**20} MiB")  # fmt: skip
