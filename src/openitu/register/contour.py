"""The coordination contour of a station: around the transmitter, the line on which its
field strength falls to the coordination trigger (`register.coordination`).

An administration whose territory lies (partly) inside the contour receives the trigger
field strength or more, which is what `coordination_required` decides from the countries'
boundaries; the contour draws the same rule as a line on a map. It is computed on
`AZIMUTHS` rays from the transmitter (every 10 degrees), plus the rays where a 10-degree
grid would cut a corner: along a directional antenna's main beam, and (`contour_and_needs`)
towards the boundary point where the decision found each named administration's
strongest field. All rays get the very field strength the
decision uses (`coordination.field_strength_at`: P.1546-6 for broadcasting and mobile
stations at 30-4,000 MHz, P.452-18 on a smooth Earth for fixed links and above 4 GHz, the
trigger's percentage of time and receiving height, the antenna's discrimination,
mixed land/sea paths), vectorised over the rays:

1. every ray is sampled at `SAMPLES` distances out to the decision's search radius, all
   rays in one call of the engine;
2. on each ray the outermost sample still at or above the trigger and the next one
   bracket the crossing (the outermost: where a sea path lifts the field again farther
   out, the contour keeps the farther crossing, so it encloses every sampled point at or
   above the trigger);
3. `REFINE_STEPS` bisections of those brackets, all rays at once, place the crossing
   within (search radius / `SAMPLES`) / 2^`REFINE_STEPS`.

A ray whose field is below the trigger from the first sample gets distance 0; one still
above it at the search radius ends there (``limited``: the contour is cut by the radius
the decision searches, 1,000 km by default, P.1546-6's range).

Limits: between two rays the contour is a straight line in (longitude, latitude), which
may cut a little into or out of the true region (a chord of a circle of radius r on rays
10 degrees apart stays within 0.4 % of r of it). With the rays towards the named
administrations, every named territory meets the polygon; one that is not named could
still touch it where a chord passes outside the true region (none did in the tests).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Final

import numpy as np

from openitu.geo.countries import all_countries
from openitu.geo.polygons import country_rings
from openitu.register.coordination import (
    DEFAULT_TRIGGERS,
    TERRITORY_ADMINISTRATION,
    CoordinationNeed,
    FloatArray,
    TriggerTable,
    coordination_required,
    field_strength_at,
    pointing_deg,
    search_radius_km,
    trigger_value_dbuv_m,
)
from openitu.register.technical import (
    DEFAULT_CRITERIA,
    DIRECTIONAL_MIN_GAIN_DBI,
    ProtectionCriteria,
    Station,
    service_family,
)
from openitu.register.terrain import EARTH_RADIUS_KM

AZIMUTHS: Final = 36
SAMPLES: Final = 64
REFINE_STEPS: Final = 12
MAIN_BEAM_OFFSETS_DEG: Final = (-8.0, -4.0, -2.0, -1.0, 0.0, 1.0, 2.0, 4.0, 8.0)
FIRST_KM: Final = 0.1
"""The nearest sample [km]: the models need a path; closer, every station is above any
trigger."""


@dataclass(frozen=True)
class Contour:
    """The contour: per azimuth (degrees from north, clockwise) the distance [km] at which
    the field strength falls to ``trigger_dbuv_m``, and the points it joins."""

    tx_lat_deg: float
    tx_lon_deg: float
    azimuth_deg: tuple[float, ...]
    distance_km: tuple[float, ...]
    lat_deg: tuple[float, ...]
    lon_deg: tuple[float, ...]
    trigger_dbuv_m: float
    search_radius_km: float
    limited: tuple[bool, ...]
    basis: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "tx": {"lat_deg": self.tx_lat_deg, "lon_deg": self.tx_lon_deg},
            "trigger_dbuv_m": round(self.trigger_dbuv_m, 2),
            "search_radius_km": round(self.search_radius_km, 2),
            "basis": self.basis,
            "points": [
                {"azimuth_deg": az, "distance_km": round(d, 3), "lat_deg": round(la, 6),
                 "lon_deg": round(lo, 6), "limited": lim}
                for az, d, la, lo, lim in zip(self.azimuth_deg, self.distance_km, self.lat_deg,
                                              self.lon_deg, self.limited, strict=True)
            ],
        }  # fmt: skip

    def ring(self) -> FloatArray:
        """The polygon as a closed (n + 1, 2) ring of (lon, lat), like the country rings."""
        ring = np.column_stack([self.lon_deg, self.lat_deg])
        return np.vstack([ring, ring[:1]])


def _rays(
    candidate: Station, azimuths: int, towards: Sequence[tuple[float, float]]
) -> tuple[FloatArray, FloatArray]:
    """The rays' azimuths, sorted, and on each the distance of a point known to be at or
    above the trigger (NaN where none): the regular rays, those ``towards`` such points,
    and a directional antenna's main beam (its axis and `MAIN_BEAM_OFFSETS_DEG` around
    it, where a 10-degree grid would step over a beam a few degrees wide)."""
    regular = np.arange(azimuths, dtype=np.float64) * (360.0 / azimuths)
    rays = [regular]
    known = [np.full(regular.size, np.nan)]
    if towards:
        pairs = np.asarray(list(towards), dtype=np.float64).reshape(-1, 2)
        rays.append(pairs[:, 0])
        known.append(pairs[:, 1])
    pointing = pointing_deg(candidate)
    if pointing is not None and candidate.tx_gain_dbi >= DIRECTIONAL_MIN_GAIN_DBI:
        beam = pointing + np.asarray(MAIN_BEAM_OFFSETS_DEG)
        rays.append(beam)
        known.append(np.full(beam.size, np.nan))
    az = np.concatenate(rays) % 360.0
    reach = np.concatenate(known)
    # one ray per azimuth, keeping the farthest known point on it
    order = np.lexsort((-np.nan_to_num(reach, nan=-1.0), az))
    az, reach = az[order], reach[order]
    first = np.ones(az.size, dtype=bool)
    first[1:] = az[1:] != az[:-1]
    return az[first], reach[first]


def destination(
    lat_deg: float, lon_deg: float, azimuth_deg: FloatArray, d_km: FloatArray
) -> tuple[FloatArray, FloatArray]:
    """The point ``d_km`` along the great circle leaving (lat, lon) at ``azimuth_deg``
    (spherical Earth of `EARTH_RADIUS_KM`, as the distances of the examination)."""
    p1 = math.radians(lat_deg)
    theta = np.radians(azimuth_deg)
    delta = np.asarray(d_km, dtype=np.float64) / EARTH_RADIUS_KM
    sin_p2 = math.sin(p1) * np.cos(delta) + math.cos(p1) * np.sin(delta) * np.cos(theta)
    p2 = np.arcsin(np.clip(sin_p2, -1.0, 1.0))
    dl = np.arctan2(
        np.sin(theta) * np.sin(delta) * math.cos(p1), np.cos(delta) - math.sin(p1) * sin_p2
    )
    lon = (lon_deg + np.degrees(dl) + 180.0) % 360.0 - 180.0
    return np.asarray(np.degrees(p2)), np.asarray(lon)


def coordination_contour(
    candidate: Station,
    *,
    triggers: TriggerTable = DEFAULT_TRIGGERS,
    criteria: ProtectionCriteria = DEFAULT_CRITERIA,
    azimuths: int = AZIMUTHS,
    towards: Sequence[tuple[float, float]] = (),
) -> Contour:
    """The station's coordination contour on ``azimuths`` rays (see the module), along
    the main beam of a directional antenna, and towards ``towards``: (azimuth [deg],
    distance [km]) of points where the field is known to reach the trigger (the
    decision's), which the contour then reaches at least (a ray's field need not fall
    monotonically: a mixed land/sea path can lift it past a stretch below the trigger,
    narrower than the samples)."""
    family = service_family(candidate.service)
    trigger = triggers.find(candidate.frequency_hz, family)
    threshold = trigger_value_dbuv_m(trigger, candidate, family, criteria)
    radius = max(
        search_radius_km(candidate, trigger, threshold, triggers.max_distance_km), FIRST_KM
    )
    az, reach = _rays(candidate, azimuths, towards)
    rays = az.size

    models: set[str] = set()

    def field(az_deg: FloatArray, d_km: FloatArray) -> FloatArray:
        lat, lon = destination(candidate.tx_lat_deg, candidate.tx_lon_deg, az_deg, d_km)
        e, chosen = field_strength_at(candidate, trigger, lat, lon, d_km, az_deg)
        models.update(str(m) for m in np.unique(chosen))
        return e

    # 1. every ray sampled out to the search radius (and at its known point), in one call
    steps = np.geomspace(FIRST_KM, radius, SAMPLES) if radius > FIRST_KM else np.array([radius])
    extra = np.clip(np.where(np.isnan(reach), steps[0], reach), steps[0], radius)
    grid = np.sort(np.column_stack([np.tile(steps, (rays, 1)), extra]), axis=1)
    columns = grid.shape[1]
    above = (field(np.repeat(az, columns), grid.ravel()) >= threshold).reshape(rays, columns)
    # 2. the outermost sample at or above the trigger on each ray, and the next one
    any_above = above.any(axis=1)
    last = np.where(any_above, columns - 1 - np.argmax(above[:, ::-1], axis=1), -1)
    limited = last == columns - 1
    row = np.arange(rays)
    inner = np.where(last >= 0, grid[row, np.maximum(last, 0)], 0.0)
    outer = grid[row, np.minimum(last + 1, columns - 1)]
    # 3. bisection of the open brackets, every ray at once
    open_ = any_above & ~limited
    if open_.any():
        lo, hi, bracketed = inner[open_], outer[open_], az[open_]
        for _ in range(REFINE_STEPS):
            mid = 0.5 * (lo + hi)
            up = field(bracketed, mid) >= threshold
            lo = np.where(up, mid, lo)
            hi = np.where(up, hi, mid)
        inner[open_] = lo
    distance = np.where(limited, radius, inner)
    lat, lon = destination(candidate.tx_lat_deg, candidate.tx_lon_deg, az, distance)
    return Contour(
        tx_lat_deg=candidate.tx_lat_deg,
        tx_lon_deg=candidate.tx_lon_deg,
        azimuth_deg=tuple(float(a) for a in az),
        distance_km=tuple(float(d) for d in distance),
        lat_deg=tuple(float(v) for v in lat),
        lon_deg=tuple(float(v) for v in lon),
        trigger_dbuv_m=float(threshold),
        search_radius_km=float(radius),
        limited=tuple(bool(v) for v in limited),
        basis=(
            f"{', '.join(sorted(models))} at {trigger.t_percent:g} % of time, receiving "
            f"height {trigger.rx_height_m:g} m; {azimuths} azimuths and {rays - azimuths} more "
            "(main beam, named neighbours' strongest points); "
            f"trigger: {trigger.source}"
        ),
    )


def contour_and_needs(
    candidate: Station,
    *,
    own_administration: str,
    triggers: TriggerTable = DEFAULT_TRIGGERS,
    criteria: ProtectionCriteria = DEFAULT_CRITERIA,
) -> tuple[list[CoordinationNeed], Contour]:
    """The coordination decision and its contour, drawn with a ray through each named
    administration's strongest boundary point (so that each named territory meets it)."""
    needs = coordination_required(
        candidate, triggers=triggers, own_administration=own_administration, criteria=criteria
    )
    towards = [(need.azimuth_deg, need.distance_km) for need in needs
               if need.azimuth_deg is not None]  # fmt: skip
    contour = coordination_contour(candidate, triggers=triggers, criteria=criteria,
                                   towards=towards)  # fmt: skip
    return needs, contour


def borders_within(
    south: float, north: float, west: float, east: float
) -> list[tuple[str, FloatArray]]:
    """The country rings (administration, (n, 2) ring of lon/lat) that reach into a box:
    what a map of the contour draws around it."""
    found: list[tuple[str, FloatArray]] = []
    administration = {c.iso3: TERRITORY_ADMINISTRATION.get(c.iso2, c.iso2) for c in all_countries()}
    for iso3, rings in sorted(country_rings().items()):
        code = administration.get(iso3, iso3)
        for ring in rings:
            lon, lat = ring[:, 0], ring[:, 1]
            if lat.max() < south or lat.min() > north or lon.max() < west or lon.min() > east:
                continue
            found.append((code, ring))
    return found
