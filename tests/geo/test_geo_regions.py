"""ITU Regions of points: RR Nos. 5.3-5.9 (lines A, B, C and the country exceptions)."""

from __future__ import annotations

import numpy as np
import pytest

from openitu.errors import InvalidInput
from openitu.geo.regions import (
    BERING_BOUNDARY_LON_DEG,
    itu_region_of_point,
    line_longitude_deg,
)

# (name, lat, lon, Region by RR 5.3-5.9 with the country exceptions, Region by the lines alone)
CITIES = [
    ("Geneva", 46.20, 6.15, 1, 1),
    ("Washington", 38.90, -77.04, 2, 2),
    ("Tokyo", 35.68, 139.69, 3, 3),
    ("Reykjavik", 64.15, -21.94, 1, 1),  # line B is at 28.7°W on 64°N: Iceland is Region 1
    ("Nuuk", 64.18, -51.72, 2, 2),  # Greenland: Region 2
    ("Honolulu", 21.31, -157.86, 2, 2),  # east of line C's arc (174°W at 21°N)
    ("Auckland", -36.85, 174.76, 3, 3),
    ("Sydney", -33.87, 151.21, 3, 3),
    ("Buenos Aires", -34.60, -58.38, 2, 2),
    ("Cape Town", -33.92, 18.42, 1, 1),
    ("Praia", 14.93, -23.51, 1, 1),  # Cabo Verde, east of line B's second arc
    ("Ponta Delgada", 37.74, -25.67, 1, 1),  # Azores
    ("Recife", -8.05, -34.90, 2, 2),
    ("Muscat", 23.59, 58.41, 1, 1),  # west of line A's arc (59.7°E at 23.6°N)
    ("Karachi", 24.86, 67.01, 3, 3),
    ("Kabul", 34.53, 69.17, 3, 3),
    ("Tehran", 35.69, 51.39, 3, 3),  # east of line A (45.4°E at 35.7°N) anyway
    ("Ahvaz", 31.32, 48.67, 3, 1),  # Iran west of line A: Region 3 by No. 5.3/5.5
    ("Shiraz", 29.59, 52.58, 3, 1),
    ("Kars", 40.60, 43.10, 1, 3),  # Turkey east of 40°E: Region 1 by No. 5.3
    ("Erzurum", 39.90, 41.27, 1, 3),
    ("Yerevan", 40.18, 44.51, 1, 3),
    ("Tbilisi", 41.72, 44.79, 1, 3),
    ("Baku", 40.41, 49.87, 1, 3),
    ("Almaty", 43.24, 76.89, 1, 3),
    ("Tashkent", 41.30, 69.24, 1, 3),
    ("Bishkek", 42.87, 74.59, 1, 3),
    ("Dushanbe", 38.56, 68.79, 1, 3),
    ("Ashgabat", 37.95, 58.38, 1, 3),
    ("Ulaanbaatar", 47.89, 106.91, 1, 3),
    ("Novosibirsk", 55.03, 82.92, 1, 3),
    ("Vladivostok", 43.12, 131.89, 1, 3),
    ("Petropavlovsk-Kamchatsky", 53.02, 158.65, 1, 3),
    ("Kharkiv", 49.99, 36.23, 1, 1),  # Ukraine is west of 40°E anyway
    ("Moscow", 55.76, 37.62, 1, 1),
    ("Beijing", 39.90, 116.40, 3, 3),
    ("Anchorage", 61.22, -149.90, 2, 2),
    ("Attu (Aleutians)", 52.90, 172.90, 2, 2),  # east of line C's arc (170.1°E at 52.9°N)
    ("Papeete", -17.54, -149.57, 3, 3),  # south of 10°N line C is 120°W
    ("Hanga Roa (Easter Island)", -27.15, -109.43, 2, 2),
    ("Kiritimati", 1.87, -157.40, 3, 3),
    ("Clipperton", 10.30, -109.22, 2, 2),
    ("North of Taymyr (Arctic)", 80.0, 100.0, 1, 3),  # "area to the north of Russia"
    ("Sea of Okhotsk", 55.0, 150.0, 3, 3),
]


@pytest.mark.parametrize(("name", "lat", "lon", "with_exceptions", "lines_only"), CITIES)
def test_well_known_places(
    name: str, lat: float, lon: float, with_exceptions: int, lines_only: int
) -> None:
    assert int(itu_region_of_point(lat, lon)) == with_exceptions, name
    assert int(itu_region_of_point(lat, lon, country_exceptions=False)) == lines_only, name


def test_vectorised_over_all_cities_matches_scalar_calls() -> None:
    lat = np.array([c[1] for c in CITIES])
    lon = np.array([c[2] for c in CITIES])
    regions = itu_region_of_point(lat, lon)
    assert regions.shape == lat.shape
    assert regions.dtype == np.int8
    assert regions.tolist() == [c[3] for c in CITIES]


def test_shapes_broadcast_and_scalars_are_zero_dimensional() -> None:
    assert itu_region_of_point(46.2, 6.15).shape == ()
    grid = itu_region_of_point(np.array([[46.2], [38.9]]), np.array([6.15, -77.0, 139.7]))
    assert grid.shape == (2, 3)
    assert grid.tolist() == [[1, 2, 3], [1, 2, 3]]


def test_longitudes_wrap() -> None:
    assert int(itu_region_of_point(35.68, 139.69 - 360.0)) == 3
    assert int(itu_region_of_point(38.9, -77.04 + 720.0)) == 2


@pytest.mark.parametrize(
    ("lat", "lon", "field"),
    [(91.0, 0.0, "lat_deg"), (np.nan, 0.0, "lat_deg"), (0.0, np.inf, "lon_deg")],
)
def test_bad_input_names_the_field(lat: float, lon: float, field: str) -> None:
    with pytest.raises(InvalidInput) as info:
        itu_region_of_point(lat, lon)
    assert info.value.field == field


def test_shapes_that_do_not_broadcast_are_refused() -> None:
    with pytest.raises(InvalidInput):
        itu_region_of_point(np.zeros(2), np.zeros(3))


# --- the lines themselves -----------------------------------------------------------


def _unit(lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    la, lo = np.radians(lat), np.radians(lon)
    return np.stack([np.cos(la) * np.cos(lo), np.cos(la) * np.sin(lo), np.sin(la)], axis=-1)


def _slerp(p1: tuple[float, float], p2: tuple[float, float], n: int = 2001) -> np.ndarray:
    """Points along the great circle arc p1-p2 as (lat, lon), by spherical interpolation."""
    a = _unit(np.array(p1[0]), np.array(p1[1]))
    b = _unit(np.array(p2[0]), np.array(p2[1]))
    omega = np.arccos(np.clip(a @ b, -1, 1))
    t = np.linspace(0.0, 1.0, n)[:, None]
    v = (np.sin((1 - t) * omega) * a + np.sin(t * omega) * b) / np.sin(omega)
    lat_lon: np.ndarray = np.degrees(
        np.stack([np.arcsin(v[:, 2]), np.arctan2(v[:, 1], v[:, 0])], axis=1)
    )
    return lat_lon


ARCS = [
    ("A", (40.0, 40.0), (23.44, 60.0)),
    ("B", (72.0, -10.0), (40.0, -50.0)),
    ("B", (40.0, -50.0), (-10.0, -20.0)),
    ("C", (65.5, BERING_BOUNDARY_LON_DEG), (50.0, 165.0)),
    ("C", (50.0, 165.0), (10.0, -170.0)),
]


@pytest.mark.parametrize(("line", "p1", "p2"), ARCS)
def test_arcs_are_great_circles(
    line: str, p1: tuple[float, float], p2: tuple[float, float]
) -> None:
    """Points of the arc built independently (slerp) lie on the computed line."""
    points = _slerp(p1, p2)[1:-1]
    # Latitude is monotonic along each RR arc, so the line is a function of latitude.
    assert np.all(np.diff(points[:, 0]) < 0)
    lon = line_longitude_deg(line, points[:, 0])  # type: ignore[arg-type]
    error = (lon - points[:, 1] + 180.0) % 360.0 - 180.0
    assert np.max(np.abs(error)) < 1e-9


def test_great_circle_differs_from_a_straight_line_in_lat_lon() -> None:
    # Midway in latitude on line B's first arc, the straight line would be at 30°W.
    lon = float(line_longitude_deg("B", 56.0))
    assert abs(lon - (-30.0)) > 1.0


def test_line_vertices_are_those_of_the_rr() -> None:
    lat = np.array([90.0, 60.0, 40.0, 23.44, 0.0, -90.0])
    assert line_longitude_deg("A", lat).tolist() == pytest.approx([40, 40, 40, 60, 60, 60])
    b = line_longitude_deg("B", np.array([90.0, 72.0, 40.0, -10.0, -60.0]))
    assert b.tolist() == pytest.approx([-10, -10, -50, -20, -20])
    c = line_longitude_deg("C", np.array([80.0, 65.5, 50.0, 10.0, 9.999, -50.0]))
    assert c.tolist() == pytest.approx(
        [BERING_BOUNDARY_LON_DEG, BERING_BOUNDARY_LON_DEG, 165, -170, -120, -120]
    )


EPS = 1e-3


@pytest.mark.parametrize(
    ("line", "lat", "west", "east"),
    [
        ("A", 60.0, 1, 3),
        ("A", 35.0, 1, 3),
        ("A", 30.0, 1, 3),
        ("A", 0.0, 1, 3),
        ("A", -45.0, 1, 3),
        ("B", 80.0, 2, 1),
        ("B", 65.0, 2, 1),
        ("B", 50.0, 2, 1),
        ("B", 20.0, 2, 1),
        ("B", 0.0, 2, 1),
        ("B", -40.0, 2, 1),
        ("C", 75.0, 3, 2),
        ("C", 60.0, 3, 2),
        ("C", 30.0, 3, 2),
        ("C", 15.0, 3, 2),
        ("C", 0.0, 3, 2),
        ("C", -40.0, 3, 2),
    ],
)
def test_either_side_of_each_segment(line: str, lat: float, west: int, east: int) -> None:
    """Just west and just east of every segment, by the lines alone."""
    lon = float(line_longitude_deg(line, lat))  # type: ignore[arg-type]
    regions = itu_region_of_point(lat, [lon - EPS, lon + EPS], country_exceptions=False)
    assert regions.tolist() == [west, east]


@pytest.mark.parametrize("lon", [-169.0, -150.0, -121.0])
def test_line_c_along_the_10_degree_parallel(lon: float) -> None:
    regions = itu_region_of_point([10.0 + EPS, 10.0 - EPS], lon, country_exceptions=False)
    assert regions.tolist() == [2, 3]


def test_on_a_line_a_point_belongs_to_the_region_east_of_it() -> None:
    assert int(itu_region_of_point(0.0, 60.0, country_exceptions=False)) == 3
    assert int(itu_region_of_point(-50.0, -20.0, country_exceptions=False)) == 1
    assert int(itu_region_of_point(-50.0, -120.0, country_exceptions=False)) == 2
