"""Country polygons (Natural Earth 1:110m) and the planar geometry the Regions need.

The polygons are coarse (1:110m, about 10 km at best): they decide which country a point
lies in well inside a country, not within a few kilometres of a border or a coast.
Geometry is done in the (longitude, latitude) plane, which is exact for the question
"is this point inside the ring" when the rings do not cross the antimeridian (Natural
Earth splits them there) and the poles are not inside a ring (Antarctica is not used).
"""

from __future__ import annotations

import functools
from importlib import resources

import numpy as np
import numpy.typing as npt

from openitu.geo._shapefile import read_polygons

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]

# Natural Earth writes -99 where it has no ISO code; these features are named instead.
_ISO3_BY_NAME = {"Kosovo": "XKX"}

# Edges tested at once against every point (bounds memory to points x this many floats).
_EDGE_CHUNK = 512


def _data(name: str) -> bytes:
    return resources.files("openitu").joinpath("data", "geo", name).read_bytes()


@functools.cache
def country_rings() -> dict[str, tuple[FloatArray, ...]]:
    """Rings of every Natural Earth 1:110m country, keyed by ISO 3166-1 alpha-3 code.

    Each ring is an (n, 2) array of (lon_deg, lat_deg), closed (first point repeated).
    Features Natural Earth marks -99 are keyed by `_ISO3_BY_NAME` or left out; N. Cyprus
    and Somaliland come under Natural Earth's own codes CYN and SOL.
    """
    records = read_polygons(_data("naturalearth_lowres.shp"), _data("naturalearth_lowres.dbf"))
    rings: dict[str, tuple[FloatArray, ...]] = {}
    for record in records:
        iso3 = record.attributes["iso_a3"]
        iso3 = _ISO3_BY_NAME.get(record.attributes["name"], iso3)
        if len(iso3) != 3 or not iso3.isalpha():
            continue
        rings[iso3] = record.rings
    return rings


def points_in_rings(
    lat_deg: FloatArray, lon_deg: FloatArray, rings: tuple[FloatArray, ...]
) -> BoolArray:
    """Even-odd test of each point against a set of rings (a multipolygon with holes).

    Vectorised over points and (in chunks) over edges: a ray cast towards +longitude
    counts the edges it crosses; an odd count means inside.
    """
    lat = np.asarray(lat_deg, dtype=np.float64).ravel()
    lon = np.asarray(lon_deg, dtype=np.float64).ravel()
    inside = np.zeros(lat.shape, dtype=bool)
    for ring in rings:
        x0, y0 = ring[:, 0].min(), ring[:, 1].min()
        x1, y1 = ring[:, 0].max(), ring[:, 1].max()
        candidates = np.flatnonzero((lon >= x0) & (lon <= x1) & (lat >= y0) & (lat <= y1))
        if candidates.size == 0:
            continue
        px = lon[candidates][:, None]
        py = lat[candidates][:, None]
        crossings = np.zeros(candidates.size, dtype=np.int64)
        for start in range(0, len(ring) - 1, _EDGE_CHUNK):
            seg = ring[start : start + _EDGE_CHUNK + 1]
            xa, ya = seg[:-1, 0][None, :], seg[:-1, 1][None, :]
            xb, yb = seg[1:, 0][None, :], seg[1:, 1][None, :]
            straddles = (ya > py) != (yb > py)
            with np.errstate(divide="ignore", invalid="ignore"):
                x_cross = xa + (py - ya) * (xb - xa) / (yb - ya)
            crossings += np.count_nonzero(straddles & (px < x_cross), axis=1)
        inside[candidates] ^= (crossings % 2).astype(bool)
    result: BoolArray = inside.reshape(np.shape(lat_deg))
    return result


def _ring_area_km2_like(ring: FloatArray) -> float:
    """Planar shoelace area scaled by cos(mean latitude): only to rank rings by size."""
    x, y = ring[:, 0], ring[:, 1]
    planar = 0.5 * abs(float(np.dot(x[:-1], y[1:]) - np.dot(x[1:], y[:-1])))
    return planar * float(np.cos(np.radians(y.mean())))


def interior_point(rings: tuple[FloatArray, ...], *, samples: int = 41) -> tuple[float, float]:
    """A point inside the largest ring of a country (and outside its holes): (lat, lon).

    Scans ``samples`` parallels across the largest ring, intersects each with every ring
    of the country, and returns the middle of the widest inside interval (widths
    weighted by cos(latitude)). Unlike a centroid, the result is always inside.
    """
    largest = max(rings, key=_ring_area_km2_like)
    lat_lo, lat_hi = float(largest[:, 1].min()), float(largest[:, 1].max())
    best: tuple[float, float, float] | None = None  # (width, lat, lon)
    # Sample strictly inside the latitude range, offset so as not to hit vertices exactly.
    fractions = (np.arange(samples) + 0.5) / samples + 1e-7
    for lat in lat_lo + fractions * (lat_hi - lat_lo):
        xs: list[float] = []
        for ring in rings:
            ya, yb = ring[:-1, 1], ring[1:, 1]
            xa, xb = ring[:-1, 0], ring[1:, 0]
            hit = (ya > lat) != (yb > lat)
            xs.extend(xa[hit] + (lat - ya[hit]) * (xb[hit] - xa[hit]) / (yb[hit] - ya[hit]))
        xs.sort()
        weight = float(np.cos(np.radians(lat)))
        for left, right in zip(xs[0::2], xs[1::2], strict=False):
            width = (right - left) * weight
            if best is None or width > best[0]:
                best = (width, float(lat), 0.5 * (left + right))
    if best is None:  # pragma: no cover - a non-degenerate ring always has a crossing
        raise ValueError("degenerate polygon")
    return best[1], best[2]
