"""The ITU-R digital maps the Earth-space models read (openitu.radio.propagation.maps,
P.837 and P.1511), each against its own ITU-R validation file in tests/reference/earth_space."""

from __future__ import annotations

from _earth_space_rows import assert_agrees, rows

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
