"""A non-geostationary system seen from a place: each satellite's elevation, azimuth and
range over a time span, the windows in which it is above a minimum elevation, and the pfd
it produces there against the non-GSO rows of RR Article 21, Table 21-4.

The place is on the same spherical Earth as `openitu.space.geometry` (radius the WGS 84
equatorial radius, the local vertical the geocentric one), so that a satellite held over
one longitude at the geostationary radius has the elevation `geometry.elevation_deg`
gives. On the WGS 84 ellipsoid elevations differ by up to about 0.2° at mid-latitudes
(the deflection between geodetic and geocentric vertical); ranges by up to about 21 km.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Final

import numpy as np
import numpy.typing as npt

from openitu.errors import InvalidInput
from openitu.radio.checks import FloatArray
from openitu.space import geometry, orbits, pfd
from openitu.space.geometry import EARTH_RADIUS_KM
from openitu.space.networks import Network

MAX_SAMPLES: Final = 4_000_000
"""Satellites x times one request may evaluate (memory: a few hundred MB at most)."""
MAX_HOURS: Final = 24.0 * 14
EARTH_MODEL: Final = "spherical Earth, radius 6378.137 km (WGS 84 equatorial), geocentric vertical"


def satellites_of(network: Network) -> list[orbits.Satellite]:
    """Every satellite of a non-GSO network, plane by plane, named ``P<plane>-S<n>`` (or by
    its TLE's title and catalogue number)."""
    if network.orbit != "ngso":
        raise InvalidInput("network_id", "this is a geostationary network: use the GSO "
                           "visibility (space visibility) for its position")  # fmt: skip
    result: list[orbits.Satellite] = []
    for p, plane in enumerate(network.planes, start=1):
        spacing = 360.0 / plane.satellites
        for s in range(plane.satellites):
            name = f"P{p}-S{s + 1}"
            if plane.tle:
                tle = plane.tle[s]
                label = tle.title or name
                result.append(orbits.Satellite(f"{label} ({tle.catalog_number})", tle=tle))
                continue
            elements = orbits.Elements(
                semi_major_axis_km=orbits.EARTH_RADIUS_KM + plane.altitude_km,
                eccentricity=plane.eccentricity,
                inclination_deg=plane.inclination_deg,
                raan_deg=plane.raan_deg,
                argument_of_perigee_deg=plane.argument_of_perigee_deg,
                mean_anomaly_deg=(plane.mean_anomaly_deg + s * spacing) % 360.0,
                epoch=plane.epoch or orbits.J2000,
            )
            result.append(orbits.Satellite(name, elements=elements))
    return result


def _station(lat_deg: float, lon_deg: float) -> tuple[FloatArray, FloatArray, FloatArray]:
    """The place [km] and its local up, east and north unit vectors (Earth-fixed)."""
    lat, lon = np.radians(lat_deg), np.radians(lon_deg)
    up = np.array([np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)])
    east = np.array([-np.sin(lon), np.cos(lon), 0.0])
    north = np.array([-np.sin(lat) * np.cos(lon), -np.sin(lat) * np.sin(lon), np.cos(lat)])
    return up, east, north


@dataclass(frozen=True)
class LookAngles:
    """Each satellite (rows) at each time (columns) from one place."""

    times: list[datetime]
    names: list[str]
    elevation_deg: FloatArray
    azimuth_deg: FloatArray
    range_km: FloatArray


def look_angles(ecef_km: FloatArray, lat_deg: float, lon_deg: float) -> tuple[
    FloatArray, FloatArray, FloatArray
]:  # fmt: skip
    """Elevation [deg], azimuth [deg from north, clockwise] and range [km] of Earth-fixed
    positions (..., 3) from a place on the spherical Earth."""
    _check_place(lat_deg, lon_deg)
    up, east, north = _station(lat_deg, lon_deg)
    sight = ecef_km - EARTH_RADIUS_KM * up
    distance = np.linalg.norm(sight, axis=-1)
    sine = (sight @ up) / distance
    elevation = np.degrees(np.arcsin(np.clip(sine, -1.0, 1.0)))
    azimuth = np.degrees(np.arctan2(sight @ east, sight @ north)) % 360.0
    return np.asarray(elevation), np.asarray(azimuth), np.asarray(distance)


def _check_place(lat_deg: float, lon_deg: float) -> None:
    if not np.isfinite(lat_deg) or not -90.0 <= lat_deg <= 90.0:
        raise InvalidInput("lat", f"must be within [-90, 90] deg, got {lat_deg:g}")
    if not np.isfinite(lon_deg) or not -180.0 <= lon_deg <= 360.0:
        raise InvalidInput("lon", f"must be within [-180, 360] deg, got {lon_deg:g}")


def span(start: datetime, hours: float, step_s: float, satellites: int) -> list[datetime]:
    """The sampling times, refusing spans that are empty, too long or too many samples."""
    if not np.isfinite(hours) or not 0.0 < hours <= MAX_HOURS:
        raise InvalidInput("hours", f"must be above 0 and at most {MAX_HOURS:g} h")
    if not np.isfinite(step_s) or not 1.0 <= step_s <= 3600.0:
        raise InvalidInput("step_s", "must be within [1, 3600] s")
    count = math.floor(hours * 3600.0 / step_s + 1e-9) + 1
    if count * max(satellites, 1) > MAX_SAMPLES:
        raise InvalidInput("hours", f"{satellites} satellites x {count} times exceeds "
                           f"{MAX_SAMPLES:,} samples: shorten the span or lengthen the "
                           "step")  # fmt: skip
    return orbits.time_grid(start, hours, step_s)


def track(
    satellites: Sequence[orbits.Satellite],
    *,
    lat_deg: float,
    lon_deg: float,
    start: datetime,
    hours: float,
    step_s: float = 30.0,
) -> LookAngles:
    """Look angles of every satellite from a place, every ``step_s`` seconds."""
    _check_place(lat_deg, lon_deg)
    times = span(start, hours, step_s, len(satellites))
    _, ecef = orbits.positions(satellites, times)
    elevation, azimuth, distance = look_angles(ecef, lat_deg, lon_deg)
    return LookAngles(times, [s.name for s in satellites], elevation, azimuth, distance)


@dataclass(frozen=True)
class Window:
    """A time a satellite stays at or above the minimum elevation. The rise and set are
    interpolated linearly in elevation between samples; a window open at the span's
    start or end is cut there (``from_start``, ``to_end``)."""

    satellite: str
    rise: datetime
    set: datetime
    max_elevation_deg: float
    max_at: datetime
    azimuth_at_max_deg: float
    from_start: bool
    to_end: bool

    def as_dict(self) -> dict[str, Any]:
        return {
            "satellite": self.satellite,
            "rise": _iso(self.rise),
            "set": _iso(self.set),
            "duration_s": round((self.set - self.rise).total_seconds(), 1),
            "max_elevation_deg": round(self.max_elevation_deg, 3),
            "max_at": _iso(self.max_at),
            "azimuth_at_max_deg": round(self.azimuth_at_max_deg, 2),
            "from_start": self.from_start,
            "to_end": self.to_end,
        }


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _crossing(times: list[datetime], elevation: FloatArray, before: int, threshold: float) -> (
    datetime
):  # fmt: skip
    """When the elevation crosses ``threshold`` between samples ``before`` and ``before+1``."""
    e0, e1 = float(elevation[before]), float(elevation[before + 1])
    fraction = 0.0 if e1 == e0 else (threshold - e0) / (e1 - e0)
    step = (times[before + 1] - times[before]).total_seconds()
    return times[before] + timedelta(seconds=float(np.clip(fraction, 0.0, 1.0)) * step)


def windows(angles: LookAngles, *, min_elevation_deg: float = 0.0) -> list[Window]:
    """Every visibility window of every satellite, ordered by rise."""
    if not np.isfinite(min_elevation_deg) or not -5.0 <= min_elevation_deg <= 90.0:
        raise InvalidInput("min_elevation_deg", "must be within [-5, 90] deg")
    found: list[Window] = []
    last = len(angles.times) - 1
    above_all = np.nan_to_num(angles.elevation_deg, nan=-90.0) >= min_elevation_deg
    for row in np.flatnonzero(np.any(above_all, axis=1)):
        elevation = np.nan_to_num(angles.elevation_deg[row], nan=-90.0)
        above = above_all[row].astype(np.int8)
        edges = np.diff(above)
        starts = [int(i) + 1 for i in np.flatnonzero(edges == 1)]
        ends = [int(i) for i in np.flatnonzero(edges == -1)]
        if above[0]:
            starts.insert(0, 0)
        if above[-1]:
            ends.append(last)
        for first, final in zip(starts, ends, strict=True):
            peak = first + int(np.argmax(elevation[first : final + 1]))
            rise = (
                angles.times[0]
                if first == 0
                else _crossing(angles.times, elevation, first - 1, min_elevation_deg)
            )
            down = (
                angles.times[last]
                if final == last
                else _crossing(angles.times, elevation, final, min_elevation_deg)
            )
            found.append(Window(
                satellite=angles.names[row], rise=rise, set=down,
                max_elevation_deg=float(elevation[peak]), max_at=angles.times[peak],
                azimuth_at_max_deg=float(angles.azimuth_deg[row, peak]),
                from_start=first == 0, to_end=final == last,
            ))  # fmt: skip
    found.sort(key=lambda w: (w.rise, w.satellite))
    return found


# ------------------------------------------------------------------ Article 21 pfd


@dataclass(frozen=True)
class AggregatePfd:
    """The pfd at a place from all the satellites of a system visible there at each time:
    the power sum over satellites, time by time (satellites x times in one numpy pass)."""

    total_dbw_m2: FloatArray
    """(times,) 10 log Σ 10^(pfd/10) over the visible satellites; NaN when none is."""
    strongest_dbw_m2: FloatArray
    """(times,) the largest single satellite's pfd; NaN when none is visible."""
    visible: npt.NDArray[np.int64]
    """(times,) how many satellites are above the horizon."""
    strictest_limit_dbw_m2: FloatArray
    """(times,) the lowest Table 21-4 limit among the visible satellites (the one at the
    lowest angle of arrival); NaN when none is visible."""

    @property
    def margin_db(self) -> FloatArray:
        """strictest limit - total: a screen, not the Table's test (see `aggregate_pfd`)."""
        return np.asarray(self.strictest_limit_dbw_m2 - self.total_dbw_m2)


def aggregate_pfd(pfd_dbw_m2: FloatArray, limit_dbw_m2: FloatArray) -> AggregatePfd:
    """Sum the pfd of every visible satellite (rows; NaN below the horizon) at each time
    (columns). Table 21-4 limits each space station's own pfd (No. 21.16); the sum is set
    beside the strictest limit of the satellites then visible as a screen for sharing
    studies: a system whose sum stays under it complies satellite by satellite too."""
    levels = np.asarray(pfd_dbw_m2, dtype=np.float64)
    if levels.ndim != 2:
        raise InvalidInput("pfd_dbw_m2", "expected satellites x times")
    seen = np.isfinite(levels)
    visible = np.count_nonzero(seen, axis=0)
    linear = np.where(seen, np.power(10.0, np.where(seen, levels, 0.0) / 10.0), 0.0)
    total = np.sum(linear, axis=0)
    any_seen = visible > 0
    with np.errstate(divide="ignore"):
        total_db = np.where(any_seen, 10.0 * np.log10(np.where(any_seen, total, 1.0)), np.nan)
    strongest = np.where(any_seen, np.max(np.where(seen, levels, -np.inf), axis=0), np.nan)
    limits = np.broadcast_to(np.asarray(limit_dbw_m2, dtype=np.float64), levels.shape)
    strictest = np.where(any_seen, np.min(np.where(seen, limits, np.inf), axis=0), np.nan)
    return AggregatePfd(np.asarray(total_db), np.asarray(strongest),
                        visible.astype(np.int64), np.asarray(strictest))  # fmt: skip


@dataclass(frozen=True)
class NgsoPfd:
    """One down beam's pfd at a place from each satellite over time, against Table 21-4."""

    beam: str
    row: pfd.PfdRow
    eirp_density_dbw_hz: float
    pfd_dbw_m2: FloatArray
    """(satellites, times) in the row's reference bandwidth; NaN below the horizon."""
    margin_db: FloatArray
    """limit - pfd; NaN below the horizon."""
    angles: LookAngles
    pattern: str | None = None
    """How the gain towards the place was taken (None: the beam's peak everywhere)."""

    @property
    def exceeds(self) -> npt.NDArray[np.bool_]:
        return np.asarray(np.nan_to_num(self.margin_db, nan=np.inf) < 0.0)

    @property
    def limit_dbw_m2(self) -> FloatArray:
        return np.asarray(self.margin_db + self.pfd_dbw_m2)

    def aggregate(self) -> AggregatePfd:
        return aggregate_pfd(self.pfd_dbw_m2, self.limit_dbw_m2)

    def as_dict(self) -> dict[str, Any]:
        finite = np.isfinite(self.margin_db)
        worst: dict[str, Any] | None = None
        if np.any(finite):
            masked = np.where(finite, self.margin_db, np.inf)
            sat, when = np.unravel_index(int(np.argmin(masked)), masked.shape)
            margin = float(masked[sat, when])
            worst = {
                "satellite": self.angles.names[sat],
                "at": _iso(self.angles.times[when]),
                "elevation_deg": round(float(self.angles.elevation_deg[sat, when]), 3),
                "pfd_dbw_m2": round(float(self.pfd_dbw_m2[sat, when]), 4),
                "limit_dbw_m2": round(margin + float(self.pfd_dbw_m2[sat, when]), 4),
                "margin_db": round(margin, 4),
                "excess_db": round(max(-margin, 0.0), 4),
            }
        return {
            "beam": self.beam,
            "complies": not bool(np.any(self.exceeds)),
            "provision": pfd.PROVISION,
            "edition": pfd.EDITION,
            "orbit": self.row.orbit,
            "band": {"low_hz": self.row.low_hz, "high_hz": self.row.high_hz},
            "reference_bandwidth_hz": self.row.reference_bandwidth_hz,
            "eirp_density_dbw_hz": self.eirp_density_dbw_hz,
            "pattern": self.pattern or "none filed: the peak e.i.r.p. towards every place",
            "samples_visible": int(np.count_nonzero(finite)),
            "samples_exceeding": int(np.count_nonzero(self.exceeds)),
            "worst": worst,
            "aggregate": _aggregate_dict(self.aggregate(), self.angles.times),
        }


def _aggregate_dict(total: AggregatePfd, times: list[datetime]) -> dict[str, Any] | None:
    seen = np.isfinite(total.total_dbw_m2)
    if not np.any(seen):
        return None
    peak = int(np.argmax(np.where(seen, total.total_dbw_m2, -np.inf)))
    margin = total.margin_db
    tightest = int(np.argmin(np.where(seen, margin, np.inf)))
    return {
        "method": "power sum over the satellites above the horizon, time by time",
        "max_visible": int(np.max(total.visible)),
        "max_dbw_m2": round(float(total.total_dbw_m2[peak]), 4),
        "max_at": _iso(times[peak]),
        "visible_then": int(total.visible[peak]),
        "strongest_single_then_dbw_m2": round(float(total.strongest_dbw_m2[peak]), 4),
        "worst_screen_margin_db": round(float(margin[tightest]), 4),
        "worst_screen_at": _iso(times[tightest]),
        "screen": "the sum against the strictest Table 21-4 limit of the satellites then "
        "visible; the Table itself limits each space station (No. 21.16)",
    }


def ngso_pfd(
    angles: LookAngles,
    *,
    beam: str,
    frequency_hz: float,
    eirp_density_dbw_hz: float,
    half_beamwidth_deg: float | None = None,
    near_in_sidelobe_db: float = -20.0,
    peak_gain_dbi: float = 0.0,
) -> NgsoPfd:
    """pfd at the place from every satellite at every time: ``eirp + G_rel + 10 log B - 10
    log(4π d²)`` (free space, d in m), against the Table 21-4 non-GSO row at the angle of
    arrival, which is the satellite's elevation there. ``eirp_density_dbw_hz`` is the peak
    e.i.r.p. spectral density; G_rel the beam's gain towards the place relative to its peak,
    from the S.1528-0 pattern about the nadir when ``half_beamwidth_deg`` is given (the
    beam's gain contours), else 0 dB (the worst case)."""
    row = pfd.row_for(frequency_hz, "ngso")
    distance_m = angles.range_km * 1e3
    relative = pfd.relative_gain_db(
        geometry.off_nadir_deg(angles.elevation_deg, angles.range_km),
        peak_gain_dbi=peak_gain_dbi,
        half_beamwidth_deg=half_beamwidth_deg,
        near_in_sidelobe_db=near_in_sidelobe_db,
    )
    level = (
        eirp_density_dbw_hz
        + np.nan_to_num(relative, nan=0.0)
        + 10.0 * np.log10(row.reference_bandwidth_hz)
        - 10.0 * np.log10(4.0 * np.pi * distance_m**2)
    )
    above = np.nan_to_num(angles.elevation_deg, nan=-90.0) >= 0.0
    level = np.where(above, level, np.nan)
    limit = row.limit(np.clip(np.nan_to_num(angles.elevation_deg, nan=0.0), 0.0, 90.0))
    pattern = None
    if half_beamwidth_deg is not None:
        pattern = (f"{pfd.PATTERN} about the nadir, ψb = {half_beamwidth_deg:g}°, "
                   f"L_N = {near_in_sidelobe_db:g} dB")  # fmt: skip
    return NgsoPfd(beam, row, eirp_density_dbw_hz, np.asarray(level),
                   np.asarray(limit - level), angles, pattern)  # fmt: skip


@dataclass(frozen=True)
class UncheckedBeam:
    """A down beam Table 21-4 cannot be applied to, and why."""

    beam: str
    note: str


def network_pfd_checks(network: Network, angles: LookAngles) -> list[NgsoPfd | UncheckedBeam]:
    """Each down beam of ``network`` (at its first band's centre, its peak e.i.r.p. density
    shaped by its pattern where one is filed), or why it cannot be checked."""
    checks: list[NgsoPfd | UncheckedBeam] = []
    for beam in network.beams:
        if beam.direction != "down":
            continue
        band = beam.frequencies[0]
        try:
            checks.append(ngso_pfd(
                angles,
                beam=beam.name,
                frequency_hz=(band.low_hz + band.high_hz) / 2.0,
                eirp_density_dbw_hz=beam.power_density_dbw_hz + beam.gain_dbi,
                half_beamwidth_deg=beam.half_beamwidth_deg,
                near_in_sidelobe_db=beam.near_in_sidelobe_db,
                peak_gain_dbi=beam.gain_dbi,
            ))  # fmt: skip
        except InvalidInput as exc:
            checks.append(UncheckedBeam(beam.name, exc.reason))
    return checks


def network_pfd(network: Network, angles: LookAngles) -> list[dict[str, Any]]:
    """`network_pfd_checks` as documents: satellite by satellite and summed."""
    return [
        check.as_dict() if isinstance(check, NgsoPfd)
        else {"beam": check.beam, "complies": None, "note": check.note}
        for check in network_pfd_checks(network, angles)
    ]  # fmt: skip


def parse_start(text: str | datetime | None, *, field: str = "from") -> datetime:
    """An ISO 8601 date or date and time (UTC where no offset is given); None or blank:
    now, to the minute."""
    if isinstance(text, datetime):
        return text if text.tzinfo is not None else text.replace(tzinfo=UTC)
    moment = orbits.parse_epoch(text if text and text.strip() else None, field=field)
    return moment or datetime.now(UTC).replace(second=0, microsecond=0)
