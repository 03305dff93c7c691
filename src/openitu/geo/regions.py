"""The ITU Region of a point: Radio Regulations Article 5, Nos. 5.2 to 5.9.

Text followed (RR Article 5, Section I, unchanged in substance since WRC-79; quoted from
the 2012 and 2020 editions):

5.2  For the allocation of frequencies the world has been divided into three Regions as
     shown on the map and described in Nos. 5.3 to 5.9.

5.3  Region 1: Region 1 includes the area limited on the east by line A (lines A, B and C
     are defined below) and on the west by line B, excluding any of the territory of the
     Islamic Republic of Iran which lies between these limits. It also includes the whole
     of the territory of Armenia, Azerbaijan, the Russian Federation, Georgia, Kazakhstan,
     Mongolia, Uzbekistan, Kyrgyzstan, Tajikistan, Turkmenistan, Turkey and Ukraine and
     the area to the north of Russian Federation which lies between lines A and C.

5.4  Region 2: Region 2 includes the area limited on the east by line B and on the west
     by line C.

5.5  Region 3: Region 3 includes the area limited on the east by line C and on the west
     by line A, except any of the territory of Armenia, Azerbaijan, the Russian
     Federation, Georgia, Kazakhstan, Mongolia, Uzbekistan, Kyrgyzstan, Tajikistan,
     Turkmenistan, Turkey and Ukraine and the area to the north of Russian Federation.
     It also includes that part of the territory of the Islamic Republic of Iran lying
     outside of those limits.

5.6  The lines A, B and C are defined as follows:

5.7  Line A: Line A extends from the North Pole along meridian 40° East of Greenwich to
     parallel 40° North; thence by great circle arc to the intersection of meridian
     60° East and the Tropic of Cancer; thence along the meridian 60° East to the South
     Pole.

5.8  Line B: Line B extends from the North Pole along meridian 10° West of Greenwich to
     its intersection with parallel 72° North; thence by great circle arc to the
     intersection of meridian 50° West and parallel 40° North; thence by great circle arc
     to the intersection of meridian 20° West and parallel 10° South; thence along
     meridian 20° West to the South Pole.

5.9  Line C: Line C extends from the North Pole by great circle arc to the intersection
     of parallel 65° 30' North with the international boundary in Bering Strait; thence
     by great circle arc to the intersection of meridian 165° East of Greenwich and
     parallel 50° North; thence by great circle arc to the intersection of meridian
     170° West and parallel 10° North; thence along parallel 10° North to its
     intersection with meridian 120° West; thence along meridian 120° West to the South
     Pole.

How it is computed, and the choices the text leaves open:

* Every line runs from pole to pole and, outside the 10°N segment of line C, crosses each
  parallel once, so each line is a longitude as a function of latitude. Along a great
  circle arc that longitude is solved exactly on the sphere: with n = p1 x p2 the arc's
  pole, a point at latitude phi lies on it where
  n_x cos(phi) cos(lambda) + n_y cos(phi) sin(lambda) + n_z sin(phi) = 0.
  (A straight line in latitude/longitude would be wrong by up to ~2.5° on line B.)
* Going east from line B one crosses Region 1, line A, Region 3, line C, Region 2 and
  comes back to line B. A point exactly on a line belongs to the Region east of it;
  on the 10°N parallel between 170°W and 120°W (line C) it belongs to Region 2.
* The Tropic of Cancer is taken at 23°26'N (23.44°).
* The international boundary in Bering Strait is the 1867 Convention line (reaffirmed in
  the 1990 USA-USSR maritime boundary agreement), meridian 168°58'37"W; the great circle
  arc from the North Pole to it is that meridian.
* Country exceptions (No. 5.3/5.5) use the Natural Earth 1:110m polygons: a point east
  of line A (and west of line C) inside Armenia, Azerbaijan, Georgia, Kazakhstan,
  Kyrgyzstan, Mongolia, the Russian Federation, Tajikistan, Turkey, Turkmenistan,
  Ukraine or Uzbekistan is Region 1; a point between lines B and A inside the Islamic
  Republic of Iran is Region 3. Near borders the 1:110m outlines decide (about 10 km).
* "The area to the north of the Russian Federation which lies between lines A and C" is
  taken as the part of that sector north of parallel 65°30'N (the latitude at which line
  C leaves Bering Strait): every land point there is Russian, and the seas there (Barents
  east of 40°E, Kara, Laptev, East Siberian, Chukchi west of line C, the Arctic Ocean to
  the Pole) are those the RR map shows in Region 1. The Sea of Okhotsk and the Bering
  Sea west of line C stay in Region 3 (they are east, not north, of the Russian
  Federation).
"""

from __future__ import annotations

import functools
from typing import Final, Literal

import numpy as np
import numpy.typing as npt

from openitu.errors import InvalidInput
from openitu.geo import polygons

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int8]
Line = Literal["A", "B", "C"]

TROPIC_OF_CANCER_DEG: Final = 23.44
BERING_BOUNDARY_LON_DEG: Final = -(168.0 + 58.0 / 60.0 + 37.0 / 3600.0)
NORTH_OF_RUSSIA_LAT_DEG: Final = 65.5

# Whole territory in Region 1 although (partly) between lines A and C (No. 5.3).
REGION_1_COUNTRIES: Final = ("AM", "AZ", "RU", "GE", "KZ", "MN", "UZ", "KG", "TJ", "TM", "TR", "UA")
# Territory between lines B and A that is nevertheless Region 3 (Nos. 5.3 and 5.5).
REGION_3_COUNTRIES: Final = ("IR",)
_ISO3: Final = {
    "AM": "ARM",
    "AZ": "AZE",
    "RU": "RUS",
    "GE": "GEO",
    "KZ": "KAZ",
    "MN": "MNG",
    "UZ": "UZB",
    "KG": "KGZ",
    "TJ": "TJK",
    "TM": "TKM",
    "TR": "TUR",
    "UA": "UKR",
    "IR": "IRN",
}

# Each line: (lat_hi, lat_lo, kind, data) pieces from north to south. kind "meridian" has
# data (lon,); kind "arc" has data (lat1, lon1, lat2, lon2).
_Piece = tuple[float, float, str, tuple[float, ...]]
_LINES: Final[dict[str, tuple[_Piece, ...]]] = {
    "A": (
        (90.0, 40.0, "meridian", (40.0,)),
        (40.0, TROPIC_OF_CANCER_DEG, "arc", (40.0, 40.0, TROPIC_OF_CANCER_DEG, 60.0)),
        (TROPIC_OF_CANCER_DEG, -90.0, "meridian", (60.0,)),
    ),
    "B": (
        (90.0, 72.0, "meridian", (-10.0,)),
        (72.0, 40.0, "arc", (72.0, -10.0, 40.0, -50.0)),
        (40.0, -10.0, "arc", (40.0, -50.0, -10.0, -20.0)),
        (-10.0, -90.0, "meridian", (-20.0,)),
    ),
    "C": (
        (90.0, 65.5, "meridian", (BERING_BOUNDARY_LON_DEG,)),
        (65.5, 50.0, "arc", (65.5, BERING_BOUNDARY_LON_DEG, 50.0, 165.0)),
        # Down to 10°N inclusive: the 10°N segment (170°W to 120°W) sides with Region 2.
        (50.0, 10.0, "arc", (50.0, 165.0, 10.0, -170.0)),
        (10.0, -90.0, "meridian", (-120.0,)),
    ),
}


def _wrap180(lon: FloatArray) -> FloatArray:
    wrapped: FloatArray = (lon + 180.0) % 360.0 - 180.0
    return wrapped


def _unit_vector(lat_deg: float, lon_deg: float) -> FloatArray:
    lat, lon = np.radians(lat_deg), np.radians(lon_deg)
    return np.array([np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)])


def _arc_longitude(lat_deg: FloatArray, arc: tuple[float, ...]) -> FloatArray:
    """Longitude [deg] at which the great circle arc p1-p2 crosses each latitude.

    Of the two crossings of the whole great circle, the one nearer (in longitude) to the
    arc's end points is taken; for the RR arcs (under 60° long, latitude monotonic along
    them) that is the crossing on the arc itself.
    """
    lat1, lon1, lat2, lon2 = arc
    n = np.cross(_unit_vector(lat1, lon1), _unit_vector(lat2, lon2))
    phi = np.radians(lat_deg)
    r = float(np.hypot(n[0], n[1]))
    psi = float(np.arctan2(n[1], n[0]))
    cos_delta = np.clip(-n[2] * np.tan(phi) / r, -1.0, 1.0)
    delta = np.arccos(cos_delta)
    candidates = np.degrees(np.stack([psi + delta, psi - delta]))
    # Reference: the arc's end longitudes interpolated by latitude (short way round).
    span = float(_wrap180(np.asarray(lon2 - lon1)))
    t = (lat_deg - lat1) / (lat2 - lat1)
    guess = lon1 + t * span
    distance = np.abs(_wrap180(candidates - guess))
    chosen = np.where(distance[0] <= distance[1], candidates[0], candidates[1])
    return _wrap180(chosen)


def line_longitude_deg(line: Line, lat_deg: npt.ArrayLike) -> FloatArray:
    """Longitude [deg, -180..180) of line A, B or C (RR Nos. 5.7-5.9) at each latitude.

    For line C at exactly 10°N this is the west end of its 10°N segment (170°W).
    """
    if line not in _LINES:
        raise InvalidInput("line", f"expected 'A', 'B' or 'C', got {line!r}")
    lat = np.asarray(lat_deg, dtype=np.float64)
    result = np.full(lat.shape, np.nan)
    for lat_hi, lat_lo, kind, data in _LINES[line]:
        mask = (lat <= lat_hi) & (lat >= lat_lo) & np.isnan(result)
        if not mask.any():
            continue
        if kind == "meridian":
            result[mask] = data[0]
        else:
            result[mask] = _arc_longitude(lat[mask], data)
    wrapped: FloatArray = _wrap180(result)
    return wrapped


def _validate(lat_deg: npt.ArrayLike, lon_deg: npt.ArrayLike) -> tuple[FloatArray, FloatArray]:
    try:
        lat = np.asarray(lat_deg, dtype=np.float64)
        lon = np.asarray(lon_deg, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise InvalidInput("lat_deg/lon_deg", f"expected numbers: {exc}") from None
    if not np.all(np.isfinite(lat)):
        raise InvalidInput("lat_deg", "must be finite")
    if not np.all(np.isfinite(lon)):
        raise InvalidInput("lon_deg", "must be finite")
    if np.any(np.abs(lat) > 90.0):
        raise InvalidInput("lat_deg", "must be within [-90, 90] degrees")
    try:
        lat, lon = np.broadcast_arrays(lat, lon)
    except ValueError:
        raise InvalidInput(
            "lat_deg/lon_deg", f"shapes {lat.shape} and {lon.shape} do not broadcast"
        ) from None
    return lat, _wrap180(lon)


def _region_by_lines(lat: FloatArray, lon: FloatArray) -> IntArray:
    lon_a = line_longitude_deg("A", lat)
    lon_b = line_longitude_deg("B", lat)
    lon_c = line_longitude_deg("C", lat)
    # Longitudes measured eastward from line B: B (0) < A < C < 360.
    east_of_b = (lon - lon_b) % 360.0
    a_east_of_b = (lon_a - lon_b) % 360.0
    c_east_of_b = (lon_c - lon_b) % 360.0
    region = np.where(east_of_b < a_east_of_b, 1, np.where(east_of_b < c_east_of_b, 3, 2))
    result: IntArray = region.astype(np.int8)
    return result


@functools.cache
def _exception_rings(codes: tuple[str, ...]) -> tuple[FloatArray, ...]:
    rings = polygons.country_rings()
    return tuple(ring for code in codes for ring in rings[_ISO3[code]])


def itu_region_of_point(
    lat_deg: npt.ArrayLike,
    lon_deg: npt.ArrayLike,
    *,
    country_exceptions: bool = True,
) -> IntArray:
    """ITU Region (1, 2 or 3) of each point, per RR Nos. 5.3 to 5.9.

    Parameters
    ----------
    lat_deg : array_like
        Geodetic latitude [deg], -90 to 90.
    lon_deg : array_like
        Longitude [deg], east positive; any value (wrapped to -180..180).
    country_exceptions : bool
        Apply the country rules of Nos. 5.3 and 5.5 (whole territory of Armenia ...
        Ukraine in Region 1, Iran's territory between lines B and A in Region 3, the area
        north of the Russian Federation in Region 1). ``False`` gives the lines alone.

    Returns
    -------
    ndarray of int8
        The Region, with the broadcast shape of the inputs (shape ``()`` for scalars).

    Raises
    ------
    InvalidInput
        For non-finite input, a latitude outside [-90, 90] or shapes that do not broadcast.
    """
    lat, lon = _validate(lat_deg, lon_deg)
    by_lines = _region_by_lines(lat, lon)
    if not country_exceptions:
        return by_lines
    flat_lat, flat_lon = lat.ravel(), lon.ravel()
    base = by_lines.ravel()
    region = base.copy()
    # Region 3 by the lines, Region 1 by No. 5.3: north of the Russian Federation ...
    between_a_c = base == 3
    region[between_a_c & (flat_lat >= NORTH_OF_RUSSIA_LAT_DEG)] = 1
    # ... and the territory of the twelve countries named in No. 5.3.
    idx = np.flatnonzero(between_a_c & (flat_lat < NORTH_OF_RUSSIA_LAT_DEG))
    if idx.size:
        inside = polygons.points_in_rings(
            flat_lat[idx], flat_lon[idx], _exception_rings(REGION_1_COUNTRIES)
        )
        region[idx[inside]] = 1
    # Region 1 by the lines, Region 3 by Nos. 5.3/5.5: Iran's territory.
    idx = np.flatnonzero(base == 1)
    if idx.size:
        inside = polygons.points_in_rings(
            flat_lat[idx], flat_lon[idx], _exception_rings(REGION_3_COUNTRIES)
        )
        region[idx[inside]] = 3
    result: IntArray = region.reshape(by_lines.shape)
    return result
