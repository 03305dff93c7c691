"""Terrain path profiles for the technical examination (P.452 wants heights along the path).

A `TerrainSource` answers one question: the terrain heights [m above mean sea level] at
equally spaced points along the great circle from one station to another. Two sources:

- `GeoTiffTerrain`: digital elevation model tiles the user points at (SRTM, Copernicus
  GLO-30 or any GeoTIFF with one elevation band), any number of tiles in any coordinate
  reference system: each path point is transformed into each tile's CRS and interpolated
  bilinearly there; points outside every tile (or on nodata) fall back on another source
  (P.1511 by default);
- `P1511Terrain`: the topography of Rec. ITU-R P.1511-2 the engine ships (1/12 degree grid,
  bicubic as its Annex 1 specifies), coarse but worldwide.
"""

from __future__ import annotations

import functools
import math
from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass
from os import PathLike
from typing import Any, Final, Protocol

import numpy as np
import numpy.typing as npt

from openitu.errors import InvalidInput

FloatArray = npt.NDArray[np.float64]

EARTH_RADIUS_KM: Final = 6371.0088  # IUGG mean radius, as geo/ uses for great circles


class TerrainSource(Protocol):
    """Where path profiles come from."""

    def profile(
        self, lat1_deg: float, lon1_deg: float, lat2_deg: float, lon2_deg: float, *, step_km: float
    ) -> tuple[FloatArray, FloatArray]:
        """Distances from point 1 [km] (0 first, strictly increasing, at least 4 points,
        at most ``step_km`` apart) and terrain heights there [m above mean sea level]."""
        ...


def great_circle_points(
    lat1_deg: float, lon1_deg: float, lat2_deg: float, lon2_deg: float, *, step_km: float
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Equally spaced points on the great circle from 1 to 2: (d_km, lat_deg, lon_deg).

    ceil(d / step) + 1 points, at least 4 (what P.452-18 needs); by spherical linear
    interpolation of the unit vectors, so that the points lie on the great circle.
    """
    if not step_km > 0:
        raise InvalidInput("step_km", f"must be > 0 km, got {step_km}")
    for name, value, limit in (
        ("lat1_deg", lat1_deg, 90.0),
        ("lat2_deg", lat2_deg, 90.0),
        ("lon1_deg", lon1_deg, 360.0),
        ("lon2_deg", lon2_deg, 360.0),
    ):
        if not (math.isfinite(value) and -limit <= value <= limit):
            raise InvalidInput(name, f"must be between -{limit:g} and {limit:g} deg")
    p1, l1, p2, l2 = map(math.radians, (lat1_deg, lon1_deg, lat2_deg, lon2_deg))
    a = np.array([math.cos(p1) * math.cos(l1), math.cos(p1) * math.sin(l1), math.sin(p1)])
    b = np.array([math.cos(p2) * math.cos(l2), math.cos(p2) * math.sin(l2), math.sin(p2)])
    omega = math.acos(max(-1.0, min(1.0, float(a @ b))))
    d_total = omega * EARTH_RADIUS_KM
    n = max(math.ceil(d_total / step_km) + 1, 4)
    frac = np.linspace(0.0, 1.0, n)
    if omega < 1e-12:
        vec = np.repeat(a[None, :], n, axis=0)
    else:
        s = math.sin(omega)
        vec = (
            np.sin((1 - frac) * omega)[:, None] * a[None, :]
            + np.sin(frac * omega)[:, None] * b[None, :]
        ) / s
    lat = np.degrees(np.arcsin(np.clip(vec[:, 2], -1.0, 1.0)))
    lon = np.degrees(np.arctan2(vec[:, 1], vec[:, 0]))
    d_km = frac * d_total
    if d_total == 0.0:  # co-sited: P.452 needs strictly increasing distances
        d_km = frac * 1e-3
    return d_km, lat, lon


class PointTerrain(ABC):
    """A terrain source that knows the height at any point: a profile samples the great
    circle between its ends."""

    @abstractmethod
    def heights_m(self, lat_deg: FloatArray, lon_deg: FloatArray) -> FloatArray:
        """Surface heights [m above mean sea level] at the points."""

    def profile(
        self, lat1_deg: float, lon1_deg: float, lat2_deg: float, lon2_deg: float, *, step_km: float
    ) -> tuple[FloatArray, FloatArray]:
        d_km, lat, lon = great_circle_points(
            lat1_deg, lon1_deg, lat2_deg, lon2_deg, step_km=step_km
        )
        return d_km, self.heights_m(lat, lon)


class P1511Terrain(PointTerrain):
    """Terrain from Rec. ITU-R P.1511-2's topographic map (the engine's copy, via itur)."""

    def __init__(self, *, edition: str = "P.1511-2") -> None:
        self.edition = edition

    def heights_m(self, lat_deg: FloatArray, lon_deg: FloatArray) -> FloatArray:
        """Surface heights [m above mean sea level] at the points."""
        from openitu.radio.propagation.p1511 import topographic_altitude_km

        km = topographic_altitude_km(lat_deg, lon_deg, edition=self.edition)
        return np.asarray(km, dtype=np.float64) * 1000.0


@dataclass
class _Tile:
    path: str
    crs: Any
    inverse: Any  # affine transform from CRS coordinates to (col, row)
    heights: FloatArray  # NaN where nodata
    bounds: tuple[float, float, float, float]  # left, bottom, right, top in the tile's CRS
    geographic: bool


class GeoTiffTerrain(PointTerrain):
    """Terrain from GeoTIFF elevation tiles (one band of heights in metres).

    Parameters
    ----------
    paths : sequence of path-like
        The tiles. They may overlap (the first listed that covers a point and has data
        there wins) and be in different coordinate reference systems; pixel values are
        taken at pixel centres (GDAL's "area" convention: a pixel's value at its middle).
    fallback : TerrainSource-like with ``heights_m``, optional
        Heights where no tile covers a point (default `P1511Terrain`); None raises
        `InvalidInput` instead.
    """

    def __init__(
        self,
        paths: Sequence[str | PathLike[str]],
        *,
        fallback: P1511Terrain | None = P1511Terrain(),  # stateless: sharing one is safe
    ) -> None:
        import rasterio

        if not paths:
            raise InvalidInput("paths", "give at least one GeoTIFF tile")
        self.fallback = fallback
        self.tiles: list[_Tile] = []
        for path in paths:
            try:
                with rasterio.open(path) as dataset:
                    band = dataset.read(1, masked=True).astype(np.float64)
                    heights = np.ma.filled(band, np.nan)
                    crs = dataset.crs
                    if crs is None:
                        raise InvalidInput("paths", f"{path}: the tile has no coordinate system")
                    self.tiles.append(
                        _Tile(
                            path=str(path),
                            crs=crs,
                            inverse=~dataset.transform,
                            heights=np.asarray(heights),
                            bounds=tuple(dataset.bounds),
                            geographic=bool(crs.is_geographic),
                        )
                    )
            except rasterio.errors.RasterioIOError as error:
                raise InvalidInput("paths", f"{path}: cannot read the GeoTIFF ({error})") from None

    def heights_m(self, lat_deg: FloatArray, lon_deg: FloatArray) -> FloatArray:
        """Heights [m] at the points: bilinear in the first tile with data, else fallback."""
        from rasterio.warp import transform

        lat = np.asarray(lat_deg, dtype=np.float64).ravel()
        lon = np.asarray(lon_deg, dtype=np.float64).ravel()
        out = np.full(lat.shape, np.nan)
        projected: list[tuple[FloatArray, FloatArray]] = []
        for tile in self.tiles:
            if tile.geographic:
                projected.append((lon, lat))
            else:
                xs, ys = transform("EPSG:4326", tile.crs, lon.tolist(), lat.tolist())
                projected.append((np.asarray(xs), np.asarray(ys)))
        # first between pixel centres of a tile; then the half-pixel rims, where a tile
        # can only repeat its edge pixels, for points no tile has inside its centres
        for strict in (True, False):
            for tile, (x, y) in zip(self.tiles, projected, strict=True):
                todo = np.flatnonzero(np.isnan(out))
                if todo.size == 0:
                    break
                out[todo] = _bilinear(tile, x[todo], y[todo], strict=strict)
        missing = np.isnan(out)
        if np.any(missing):
            if self.fallback is None:
                i = int(np.flatnonzero(missing)[0])
                raise InvalidInput(
                    "terrain", f"no tile covers ({lat[i]:.5f}, {lon[i]:.5f}) and no fallback"
                )
            out[missing] = self.fallback.heights_m(lat[missing], lon[missing])
        return out.reshape(np.shape(lat_deg))


def _bilinear(tile: _Tile, x: FloatArray, y: FloatArray, *, strict: bool) -> FloatArray:
    """Bilinear interpolation between pixel centres; NaN outside the tile or on nodata.

    ``strict``: only points between the outermost pixel centres; otherwise also the
    half-pixel rim of the tile, where the edge pixels are repeated (clamped).
    """
    left, bottom, right, top = tile.bounds
    inside = (x >= left) & (x <= right) & (y >= bottom) & (y <= top)
    out = np.full(x.shape, np.nan)
    if not np.any(inside):
        return out
    inv = tile.inverse
    xi, yi = x[inside], y[inside]
    col = inv.a * xi + inv.b * yi + inv.c  # the affine map written out: arrays, no warnings
    row = inv.d * xi + inv.e * yi + inv.f
    # pixel centres sit at integer + 0.5 in the (col, row) space of the affine transform
    cx = np.asarray(col, dtype=np.float64) - 0.5
    cy = np.asarray(row, dtype=np.float64) - 0.5
    n_rows, n_cols = tile.heights.shape
    if strict:
        eps = 1e-9
        centred = (cx >= -eps) & (cx <= n_cols - 1 + eps) & (cy >= -eps) & (cy <= n_rows - 1 + eps)
        where = np.flatnonzero(inside)
        inside = inside.copy()
        inside[where[~centred]] = False
        cx, cy = cx[centred], cy[centred]
    cx = np.clip(cx, 0.0, n_cols - 1.0)
    cy = np.clip(cy, 0.0, n_rows - 1.0)
    c0 = np.minimum(np.floor(cx).astype(np.intp), max(n_cols - 2, 0))
    r0 = np.minimum(np.floor(cy).astype(np.intp), max(n_rows - 2, 0))
    c1 = np.minimum(c0 + 1, n_cols - 1)
    r1 = np.minimum(r0 + 1, n_rows - 1)
    fx = cx - c0
    fy = cy - r0
    h = tile.heights
    value = (
        h[r0, c0] * (1 - fx) * (1 - fy)
        + h[r0, c1] * fx * (1 - fy)
        + h[r1, c0] * (1 - fx) * fy
        + h[r1, c1] * fx * fy
    )
    out[inside] = value
    return out


# ---------------------------------------------------------------------------------------
# Land and sea along paths (for the sea part of P.1546 mixed paths)
# ---------------------------------------------------------------------------------------


@functools.cache
def _land_boxes() -> tuple[tuple[float, float, float, float, tuple[FloatArray, ...]], ...]:
    from openitu.geo.polygons import country_rings

    boxes = []
    for rings in country_rings().values():
        every = np.concatenate(rings)
        boxes.append(
            (
                float(every[:, 0].min()),
                float(every[:, 1].min()),
                float(every[:, 0].max()),
                float(every[:, 1].max()),
                rings,
            )
        )
    return tuple(boxes)


def is_land(lat_deg: npt.ArrayLike, lon_deg: npt.ArrayLike) -> npt.NDArray[np.bool_]:
    """Whether each point is on land (inside a Natural Earth 1:110m country polygon).

    The polygons are accurate to about 10 km: good for the share of a long path over sea,
    not for a point on the coast.
    """
    from openitu.geo.polygons import points_in_rings

    lat = np.asarray(lat_deg, dtype=np.float64).ravel()
    lon = (np.asarray(lon_deg, dtype=np.float64).ravel() + 180.0) % 360.0 - 180.0
    land = np.zeros(lat.shape, dtype=bool)
    for x0, y0, x1, y1, rings in _land_boxes():
        todo = np.flatnonzero(~land & (lon >= x0) & (lon <= x1) & (lat >= y0) & (lat <= y1))
        if todo.size:
            land[todo] = points_in_rings(lat[todo], lon[todo], rings)
    return land.reshape(np.shape(lat_deg))


class _LandGrid:
    """`is_land` sampled every 0.1 degree, one 1-degree cell at a time as paths reach it.

    0.1 degree (11 km at most) matches the polygons' own accuracy; a cell costs 100
    polygon tests once per process, after which a look-up is an array index.
    """

    STEPS: Final = 10

    def __init__(self) -> None:
        self.cells: dict[int, npt.NDArray[np.bool_]] = {}

    def lookup(self, lat_deg: npt.ArrayLike, lon_deg: npt.ArrayLike) -> npt.NDArray[np.bool_]:
        lat = np.clip(np.asarray(lat_deg, dtype=np.float64).ravel(), -90.0, 89.999999)
        lon = (np.asarray(lon_deg, dtype=np.float64).ravel() + 180.0) % 360.0 - 180.0
        row = np.floor(lat).astype(np.int64)
        col = np.floor(lon).astype(np.int64)
        cell = (row + 90) * 360 + (col + 180)
        wanted = np.unique(cell)
        missing = [int(c) for c in wanted if int(c) not in self.cells]
        if missing:
            self._fill(missing)
        i = np.minimum(((lat - row) * self.STEPS).astype(np.int64), self.STEPS - 1)
        j = np.minimum(((lon - col) * self.STEPS).astype(np.int64), self.STEPS - 1)
        out = np.empty(lat.shape, dtype=bool)
        for c in wanted:
            at = np.flatnonzero(cell == c)
            out[at] = self.cells[int(c)][i[at], j[at]]
        return out.reshape(np.shape(lat_deg))

    def _fill(self, cells: list[int]) -> None:
        n = self.STEPS
        centre = (np.arange(n) + 0.5) / n
        ids = np.asarray(cells, dtype=np.int64)
        lat0 = (ids // 360 - 90).astype(np.float64)
        lon0 = (ids % 360 - 180).astype(np.float64)
        lat = lat0[:, None, None] + centre[None, :, None] + 0.0 * centre[None, None, :]
        lon = lon0[:, None, None] + centre[None, None, :] + 0.0 * centre[None, :, None]
        land = is_land(lat.ravel(), lon.ravel()).reshape(len(cells), n, n)
        for k, c in enumerate(cells):
            self.cells[c] = land[k]


land_mask: Final = _LandGrid()


def path_points(
    lat1_deg: npt.ArrayLike,
    lon1_deg: npt.ArrayLike,
    lat2_deg: npt.ArrayLike,
    lon2_deg: npt.ArrayLike,
    fraction: npt.ArrayLike,
) -> tuple[FloatArray, FloatArray]:
    """Points at ``fraction`` (0 at 1, 1 at 2) of each great circle: (lat, lon) [deg].

    The ends have shape S; ``fraction`` shape S + (M,) or (M,); the result S + (M,).
    """
    lat1, lon1, lat2, lon2 = np.broadcast_arrays(
        *(
            np.radians(np.asarray(v, dtype=np.float64))
            for v in (lat1_deg, lon1_deg, lat2_deg, lon2_deg)
        )
    )
    a = np.stack([np.cos(lat1) * np.cos(lon1), np.cos(lat1) * np.sin(lon1), np.sin(lat1)], -1)
    b = np.stack([np.cos(lat2) * np.cos(lon2), np.cos(lat2) * np.sin(lon2), np.sin(lat2)], -1)
    omega = np.arccos(np.clip(np.sum(a * b, axis=-1), -1.0, 1.0))[..., None]
    frac = np.asarray(fraction, dtype=np.float64)
    sin_omega = np.where(omega > 1e-12, np.sin(omega), 1.0)
    wa = np.where(omega > 1e-12, np.sin((1 - frac) * omega) / sin_omega, 1 - frac)
    wb = np.where(omega > 1e-12, np.sin(frac * omega) / sin_omega, frac)
    vec = wa[..., None] * a[..., None, :] + wb[..., None] * b[..., None, :]
    lat = np.degrees(np.arcsin(np.clip(vec[..., 2], -1.0, 1.0)))
    lon = np.degrees(np.arctan2(vec[..., 1], vec[..., 0]))
    return np.asarray(lat), np.asarray(lon)


def sea_km(
    lat1_deg: npt.ArrayLike,
    lon1_deg: npt.ArrayLike,
    lat2_deg: npt.ArrayLike,
    lon2_deg: npt.ArrayLike,
    d_km: npt.ArrayLike,
    *,
    samples: int = 24,
) -> FloatArray:
    """The part of each great-circle path over sea [km], from ``samples`` points per path
    (the midpoints of equal sections, so that the ends, on land, are not counted twice)."""
    d = np.asarray(d_km, dtype=np.float64)
    frac = (np.arange(samples) + 0.5) / samples
    lat, lon = path_points(lat1_deg, lon1_deg, lat2_deg, lon2_deg, frac)
    land = land_mask.lookup(lat, lon)
    sea_share = 1.0 - land.mean(axis=-1)
    return np.asarray(sea_share * d)
