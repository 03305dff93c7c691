"""Earth-space models against the ITU-R SG3 validation rows (tests/reference/earth_space).

Each test cites the file; rows agree within 0.01 dB, or 0.1 % where the value is large.
The maps load once per module (module-scoped fixture) and every file is replayed in one
vectorised call.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pytest
from _earth_space_rows import assert_agrees, rows, slant_path_of_rows

from openitu.errors import InvalidInput
from openitu.radio.propagation import p618, p676, p840


@pytest.fixture(scope="module")
def total() -> dict[str, npt.NDArray[np.float64]]:
    return rows("ITURP618-13_A_total.csv")


@pytest.fixture(scope="module")
def slant(total: dict[str, npt.NDArray[np.float64]]) -> p618.SlantPathAttenuation:
    # the rows of ITURP618-13_A_total.csv
    return slant_path_of_rows(total, edition="P.618-13")


def test_p618_13_total_and_its_contributions(
    total: dict[str, npt.NDArray[np.float64]], slant: p618.SlantPathAttenuation
) -> None:
    # ITURP618-13_A_total.csv: the §2.5 terms (A_gas_1 and A_clouds_1 are the gas and cloud
    # attenuations at max(p, 1 %), eq. (65)), A_rain, A_scin and A_total.
    assert_agrees(slant.a_gas_db, total["A_gas_1"])
    assert_agrees(slant.a_cloud_db, total["A_clouds_1"])
    assert_agrees(slant.a_rain_db, total["A_rain"])
    assert_agrees(slant.a_scint_db, total["A_scin"])
    assert_agrees(slant.a_total_db, total["A_total"])


def test_gas_and_clouds_at_p_itself(total: dict[str, npt.NDArray[np.float64]]) -> None:
    # The same file's A_gas and A_clouds columns: at p itself, where the maps reach (p >= 0.1).
    t = {k: v[total["p"] >= 0.1] for k, v in total.items()}
    gas = p676.gaseous_attenuation_db(t["lat"], t["lon"], t["f"], t["el"], t["p"], hs_km=t["hs"])
    assert_agrees(gas, t["A_gas"])
    assert_agrees(
        p840.cloud_attenuation_db(t["lat"], t["lon"], t["f"], t["el"], t["p"], edition="P.840-8"),
        t["A_clouds"],
    )


@pytest.mark.parametrize(
    ("name", "edition"),
    [("ITURP618-13_A_rain.csv", "P.618-13"), ("ITURP618-14_A_rain.csv", "P.618-14")],
)
def test_p618_rain_attenuation(name: str, edition: str) -> None:
    # The P.618-14 rain rows are identical to P.618-13's: the method did not change.
    r = rows(name)
    ours = p618.rain_attenuation_db(
        r["lat"],
        r["lon"],
        r["f"],
        r["el"],
        r["p"],
        hs_km=r["hs"],
        tau_deg=r["tau"],
        edition=edition,
    )
    assert_agrees(ours, r["A_rain"])
    # ... and with the rows' own R_0.01 the same numbers come out.
    given = p618.rain_attenuation_db(
        r["lat"],
        r["lon"],
        r["f"],
        r["el"],
        r["p"],
        hs_km=r["hs"],
        tau_deg=r["tau"],
        r001_mm_h=r["R001"],
    )
    assert_agrees(given, r["A_rain"])


@pytest.mark.parametrize(
    ("name", "edition"),
    [("ITURP618-13_A_sci.csv", "P.618-13"), ("ITURP618-14_A_sci.csv", "P.618-14")],
)
def test_p618_scintillation(name: str, edition: str) -> None:
    r = rows(name)
    ours = p618.scintillation_attenuation_db(
        r["lat"], r["lon"], r["f"], r["el"], r["p"], r["D"], r["eta"], edition=edition
    )
    expected = r["A_scin"] if "A_scin" in r else r["A_sci"]
    assert_agrees(ours, expected)


def test_outputs_are_plain_arrays_that_broadcast() -> None:
    scalar = p840.cloud_attenuation_db(51.5, -0.14, 14.25, 31.0, 1.0, edition="P.840-8")
    assert type(scalar) is np.ndarray and scalar.shape == ()
    grid = p840.cloud_attenuation_db(
        51.5,
        -0.14,
        np.array([10.0, 20.0, 30.0])[:, None],
        np.array([20.0, 40.0]),
        1.0,
        edition="P.840-8",
    )
    assert grid.shape == (3, 2)
    # More frequency, more cloud attenuation; higher elevation, less.
    assert np.all(np.diff(grid, axis=0) > 0) and np.all(np.diff(grid, axis=1) < 0)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"f_ghz": 60.0}, "f_ghz"),
        ({"p_percent": 60.0}, "p_percent"),
        ({"p_percent": 0.0001}, "p_percent"),
        ({"el_deg": 2.0}, "el_deg"),
        ({"lat_deg": 95.0}, "lat_deg"),
        ({"d_m": 0.0}, "d_m"),
        ({"eta": 1.5}, "eta"),
        ({"edition": "P.618-12"}, "edition"),
        ({"gas_edition": "P.676-11"}, "gas_edition"),
        ({"r001_source": "table"}, "r001_source"),
    ],
)
def test_out_of_range_inputs_are_errors_naming_the_field(
    kwargs: dict[str, object], field: str
) -> None:
    arguments: dict[str, object] = {
        "lat_deg": 51.5,
        "lon_deg": -0.14,
        "f_ghz": 14.25,
        "el_deg": 31.0,
        "p_percent": 1.0,
        "d_m": 1.0,
        "eta": 0.65,
    }
    arguments.update(kwargs)
    with pytest.raises(InvalidInput) as caught:
        p618.slant_path_attenuation(**arguments)  # type: ignore[arg-type]
    assert caught.value.field == field
