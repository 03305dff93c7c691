"""A notice: the Appendix 4 data of one terrestrial frequency assignment.

`parse_notice` reads a notice as the machine interface writes it (docs/design.md, JSON
with nested ``tx``/``rx``; a CSV row's dotted names are unflattened by `unflatten`) and
refuses bad input naming the field (``tx.lat_deg``) and the reason. What a notice must
contain before it can be examined at all is checked here; what Appendix 4 requires of a
class of station (the receiving end of a fixed link, the antenna of a broadcasting
station ...) is the examination's completeness check (`examination.completeness`), so
that an incomplete notice still gets a date of receipt and is returned with the items
it lacks, as the Bureau does.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import math
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any, Final

from openitu.errors import InvalidInput
from openitu.governance.members import Action, check_administration
from openitu.radio.emissions import parse_emission
from openitu.spectrum.services import Service, parse_service

MAX_FREQUENCY_HZ: Final = 3000e9
"""RR No. 2.1: the radio spectrum ends at 3 000 GHz."""
MIN_FREQUENCY_HZ: Final = 8.3e3
"""RR Article 5: the Table starts at 8.3 kHz."""
MAX_REFERENCE_LENGTH: Final = 64

# Classes of station (the symbols of the Preface to the BR IFIC, Terrestrial services,
# used in Appendix 4 item 6A) and the RR Article 1 service each belongs to.
STATION_CLASSES: Final[dict[str, tuple[str, str]]] = {
    "FX": ("fixed station", "fixed"),
    "FB": ("base station", "land mobile"),
    "FL": ("land station", "mobile"),
    "ML": ("land mobile station", "land mobile"),
    "MO": ("mobile station", "mobile"),
    "FC": ("coast station", "maritime mobile"),
    "MS": ("ship station", "maritime mobile"),
    "FA": ("aeronautical station", "aeronautical mobile"),
    "MA": ("aircraft station", "aeronautical mobile"),
    "BC": ("broadcasting station, sound", "broadcasting"),
    "BT": ("broadcasting station, television", "broadcasting"),
    "LR": ("radiolocation land station", "radiolocation"),
    "AL": ("aeronautical radionavigation land station", "aeronautical radionavigation"),
    "NL": ("maritime radionavigation land station", "maritime radionavigation"),
}

# Polarization symbols of Appendix 4 (item 9D): horizontal, vertical, circular left and
# right, slant (left, right), dual, mixed.
POLARIZATIONS: Final = frozenset({"H", "V", "CL", "CR", "S", "SL", "SR", "D", "M"})

_TX_FIELDS: Final = (
    "lat_deg", "lon_deg", "antenna_height_m", "eirp_dbw", "gain_dbi", "azimuth_deg",
    "polarization",
)  # fmt: skip
_RX_FIELDS: Final = ("lat_deg", "lon_deg", "antenna_height_m", "gain_dbi")
_TOP_FIELDS: Final = frozenset({
    "administration", "reference", "service", "station_class", "frequency_hz", "emission",
    "tx", "rx", "date_of_bringing_into_use", "agreements", "request_4_4", "remarks",
    "necessary_bandwidth_hz",
})  # fmt: skip


@dataclass(frozen=True)
class Site:
    """One end of the assignment: where it is, and its antenna and power."""

    lat_deg: float
    lon_deg: float
    antenna_height_m: float | None = None
    eirp_dbw: float | None = None
    gain_dbi: float | None = None
    azimuth_deg: float | None = None
    polarization: str | None = None


@dataclass(frozen=True)
class Notice:
    """The Appendix 4 data of one assignment, as notified."""

    administration: str
    reference: str
    service: str
    station_class: str
    frequency_hz: float
    emission: str
    necessary_bandwidth_hz: float
    tx: Site
    rx: Site | None = None
    date_of_bringing_into_use: date | None = None
    agreements: tuple[str, ...] = ()
    """Administrations (ISO2) the notifying one already has coordination agreements with."""
    request_4_4: bool = False
    """Record under No. 4.4 should the assignment not conform with the Table."""
    remarks: str = ""

    @property
    def low_hz(self) -> float:
        return self.frequency_hz - self.necessary_bandwidth_hz / 2

    @property
    def high_hz(self) -> float:
        return self.frequency_hz + self.necessary_bandwidth_hz / 2

    @property
    def service_term(self) -> Service:
        return parse_service(self.service)

    def as_dict(self) -> dict[str, Any]:
        """The notice in the machine interface's shape (what `parse_notice` reads)."""
        document: dict[str, Any] = {
            "administration": self.administration,
            "reference": self.reference,
            "service": self.service,
            "station_class": self.station_class,
            "frequency_hz": self.frequency_hz,
            "emission": self.emission,
            "necessary_bandwidth_hz": self.necessary_bandwidth_hz,
            "tx": _site_dict(self.tx, _TX_FIELDS),
            "rx": _site_dict(self.rx, _RX_FIELDS) if self.rx else None,
            "date_of_bringing_into_use": (
                self.date_of_bringing_into_use.isoformat()
                if self.date_of_bringing_into_use
                else None
            ),
            "agreements": list(self.agreements),
            "request_4_4": self.request_4_4,
            "remarks": self.remarks,
        }
        return document

    def content_hash(self) -> str:
        """SHA-256 of the notice's content: the same reference and hash is the same notice
        (idempotent); another hash under the same reference is a modification."""
        canonical = json.dumps(self.as_dict(), sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(canonical.encode()).hexdigest()


def _site_dict(site: Site, names: tuple[str, ...]) -> dict[str, Any]:
    values = asdict(site)
    return {name: values[name] for name in names}


# --- reading -------------------------------------------------------------------------


def unflatten(row: dict[str, Any]) -> dict[str, Any]:
    """A CSV row with dotted names (``tx.lat_deg``) as a nested notice; empty cells absent."""
    nested: dict[str, Any] = {}
    for key, value in row.items():
        if key is None:
            raise InvalidInput("row", "has more cells than the header has names")
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        parts = key.strip().split(".")
        target = nested
        for part in parts[:-1]:
            child = target.setdefault(part, {})
            if not isinstance(child, dict):
                raise InvalidInput(key, f"{part} is both a value and a group")
            target = child
        target[parts[-1]] = value.strip() if isinstance(value, str) else value
    if isinstance(nested.get("agreements"), str):
        nested["agreements"] = [a for a in nested["agreements"].replace(";", " ").split() if a]
    return nested


def notices_in_text(text: str, *, csv_file: bool = False) -> list[Any]:
    """The notices of a file's text: a JSON object or list, or CSV with dotted names
    (``csv_file``, or any text that does not open as JSON). A CSV row that cannot be read
    stays in its place as its `InvalidInput`, for the use case to report at its row."""
    if csv_file or text.lstrip()[:1] not in ("{", "["):
        reader = csv.DictReader(io.StringIO(text))
        if not reader.fieldnames:
            raise InvalidInput("file", "CSV without a header row")
        rows: list[Any] = []
        for row in reader:
            try:
                rows.append(unflatten(row))
            except InvalidInput as exc:
                rows.append(exc)
        return rows
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InvalidInput("file", f"not valid JSON ({exc.msg} at line {exc.lineno})") from None
    except RecursionError:
        raise InvalidInput("file", "JSON nested too deeply") from None
    if isinstance(document, dict):
        return [document]
    if isinstance(document, list):
        return document
    raise InvalidInput("file", "must hold a notice (object) or a list of notices")


def _number(
    value: Any, name: str, *, low: float, high: float, unit: str, required: bool = True
) -> float | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise InvalidInput(name, "is required")
        return None
    if isinstance(value, bool):
        raise InvalidInput(name, f"must be a number in {unit}, not {value!r}")
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise InvalidInput(name, f"must be a number in {unit}, not {value!r}") from None
    if not math.isfinite(number):
        raise InvalidInput(name, "must be a finite number")
    if not low <= number <= high:
        raise InvalidInput(name, f"{number:g} {unit} is outside [{low:g}, {high:g}] {unit}")
    return number


def _site(raw: Any, prefix: str, names: tuple[str, ...]) -> Site:
    if not isinstance(raw, dict):
        raise InvalidInput(prefix, "must be an object with lat_deg and lon_deg")
    unknown = sorted(set(raw) - set(names))
    if unknown:
        raise InvalidInput(f"{prefix}.{unknown[0]}", f"unknown field (known: {', '.join(names)})")
    lat = _number(raw.get("lat_deg"), f"{prefix}.lat_deg", low=-90, high=90, unit="degrees")
    lon = _number(raw.get("lon_deg"), f"{prefix}.lon_deg", low=-180, high=180, unit="degrees")
    assert lat is not None and lon is not None
    polarization = raw.get("polarization")
    if polarization is not None:
        polarization = str(polarization).strip().upper()
        if polarization not in POLARIZATIONS:
            raise InvalidInput(
                f"{prefix}.polarization",
                f"{raw.get('polarization')!r} is not one of {', '.join(sorted(POLARIZATIONS))}",
            )
    return Site(
        lat_deg=lat,
        lon_deg=lon,
        # Heights above ground (App. 4 item 9E); 0 to 2 km covers masts and towers.
        antenna_height_m=_number(raw.get("antenna_height_m"), f"{prefix}.antenna_height_m",
                                 low=0, high=2000, unit="m", required=False),
        eirp_dbw=_number(raw.get("eirp_dbw"), f"{prefix}.eirp_dbw", low=-100, high=100,
                         unit="dBW", required=False),
        gain_dbi=_number(raw.get("gain_dbi"), f"{prefix}.gain_dbi", low=-30, high=80,
                         unit="dBi", required=False),
        azimuth_deg=_number(raw.get("azimuth_deg"), f"{prefix}.azimuth_deg", low=0, high=360,
                            unit="degrees", required=False),
        polarization=polarization,
    )  # fmt: skip


def _text(value: Any, name: str, *, max_length: int) -> str:
    if value is None:
        raise InvalidInput(name, "is required")
    if not isinstance(value, str | int):
        raise InvalidInput(name, "must be text")
    text = str(value).strip()
    if not text:
        raise InvalidInput(name, "is required")
    if len(text) > max_length:
        raise InvalidInput(name, f"is longer than {max_length} characters")
    if any(ord(ch) < 32 for ch in text):
        raise InvalidInput(name, "must not contain control characters")
    return text


def _day(value: Any, name: str) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise InvalidInput(name, f"expected a date YYYY-MM-DD, got {value!r}") from None


def _flag(value: Any, name: str) -> bool:
    if value is None or isinstance(value, bool):
        return bool(value)
    text = str(value).strip().lower()
    if text in {"true", "yes", "1"}:
        return True
    if text in {"false", "no", "0", ""}:
        return False
    raise InvalidInput(name, f"expected true or false, got {value!r}")


def parse_notice(raw: Any, *, on: date | None = None) -> Notice:
    """Read one notice; `InvalidInput` naming the first bad field.

    ``on`` is the day the administration must be a Member State on (the day of receipt).
    """
    if not isinstance(raw, dict):
        raise InvalidInput("notice", "must be an object")
    unknown = sorted(set(raw) - _TOP_FIELDS)
    if unknown:
        raise InvalidInput(unknown[0], "unknown field")
    administration = check_administration(
        _text(raw.get("administration"), "administration", max_length=8),
        action=Action.NOTIFY_FREQUENCY_ASSIGNMENTS,
        on=on,
    )
    reference = _text(raw.get("reference"), "reference", max_length=MAX_REFERENCE_LENGTH)
    service = parse_service(_text(raw.get("service"), "service", max_length=120))
    code = _text(raw.get("station_class"), "station_class", max_length=4).upper()
    if code not in STATION_CLASSES:
        raise InvalidInput(
            "station_class", f"{code!r} is not a class of station (one of "
            f"{', '.join(sorted(STATION_CLASSES))})"
        )  # fmt: skip
    class_service = parse_service(STATION_CLASSES[code][1])
    if not (class_service.covers(service) or service.covers(class_service)):
        raise InvalidInput(
            "station_class",
            f"a {STATION_CLASSES[code][0]} ({code}) belongs to the {class_service.name} "
            f"service, not the {service.name} service",
        )
    frequency = _number(raw.get("frequency_hz"), "frequency_hz", low=MIN_FREQUENCY_HZ,
                        high=MAX_FREQUENCY_HZ, unit="Hz")  # fmt: skip
    assert frequency is not None
    designator = _text(raw.get("emission"), "emission", max_length=16)
    try:
        emission = parse_emission(designator)
    except InvalidInput as exc:
        raise InvalidInput("emission", exc.reason) from None
    if emission.necessary_bandwidth_hz / 2 >= frequency:
        raise InvalidInput(
            "emission", f"a necessary bandwidth of {emission.necessary_bandwidth_hz:g} Hz "
            f"does not fit around {frequency:g} Hz"
        )  # fmt: skip
    stated = raw.get("necessary_bandwidth_hz")
    if stated is not None and stated != "":
        # Derived from the designator (RR App. 1 §1); a copy that disagrees is a mistake.
        given = _number(stated, "necessary_bandwidth_hz", low=0, high=MAX_FREQUENCY_HZ, unit="Hz")
        if given != emission.necessary_bandwidth_hz:
            raise InvalidInput(
                "necessary_bandwidth_hz",
                f"{given:g} Hz disagrees with the emission {emission.designator} "
                f"({emission.necessary_bandwidth_hz:g} Hz)",
            )
    tx = _site(raw.get("tx"), "tx", _TX_FIELDS)
    rx = _site(raw["rx"], "rx", _RX_FIELDS) if raw.get("rx") is not None else None
    agreements_raw = raw.get("agreements") or []
    if not isinstance(agreements_raw, list):
        raise InvalidInput("agreements", "must be a list of administrations (ISO2)")
    agreements = []
    for index, code_raw in enumerate(agreements_raw):
        other = check_administration(
            _text(code_raw, f"agreements[{index}]", max_length=8),
            action=Action.NOTIFY_FREQUENCY_ASSIGNMENTS,
            field=f"agreements[{index}]",
        )
        if other == administration:
            raise InvalidInput(
                f"agreements[{index}]", "an administration does not agree with itself"
            )
        agreements.append(other)
    remarks = raw.get("remarks") or ""
    if not isinstance(remarks, str) or len(remarks) > 2000:
        raise InvalidInput("remarks", "must be text of at most 2000 characters")
    return Notice(
        administration=administration,
        reference=reference,
        service=service.name,
        station_class=code,
        frequency_hz=frequency,
        emission=emission.designator,
        necessary_bandwidth_hz=emission.necessary_bandwidth_hz,
        tx=tx,
        rx=rx,
        date_of_bringing_into_use=_day(raw.get("date_of_bringing_into_use"),
                                       "date_of_bringing_into_use"),
        agreements=tuple(sorted(set(agreements))),
        request_4_4=_flag(raw.get("request_4_4"), "request_4_4"),
        remarks=remarks,
    )  # fmt: skip
