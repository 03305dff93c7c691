"""GSO geometry and Appendix 8 ΔT/T: worked examples checked by independent arithmetic
(law of cosines for the geometry, decibels for Appendix 8; see tests/reference/space)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from openitu.errors import InvalidInput
from openitu.space import dtt, geometry

RE, RS = geometry.EARTH_RADIUS_KM, geometry.GSO_RADIUS_KM
MINUS_10_LOG_K = 228.6  # dB(K·Hz/W): -10 log Boltzmann's constant, as Appendix 8 rounds it


def _central_angle(lat: float, dlon: float) -> float:
    return math.acos(math.cos(math.radians(lat)) * math.cos(math.radians(dlon)))


def _range_km(lat: float, dlon: float) -> float:
    g = _central_angle(lat, dlon)
    return math.sqrt(RE**2 + RS**2 - 2 * RE * RS * math.cos(g))


@pytest.mark.parametrize(("lat", "dlon"), [(0.0, 0.0), (45.0, 0.0), (30.0, 40.0), (-50.0, -20.0)])
def test_elevation_and_range_by_the_law_of_cosines(lat: float, dlon: float) -> None:
    g = _central_angle(lat, dlon)
    expected_elevation = math.degrees(math.atan2(math.cos(g) - RE / RS, math.sin(g)))
    assert geometry.elevation_deg(10.0 + dlon, lat, 10.0) == pytest.approx(expected_elevation)
    assert geometry.slant_range_km(10.0 + dlon, lat, 10.0) == pytest.approx(_range_km(lat, dlon))


def test_azimuth_and_visibility() -> None:
    # From the northern hemisphere the GSO due south is at azimuth 180°, east of it < 180°.
    assert geometry.azimuth_deg(0.0, 45.0, 0.0) == pytest.approx(180.0)
    assert geometry.azimuth_deg(20.0, 45.0, 0.0) < 180.0
    assert geometry.azimuth_deg(0.0, -45.0, 0.0) == pytest.approx(0.0, abs=1e-9)
    # Visibility ends where cos(γ) = Re/r: about 81.3° of central angle.
    limit = math.degrees(math.acos(RE / RS))
    assert geometry.visible(0.0, limit - 0.1, 0.0)
    assert not geometry.visible(0.0, limit + 0.1, 0.0)
    with pytest.raises(InvalidInput) as caught:
        geometry.elevation_deg(0.0, 91.0, 0.0)
    assert caught.value.field == "lat_deg"


def test_separations() -> None:
    assert geometry.orbital_separation_deg(179.0, -179.0) == pytest.approx(2.0)
    # Topocentric angle from the equator under the midpoint of two satellites 4° apart:
    # both at range d, the satellites 2 r sin 2° apart.
    d = _range_km(0.0, 2.0)
    chord = 2 * RS * math.sin(math.radians(2.0))
    expected = math.degrees(math.acos((2 * d**2 - chord**2) / (2 * d**2)))
    assert geometry.topocentric_angle_deg(0.0, 4.0, 0.0, 2.0) == pytest.approx(expected)
    assert expected > 4.0  # seen from the Earth the arc looks wider than from its centre


def _db_k(*terms: float) -> float:
    return 10 ** ((sum(terms) + MINUS_10_LOG_K) / 10)


def test_appendix_8_from_the_terms() -> None:
    # Worked example: a Ku-band pair. Uplink pe = -60 dB(W/Hz), g1 = 15.68 dBi,
    # g3 = 30 dBi, lu = 206.86 dB; downlink ps = -80 dB(W/Hz), g2 = 30, g4 = 15.80,
    # ld = 204.85 dB; γ = 0 dB, Ts = 500 K, Te = 150 K.
    delta_ts = _db_k(-60, 15.68, 30, -206.86)  # about 5.5 K
    delta_te = _db_k(-80, 30, 15.80, -204.85)  # about 0.09 K
    expected = 100 * (delta_ts + delta_te) / (500 + 150)
    result = dtt.from_terms(
        pe_w_hz=1e-6, g1_dbi=15.68, g3_dbi=30, lu_db=206.86,
        ps_w_hz=1e-8, g2_dbi=30, g4_dbi=15.80, ld_db=204.85,
        gamma_db=0, ts_k=500, te_k=150,
    )  # fmt: skip
    assert float(result.delta_ts_k) == pytest.approx(delta_ts, rel=1e-3)
    assert float(result.delta_te_k) == pytest.approx(delta_te, rel=1e-3)
    assert float(result.dt_t_percent) == pytest.approx(expected, rel=1e-3)
    assert not result.coordination_required
    # The transmission gain weighs the satellite's share: γ = -20 dB leaves mostly ΔTe/Te.
    g = 10 ** (-20 / 10)
    weighted = dtt.from_terms(
        pe_w_hz=1e-6, g1_dbi=15.68, g3_dbi=30, lu_db=206.86,
        ps_w_hz=1e-8, g2_dbi=30, g4_dbi=15.80, ld_db=204.85,
        gamma_db=-20, ts_k=500, te_k=150,
    )  # fmt: skip
    assert float(weighted.dt_t_percent) == pytest.approx(
        100 * (g * delta_ts + delta_te) / (g * 500 + 150), rel=1e-3
    )


def test_appendix_8_threshold_is_six_percent() -> None:
    # ΔTe chosen so that ΔT/T is 5.9 %, then 6.1 %: only the second needs coordination.
    te = 100.0
    needed = [0.059 * te, 0.061 * te]
    ps = np.array(needed) * dtt.BOLTZMANN_J_K  # with g2 + g4 - ld = 0 dB
    result = dtt.from_terms(ps_w_hz=ps, ts_k=1e9, te_k=te, gamma_db=-300)
    assert result.coordination_required.tolist() == [False, True]


def test_appendix_8_from_two_networks_geometry() -> None:
    # Wanted network at 0°, interfering at 4° E; their earth stations at (45 N, 2 E) and
    # (40 N, 5 E), 50 dBi antennas (D/λ = 10^((50-7.7)/20) = 130 >= 100, so beyond
    # φr = 15.85 (D/λ)^-0.6 = 0.86° the Appendix 8 pattern is 32 - 25 log φ).
    wanted = dtt.LinkEnd(sat_lon_deg=0.0, es_lat_deg=45.0, es_lon_deg=2.0, es_gain_dbi=50.0,
                         sat_gain_dbi=30.0)  # fmt: skip
    interfering = dtt.LinkEnd(sat_lon_deg=4.0, es_lat_deg=40.0, es_lon_deg=5.0,
                              es_gain_dbi=50.0, sat_gain_dbi=32.0)  # fmt: skip
    result, terms = dtt.from_geometry(
        wanted, interfering, uplink_hz=14.25e9, downlink_hz=11.45e9,
        pe_w_hz=10 ** (-55 / 10), ps_w_hz=10 ** (-72 / 10), gamma_db=0.0, ts_k=600.0, te_k=120.0,
    )  # fmt: skip

    def angle(own: float, other: float, lat: float, lon: float) -> float:
        a, b = _range_km(lat, own - lon), _range_km(lat, other - lon)
        chord = 2 * RS * math.sin(math.radians(abs(own - other) / 2))
        return math.degrees(math.acos((a**2 + b**2 - chord**2) / (2 * a * b)))

    up_angle = angle(4.0, 0.0, 40.0, 5.0)  # at the interfering station, towards the wanted
    down_angle = angle(0.0, 4.0, 45.0, 2.0)  # at the wanted station, towards the interferer
    lu = 20 * math.log10(4 * math.pi * _range_km(40.0, -5.0) * 1e3 * 14.25e9 / 299_792_458)
    ld = 20 * math.log10(4 * math.pi * _range_km(45.0, 2.0) * 1e3 * 11.45e9 / 299_792_458)
    g1 = 32 - 25 * math.log10(up_angle)
    g4 = 32 - 25 * math.log10(down_angle)
    assert float(terms.uplink_angle_deg) == pytest.approx(up_angle, rel=1e-6)
    assert float(terms.g1_dbi) == pytest.approx(g1, abs=1e-6)
    assert float(terms.lu_db) == pytest.approx(lu, abs=1e-6)
    assert float(terms.g4_dbi) == pytest.approx(g4, abs=1e-6)
    assert float(terms.ld_db) == pytest.approx(ld, abs=1e-6)
    delta_ts = _db_k(-55, g1, 30.0, -lu)
    delta_te = _db_k(-72, 32.0, g4, -ld)
    assert float(result.dt_t_percent) == pytest.approx(
        100 * (delta_ts + delta_te) / (600 + 120), rel=1e-3
    )
    assert bool(result.coordination_required) == (100 * (delta_ts + delta_te) / 720 > 6.0)


def test_appendix_8_pattern_small_antenna_and_bad_terms() -> None:
    # 30 dBi: D/λ = 10^(22.3/20) = 13 < 100: 52 - 10 log(D/λ) - 25 log φ beyond 100 λ/D.
    dl = 10 ** ((30 - 7.7) / 20)
    phi = 20.0
    assert float(dtt.ap8_earth_station_gain_dbi(phi, 30.0)) == pytest.approx(
        52 - 10 * math.log10(dl) - 25 * math.log10(phi)
    )
    assert float(dtt.ap8_earth_station_gain_dbi(90.0, 30.0)) == pytest.approx(
        10 - 10 * math.log10(dl)
    )
    with pytest.raises(InvalidInput) as caught:
        dtt.from_terms(ts_k=0.0, te_k=100.0)
    assert caught.value.field == "ts_k"
    with pytest.raises(InvalidInput) as caught:
        dtt.from_terms(pe_w_hz=-1.0, ts_k=100.0, te_k=100.0)
    assert caught.value.field == "pe_w_hz"
