"""P.676-12 and P.676-13 (gaseous attenuation) against the ITU-R SG3 validation rows."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from _earth_space_rows import assert_agrees, rows

from openitu.errors import InvalidInput
from openitu.radio.propagation import p676


@pytest.mark.parametrize(
    ("name", "edition"),
    [("ITURP676-12_gamma.csv", "P.676-12"), ("ITURP676-13_gamma.csv", "P.676-13")],
)
def test_specific_attenuation(name: str, edition: str) -> None:
    # Annex 1 line by line, 1 to 1000 GHz; the files' rho unit line says g/cm3, it is g/m3.
    r = rows(name)
    ours = p676.specific_attenuation(r["f"], r["P"], r["rho"], r["T"], edition=edition)
    assert_agrees(ours.gamma_o_db_km, r["gamma0"])
    assert_agrees(ours.gamma_w_db_km, r["gammaw"])
    assert_agrees(ours.gamma_db_km, r["gamma"])
    # Far below the line peaks the values are tiny: agreement relative to them as well.
    small = np.abs(r["gamma"]) < 0.01
    assert np.allclose(ours.gamma_db_km[small], r["gamma"][small], rtol=1e-5, atol=0.0)


def test_p676_12_zenith_water_vapour_attenuation() -> None:
    # §2.3 from V_t and the station height (the file's p column is the percentage).
    r = rows("ITURP676-12_zenith_attenuation.csv")
    ours = p676.zenith_water_vapour_attenuation_db(r["f"], r["V_t"], r["h"], edition="P.676-12")
    assert_agrees(ours, r["Aw"])
    assert np.allclose(ours, r["Aw"], rtol=1e-6)


def test_p676_13_slant_path() -> None:
    # Eq. (30) with h_o of eq. (31) (coefficient file, total pressure) and h_w of eq. (37).
    r = rows("ITURP676-13_A_gas.csv")
    ours = p676.slant_path_attenuation_db(r["f"], r["el"], r["rho"], r["P"], r["T"])
    assert_agrees(ours, r["A_gas"])
    assert np.allclose(ours, r["A_gas"], rtol=1e-6)


def test_p676_12_slant_path_through_the_module() -> None:
    # ITURP676-12_A_gas.csv gives the surface conditions; T is in K despite its unit line.
    r = rows("ITURP676-12_A_gas.csv")
    ours = p676.slant_path_attenuation_db(
        r["f"],
        r["el"],
        r["rho"],
        r["P"],
        r["T"],
        v_t_kg_m2=r["V_t"],
        hs_km=r["h"],
        edition="P.676-12",
    )
    assert_agrees(ours, r["A_gas"])


def test_invariants() -> None:
    # The 60 GHz oxygen complex and the 22 GHz water line stand out of their surroundings.
    s = p676.specific_attenuation(np.array([50.0, 60.0, 70.0]), 1013.25, 7.5, 288.15)
    assert s.gamma_o_db_km[1] > 10 * max(s.gamma_o_db_km[0], s.gamma_o_db_km[2])
    w = p676.specific_attenuation(np.array([15.0, 22.235, 30.0]), 1013.25, 7.5, 288.15)
    assert w.gamma_w_db_km[1] > 2 * max(w.gamma_w_db_km[0], w.gamma_w_db_km[2])
    # Dry air: no water-vapour attenuation.
    assert float(p676.specific_attenuation(22.0, 1013.25, 0.0, 288.15).gamma_w_db_km) == 0.0
    # Lower elevation, longer path, more attenuation (broadcast over elevation).
    a = p676.slant_path_attenuation_db(30.0, np.array([10.0, 30.0, 90.0]), 7.5, 1013.25, 288.15)
    assert np.all(np.diff(a) < 0)
    h_o, h_w = p676.equivalent_heights_km(np.array([10.0, 30.0]), 1013.25, 7.5, 288.15)
    assert np.all((h_o > 4) & (h_o < 8)) and np.all((h_w > 1) & (h_w < 3))


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"f_ghz": 400.0}, "f_ghz"),
        ({"el_deg": 2.0}, "el_deg"),
        ({"pressure_hpa": 1200.0}, "pressure_hpa"),
        ({"temperature_k": 20.0}, "temperature_k"),
        ({"v_t_kg_m2": 20.0}, "hs_km"),
        ({"edition": "P.676-11"}, "edition"),
    ],
)
def test_out_of_range_inputs_name_the_field(kwargs: dict[str, Any], field: str) -> None:
    arguments: dict[str, Any] = {
        "f_ghz": 30.0,
        "el_deg": 30.0,
        "rho_g_m3": 7.5,
        "pressure_hpa": 1013.25,
        "temperature_k": 288.15,
    }
    arguments.update(kwargs)
    with pytest.raises(InvalidInput) as caught:
        p676.slant_path_attenuation_db(**arguments)
    assert caught.value.field == field


def test_zenith_water_vapour_below_20_ghz_raises_no_overflow() -> None:
    # Below 20 GHz §2.3 has no height term; b(1 GHz) ~ 5e4 made h**b overflow (a warning).
    with np.errstate(over="raise", invalid="raise"):
        low = p676.slant_path_attenuation_db(
            [1.0, 19.9], 30.0, 7.5, 1013.25, 288.15, v_t_kg_m2=20.0, hs_km=2.0, edition="P.676-12"
        )
    assert np.all(np.isfinite(low)) and np.all(low > 0.0)
