"""Satellite networks as filed: orbit, beams, earth stations; validated field by field.

A filing's data arrive as JSON (API, CLI, web form). `parse_network` turns one document
into a `Network` or raises `InvalidInput` naming the field by its path
(``beams[2].frequencies``) and the reason. The administration must be a Member State's
(`openitu.governance.members.check_administration`).

Directions are the satellite's: an ``up`` beam receives (Earth-to-space), a ``down``
beam transmits (space-to-Earth). A beam's ``power_density_dbw_hz`` is the maximum power
spectral density at the input of the transmitting antenna (the earth station's for an
up beam, the satellite's for a down beam: pe and ps of Appendix 8); its
``noise_temperature_k`` that of the receiving system (satellite for up: Ts; earth
station for down: Te).
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from typing import Any, Final, Literal

from openitu.errors import InvalidInput
from openitu.governance.members import Action, check_administration
from openitu.space.arc import service_term
from openitu.space.dtt import ES_PATTERNS, pattern_code
from openitu.space.orbits import EARTH_RADIUS_KM, Epoch, Tle, parse_epoch, parse_tle
from openitu.units import parse_frequency_hz

Direction = Literal["up", "down"]
OrbitKind = Literal["gso", "ngso"]
MAX_BEAMS: Final = 500
MAX_EARTH_STATIONS: Final = 500
BEAM_ROW: Final = (
    "name", "up", "low_hz", "high_hz", "service", "gain_dbi", "noise_temperature_k",
    "power_density_dbw_hz", "es_lat_deg", "es_lon_deg", "es_gain_dbi", "es_pattern",
)  # fmt: skip
"""The fields of `Network.beam_rows`: a beam's name, direction (up: True), band, service
term, peak gain, noise temperature and power density, then its earth station's position,
gain and pattern name (the register's beam columns carry the same names)."""


@dataclass(frozen=True)
class EarthStation:
    name: str
    lat_deg: float
    lon_deg: float
    gain_dbi: float
    pattern: str = "AP8"

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "lat_deg": self.lat_deg, "lon_deg": self.lon_deg,
                "gain_dbi": self.gain_dbi, "pattern": self.pattern}  # fmt: skip


@dataclass(frozen=True)
class Band:
    low_hz: float
    high_hz: float


@dataclass(frozen=True)
class Beam:
    name: str
    direction: Direction
    frequencies: tuple[Band, ...]
    service: str
    gain_dbi: float
    """The satellite antenna's peak gain."""
    noise_temperature_k: float
    power_density_dbw_hz: float
    earth_station: str
    emission: str | None = None
    half_beamwidth_deg: float | None = None
    """ψ_b of the satellite antenna (half its 3 dB beamwidth). With it, the pfd towards a
    place uses the ITU-R S.1528-0 pattern around the boresight (the gain contours); without
    it, the peak gain towards every place (the worst case)."""
    near_in_sidelobe_db: float = -20.0
    """L_N of S.1528-0: -15, -20, -25 or -30 dB."""
    boresight_lat_deg: float | None = None
    """Where a GSO beam points on the Earth (None: the sub-satellite point). A non-GSO beam
    is taken to point at the nadir."""
    boresight_lon_deg: float | None = None

    def as_dict(self) -> dict[str, Any]:
        document = asdict(self) | {"frequencies": [asdict(band) for band in self.frequencies]}
        # The pattern fields are written only when given, so that earlier documents keep
        # their shape.
        if self.half_beamwidth_deg is None:
            del document["half_beamwidth_deg"], document["near_in_sidelobe_db"]
        if self.boresight_lat_deg is None:
            del document["boresight_lat_deg"], document["boresight_lon_deg"]
        return document


@dataclass(frozen=True)
class OrbitalPlane:
    """A plane of a non-geostationary system: mean elements at ``epoch`` (the altitude is
    that of the semi-major axis above the equatorial radius), its satellites spaced evenly
    in mean anomaly from the first one's; or, satellite by satellite, a TLE each
    (`openitu.space.orbits`)."""

    altitude_km: float
    inclination_deg: float
    satellites: int
    raan_deg: float = 0.0
    eccentricity: float = 0.0
    argument_of_perigee_deg: float = 0.0
    mean_anomaly_deg: float = 0.0
    """The first satellite's at the epoch."""
    epoch: Epoch | None = None
    """None: J2000 (2000-01-01 12:00 UTC)."""
    tle: tuple[Tle, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        document: dict[str, Any] = {
            "altitude_km": self.altitude_km, "inclination_deg": self.inclination_deg,
            "satellites": self.satellites, "raan_deg": self.raan_deg}  # fmt: skip
        # The fields an NGSO plane may add, written only when given, so that earlier
        # documents keep their shape.
        if self.eccentricity:
            document["eccentricity"] = self.eccentricity
        if self.argument_of_perigee_deg:
            document["argument_of_perigee_deg"] = self.argument_of_perigee_deg
        if self.mean_anomaly_deg:
            document["mean_anomaly_deg"] = self.mean_anomaly_deg
        if self.epoch is not None:
            document["epoch"] = self.epoch.isoformat()
        if self.tle:
            document["tle"] = [t.as_list() for t in self.tle]
        return document


@dataclass(frozen=True)
class Network:
    name: str
    administration: str
    orbit: OrbitKind
    longitude_deg: float | None
    station_keeping_deg: float | None
    beams: tuple[Beam, ...]
    earth_stations: tuple[EarthStation, ...]
    planes: tuple[OrbitalPlane, ...] = ()
    transmission_gain_db: float = 0.0
    """γ of Appendix 8: the wanted satellite's gain from receiver to transmitter output."""
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    def station(self, name: str) -> EarthStation:
        for station in self.earth_stations:
            if station.name == name:
                return station
        raise KeyError(name)

    def beam_rows(self) -> Iterator[tuple[Any, ...]]:
        """Each band of each beam with its earth station's figures, as a flat row of
        `BEAM_ROW`'s fields (a register's beam rows, the coordination's beam table)."""
        for beam in self.beams:
            station = self.station(beam.earth_station)
            for band in beam.frequencies:
                yield (beam.name, beam.direction == "up", band.low_hz, band.high_hz,
                       beam.service, beam.gain_dbi, beam.noise_temperature_k,
                       beam.power_density_dbw_hz, station.lat_deg, station.lon_deg,
                       station.gain_dbi, station.pattern)  # fmt: skip

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "administration": self.administration,
            "orbit": self.orbit,
            "longitude_deg": self.longitude_deg,
            "station_keeping_deg": self.station_keeping_deg,
            "transmission_gain_db": self.transmission_gain_db,
            "planes": [p.as_dict() for p in self.planes],
            "earth_stations": [s.as_dict() for s in self.earth_stations],
            "beams": [b.as_dict() for b in self.beams],
        }


def _number(value: Any, path: str, low: float | None = None, high: float | None = None) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidInput(path, "expected a number")
    number = float(value)
    if not math.isfinite(number):
        raise InvalidInput(path, "must be finite")
    if (low is not None and number < low) or (high is not None and number > high):
        raise InvalidInput(path, f"must be within [{low:g}, {high:g}], got {number:g}")
    return number


def _text(value: Any, path: str, *, max_length: int = 200) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InvalidInput(path, "a non-empty text is required")
    if len(value) > max_length:
        raise InvalidInput(path, f"at most {max_length} characters")
    if any(ord(c) < 32 for c in value):
        raise InvalidInput(path, "control characters are not allowed")
    return value.strip()


def _object(value: Any, path: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise InvalidInput(path, "expected an object")
    return value


def _list(value: Any, path: str, *, limit: int) -> list[Any]:
    if not isinstance(value, list):
        raise InvalidInput(path, "expected a list")
    if len(value) > limit:
        raise InvalidInput(path, f"at most {limit} entries")
    return value


def _frequency(value: Any, path: str) -> float:
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        hz = parse_frequency_hz(value, field=path)
        if hz <= 0 or hz > 3e12:
            raise InvalidInput(path, "must be above 0 Hz and at most 3 000 GHz")
        return hz
    raise InvalidInput(path, "expected a frequency (10.95GHz, 10950 MHz or Hz)")


def _bands(value: Any, path: str) -> tuple[Band, ...]:
    if value is None:
        raise InvalidInput(path, "a beam needs at least one frequency band")
    items = _list(value, path, limit=100)
    if not items:
        raise InvalidInput(path, "a beam needs at least one frequency band")
    bands = []
    for index, item in enumerate(items):
        here = f"{path}[{index}]"
        band = _object(item, here)
        low = _frequency(band.get("low_hz"), f"{here}.low_hz")
        high = _frequency(band.get("high_hz"), f"{here}.high_hz")
        if high <= low:
            raise InvalidInput(f"{here}.high_hz", "must be above low_hz")
        bands.append(Band(low, high))
    return tuple(bands)


def _earth_station(value: Any, path: str) -> EarthStation:
    data = _object(value, path)
    pattern = data.get("pattern", "AP8")
    if not isinstance(pattern, str):
        raise InvalidInput(f"{path}.pattern", f"one of {', '.join(ES_PATTERNS)}")
    pattern_code(pattern, field=f"{path}.pattern")
    return EarthStation(
        name=_text(data.get("name"), f"{path}.name"),
        lat_deg=_number(data.get("lat_deg"), f"{path}.lat_deg", -90.0, 90.0),
        lon_deg=_number(data.get("lon_deg"), f"{path}.lon_deg", -180.0, 180.0),
        gain_dbi=_number(data.get("gain_dbi"), f"{path}.gain_dbi", 0.0, 80.0),
        pattern=pattern.strip(),
    )


NEAR_IN_SIDELOBES_DB: Final = (-15.0, -20.0, -25.0, -30.0)


def parse_antenna_pattern(data: dict[str, Any], prefix: str, orbit: str) -> dict[str, Any]:
    """The optional antenna pattern fields of a beam (see `Beam`), checked; ``prefix`` is
    put before each field's name in errors (``beams[1].``, or nothing)."""
    fields: dict[str, Any] = {}
    half = data.get("half_beamwidth_deg")
    if half is not None:
        fields["half_beamwidth_deg"] = _number(half, f"{prefix}half_beamwidth_deg", 0.01, 90.0)
        level = _number(data.get("near_in_sidelobe_db", -20.0), f"{prefix}near_in_sidelobe_db")
        if level not in NEAR_IN_SIDELOBES_DB:
            raise InvalidInput(f"{prefix}near_in_sidelobe_db", "one of -15, -20, -25, -30 dB "
                               "(ITU-R S.1528-0)")  # fmt: skip
        fields["near_in_sidelobe_db"] = level
    elif data.get("near_in_sidelobe_db") is not None:
        raise InvalidInput(f"{prefix}half_beamwidth_deg", "the pattern needs the half beamwidth")
    lat, lon = data.get("boresight_lat_deg"), data.get("boresight_lon_deg")
    if lat is None and lon is None:
        return fields
    if orbit != "gso":
        raise InvalidInput(f"{prefix}boresight_lat_deg", "a non-GSO beam is taken to point at "
                           "the nadir: leave the boresight out")  # fmt: skip
    if lat is None or lon is None:
        missing = "boresight_lat_deg" if lat is None else "boresight_lon_deg"
        raise InvalidInput(f"{prefix}{missing}", "the boresight needs a latitude and a longitude")
    fields["boresight_lat_deg"] = _number(lat, f"{prefix}boresight_lat_deg", -90.0, 90.0)
    fields["boresight_lon_deg"] = _number(lon, f"{prefix}boresight_lon_deg", -180.0, 180.0)
    return fields


def _beam(value: Any, path: str, stations: set[str], orbit: str) -> Beam:
    data = _object(value, path)
    direction = data.get("direction")
    if direction not in ("up", "down"):
        raise InvalidInput(f"{path}.direction", "up (Earth-to-space) or down (space-to-Earth)")
    service = data.get("service", "fixed-satellite")
    if not isinstance(service, str):
        raise InvalidInput(f"{path}.service", "an RR Article 1 service name")
    station = _text(data.get("earth_station"), f"{path}.earth_station")
    if station not in stations:
        raise InvalidInput(f"{path}.earth_station", f"no earth station named {station!r}")
    emission = data.get("emission")
    if emission is not None:
        emission = _text(emission, f"{path}.emission", max_length=16)
    return Beam(
        name=_text(data.get("name"), f"{path}.name"),
        direction=direction,
        frequencies=_bands(data.get("frequencies"), f"{path}.frequencies"),
        service=service_term(service, field=f"{path}.service"),
        gain_dbi=_number(data.get("gain_dbi"), f"{path}.gain_dbi", -20.0, 80.0),
        noise_temperature_k=_number(
            data.get("noise_temperature_k"), f"{path}.noise_temperature_k", 1.0, 1e5
        ),
        power_density_dbw_hz=_number(
            data.get("power_density_dbw_hz"), f"{path}.power_density_dbw_hz", -150.0, 0.0
        ),
        earth_station=station,
        emission=emission,
        **parse_antenna_pattern(data, f"{path}.", orbit),
    )


def _plane(plane: dict[str, Any], here: str) -> OrbitalPlane:
    count = plane.get("satellites")
    if isinstance(count, bool) or not isinstance(count, int) or not 1 <= count <= 10_000:
        raise InvalidInput(f"{here}.satellites", "a whole number from 1 to 10 000")
    raw_tles = plane.get("tle")
    tles: tuple[Tle, ...] = ()
    if raw_tles is not None:
        items = _list(raw_tles, f"{here}.tle", limit=10_000)
        if len(items) != count:
            raise InvalidInput(f"{here}.tle", f"one TLE per satellite: {count} expected, "
                               f"got {len(items)}")  # fmt: skip
        tles = tuple(parse_tle(t, field=f"{here}.tle[{i}]") for i, t in enumerate(items))
    altitude_value = plane.get("altitude_km")
    axis_value = plane.get("semi_major_axis_km")
    if altitude_value is not None and axis_value is not None:
        raise InvalidInput(f"{here}.semi_major_axis_km", "give altitude_km or "
                           "semi_major_axis_km, not both")  # fmt: skip
    if axis_value is not None:
        altitude = _number(axis_value, f"{here}.semi_major_axis_km", EARTH_RADIUS_KM + 100.0,
                           EARTH_RADIUS_KM + 100_000.0) - EARTH_RADIUS_KM  # fmt: skip
    elif altitude_value is None and tles:
        altitude = tles[0].semi_major_axis_km - EARTH_RADIUS_KM
    else:
        altitude = _number(altitude_value, f"{here}.altitude_km", 100.0, 100_000.0)
    inclination_value = plane.get("inclination_deg")
    if inclination_value is None and tles:
        inclination_value = tles[0].inclination_deg
    eccentricity = _number(plane.get("eccentricity", 0.0), f"{here}.eccentricity", 0.0, 0.95)
    if (EARTH_RADIUS_KM + altitude) * (1.0 - eccentricity) < EARTH_RADIUS_KM + 100.0 and not tles:
        raise InvalidInput(f"{here}.eccentricity", "the perigee would be below 100 km")
    return OrbitalPlane(
        altitude_km=altitude,
        inclination_deg=_number(inclination_value, f"{here}.inclination_deg", 0.0, 180.0),
        satellites=count,
        raan_deg=_number(plane.get("raan_deg", 0.0), f"{here}.raan_deg", 0.0, 360.0),
        eccentricity=eccentricity,
        argument_of_perigee_deg=_number(plane.get("argument_of_perigee_deg", 0.0),
                                        f"{here}.argument_of_perigee_deg", 0.0, 360.0),
        mean_anomaly_deg=_number(plane.get("mean_anomaly_deg", 0.0), f"{here}.mean_anomaly_deg",
                                 0.0, 360.0),
        epoch=parse_epoch(plane.get("epoch"), field=f"{here}.epoch"),
        tle=tles,
    )  # fmt: skip


def parse_network(document: Any) -> Network:
    """One network from its JSON document, or `InvalidInput` naming the bad field."""
    data = _object(document, "network")
    name = _text(data.get("name"), "name")
    administration_value = data.get("administration")
    if not isinstance(administration_value, str):
        raise InvalidInput("administration", "the ISO 3166-1 alpha-2 code of a Member State")
    administration = check_administration(
        administration_value, action=Action.NOTIFY_FREQUENCY_ASSIGNMENTS
    )
    orbit = data.get("orbit", "gso")
    if orbit not in ("gso", "ngso"):
        raise InvalidInput("orbit", "gso or ngso")
    longitude = station_keeping = None
    planes: list[OrbitalPlane] = []
    if orbit == "gso":
        if data.get("longitude_deg") is None:
            raise InvalidInput(
                "longitude_deg", "a geostationary network needs its nominal longitude"
            )
        longitude = _number(data.get("longitude_deg"), "longitude_deg", -180.0, 180.0)
        station_keeping = _number(
            data.get("station_keeping_deg", 0.1), "station_keeping_deg", 0.0, 5.0
        )
    else:
        raw_planes = _list(data.get("planes"), "planes", limit=1000)
        if not raw_planes:
            raise InvalidInput("planes", "a non-geostationary system needs its orbital planes")
        for index, item in enumerate(raw_planes):
            planes.append(_plane(_object(item, f"planes[{index}]"), f"planes[{index}]"))
    raw_stations = _list(data.get("earth_stations", []), "earth_stations", limit=MAX_EARTH_STATIONS)
    stations = tuple(
        _earth_station(item, f"earth_stations[{i}]") for i, item in enumerate(raw_stations)
    )
    names = [s.name for s in stations]
    if len(set(names)) != len(names):
        raise InvalidInput("earth_stations", "earth station names must be unique")
    raw_beams = _list(data.get("beams"), "beams", limit=MAX_BEAMS)
    if not raw_beams:
        raise InvalidInput("beams", "a network needs at least one beam")
    beams = tuple(_beam(item, f"beams[{i}]", set(names), orbit) for i, item in enumerate(raw_beams))
    return Network(
        name=name,
        administration=administration,
        orbit=orbit,
        longitude_deg=longitude,
        station_keeping_deg=station_keeping,
        beams=beams,
        earth_stations=stations,
        planes=tuple(planes),
        transmission_gain_db=_number(
            data.get("transmission_gain_db", 0.0), "transmission_gain_db", -50.0, 200.0
        ),
    )
