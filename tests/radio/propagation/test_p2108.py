"""P.2108-1 clutter loss: values worked from the equations, and monotone behaviour."""

from __future__ import annotations

import math

import numpy as np
import pytest

from openitu.errors import InvalidInput
from openitu.radio.propagation import p2108


def test_terrestrial_clutter_loss_worked_by_hand() -> None:
    # §3.2 eqs. (3)-(5) at 2 GHz, 1 km, median (Q^-1(0.5) = 0).
    ll = 23.5 + 9.6 * math.log10(2)
    ls = 32.98 + 23.9 * math.log10(1) + 3 * math.log10(2)
    expected = -5 * math.log10(10 ** (-0.2 * ll) + 10 ** (-0.2 * ls))
    assert float(p2108.terrestrial_clutter_loss_db(2.0, 1.0, 50.0)) == pytest.approx(
        expected, abs=1e-6
    )


def test_earth_space_clutter_loss_worked_by_hand() -> None:
    # §3.3 eq. (6), 30 GHz, 10°, median.
    k1 = 93 * 30**0.175
    base = -k1 * math.log(0.5) / math.tan(0.05 * (1 - 10 / 90) + math.pi * 10 / 180)
    expected = base ** (0.5 * 80 / 90) - 1
    assert float(p2108.earth_space_clutter_loss_db(30.0, 10.0, 50.0)) == pytest.approx(
        expected, abs=1e-6
    )
    # At zenith the median loss vanishes.
    assert float(p2108.earth_space_clutter_loss_db(30.0, 90.0, 50.0)) == pytest.approx(
        0.0, abs=1e-6
    )


def test_terminal_correction_worked_by_hand() -> None:
    # §3.1, urban (R = 15 m, w_s = 27 m, eq. (2a)) at 1 GHz, h = 5 m.
    h_dif = 10.0
    theta = math.degrees(math.atan(h_dif / 27))
    nu = 0.342 * math.sqrt(1.0) * math.sqrt(h_dif * theta)
    j = 6.9 + 20 * math.log10(math.sqrt((nu - 0.1) ** 2 + 1) + nu - 0.1)
    assert float(p2108.terminal_clutter_loss_db(1.0, 5.0, "urban")) == pytest.approx(
        j - 6.03, abs=1e-9
    )
    # open/rural (R = 10 m, eq. (2b)): -K_h2 log(h/R); above the clutter: 0.
    kh2 = 21.8 + 6.2 * math.log10(1.0)
    assert float(p2108.terminal_clutter_loss_db(1.0, 5.0, "open_rural")) == pytest.approx(
        -kh2 * math.log10(0.5), abs=1e-9
    )
    assert float(p2108.terminal_clutter_loss_db(1.0, 25.0, "dense_urban")) == 0.0


def test_losses_grow_with_location_percentage_and_fall_with_elevation() -> None:
    p = np.linspace(1.0, 99.0, 99)
    assert np.all(np.diff(p2108.terrestrial_clutter_loss_db(10.0, 2.0, p)) > 0)
    assert np.all(np.diff(p2108.earth_space_clutter_loss_db(20.0, 30.0, p)) > 0)
    el = np.linspace(0.0, 90.0, 91)
    assert np.all(np.diff(p2108.earth_space_clutter_loss_db(20.0, el, 50.0)) < 0)
    h = np.linspace(0.5, 20.0, 40)
    assert np.all(np.diff(p2108.terminal_clutter_loss_db(1.0, h, "dense_urban")) <= 0)


def test_inverse_q_matches_the_normal_distribution() -> None:
    from statistics import NormalDist

    x = np.array([0.001, 0.01, 0.1, 0.3, 0.5, 0.7, 0.99])
    exact = [-NormalDist().inv_cdf(v) for v in x]
    assert p2108.inverse_q(x) == pytest.approx(exact, abs=4.5e-4)


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda: p2108.terrestrial_clutter_loss_db(1.0, 1.0, 50.0), "f_ghz"),
        (lambda: p2108.terrestrial_clutter_loss_db(10.0, 0.1, 50.0), "d_km"),
        (lambda: p2108.terrestrial_clutter_loss_db(10.0, 1.0, 100.0), "p_percent"),
        (lambda: p2108.earth_space_clutter_loss_db(5.0, 10.0, 50.0), "f_ghz"),
        (lambda: p2108.terminal_clutter_loss_db(1.0, 5.0, "jungle"), "clutter"),
        (lambda: p2108.terminal_clutter_loss_db(5.0, 5.0, "urban"), "f_ghz"),
    ],
)
def test_out_of_range_inputs_name_the_field(call: object, field: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        call()  # type: ignore[operator]
    assert caught.value.field == field
