"""The ITU-R digital maps the Earth-space models read (openitu.radio.propagation.maps,
P.837 and P.1511), each against its own ITU-R validation file in tests/reference/earth_space."""

from __future__ import annotations

import numpy as np
import pytest
from _earth_space_rows import assert_agrees, rows

from openitu.errors import InvalidInput
from openitu.radio.propagation import maps, p837, p1511


def test_maps_the_models_read() -> None:
    # The map values behind the models, each against its own validation file.
    r = rows("ITURP839-4_rain_height.csv")
    assert_agrees(maps.rain_height_km(r["lat"], r["lon"]), r["hr"])
    r = rows("ITURP837-7_rainfall_rate_R001.csv")
    assert_agrees(p837.rainfall_rate_mm_h(r["lat"], r["lon"], 0.01), r["Rp"])
    r = rows("ITURP1511-2_topographic_altitude.csv")
    assert_agrees(p1511.topographic_altitude_km(r["lat"], r["lon"]), r["hs"])
    r = rows("ITURP453-14_Nwet.csv")  # median N_wet: the P.453-13 map gives the -14 values
    assert_agrees(maps.wet_refractivity(r["lat"], r["lon"]), r["Nwet"])
    r = rows("ITURP1510-1_temperature.csv")
    assert_agrees(maps.surface_temperature_k(r["lat"], r["lon"]), r["T"])
    r = rows("ITURP836-6_surface_water_vapour_density_annual.csv")
    assert_agrees(
        maps.surface_water_vapour_density_g_m3(r["lat"], r["lon"], r["p"], r["alt"]),
        r["rho"],
    )
    r = rows("ITURP836-6_total_water_vapour_content_annual.csv")
    assert_agrees(
        maps.total_water_vapour_content_kg_m2(r["lat"], r["lon"], r["p"], r["alt"]), r["V"]
    )


def test_p838_3_coefficients_through_the_rain_model() -> None:
    # ITURP838-3: γ_R = k R^α, the specific attenuation the rain model uses.
    r = rows("ITURP838-3_rain_specific_attenuation.csv")
    k, alpha = maps.rain_specific_attenuation_coefficients(r["f"], r["el"], r["tau"])
    assert_agrees(k * r["R"] ** alpha, r["gamma_r"])


def test_bilinear_weights_the_four_corners_by_distance() -> None:
    # P.1144 §1b: at (row, col) = (0.25, 0.5) of the cell [[1, 3], [5, 7]] the value is
    # 1 (0.75)(0.5) + 5 (0.25)(0.5) + 3 (0.75)(0.5) + 7 (0.25)(0.5) = 3.
    grid = np.array([[1.0, 3.0, 0.0], [5.0, 7.0, 0.0], [0.0, 0.0, 0.0]])
    value = maps.bilinear(grid, np.array([0.25]), np.array([0.5]))
    assert value.tolist() == [3.0]
    # At a grid point the grid's own value; beyond the last row and column, the last cell.
    assert maps.bilinear(grid, np.array([1.0]), np.array([1.0])).tolist() == [7.0]
    r0, c0, dr, dc = maps.grid_corners(np.array([2.0]), np.array([-0.5]), grid.shape)
    assert (r0.tolist(), c0.tolist(), dr.tolist(), dc.tolist()) == ([1], [0], [1.0], [-0.5])


def test_longitudes_wrap_and_locations_are_checked() -> None:
    assert maps.lon360(np.array([-180.0, -0.25, 0.0, 359.5])).tolist() == [
        180.0,
        359.75,
        0.0,
        359.5,
    ]
    with pytest.raises(InvalidInput) as north:
        maps.location(90.5, 0.0)
    assert north.value.field == "lat_deg"
    with pytest.raises(InvalidInput) as west:
        maps.location(0.0, -181.0)
    assert west.value.field == "lon_deg"


def test_the_map_editions_named_are_those_read() -> None:
    # Each reader is the edition MAP_EDITIONS names: the itur model object of that edition.
    assert maps.itur_model("839", maps.edition_version(maps.MAP_EDITIONS["P.839"])) is (
        maps.itur_model("839", 4)
    )
    assert maps.edition_version("P.618-13") == 13


def test_where_the_p836_map_has_no_value_the_location_is_refused() -> None:
    # itur's copy of the P.836-6 maps lacks most of the 88.875 °N row: no silent NaN.
    lat, lon, p, hs = (np.array([v]) for v in (87.8687, 313.0445, 1.0, 0.0))
    with pytest.raises(InvalidInput) as caught:
        maps.surface_water_vapour_density_g_m3(lat, lon, p, hs)
    assert caught.value.field == "lat_deg"
    assert "88.875" in str(caught.value)
    # South of the gap the map has values, and so does the gap's row where it has them.
    for latitude, longitude in ((86.0, 313.0445), (88.875, 10.0)):
        at = (np.array([latitude]), np.array([longitude]))
        assert np.isfinite(maps.total_water_vapour_content_kg_m2(*at, p, hs))
