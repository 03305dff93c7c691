"""P.837-7 rainfall rate and probability of rain against the ITU-R SG3 validation rows."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from _earth_space_rows import assert_agrees, rows

from openitu.errors import InvalidInput
from openitu.radio.propagation import p837


def test_p837_7_probability_of_rain() -> None:
    r = rows("ITURP837-7_rainfall_rate_probability.csv")
    ours = p837.rain_probability_percent(r["lat"], r["lon"])
    # P_0 in %: the same absolute bound (0.01) or 0.1 %.
    assert_agrees(ours, r["p"])


def test_p837_7_rainfall_rate() -> None:
    # At 0.01 % the R_0.01 map, elsewhere step 8 from the monthly maps; 0 where it rains
    # less often than p (23 N 30 E, in the Sahara).
    r = rows("ITURP837-7_rainfall_rate.csv")
    ours = p837.rainfall_rate_mm_h(r["lat"], r["lon"], r["p"])
    assert_agrees(ours, r["Rp"])
    assert np.all(ours[r["Rp"] == 0.0] == 0.0)


def test_rate_falls_as_the_percentage_grows() -> None:
    rates = p837.rainfall_rate_mm_h(51.5, -0.14, np.array([0.001, 0.01, 0.1, 1.0, 5.0]))
    assert np.all(np.diff(rates) < 0)
    p0 = p837.rain_probability_percent(51.5, -0.14)
    # Exactly at P_0 the rate is zero: it rains no more often than that.
    assert p837.rainfall_rate_mm_h(51.5, -0.14, min(float(p0) * 1.01, 10.0)) == 0.0


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"p_percent": 20.0}, "p_percent"),
        ({"lon_deg": 400.0}, "lon_deg"),
        ({"edition": "P.837-6"}, "edition"),
    ],
)
def test_out_of_range_inputs_name_the_field(kwargs: dict[str, Any], field: str) -> None:
    arguments: dict[str, Any] = {"lat_deg": 45.0, "lon_deg": 0.0, "p_percent": 1.0}
    arguments.update(kwargs)
    with pytest.raises(InvalidInput) as caught:
        p837.rainfall_rate_mm_h(**arguments)
    assert caught.value.field == field
