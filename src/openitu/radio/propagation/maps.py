"""Look-ups on the ITU-R digital maps shared by the Earth-space models.

Several Recommendations publish their statistics as maps on a latitude/longitude grid
(P.453, P.836, P.837, P.839, P.840, P.1510, P.1511, P.2145). What every model does with
them lives here, once:

* `location`: check a latitude [-90, 90] and longitude [-180, 360] [deg] (the fields are
  named ``lat_deg`` and ``lon_deg`` in every error); `lon360` wraps a longitude to
  [0, 360), the convention of the maps ``itur`` ships.
* `grid_corners` and `bilinear`: bilinear interpolation on a regular grid (ITU-R P.1144
  §1b), given each point's fractional row and column; each model says how its grid is
  laid out (P.840-9 rows run from 90 °N southwards, P.2145 rows from 90 °S northwards).
* `itur_model`: the per-edition model objects of the ``itur`` package (ITU-Rpy 0.4.0,
  MIT), which ships the maps of P.453, P.835, P.836, P.837, P.838, P.839, P.840-7/-8,
  P.1510 and P.1511 and the P.676 line tables. Loaded once per edition and process, lazily.
* the map readers of the Recommendations that have no module of their own here
  (`MAP_EDITIONS` says which edition each one reads): mean surface temperature (P.1510),
  standard pressure (P.835), water-vapour density and content (P.836), rain height
  (P.839), wet term of the refractivity (P.453) and the rain coefficients k, α (P.838).

The readers take float64 arrays of one shape that the caller has checked (`location`,
`openitu.radio.checks`) and return float64 arrays of that shape. Nothing from ``itur``'s
astropy quantities leaves this module.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import cache
from typing import Any, Final

import numpy as np
import numpy.typing as npt

from openitu.errors import InvalidInput
from openitu.radio.checks import FloatArray, checked

# The edition of each map read through `itur` when a model does not choose one.
MAP_EDITIONS: Final = {
    "P.453": "P.453-13",
    "P.835": "P.835-6",
    "P.836": "P.836-6",
    "P.837": "P.837-7",
    "P.838": "P.838-3",
    "P.839": "P.839-4",
    "P.1510": "P.1510-1",
    "P.1511": "P.1511-2",
}

# itur module -> name of its edition-dispatching wrapper class.
_ITUR_CLASSES: Final = {
    "618": "_ITU618",
    "676": "__ITU676__",
    "840": "__ITU840__",
    "837": "__ITU837",
    "838": "__ITU838__",
    "839": "__ITU839__",
    "453": "__ITU453__",
    "1511": "__ITU1511",
    "836": "__ITU836",
    "1510": "__ITU1510__",
    "835": "__ITU835__",
}
_import_lock = threading.Lock()


@cache
def itur_model(recommendation: str, version: int) -> Any:
    """The ``itur`` model object of one edition, e.g. ``itur_model("840", 8)`` for P.840-8.

    Its maps load lazily on first use; the object is shared by every caller.
    """
    import importlib

    with _import_lock:
        # Importing itur calls np.seterr(divide="ignore") for the whole process: keep
        # numpy's error state as it was.
        saved = np.geterr()
        try:
            module = importlib.import_module(f"itur.models.itu{recommendation}")
        finally:
            np.seterr(**saved)
        wrapper = getattr(module, _ITUR_CLASSES[recommendation])(version)
    return wrapper.instance


def edition_version(edition: str) -> int:
    """The revision number of an edition: 13 for "P.618-13"."""
    return int(edition.rsplit("-", 1)[1])


def _map_model(recommendation: str) -> Any:
    return itur_model(
        recommendation.removeprefix("P."), edition_version(MAP_EDITIONS[recommendation])
    )


def lon360(lon: FloatArray) -> FloatArray:
    """Longitude wrapped to [0, 360) [deg]."""
    return np.asarray(np.mod(lon, 360.0))


def location(lat_deg: npt.ArrayLike, lon_deg: npt.ArrayLike) -> tuple[FloatArray, FloatArray]:
    """Latitude [-90, 90] and longitude [-180, 360] [deg] as arrays, or `InvalidInput`."""
    lat = checked(lat_deg, "lat_deg", -90.0, 90.0, unit="deg")
    lon = checked(lon_deg, "lon_deg", -180.0, 360.0, unit="deg")
    return lat, lon


def grid_corners(
    row: FloatArray, col: FloatArray, shape: tuple[int, ...]
) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.intp], FloatArray, FloatArray]:
    """The grid cell of each point and its position in it, for bilinear interpolation.

    ``row`` and ``col`` are fractional indices into a grid of ``shape`` (rows, columns);
    returns (r0, c0, dr, dc): the upper-left corner, clipped so that the cell lies in the
    grid, and the fractions 0 to 1 towards the next row and column.
    """
    r0 = np.clip(np.floor(row).astype(np.intp), 0, shape[0] - 2)
    c0 = np.clip(np.floor(col).astype(np.intp), 0, shape[1] - 2)
    return r0, c0, np.asarray(row - r0), np.asarray(col - c0)


def bilinear(grid: FloatArray, row: FloatArray, col: FloatArray) -> FloatArray:
    """Bilinear interpolation of a 2-D grid at fractional indices (P.1144 §1b)."""
    r0, c0, dr, dc = grid_corners(row, col, grid.shape)
    return np.asarray(
        grid[r0, c0] * (1 - dr) * (1 - dc)
        + grid[r0 + 1, c0] * dr * (1 - dc)
        + grid[r0, c0 + 1] * (1 - dr) * dc
        + grid[r0 + 1, c0 + 1] * dr * dc
    )


def map_values(values: FloatArray, lat: FloatArray, lon: FloatArray, what: str) -> FloatArray:
    """``values`` read from a map at (lat, lon), or `InvalidInput` naming ``lat_deg`` where
    the map has no value.

    The copies of the P.836-6 and P.840-7/-8 maps that ``itur`` 0.4.0 ships lack most of
    their 88.875 °N row (NaN at 287 of its 321 longitudes), so that bilinear interpolation
    has no value north of 86.625 °N at most longitudes: an error says so rather than a
    silent NaN (docs/radio.md).
    """
    missing = np.flatnonzero(~np.isfinite(values))
    if missing.size:
        i = missing[0]
        raise InvalidInput(
            "lat_deg",
            f"the {what} map has no value at ({lat[i]:g}, {lon[i]:g}) deg: itur's copy of the "
            "map lacks the 88.875 deg N row; the P.618-14 chain (P.2145-0 and P.840-9 maps) "
            "covers it",
        )
    return values


def _per_percentage(
    function: Callable[..., Any], lat: FloatArray, lon: FloatArray, p: FloatArray, *extra: Any
) -> FloatArray:
    """Call a map function that takes one percentage at a time, once per distinct value."""
    out = np.empty(lat.shape, dtype=np.float64)
    for value in np.unique(p):
        mask = p == value
        args = [np.array(a[mask], dtype=np.float64) for a in extra]
        out[mask] = np.asarray(
            function(lat[mask].copy(), lon[mask].copy(), float(value), *args), dtype=np.float64
        ).reshape(-1)
    return map_values(out, lat, lon, "P.836-6")


def surface_temperature_k(lat: FloatArray, lon: FloatArray) -> FloatArray:
    """Annual mean surface temperature, P.1510-1 map [K]."""
    model = _map_model("P.1510")
    return np.asarray(model.surface_mean_temperature(lat.copy(), lon360(lon)), dtype=np.float64)


def standard_pressure_hpa(h_km: FloatArray) -> FloatArray:
    """Pressure of the P.835-6 mean annual global reference atmosphere at a height [hPa]."""
    model = _map_model("P.835")
    return np.asarray(model.standard_pressure(h_km), dtype=np.float64)


def surface_water_vapour_density_g_m3(
    lat: FloatArray, lon: FloatArray, p: FloatArray, hs: FloatArray
) -> FloatArray:
    """Surface water-vapour density ρ exceeded for p % at height hs [km], P.836-6 [g/m³]."""
    model = _map_model("P.836")
    return _per_percentage(model.surface_water_vapour_density, lat, lon360(lon), p, hs)


def total_water_vapour_content_kg_m2(
    lat: FloatArray, lon: FloatArray, p: FloatArray, hs: FloatArray
) -> FloatArray:
    """Integrated water-vapour content V exceeded for p % at height hs [km], P.836-6 [kg/m²]."""
    model = _map_model("P.836")
    return _per_percentage(model.total_water_vapour_content, lat, lon360(lon), p, hs)


def rain_height_km(lat: FloatArray, lon: FloatArray) -> FloatArray:
    """Mean annual rain height above mean sea level h_R, P.839-4 [km]."""
    model = _map_model("P.839")
    return np.asarray(model.rain_height(lat.copy(), lon360(lon)), dtype=np.float64)


def wet_refractivity(lat: FloatArray, lon: FloatArray) -> FloatArray:
    """Median wet term of the surface refractivity N_wet, P.453-13 map [N-units]."""
    model = _map_model("P.453")
    return np.asarray(
        model.map_wet_term_radio_refractivity(lat.copy(), lon360(lon), 50.0), dtype=np.float64
    )


def rain_specific_attenuation_coefficients(
    f: FloatArray, el: FloatArray, tau: FloatArray
) -> tuple[FloatArray, FloatArray]:
    """P.838-3 k and α of γ_R = k R^α for a frequency [GHz], elevation and tilt [deg]."""
    k, alpha = _map_model("P.838").rain_specific_attenuation_coefficients(f, el, tau)
    return np.asarray(k), np.asarray(alpha)
