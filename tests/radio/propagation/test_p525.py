"""P.525-4 free space and conversions; thermal noise and dB helpers."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from openitu.errors import InvalidInput
from openitu.radio.propagation import p525


def test_free_space_loss_matches_eq_1() -> None:
    # P.525-4 eq. (1): 20 log(4π d/λ), d = 1 km, f = 1 GHz, λ = c/f.
    expected = 20 * math.log10(4 * math.pi * 1000 / (299_792_458 / 1e9))
    assert p525.free_space_loss_db(1000.0, 1.0) == pytest.approx(expected, abs=1e-9)
    # ... and the rounded eq. (4), 32.4 + 20 log f + 20 log d, within its rounding.
    assert float(p525.free_space_loss_db(1000.0, 1.0)) == pytest.approx(32.4 + 60.0, abs=0.05)


def test_free_space_loss_broadcasts_and_keeps_scalar_shape() -> None:
    scalar = p525.free_space_loss_db(2450.0, 10.0)
    assert isinstance(scalar, np.ndarray) and scalar.shape == ()
    grid = p525.free_space_loss_db(np.array([100.0, 1000.0])[:, None], np.array([1.0, 10.0, 100.0]))
    assert grid.shape == (2, 3)
    # 20 dB per decade of distance and of frequency.
    assert np.allclose(np.diff(grid, axis=1), 20.0)
    assert np.allclose(np.diff(grid, axis=0), 20.0)


@pytest.mark.parametrize(
    ("field", "kwargs"),
    [("f_mhz", {"f_mhz": 0.0, "d_km": 1.0}), ("d_km", {"f_mhz": 10.0, "d_km": -1.0})],
)
def test_out_of_range_inputs_name_the_field(field: str, kwargs: dict[str, float]) -> None:
    with pytest.raises(InvalidInput) as caught:
        p525.free_space_loss_db(**kwargs)
    assert caught.value.field == field
    assert "> 0" in caught.value.reason


def test_edition_is_checked() -> None:
    with pytest.raises(InvalidInput) as caught:
        p525.free_space_loss_db(100.0, 1.0, edition="P.525-2")
    assert caught.value.field == "edition"


def test_field_strength_and_pfd_follow_the_recommendation_constants() -> None:
    # 1 kW e.i.r.p. (30 dBW) at 1 km: E = 30 + 74.8 (P.525-4 rounded constant).
    assert float(p525.field_strength_dbuv_m(30.0, 1.0)) == pytest.approx(104.8, abs=0.05)
    assert float(p525.field_strength_from_erp_dbuv_m(30.0, 1.0)) == pytest.approx(106.9, abs=0.05)
    # pfd = eirp / (4π d²): 1 W at 1 km.
    assert float(p525.pfd_dbw_m2(0.0, 1.0)) == pytest.approx(-10 * math.log10(4 * math.pi * 1e6))
    # E = S + 145.8; Pr = E - 20 log f(GHz) - 167.2.
    assert float(p525.field_strength_from_pfd_dbuv_m(-100.0)) == pytest.approx(45.8, abs=0.05)
    assert float(p525.received_power_dbw(60.0, 1000.0)) == pytest.approx(60 - 167.2, abs=0.05)


@given(
    eirp=st.floats(-50, 100),
    d=st.floats(0.001, 1e5),
    f=st.floats(0.01, 1e6),
)
def test_conversions_are_consistent(eirp: float, d: float, f: float) -> None:
    e = p525.field_strength_dbuv_m(eirp, d)
    s = p525.pfd_dbw_m2(eirp, d)
    assert float(p525.pfd_from_field_strength_dbw_m2(e)) == pytest.approx(float(s), abs=1e-9)
    # Received power through free space equals e.i.r.p. - L_bf (isotropic receiver).
    pr = p525.received_power_dbw(e, f)
    assert float(pr) == pytest.approx(eirp - float(p525.free_space_loss_db(f, d)), abs=1e-9)
    back = p525.field_strength_from_received_power_dbuv_m(pr, f)
    assert float(back) == pytest.approx(float(e), abs=1e-9)
