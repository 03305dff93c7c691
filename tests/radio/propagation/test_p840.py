"""P.840-7/-8/-9 cloud attenuation against the ITU-R SG3 validation rows."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from _earth_space_rows import assert_agrees, rows

from openitu.errors import InvalidInput
from openitu.radio.propagation import p840


@pytest.mark.parametrize(
    ("name", "edition"),
    [
        ("ITURP840-8_columnar_content_reduced_liquid.csv", "P.840-8"),
        ("ITURP840-9_columnar_content_reduced_liquid.csv", "P.840-9"),
    ],
)
def test_columnar_liquid_water_content(name: str, edition: str) -> None:
    r = rows(name)
    ours = p840.liquid_water_content_kg_m2(r["lat"], r["lon"], r["p"], edition=edition)
    # Columnar content in kg/m²: the same absolute bound as for the dB quantities.
    assert_agrees(ours, r["Lred"])


def test_p840_9_cloud_attenuation() -> None:
    r = rows("ITURP840-9_cloud_attenuation.csv")
    ours = p840.cloud_attenuation_db(r["lat"], r["lon"], r["f"], r["el"], r["p"])
    assert_agrees(ours, r["Ac"])


def test_p840_9_cloud_attenuation_lognormal() -> None:
    r = rows("ITURP840-9_cloud_attenuation_lognormal.csv")
    ours = p840.cloud_attenuation_lognormal_db(r["lat"], r["lon"], r["f"], r["el"], r["p"])
    assert_agrees(ours, r["Ac"])


def test_p840_8_through_the_new_module() -> None:
    r = rows("ITURP840-8_cloud_attenuation.csv")
    ours = p840.cloud_attenuation_db(r["lat"], r["lon"], r["f"], r["el"], r["p"], edition="P.840-8")
    assert_agrees(ours, r["Ac"])


def test_invariants() -> None:
    # More liquid water is exceeded less often; the log-normal fit falls with p too.
    p = np.array([0.01, 0.1, 1.0, 10.0, 50.0])
    liquid = p840.liquid_water_content_kg_m2(45.0, 0.0, p)
    assert np.all(np.diff(liquid) < 0)
    lognormal = p840.cloud_attenuation_lognormal_db(45.0, 0.0, 30.0, 30.0, p)
    assert np.all(np.diff(lognormal) <= 0)
    # K_L grows with frequency over the range of the model.
    kl = p840.mass_absorption_coefficient(np.array([5.0, 20.0, 50.0, 100.0]))
    assert np.all(np.diff(kl) > 0)
    # Broadcasting: frequencies down a column, elevations along a row.
    grid = p840.cloud_attenuation_db(
        51.5, -0.14, np.array([10.0, 20.0])[:, None], np.array([20.0, 40.0, 60.0]), 1.0
    )
    assert grid.shape == (2, 3)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"p_percent": 0.005}, "p_percent"),
        ({"f_ghz": 250.0}, "f_ghz"),
        ({"el_deg": 1.0}, "el_deg"),
        ({"lat_deg": -91.0}, "lat_deg"),
        ({"edition": "P.840-5"}, "edition"),
    ],
)
def test_out_of_range_inputs_name_the_field(kwargs: dict[str, Any], field: str) -> None:
    arguments: dict[str, Any] = {
        "lat_deg": 45.0,
        "lon_deg": 0.0,
        "f_ghz": 30.0,
        "el_deg": 30.0,
        "p_percent": 1.0,
    }
    arguments.update(kwargs)
    with pytest.raises(InvalidInput) as caught:
        p840.cloud_attenuation_db(**arguments)
    assert caught.value.field == field
    # P.840-8's maps stop at 0.1 %.
    with pytest.raises(InvalidInput, match="p_percent"):
        p840.liquid_water_content_kg_m2(45.0, 0.0, 0.05, edition="P.840-8")


def test_the_p618_chain_reaches_p840_9_through_the_one_cloud_function() -> None:
    # The Earth-space façade's cloud_attenuation_db is gone: P.618 §2.5 (cloud_edition)
    # calls p840's evaluator, the one `cloud_attenuation_db` checks and reshapes around.
    r = rows("ITURP840-9_cloud_attenuation.csv")
    keep = r["p"] >= 0.1  # the range the façade kept (P.840-8's percentages)
    ours = p840.cloud_attenuation_db(
        r["lat"][keep],
        r["lon"][keep],
        r["f"][keep],
        r["el"][keep],
        r["p"][keep],
        edition="P.840-9",
    )
    assert_agrees(ours, r["Ac"][keep])


def test_p840_8_cloud_attenuation() -> None:
    r = rows("ITURP840-8_cloud_attenuation.csv")
    assert_agrees(
        p840.cloud_attenuation_db(r["lat"], r["lon"], r["f"], r["el"], r["p"], edition="P.840-8"),
        r["Ac"],
    )
    # Edition -7 uses the same maps and coefficients (P.840-8 changed the text, not the data).
    seven = p840.cloud_attenuation_db(
        r["lat"], r["lon"], r["f"], r["el"], r["p"], edition="P.840-7"
    )
    assert_agrees(seven, r["Ac"])
