"""Positions of non-geostationary satellites over time, vectorised over satellites x times.

Two propagators:

- mean Keplerian elements with the secular drift of the right ascension of the ascending
  node and of the argument of perigee due to the Earth's oblateness (J2), the usual
  two-body + J2 model (e.g. Vallado, *Fundamentals of Astrodynamics and Applications*,
  4th ed., § 9.6): with n = sqrt(μ/a³) and p = a(1 - e²),

      dΩ/dt = -3/2 n J2 (R/p)² cos i
      dω/dt =  3/4 n J2 (R/p)² (5 cos² i - 1)
      dM/dt =  n + 3/4 n J2 (R/p)² sqrt(1 - e²) (3 cos² i - 1)

  (so an orbit that keeps over one longitude has a semi-major axis about 2 km above the
  two-body geostationary radius: `geostationary_semi_major_axis_km`);
- SGP4 (the `sgp4` package, Vallado et al. 2006, "Revisiting Spacetrack Report #3") for
  a satellite given by a two-line element set, whose format and checksums `parse_tle`
  verifies first, naming the line and column of an error.

Positions are in km, in an Earth-centred inertial frame of date (for SGP4 its TEME frame;
precession and nutation are not applied to the Keplerian elements) and in Earth-fixed
coordinates, rotated from it by the Greenwich mean sidereal time (IAU 1982 expression,
UTC taken for UT1, polar motion ignored). Times are UTC.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Final, TypeAlias

import numpy as np
from sgp4.api import Satrec, SatrecArray  # type: ignore[import-untyped]

from openitu.errors import InvalidInput
from openitu.radio.checks import FloatArray

MU_KM3_S2: Final = 398600.4418
"""Earth's gravitational parameter (WGS 84 / EGM96)."""
J2: Final = 1.08262668e-3
"""Second zonal harmonic (EGM96: -sqrt(5) C̄20)."""
EARTH_RADIUS_KM: Final = 6378.137
"""Equatorial radius (WGS 84), also the radius of the J2 expansion."""
EARTH_ROTATION_RAD_S: Final = 7.292115855e-5
"""The rate of the IAU 1982 GMST expression, rad per second of UT1."""
J2000: Final = datetime(2000, 1, 1, 12, tzinfo=UTC)
UNIX_EPOCH_JD: Final = 2440587.5
TLE_LINE_LENGTH: Final = 69
Epoch: TypeAlias = datetime
"""An instant in UTC (timezone-aware)."""


# ------------------------------------------------------------------ time


def julian_date(times: Sequence[datetime]) -> tuple[FloatArray, FloatArray]:
    """Julian dates of UTC times, split into whole days (at 0h) and the day's fraction
    (the two-part form SGP4 takes, which keeps microseconds)."""
    seconds = np.array([_utc(t).timestamp() for t in times], dtype=float)
    days = np.floor(seconds / 86400.0)
    return UNIX_EPOCH_JD + days, (seconds - days * 86400.0) / 86400.0


def _utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def time_grid(start: datetime, hours: float, step_s: float) -> list[datetime]:
    """Times from ``start`` every ``step_s`` seconds up to ``start + hours`` inclusive."""
    count = math.floor(hours * 3600.0 / step_s + 1e-9) + 1
    first = _utc(start)
    return [first + timedelta(seconds=i * step_s) for i in range(count)]


def parse_epoch(value: object, *, field: str = "epoch") -> Epoch | None:
    """An ISO 8601 date and time (UTC where no offset is given), within 1957-2100; None
    stays None. Refused with `InvalidInput` naming ``field``."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise InvalidInput(field, "expected an ISO 8601 date and time (UTC if no offset)")
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        raise InvalidInput(field, f"expected an ISO 8601 date and time such as "
                           f"2026-03-01T06:00Z, got {value!r}") from None  # fmt: skip
    moment = _utc(moment)
    if not 1957 <= moment.year <= 2100:
        raise InvalidInput(field, "must be within 1957-2100")
    return moment


def gmst_rad(jd_whole: FloatArray, jd_fraction: FloatArray) -> FloatArray:
    """Greenwich mean sidereal time [rad] (IAU 1982, as in Vallado eq. 3-47)."""
    days = (jd_whole - 2451545.0) + jd_fraction
    centuries = days / 36525.0
    seconds = (
        67310.54841
        + (876600.0 * 3600.0 + 8640184.812866) * centuries
        + 0.093104 * centuries**2
        - 6.2e-6 * centuries**3
    )
    return np.asarray(np.radians((seconds % 86400.0) / 240.0))


def to_earth_fixed(eci_km: FloatArray, gmst: FloatArray) -> FloatArray:
    """Rotate positions (..., times, 3) about the z axis by the GMST of each time."""
    cos, sin = np.cos(gmst), np.sin(gmst)
    x, y, z = eci_km[..., 0], eci_km[..., 1], eci_km[..., 2]
    return np.stack((cos * x + sin * y, -sin * x + cos * y, z), axis=-1)


# ------------------------------------------------------------------ Keplerian + J2


@dataclass(frozen=True)
class Elements:
    """Mean Keplerian elements of one satellite at ``epoch`` (angles in degrees)."""

    semi_major_axis_km: float
    eccentricity: float
    inclination_deg: float
    raan_deg: float
    argument_of_perigee_deg: float
    mean_anomaly_deg: float
    epoch: datetime = J2000

    @property
    def period_s(self) -> float:
        """The Keplerian (anomalistic two-body) period."""
        return 2.0 * math.pi * math.sqrt(self.semi_major_axis_km**3 / MU_KM3_S2)


@dataclass(frozen=True)
class SecularRates:
    """Rates [rad/s] of Ω, ω and M under J2."""

    raan: FloatArray
    perigee: FloatArray
    mean_anomaly: FloatArray


def secular_rates(
    semi_major_axis_km: FloatArray | float,
    eccentricity: FloatArray | float,
    inclination_deg: FloatArray | float,
    *,
    j2: bool = True,
) -> SecularRates:
    """dΩ/dt, dω/dt and dM/dt [rad/s] of the two-body + J2 model (module docstring)."""
    a = np.asarray(semi_major_axis_km, dtype=float)
    e = np.asarray(eccentricity, dtype=float)
    i = np.radians(np.asarray(inclination_deg, dtype=float))
    n = np.sqrt(MU_KM3_S2 / a**3)
    factor = n * J2 * (EARTH_RADIUS_KM / (a * (1.0 - e**2))) ** 2 if j2 else np.zeros_like(n)
    return SecularRates(
        raan=np.asarray(-1.5 * factor * np.cos(i)),
        perigee=np.asarray(0.75 * factor * (5.0 * np.cos(i) ** 2 - 1.0)),
        mean_anomaly=np.asarray(n + 0.75 * factor * np.sqrt(1.0 - e**2) * (3.0 * np.cos(i) ** 2
                                                                       - 1.0)),
    )  # fmt: skip


def geostationary_semi_major_axis_km(*, j2: bool = True) -> float:
    """The equatorial circular orbit whose mean angular rate (Ω + ω + M) equals the Earth's
    rotation: (μ/ω²)^(1/3) = 42 164.17 km two-body, about 42 166.2 km with J2."""
    a = (MU_KM3_S2 / EARTH_ROTATION_RAD_S**2) ** (1.0 / 3.0)
    for _ in range(50):
        rates = secular_rates(a, 0.0, 0.0, j2=j2)
        total = float(rates.raan + rates.perigee + rates.mean_anomaly)
        # d(rate)/da ~ -3/2 rate/a near the solution
        a -= (EARTH_ROTATION_RAD_S - total) / (1.5 * total / a)
    return float(a)


def _kepler(mean_anomaly: FloatArray, e: FloatArray) -> FloatArray:
    """Eccentric anomaly from the mean anomaly by Newton's method (converges for e < 1
    from E0 = π where e > 0.8)."""
    m = np.mod(mean_anomaly, 2.0 * np.pi)
    big = np.where(e > 0.8, np.pi, m)
    anomaly = np.asarray(big, dtype=float)
    for _ in range(30):
        step = (anomaly - e * np.sin(anomaly) - m) / (1.0 - e * np.cos(anomaly))
        anomaly = anomaly - step
        if float(np.max(np.abs(step), initial=0.0)) < 1e-13:
            break
    return anomaly


def keplerian_eci(
    elements: Sequence[Elements], times: Sequence[datetime], *, j2: bool = True
) -> FloatArray:
    """Positions [km] (satellites, times, 3) in the inertial frame of date."""
    if not elements:
        return np.zeros((0, len(times), 3))
    a = np.array([s.semi_major_axis_km for s in elements])[:, None]
    e = np.array([s.eccentricity for s in elements])[:, None]
    inc = np.radians(np.array([s.inclination_deg for s in elements]))[:, None]
    raan0 = np.radians(np.array([s.raan_deg for s in elements]))[:, None]
    argp0 = np.radians(np.array([s.argument_of_perigee_deg for s in elements]))[:, None]
    mean0 = np.radians(np.array([s.mean_anomaly_deg for s in elements]))[:, None]
    epochs = np.array([_utc(s.epoch).timestamp() for s in elements])[:, None]
    moments = np.array([_utc(t).timestamp() for t in times])[None, :]
    dt = moments - epochs
    rates = secular_rates(a, e, np.degrees(inc), j2=j2)
    raan = raan0 + rates.raan * dt
    argp = argp0 + rates.perigee * dt
    eccentric = _kepler(mean0 + rates.mean_anomaly * dt, np.broadcast_to(e, dt.shape))
    true = 2.0 * np.arctan2(
        np.sqrt(1.0 + e) * np.sin(eccentric / 2.0), np.sqrt(1.0 - e) * np.cos(eccentric / 2.0)
    )
    radius = a * (1.0 - e * np.cos(eccentric))
    u = argp + true
    cos_u, sin_u = np.cos(u), np.sin(u)
    cos_o, sin_o = np.cos(raan), np.sin(raan)
    cos_i = np.broadcast_to(np.cos(inc), dt.shape)
    x = radius * (cos_o * cos_u - sin_o * sin_u * cos_i)
    y = radius * (sin_o * cos_u + cos_o * sin_u * cos_i)
    z = radius * sin_u * np.sin(inc)
    return np.stack((x, y, z), axis=-1)


# ------------------------------------------------------------------ two-line elements


@dataclass(frozen=True)
class Tle:
    """A checked two-line element set (and its title line, if one was given)."""

    line1: str
    line2: str
    title: str | None
    catalog_number: str
    epoch: datetime
    inclination_deg: float
    mean_motion_rev_day: float

    @property
    def semi_major_axis_km(self) -> float:
        """From the mean motion, two-body (SGP4's own Brouwer mean a differs slightly)."""
        n = self.mean_motion_rev_day * 2.0 * math.pi / 86400.0
        return float((MU_KM3_S2 / n**2) ** (1.0 / 3.0))

    def as_list(self) -> list[str]:
        return [self.line1, self.line2] if self.title is None else [self.title, self.line1,
                                                                    self.line2]  # fmt: skip


def tle_checksum(line: str) -> int:
    """The modulo-10 checksum of a TLE line's first 68 columns: the sum of its digits,
    each minus sign counting 1 (Spacetrack Report #3 / CelesTrak's TLE format)."""
    total = 0
    for char in line[:68]:
        if char.isdigit():
            total += int(char)
        elif char == "-":
            total += 1
    return total % 10


# (first column, last column) 1-based, inclusive, of the fields every TLE must carry as
# numbers: (line, field, columns, what).
_NUMERIC_FIELDS: Final = (
    (1, "epoch year", (19, 20)),
    (1, "epoch day", (21, 32)),
    (2, "inclination", (9, 16)),
    (2, "right ascension of the ascending node", (18, 25)),
    (2, "eccentricity", (27, 33)),
    (2, "argument of perigee", (35, 42)),
    (2, "mean anomaly", (44, 51)),
    (2, "mean motion", (53, 63)),
)


def _tle_lines(value: object, field: str) -> tuple[str | None, str, str]:
    if isinstance(value, str):
        lines = [line for line in value.replace("\r", "").split("\n") if line.strip()]
    elif isinstance(value, list) and all(isinstance(line, str) for line in value):
        lines = list(value)
    else:
        raise InvalidInput(
            field, "a two-line element set: a list of its 2 lines (or a title and 2 lines), "
            "or one text with the lines on separate lines")  # fmt: skip
    if len(lines) == 3:
        title = lines[0].strip()
        if not title or len(title) > 69 or any(ord(c) < 32 for c in title):
            raise InvalidInput(field, "line 0 (the title): at most 69 printable characters")
        return title, lines[1].rstrip(), lines[2].rstrip()
    if len(lines) != 2:
        raise InvalidInput(field, f"expected 2 lines (or a title and 2 lines), got {len(lines)}")
    return None, lines[0].rstrip(), lines[1].rstrip()


def _check_line(line: str, number: int, field: str) -> None:
    for column, char in enumerate(line, start=1):
        if not 32 <= ord(char) < 127:
            raise InvalidInput(field, f"line {number}, column {column}: not a printable ASCII "
                               "character")  # fmt: skip
    if len(line) != TLE_LINE_LENGTH:
        raise InvalidInput(field, f"line {number}: {len(line)} characters, a TLE line has "
                           f"{TLE_LINE_LENGTH}")  # fmt: skip
    if line[0] != str(number):
        raise InvalidInput(field, f"line {number}, column 1: expected {number!r}, got "
                           f"{line[0]!r}")  # fmt: skip
    if line[1] != " ":
        raise InvalidInput(field, f"line {number}, column 2: expected a space")
    if not line[68].isdigit():
        raise InvalidInput(field, f"line {number}, column 69: the checksum must be a digit")
    expected = tle_checksum(line)
    if int(line[68]) != expected:
        raise InvalidInput(field, f"line {number}, column 69: checksum is {line[68]}, the "
                           f"line's digits give {expected}")  # fmt: skip


def _field_number(line: str, number: int, name: str, columns: tuple[int, int], field: str) -> float:
    first, last = columns
    text = line[first - 1 : last].strip()
    if name == "eccentricity":
        text = "0." + text
    try:
        return float(text)
    except ValueError:
        raise InvalidInput(field, f"line {number}, columns {first}-{last}: the {name} is not "
                           f"a number ({line[first - 1 : last]!r})") from None  # fmt: skip


def parse_tle(value: object, *, field: str = "tle") -> Tle:
    """Check a two-line element set column by column (lengths, line numbers, matching
    catalogue numbers, checksums, numeric fields) and initialise it for SGP4."""
    title, line1, line2 = _tle_lines(value, field)
    _check_line(line1, 1, field)
    _check_line(line2, 2, field)
    if line1[2:7] != line2[2:7]:
        raise InvalidInput(field, f"line 2, columns 3-7: catalogue number {line2[2:7].strip()!r}"
                           f" differs from line 1's {line1[2:7].strip()!r}")  # fmt: skip
    lines = (line1, line2)
    numbers = {
        name: _field_number(lines[n - 1], n, name, columns, field)
        for n, name, columns in _NUMERIC_FIELDS
    }
    if not 0.0 <= numbers["inclination"] <= 180.0:
        raise InvalidInput(field, "line 2, columns 9-16: inclination must be within [0, 180]")
    if numbers["mean motion"] <= 0.0:
        raise InvalidInput(field, "line 2, columns 53-63: mean motion must be positive")
    satellite = Satrec.twoline2rv(line1, line2)
    if satellite.error != 0:
        raise InvalidInput(field, f"SGP4 cannot initialise this element set (error "
                           f"{satellite.error})")  # fmt: skip
    epoch = datetime(1949, 12, 31, tzinfo=UTC) + timedelta(
        days=(satellite.jdsatepoch - 2433281.5) + satellite.jdsatepochF
    )
    return Tle(
        line1=line1,
        line2=line2,
        title=title,
        catalog_number=line1[2:7].strip(),
        epoch=epoch,
        inclination_deg=numbers["inclination"],
        mean_motion_rev_day=numbers["mean motion"],
    )


def sgp4_teme(tles: Sequence[Tle], times: Sequence[datetime]) -> tuple[FloatArray, FloatArray]:
    """SGP4 positions [km] (satellites, times, 3) in TEME, and a (satellites, times) error
    code array (0 where SGP4 answered; the position is NaN elsewhere, e.g. after decay)."""
    if not tles:
        return np.zeros((0, len(times), 3)), np.zeros((0, len(times)))
    whole, fraction = julian_date(times)
    array = SatrecArray([Satrec.twoline2rv(t.line1, t.line2) for t in tles])
    errors, positions, _ = array.sgp4(whole, fraction)
    positions = np.where((errors == 0)[..., None], positions, np.nan)
    return np.asarray(positions, dtype=float), np.asarray(errors, dtype=float)


# ------------------------------------------------------------------ one constellation


@dataclass(frozen=True)
class Satellite:
    """One satellite of a system: by its mean elements, or by a TLE (which then wins)."""

    name: str
    elements: Elements | None = None
    tle: Tle | None = None


def positions(
    satellites: Sequence[Satellite], times: Sequence[datetime], *, j2: bool = True
) -> tuple[FloatArray, FloatArray]:
    """Inertial and Earth-fixed positions [km], both (satellites, times, 3), in the order
    of ``satellites``."""
    by_tle = [i for i, s in enumerate(satellites) if s.tle is not None]
    by_elements = [i for i, s in enumerate(satellites) if s.tle is None]
    eci = np.full((len(satellites), len(times), 3), np.nan)
    if by_elements:
        chosen = [satellites[i].elements for i in by_elements]
        if any(e is None for e in chosen):
            raise ValueError("a satellite needs elements or a TLE")
        eci[by_elements] = keplerian_eci([e for e in chosen if e is not None], times, j2=j2)
    if by_tle:
        tles = [satellites[i].tle for i in by_tle]
        eci[by_tle] = sgp4_teme([t for t in tles if t is not None], times)[0]
    whole, fraction = julian_date(times)
    return eci, to_earth_fixed(eci, gmst_rad(whole, fraction)[None, :])
