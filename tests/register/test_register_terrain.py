"""Terrain profiles from GeoTIFF tiles the tests write, and from P.1511."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest
import rasterio
from rasterio.transform import from_origin
from rasterio.warp import transform as warp_transform

from openitu.errors import InvalidInput
from openitu.register.technical import (
    DEFAULT_CRITERIA,
    RecordedAssignments,
    Station,
    find_affected,
    great_circle_km,
)
from openitu.register.terrain import GeoTiffTerrain, P1511Terrain, great_circle_points


def plane(lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    """Known terrain: a tilted plane [m] in (lon, lat) (bilinear interpolation is exact)."""
    return 100.0 + 40.0 * (lon - 6.0) + 25.0 * (lat - 45.0)


def write_geographic_tile(path: Path, lon0: float, lat0: float, n: int = 121) -> None:
    """An SRTM-style 1-degree tile: n x n pixel centres from (lon0, lat0+1) to (lon0+1, lat0),
    edges shared with the neighbouring tiles, as SRTM and Copernicus GLO-30 tiles are."""
    res = 1.0 / (n - 1)
    lon = lon0 + np.arange(n) * res
    lat = lat0 + 1.0 - np.arange(n) * res
    heights = plane(lon[None, :], lat[:, None]).astype(np.float32)
    with rasterio.open(
        path, "w", driver="GTiff", width=n, height=n, count=1, dtype="float32",
        crs="EPSG:4326", transform=from_origin(lon0 - res / 2, lat0 + 1 + res / 2, res, res),
        nodata=-32768.0,
    ) as dataset:  # fmt: skip
        dataset.write(heights, 1)


def test_profile_follows_the_tile_heights(tmp_path: Path) -> None:
    tile = tmp_path / "N45E006.tif"
    write_geographic_tile(tile, 6.0, 45.0)
    terrain = GeoTiffTerrain([tile], fallback=None)
    d, h = terrain.profile(45.1, 6.1, 45.8, 6.9, step_km=0.5)
    _, lat, lon = great_circle_points(45.1, 6.1, 45.8, 6.9, step_km=0.5)
    np.testing.assert_allclose(h, plane(lon, lat), atol=1e-3)
    assert d[0] == 0 and np.all(np.diff(d) > 0) and np.all(np.diff(d) <= 0.5 + 1e-9)
    assert d[-1] == pytest.approx(float(great_circle_km(45.1, 6.1, 45.8, 6.9)), rel=1e-9)


def test_profile_crosses_tile_seams(tmp_path: Path) -> None:
    tiles = []
    for lon0 in (6.0, 7.0):
        for lat0 in (45.0, 46.0):
            path = tmp_path / f"N{lat0:02.0f}E{lon0:03.0f}.tif"
            write_geographic_tile(path, lon0, lat0)
            tiles.append(path)
    terrain = GeoTiffTerrain(tiles, fallback=None)
    # a diagonal path across both the meridian seam at 7 E and the parallel seam at 46 N
    _d, h = terrain.profile(45.3, 6.2, 46.7, 7.8, step_km=0.3)
    _, lat, lon = great_circle_points(45.3, 6.2, 46.7, 7.8, step_km=0.3)
    assert lon.min() < 7.0 < lon.max() and lat.min() < 46.0 < lat.max()
    np.testing.assert_allclose(h, plane(lon, lat), atol=1e-3)


def test_reprojected_tile(tmp_path: Path) -> None:
    """A tile in UTM zone 32N (EPSG:32632) is sampled where the path points fall in it."""
    path = tmp_path / "utm.tif"
    res, n = 100.0, 400
    x0, y0 = 280_000.0, 5_020_000.0  # upper-left corner, near 45.3 N 6.2 E
    xs = x0 + (np.arange(n) + 0.5) * res
    ys = y0 - (np.arange(n) + 0.5) * res
    heights = (500.0 + 0.01 * (xs[None, :] - x0) - 0.02 * (ys[:, None] - y0)).astype(np.float32)
    with rasterio.open(
        path, "w", driver="GTiff", width=n, height=n, count=1, dtype="float32",
        crs="EPSG:32632", transform=from_origin(x0, y0, res, res),
    ) as dataset:  # fmt: skip
        dataset.write(heights, 1)
    terrain = GeoTiffTerrain([path], fallback=None)
    lat1, lon1, lat2, lon2 = 45.15, 6.25, 45.0, 6.6
    _d, h = terrain.profile(lat1, lon1, lat2, lon2, step_km=1.0)
    _, lat, lon = great_circle_points(lat1, lon1, lat2, lon2, step_km=1.0)
    x, y = warp_transform("EPSG:4326", "EPSG:32632", lon.tolist(), lat.tolist())
    expected = 500.0 + 0.01 * (np.asarray(x) - x0) - 0.02 * (np.asarray(y) - y0)
    np.testing.assert_allclose(h, expected, atol=0.05)


def test_points_outside_the_tiles_fall_back_on_p1511(tmp_path: Path) -> None:
    tile = tmp_path / "N45E006.tif"
    write_geographic_tile(tile, 6.0, 45.0)
    p1511 = P1511Terrain()
    terrain = GeoTiffTerrain([tile], fallback=p1511)
    _d, h = terrain.profile(45.5, 6.5, 45.5, 8.5, step_km=2.0)
    _, lat, lon = great_circle_points(45.5, 6.5, 45.5, 8.5, step_km=2.0)
    inside = lon <= 7.0
    np.testing.assert_allclose(h[inside], plane(lon[inside], lat[inside]), atol=1e-3)
    np.testing.assert_allclose(h[~inside], p1511.heights_m(lat[~inside], lon[~inside]))
    with pytest.raises(InvalidInput) as error:
        GeoTiffTerrain([tile], fallback=None).profile(45.5, 6.5, 45.5, 8.5, step_km=2.0)
    assert error.value.field == "terrain"


def test_nodata_falls_back(tmp_path: Path) -> None:
    path = tmp_path / "holes.tif"
    n = 11
    data = np.full((n, n), -32768.0, dtype=np.float32)
    with rasterio.open(
        path, "w", driver="GTiff", width=n, height=n, count=1, dtype="float32",
        crs="EPSG:4326", transform=from_origin(5.95, 46.05, 0.1, 0.1), nodata=-32768.0,
    ) as dataset:  # fmt: skip
        dataset.write(data, 1)
    p1511 = P1511Terrain()
    h = GeoTiffTerrain([path], fallback=p1511).heights_m(np.array([45.5]), np.array([6.5]))
    np.testing.assert_allclose(h, p1511.heights_m(np.array([45.5]), np.array([6.5])))


def test_p1511_profile_sees_the_alps_and_the_sea() -> None:
    terrain = P1511Terrain()
    # Geneva to Turin over the Mont Blanc massif
    d, h = terrain.profile(46.2, 6.1, 45.07, 7.69, step_km=1.0)
    assert len(d) >= 4 and np.all(np.diff(d) > 0)
    assert h.max() > 2000.0  # the P.1511-2 1/12 deg grid smooths the peaks, not the massif
    # across the Mediterranean, Marseille to Algiers: sea level over most of the way
    _, sea = terrain.profile(43.0, 5.3, 36.9, 3.1, step_km=5.0)
    assert np.median(np.abs(sea)) < 50.0


def test_bad_inputs() -> None:
    with pytest.raises(InvalidInput) as error:
        P1511Terrain().profile(95.0, 0.0, 45.0, 0.0, step_km=1.0)
    assert error.value.field == "lat1_deg"
    with pytest.raises(InvalidInput) as error:
        P1511Terrain().profile(45.0, 0.0, 45.0, 1.0, step_km=0.0)
    assert error.value.field == "step_km"
    with pytest.raises(InvalidInput) as error:
        GeoTiffTerrain([])
    assert error.value.field == "paths"


def test_a_ridge_protects_a_link(tmp_path: Path) -> None:
    """The technical examination on a terrain with a ridge between the stations finds
    larger margins than on the smooth Earth."""
    path = tmp_path / "ridge.tif"
    n = 201
    res = 1.0 / (n - 1)
    lon = 6.0 + np.arange(n) * res
    ridge = 1500.0 * np.exp(-(((lon - 6.5) / 0.02) ** 2))
    heights = np.repeat((200.0 + ridge)[None, :], n, axis=0).astype(np.float32)
    with rasterio.open(
        path, "w", driver="GTiff", width=n, height=n, count=1, dtype="float32",
        crs="EPSG:4326", transform=from_origin(6.0 - res / 2, 46.0 + res / 2, res, res),
    ) as dataset:  # fmt: skip
        dataset.write(heights, 1)
    terrain = GeoTiffTerrain([path], fallback=None)
    victim = Station(1, "CH", "fixed", "FX", 6.175e9, 30e6, 45.5, 6.8, 30.0, 50.0, 38.0,
                     None, "v", 45.6, 6.9, 30.0, 38.0)  # fmt: skip
    candidate = Station(None, "FR", "fixed", "FX", 6.175e9, 30e6, 45.5, 6.2, 30.0, 50.0, 38.0,
                        None, "v", 45.4, 6.1, 30.0, 38.0)  # fmt: skip
    recorded = RecordedAssignments.from_stations([victim])
    loose = dataclasses.replace(DEFAULT_CRITERIA, in_fixed_db=-200.0)
    smooth = find_affected(candidate, recorded, criteria=loose)
    hilly = find_affected(candidate, recorded, criteria=loose, terrain=terrain)
    for direction in ("candidate->recorded", "recorded->candidate"):
        m_smooth = next(a.margin_db for a in smooth.affected if a.direction == direction)
        m_hilly = next(a.margin_db for a in hilly.affected if a.direction == direction)
        assert m_hilly > m_smooth + 10.0
