"""Digital maps for gaseous attenuation, Recommendation ITU-R P.2145-0 (08/2022).

Annual statistics of the surface total pressure P [hPa], surface temperature T [K],
surface water-vapour density ρ [g/m³] and integrated water-vapour content V [kg/m²] on a
0.25° grid (latitude -90 to 90°, longitude -180 to 180°), with the scale heights of P and
ρ/V (PSCH, VSCH [km]), the temperature lapse rate TSCH [K/km] and the grid's own ground
height Z_ground [km]. For a location at height h (the P.1511 topography when not given):

1. at each of the four grid points around it, the map value X'_i is brought from the
   point's ground height z_i to h: ``P_i = P'_i exp(-(h - z_i)/PSCH_i)``,
   ``T_i = T'_i + TSCH_i (h - z_i)``, ``ρ_i = ρ'_i exp(-(h - z_i)/VSCH_i)``, and V alike;
2. the four values are interpolated bilinearly to the location;
3. between the two tabulated exceedance percentages around p the result is interpolated
   linearly in ln p.

Shipped (src/openitu/data/p2145/, 23.2 MB, lossless re-encoding, SOURCES.md): the maps
exceeded for 5, 10, 20, 30 and 50 % and the annual means, which is what P.676-13's
statistical slant-path method needs inside P.618-14 §2.5 (gas term held at 5 % below 5 %,
total defined up to 50 %). Other percentages are refused with the range, never extrapolated.
Maps load lazily, once per quantity (about 25 MB of int32 each in memory).
"""

from __future__ import annotations

import io
import lzma
import threading
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Final

import numpy as np
import numpy.typing as npt

from openitu.radio.checks import FloatArray, broadcast_flat, check_edition, checked
from openitu.radio.propagation.maps import grid_corners, location
from openitu.radio.propagation.p1511 import topographic_altitude_km

P2145_EDITIONS: Final = ("P.2145-0",)
# Exceedance percentages whose maps are shipped (the files' level axis, then the mean).
P2145_PERCENTAGES: Final = (5.0, 10.0, 20.0, 30.0, 50.0)
_MEAN_LEVEL: Final = len(P2145_PERCENTAGES)
_STEP: Final = 0.25  # deg; rows from -90 ° northwards, columns from -180 ° eastwards
_ROWS: Final = 721
_COLUMNS: Final = 1441
_lock = threading.Lock()


@dataclass(frozen=True)
class SurfaceStatistics:
    """P.2145 surface statistics at a location and height."""

    pressure_hpa: FloatArray
    temperature_k: FloatArray
    rho_g_m3: FloatArray
    v_kg_m2: FloatArray


@cache
def _grid(name: str) -> tuple[npt.NDArray[np.int32], float]:
    """One shipped file: (levels, 721, 1441) integers and the unit they count.

    Stored as differences along the level axis then along longitude (scripts/p2145_encode.py);
    the integers are the published values exactly (three decimals; Z_ground six).
    """
    with _lock:
        source = resources.files("openitu.data").joinpath(f"p2145/p2145-0_{name}.npz.xz")
        blob = lzma.decompress(source.read_bytes())
    with np.load(io.BytesIO(blob)) as archive:
        delta = archive["delta"]
        scale = float(archive["scale"])
    q = np.cumsum(np.cumsum(delta, axis=2, dtype=np.int64), axis=0)
    return np.ascontiguousarray(q, dtype=np.int32), scale


def maps_loaded() -> int:
    """How many of the shipped files this process has decoded so far (they load lazily)."""
    return _grid.cache_info().currsize


def _at_height(
    quantity: str,
    level: npt.NDArray[np.intp] | int,
    lat: FloatArray,
    lon: FloatArray,
    alt: FloatArray,
) -> FloatArray:
    """Steps 1-2: the map of one level brought to height ``alt`` and interpolated."""
    values, scale = _grid(quantity)
    ground, ground_scale = _grid("Z_ground")
    height_name = {"P": "PSCH", "T": "TSCH", "RHO": "VSCH", "V": "VSCH"}[quantity]
    heights, height_scale = _grid(height_name)
    # Rows from 90 °S northwards, columns from 180 °W eastwards.
    row = (lat + 90.0) / _STEP
    col = np.mod(lon + 180.0, 360.0) / _STEP
    r0, c0, dr, dc = grid_corners(row, col, (_ROWS, _COLUMNS))
    out = np.zeros(lat.shape, dtype=np.float64)
    for di, dj, weight in (
        (0, 0, (1 - dr) * (1 - dc)),
        (1, 0, dr * (1 - dc)),
        (0, 1, (1 - dr) * dc),
        (1, 1, dr * dc),
    ):
        r, c = r0 + di, c0 + dj
        x = values[level, r, c] * scale
        dz = alt - ground[0, r, c] * ground_scale
        sch = heights[0, r, c] * height_scale
        # TSCH is a lapse rate (K/km, negative): temperature changes linearly with height,
        # pressure and water vapour exponentially with their scale heights.
        x = x + sch * dz if quantity == "T" else x * np.exp(-dz / sch)
        out += weight * x
    return out


def _quantity(
    quantity: str, lat: FloatArray, lon: FloatArray, p: FloatArray | None, alt: FloatArray
) -> FloatArray:
    """Steps 1-3 for one quantity; p None gives the annual mean."""
    if p is None:
        return _at_height(quantity, _MEAN_LEVEL, lat, lon, alt)
    table = np.log(np.asarray(P2145_PERCENTAGES))
    lnp = np.log(p)
    below = np.clip(np.searchsorted(table, lnp, side="right") - 1, 0, len(table) - 2)
    low = _at_height(quantity, below, lat, lon, alt)
    high = _at_height(quantity, below + 1, lat, lon, alt)
    weight = (lnp - table[below]) / (table[below + 1] - table[below])
    return np.asarray(low + (high - low) * weight)


def statistics_at(
    lat: FloatArray, lon: FloatArray, p: FloatArray | None, alt: FloatArray
) -> SurfaceStatistics:
    """`surface_statistics` at 1-D arrays of points of one length that the caller has
    checked (p None for the annual means), as the models that use the maps call it."""
    return SurfaceStatistics(
        pressure_hpa=_quantity("P", lat, lon, p, alt),
        temperature_k=_quantity("T", lat, lon, p, alt),
        rho_g_m3=_quantity("RHO", lat, lon, p, alt),
        v_kg_m2=_quantity("V", lat, lon, p, alt),
    )


def surface_statistics(
    lat_deg: npt.ArrayLike,
    lon_deg: npt.ArrayLike,
    p_percent: npt.ArrayLike | None = None,
    *,
    alt_km: npt.ArrayLike | None = None,
    edition: str = "P.2145-0",
) -> SurfaceStatistics:
    """Surface P, T, ρ and V exceeded for p % of an average year, or their annual means.

    Parameters
    ----------
    lat_deg, lon_deg : array_like
        Location [deg]; latitude -90 to 90, longitude -180 to 360.
    p_percent : array_like, optional
        Exceedance percentage, 5 to 50 (the shipped maps); None for the annual means.
    alt_km : array_like, optional
        Height of the location above mean sea level [km], -0.5 to 9; the P.1511-2
        topographic height when not given.
    edition : str
        "P.2145-0".

    Returns
    -------
    SurfaceStatistics
        pressure_hpa (total), temperature_k, rho_g_m3, v_kg_m2; arrays of the broadcast
        shape of the inputs.
    """
    check_edition(edition, P2145_EDITIONS)
    lat, lon = location(lat_deg, lon_deg)
    arrays = [lat, lon]
    fields = ["lat_deg", "lon_deg"]
    if p_percent is not None:
        p = checked(p_percent, "p_percent", P2145_PERCENTAGES[0], P2145_PERCENTAGES[-1], unit="%")
        arrays.append(p)
        fields.append("p_percent")
    if alt_km is not None:
        alt = checked(alt_km, "alt_km", -0.5, 9.0, unit="km")
        arrays.append(alt)
        fields.append("alt_km")
    shape, flat = broadcast_flat(*arrays, fields=tuple(fields))
    lat, lon = flat[0], flat[1]
    p_flat = flat[2] if p_percent is not None else None
    alt_flat = flat[-1] if alt_km is not None else topographic_altitude_km(lat, lon)
    found = statistics_at(lat, lon, p_flat, alt_flat)
    return SurfaceStatistics(
        pressure_hpa=found.pressure_hpa.reshape(shape),
        temperature_k=found.temperature_k.reshape(shape),
        rho_g_m3=found.rho_g_m3.reshape(shape),
        v_kg_m2=found.v_kg_m2.reshape(shape),
    )
