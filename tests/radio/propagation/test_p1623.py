"""P.1623-1 fade-duration statistics against the ITU-R SG3 validation rows."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from _earth_space_rows import assert_agrees, rows

from openitu.errors import InvalidInput
from openitu.radio.propagation import p1623


def test_fade_duration_parameters() -> None:
    r = rows("ITURP1623-1_fade_duration_params.csv")
    s = p1623.fade_duration_statistics(r["D"], r["A"], r["el"], r["f"], r["T_tot"])
    # P and F are fractions (0-1), N a count, T seconds: 0.1 % of each, and P, F to 1e-6.
    assert np.allclose(s.probability, r["P"], rtol=1e-3, atol=1e-6)
    assert np.allclose(s.time_fraction, r["F"], rtol=1e-3, atol=1e-6)
    assert_agrees(s.number_of_fades, r["N"])
    assert_agrees(s.fade_time_s, r["T"])


def test_number_of_fades() -> None:
    r = rows("ITURP1623-1_number_of_fades.csv")
    s = p1623.fade_duration_statistics(r["D"], r["A"], r["el"], r["f"], r["T_tot"])
    assert_agrees(s.number_of_fades, r["N"])


def test_invariants() -> None:
    d = np.array([1.0, 10.0, 60.0, 600.0, 3600.0])
    s = p1623.fade_duration_statistics(d, 5.0, 30.0, 20.0, 3.15576e5)
    # Longer fades are rarer and hold less of the fade time; every fade lasts >= 1 s.
    assert np.all(np.diff(s.probability) < 0) and np.all(np.diff(s.time_fraction) < 0)
    assert s.probability[0] == 1.0 and 0.0 < s.time_fraction[-1] < 1.0
    assert np.allclose(s.fade_time_s, 3.15576e5 * s.time_fraction)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"d_s": 0.5}, "d_s"),
        ({"a_db": 0.0}, "a_db"),
        ({"el_deg": 70.0}, "el_deg"),
        ({"f_ghz": 5.0}, "f_ghz"),
        ({"t_tot_s": -1.0}, "t_tot_s"),
        ({"edition": "P.1623-0"}, "edition"),
    ],
)
def test_out_of_range_inputs_name_the_field(kwargs: dict[str, Any], field: str) -> None:
    arguments: dict[str, Any] = {
        "d_s": 10.0,
        "a_db": 5.0,
        "el_deg": 30.0,
        "f_ghz": 20.0,
        "t_tot_s": 1e5,
    }
    arguments.update(kwargs)
    with pytest.raises(InvalidInput) as caught:
        p1623.fade_duration_statistics(**arguments)
    assert caught.value.field == field
