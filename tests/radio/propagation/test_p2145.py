"""ITU-R P.2145-0 maps (module p2145) and the P.676-13 Annex 2 statistical slant-path method.

The ITU-R rows that exercise both end to end are those of ITURP618-14_A_total.csv
(tests/radio/propagation/test_p618_14.py: all 24 within 0.01 dB). Here: the properties the
Recommendation's procedure must have whatever the map values, and the input checks.
"""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import numpy.typing as npt
import pytest

from openitu.errors import InvalidInput
from openitu.radio.propagation import p676, p2145

Points = dict[str, npt.NDArray[np.float64]]


@pytest.fixture(scope="module")
def points() -> Points:
    rng = np.random.default_rng(2145)
    n = 400
    return {
        "lat": rng.uniform(-89.9, 89.9, n),
        "lon": rng.uniform(-180.0, 360.0, n),
        "alt": rng.uniform(0.0, 3.0, n),
    }


def test_exceeded_values_decrease_with_the_percentage(points: Points) -> None:
    # A value exceeded for a smaller fraction of the year is at least as large: at every
    # location and height, for each of P, T, ρ and V, including between the maps (the
    # interpolation in ln p must keep the order).
    percentages = (5.0, 7.0, 10.0, 15.0, 20.0, 25.0, 30.0, 40.0, 50.0)
    stats = [
        p2145.surface_statistics(points["lat"], points["lon"], p, alt_km=points["alt"])
        for p in percentages
    ]
    for name in ("pressure_hpa", "temperature_k", "rho_g_m3", "v_kg_m2"):
        values = np.array([getattr(s, name) for s in stats])
        assert np.all(np.diff(values, axis=0) <= 1e-9), name
        assert np.all(np.isfinite(values)) and np.all(values > 0.0), name


def test_values_decrease_with_height(points: Points) -> None:
    # Step 1 of the procedure: pressure and water vapour fall exponentially with their scale
    # heights, temperature with the (negative) lapse rate TSCH.
    low = p2145.surface_statistics(points["lat"], points["lon"], 10.0, alt_km=0.0)
    high = p2145.surface_statistics(points["lat"], points["lon"], 10.0, alt_km=1.0)
    ratio = high.pressure_hpa / low.pressure_hpa
    # PSCH lies between 6.5 and 8.3 km on the whole grid: exp(-1/6.5) to exp(-1/8.3).
    assert np.all(ratio < np.exp(-1.0 / 8.4)) and np.all(ratio > np.exp(-1.0 / 6.4))
    assert np.all(high.temperature_k < low.temperature_k)
    assert np.all(high.rho_g_m3 < low.rho_g_m3)
    assert np.all(high.v_kg_m2 < low.v_kg_m2)
    # On a grid point (one map value, no bilinear mixing) ρ and V share the scale height
    # VSCH: their ratios between two heights are equal.
    lat = np.round(points["lat"] * 4.0) / 4.0
    lon = np.round(points["lon"] * 4.0) / 4.0
    low = p2145.surface_statistics(lat, lon, 10.0, alt_km=0.0)
    high = p2145.surface_statistics(lat, lon, 10.0, alt_km=1.0)
    np.testing.assert_allclose(high.rho_g_m3 / low.rho_g_m3, high.v_kg_m2 / low.v_kg_m2, rtol=1e-9)


def test_interpolation_between_maps_is_linear_in_ln_p(points: Points) -> None:
    lat, lon, alt = points["lat"], points["lon"], points["alt"]
    at10 = p2145.surface_statistics(lat, lon, 10.0, alt_km=alt).v_kg_m2
    at20 = p2145.surface_statistics(lat, lon, 20.0, alt_km=alt).v_kg_m2
    between = p2145.surface_statistics(lat, lon, np.sqrt(200.0), alt_km=alt).v_kg_m2
    np.testing.assert_allclose(between, (at10 + at20) / 2.0, rtol=1e-12)


def test_longitude_conventions_and_shapes() -> None:
    lat = np.array([[51.5, -33.9], [3.1, 64.1]])
    lon = np.array([[-0.14, 18.43], [101.7, -21.9]])
    a = p2145.surface_statistics(lat, lon, 20.0, alt_km=0.1)
    b = p2145.surface_statistics(lat, lon + 360.0 * (lon < 0), 20.0, alt_km=0.1)
    assert a.v_kg_m2.shape == (2, 2)
    np.testing.assert_allclose(a.v_kg_m2, b.v_kg_m2, rtol=1e-12)
    np.testing.assert_allclose(a.pressure_hpa, b.pressure_hpa, rtol=1e-12)
    scalar = p2145.surface_statistics(51.5, -0.14)
    assert scalar.temperature_k.shape == ()


def test_annual_means_are_plausible() -> None:
    # London near sea level: a mean surface pressure near 1 012 hPa, 9-13 °C, 6-10 g/m³.
    mean = p2145.surface_statistics(51.5, -0.14, alt_km=0.03)
    assert 1005.0 < float(mean.pressure_hpa) < 1020.0
    assert 282.0 < float(mean.temperature_k) < 286.5
    assert 6.0 < float(mean.rho_g_m3) < 10.0
    assert 10.0 < float(mean.v_kg_m2) < 25.0


def test_ranges_are_checked() -> None:
    with pytest.raises(InvalidInput) as bad:
        p2145.surface_statistics(0.0, 0.0, 1.0)
    assert bad.value.field == "p_percent" and "5" in bad.value.reason
    with pytest.raises(InvalidInput) as bad:
        p2145.surface_statistics(0.0, 0.0, 60.0)
    assert bad.value.field == "p_percent"
    with pytest.raises(InvalidInput) as bad:
        p2145.surface_statistics(91.0, 0.0, 10.0)
    assert bad.value.field == "lat_deg"
    with pytest.raises(InvalidInput) as bad:
        p2145.surface_statistics(0.0, 0.0, 10.0, alt_km=12.0)
    assert bad.value.field == "alt_km"
    with pytest.raises(InvalidInput) as bad:
        p2145.surface_statistics(0.0, 0.0, 10.0, edition="P.2145-1")
    assert bad.value.field == "edition"


def test_statistical_gas_scales_with_the_cosecant_and_falls_with_p(points: Points) -> None:
    lat, lon = points["lat"][:100], points["lon"][:100]
    lat = np.clip(lat, -70.0, 70.0)
    zenith = p676.slant_path_attenuation_statistical_db(lat, lon, 20.0, 90.0, 5.0)
    thirty = p676.slant_path_attenuation_statistical_db(lat, lon, 20.0, 30.0, 5.0)
    np.testing.assert_allclose(thirty, 2.0 * zenith, rtol=1e-12)
    at50 = p676.slant_path_attenuation_statistical_db(lat, lon, 20.0, 90.0, 50.0)
    assert np.all(zenith > at50) and np.all(at50 > 0.0)
    # Near the 22.235 GHz water line the attenuation is larger than at 14 GHz everywhere.
    at14 = p676.slant_path_attenuation_statistical_db(lat, lon, 14.0, 90.0, 5.0)
    at22 = p676.slant_path_attenuation_statistical_db(lat, lon, 22.2, 90.0, 5.0)
    assert np.all(at22 > at14)
    # Above P.618's range (the K_V table goes to 350 GHz): the 60 GHz oxygen band and the
    # 183 GHz water line stand out from their neighbours.
    by_f = {
        f: p676.slant_path_attenuation_statistical_db(lat, lon, f, 90.0, 10.0)
        for f in (45.0, 60.0, 150.0, 183.3, 350.0)
    }
    assert np.all(by_f[60.0] > 10.0 * by_f[45.0])
    assert np.all(by_f[183.3] > 5.0 * by_f[150.0])
    assert np.all(np.isfinite(by_f[350.0]))


def test_statistical_gas_ranges_are_checked() -> None:
    for field, kwargs in (
        ("f_ghz", {"f_ghz": 360.0}),
        ("p_percent", {"p_percent": 1.0}),
        ("el_deg", {"el_deg": 2.0}),
        ("hs_km", {"hs_km": 10.0}),
        ("edition", {"edition": "P.676-12"}),
    ):
        args: dict[str, object] = {
            "lat_deg": 10.0,
            "lon_deg": 10.0,
            "f_ghz": 20.0,
            "el_deg": 30.0,
            "p_percent": 10.0,
        }
        args.update(kwargs)
        with pytest.raises(InvalidInput) as bad:
            p676.slant_path_attenuation_statistical_db(**args)  # type: ignore[arg-type]
        assert bad.value.field == field


def test_maps_load_only_when_used() -> None:
    code = (
        "from openitu.radio.propagation import p618, p676, p2145\n"
        "assert p2145.maps_loaded() == 0\n"
        "p2145.surface_statistics(0.0, 0.0, 10.0, alt_km=0.0)\n"
        "assert p2145.maps_loaded() == 8, p2145.maps_loaded()\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
