"""The link budget's invariants: each term from the others, over a broadcast grid."""

from __future__ import annotations

import numpy as np
import pytest

from openitu.errors import InvalidInput
from openitu.radio.link_budget import combined_cn_db, link_budget
from openitu.radio.propagation import p525

BASE = {
    "eirp_dbw": 52.0,
    "f_ghz": 12.0,
    "d_km": 38_000.0,
    "atmospheric_loss_db": 1.5,
    "gt_db_k": 20.0,
    "bandwidth_hz": 36e6,
    "required_cn_db": 8.0,
}


def test_c_n0_is_eirp_less_losses_plus_g_over_t_plus_228_6() -> None:
    eirp = np.array([40.0, 52.0, 60.0])[:, None]
    atmospheric = np.array([0.0, 1.5, 10.0, 25.0])
    link = link_budget(
        **{**BASE, "eirp_dbw": eirp, "atmospheric_loss_db": atmospheric}, other_losses_db=0.7
    )
    assert link.c_n0_dbhz.shape == (3, 4)
    loss = p525.free_space_loss_db(12e3, 38_000.0) + atmospheric + 0.7
    np.testing.assert_allclose(link.total_loss_db, np.broadcast_to(loss, (3, 4)))
    np.testing.assert_allclose(link.c_n0_dbhz, eirp - loss + 20.0 + 228.6, atol=0.01)
    np.testing.assert_allclose(link.c_n_db, link.c_n0_dbhz - 10 * np.log10(36e6))
    np.testing.assert_allclose(link.margin_db, link.c_n_db - 8.0)


def test_each_db_of_eirp_or_g_over_t_is_a_db_of_margin_and_range_costs_6_db_per_doubling() -> None:
    base = link_budget(**BASE)
    assert float(link_budget(**{**BASE, "eirp_dbw": 53.0}).margin_db) == pytest.approx(
        float(base.margin_db) + 1.0
    )
    assert float(link_budget(**{**BASE, "gt_db_k": 17.0}).margin_db) == pytest.approx(
        float(base.margin_db) - 3.0
    )
    farther = link_budget(**{**BASE, "d_km": 76_000.0})
    assert float(base.margin_db - farther.margin_db) == pytest.approx(20 * np.log10(2.0))


@pytest.mark.parametrize(
    ("field", "value"),
    [("bandwidth_hz", 0.0), ("atmospheric_loss_db", -1.0), ("d_km", -5.0), ("f_ghz", 0.0)],
)
def test_a_bad_term_is_named(field: str, value: float) -> None:
    with pytest.raises(InvalidInput) as caught:
        link_budget(**{**BASE, field: value})
    assert caught.value.field == field


def test_uplink_and_downlink_noise_add() -> None:
    assert float(combined_cn_db(10.0, 10.0)) == pytest.approx(10.0 - 10 * np.log10(2.0))
    both = float(combined_cn_db(12.0, 20.0))
    assert both < 12.0
    assert float(combined_cn_db(12.0)) == pytest.approx(12.0)
