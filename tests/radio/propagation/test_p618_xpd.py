"""P.618-13/-14 §4.1 cross-polarization discrimination against the ITU-R SG3 rows."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from _earth_space_rows import assert_agrees, rows

from openitu.errors import InvalidInput
from openitu.radio.propagation import p618


@pytest.mark.parametrize(
    ("name", "edition"),
    [("ITURP618-13_A_xpd.csv", "P.618-13"), ("ITURP618-14_A_xpd.csv", "P.618-14")],
)
def test_xpd(name: str, edition: str) -> None:
    r = rows(name)
    ours = p618.cross_polarization_discrimination_db(
        r["f"], r["el"], r["p"], r["tau"], r["Ap"], edition=edition
    )
    assert_agrees(ours, r["XPD"])


def test_invariants() -> None:
    # More rain attenuation, less discrimination; circular polarization (45°) is the worst.
    xpd = p618.cross_polarization_discrimination_db(
        20.0, 30.0, 0.01, 45.0, np.array([1.0, 5.0, 20.0])
    )
    assert np.all(np.diff(xpd) < 0)
    tilt = p618.cross_polarization_discrimination_db(
        20.0, 30.0, 0.01, np.array([0.0, 45.0, 90.0]), 5.0
    )
    assert tilt[1] < tilt[0] and np.isclose(tilt[0], tilt[2])
    # Between 4 and 6 GHz, eq. (73) scales the 6 GHz value: 20 log(6/5) dB more at 5 GHz.
    pair = p618.cross_polarization_discrimination_db(np.array([5.0, 6.0]), 30.0, 0.1, 0.0, 2.0)
    assert np.isclose(pair[0] - pair[1], 20.0 * np.log10(6.0 / 5.0))


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"f_ghz": 3.0}, "f_ghz"),
        ({"el_deg": 90.0}, "el_deg"),
        ({"p_percent": 5.0}, "p_percent"),
        ({"a_p_db": 0.0}, "a_p_db"),
        ({"edition": "P.618-12"}, "edition"),
    ],
)
def test_out_of_range_inputs_name_the_field(kwargs: dict[str, Any], field: str) -> None:
    arguments: dict[str, Any] = {
        "f_ghz": 20.0,
        "el_deg": 30.0,
        "p_percent": 0.01,
        "tau_deg": 45.0,
        "a_p_db": 5.0,
    }
    arguments.update(kwargs)
    with pytest.raises(InvalidInput) as caught:
        p618.cross_polarization_discrimination_db(**arguments)
    assert caught.value.field == field
