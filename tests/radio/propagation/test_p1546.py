"""ITU-R P.1546-6: the ITU-R validation set replayed, the tables checked, invariants, errors."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from openitu.errors import InvalidInput
from openitu.radio.propagation import p1546
from openitu.radio.propagation.p1546 import (
    P1546Case,
    field_strength,
    p1546_cases,
    p1546_path,
    profile_parameters,
)


def _validation_module() -> Any:
    """tests/radio/_p1546_validation.py, loaded by path (works under any import mode)."""
    name = "openitu_tests_p1546_validation"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(
            name, Path(__file__).with_name("_p1546_validation.py")
        )
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


_validation = _validation_module()
REFERENCE: Path = _validation.REFERENCE
ValidationCase = Any
CASES = _validation.load_cases()


def test_the_whole_validation_set_is_read() -> None:
    assert len(CASES) == len(list((REFERENCE / "results").glob("*_log.csv"))) == 29


@pytest.mark.parametrize("vc", CASES, ids=[c.name for c in CASES])
def test_validation_case_agrees_within_a_hundredth_of_a_db(vc: ValidationCase) -> None:
    got = p1546_path(vc.case)
    assert got["e_dbuv_m"] == pytest.approx(vc.expected["e_dbuv_m"], abs=0.01)
    assert got["lb_db"] == pytest.approx(vc.expected["lb_db"], abs=0.01)


@pytest.mark.parametrize("vc", CASES, ids=[c.name for c in CASES])
def test_profile_analysis_matches_the_logged_h1_and_angles(vc: ValidationCase) -> None:
    case = vc.case
    params = profile_parameters(
        case["profile"]["d_km"], case["profile"]["h_m"], ha_m=case["ha_m"], h2_m=case["h2_m"]
    )
    # the logs print six significant digits
    assert params.heff_m == pytest.approx(vc.expected["h1_m"], rel=1e-5, abs=1e-4)
    assert params.tca_deg == pytest.approx(vc.expected["tca_deg"], rel=1e-5, abs=1e-6)
    assert params.theta_eff1_deg == pytest.approx(vc.expected["theta_eff1_deg"], rel=1e-4)


def test_given_h1_is_used_as_is() -> None:
    vc = next(c for c in CASES if c.name == "flat_100km_2")
    with_h1 = p1546_path({**vc.case, "h1_m": vc.expected["h1_m"]})
    assert with_h1["e_dbuv_m"] == pytest.approx(vc.expected["e_dbuv_m"], abs=0.01)
    lower = p1546_path({**vc.case, "h1_m": 100.0})
    assert lower["e_dbuv_m"] < with_h1["e_dbuv_m"] - 1.0


def test_batch_of_cases_equals_the_cases_one_by_one() -> None:
    cases = [P1546Case.from_mapping(vc.case) for vc in CASES]
    no_profile = {**CASES[0].case, "h1_m": 150.0}
    del no_profile["profile"]
    cases.append(P1546Case.from_mapping(no_profile))
    batch = p1546_cases(cases)
    for case, result in zip(cases, batch, strict=True):
        assert result == pytest.approx(p1546_cases([case])[0], abs=1e-12)


def test_shipped_tables_are_the_tabulated_values_of_the_recommendation() -> None:
    doc = json.loads((REFERENCE / "p1546_tabulated_field_strengths.json").read_text())
    tables = p1546.field_strength_tables()
    values = tables.flat.reshape(3, 3, 3, 78, 8)
    times = {1: 0, 10: 1, 50: 2}
    freqs = {100: 0, 600: 1, 2000: 2}
    zones = {1: [0], 2: [1, 2], 3: [1], 4: [2]}
    seen = 0
    for fig in doc["figures"]:
        table = np.array(fig["table"])
        np.testing.assert_array_equal(table[1:, 0], tables.distance_km)
        for zone in zones[fig["path"]]:
            np.testing.assert_array_equal(
                values[zone, times[fig["time_percent"]], freqs[fig["frequency_mhz"]]],
                table[1:, 1:9],
            )
            seen += 1
    assert seen == 27  # 24 figures, the 50 % sea curves serving cold and warm sea


def test_tabulated_points_are_returned_unchanged() -> None:
    # Figure 9 (600 MHz, land, 50 %), h1 = 75 m at 20 km, receiver at R = 10 m (rural, h2 = 10)
    doc = json.loads((REFERENCE / "p1546_tabulated_field_strengths.json").read_text())
    table = np.array(doc["figures"][8]["table"])
    row = int(np.flatnonzero(table[:, 0] == 20.0)[0])
    got = field_strength(600.0, 50.0, 20.0, 75.0, 10.0)
    assert float(got.e_dbuv_m) == pytest.approx(table[row, 4], abs=1e-9)


def test_loss_follows_equation_40_and_power_scales_the_field() -> None:
    one = field_strength(900.0, 10.0, 30.0, 60.0, 10.0)
    ten = field_strength(900.0, 10.0, 30.0, 60.0, 10.0, ptx_kw=10.0)
    assert float(ten.e_dbuv_m - one.e_dbuv_m) == pytest.approx(10.0)
    assert float(ten.lb_db) == pytest.approx(float(one.lb_db))
    assert float(one.lb_db) == pytest.approx(139.3 - float(one.e_dbuv_m) + 20 * np.log10(900))
    eirp = field_strength(900.0, 10.0, 30.0, 60.0, 10.0, ptx_ref="eirp")
    assert float(one.e_dbuv_m - eirp.e_dbuv_m) == pytest.approx(2.15)


def test_scalars_give_scalars_and_arrays_broadcast() -> None:
    assert field_strength(100.0, 50.0, 10.0, 50.0, 10.0).e_dbuv_m.shape == ()
    grid = field_strength(100.0, 50.0, np.array([[1.0], [10.0]]), np.array([20.0, 40.0, 80.0]), 10)
    assert grid.e_dbuv_m.shape == (2, 3)
    single = field_strength(100.0, 50.0, 10.0, 40.0, 10.0)
    assert float(grid.e_dbuv_m[1, 1]) == pytest.approx(float(single.e_dbuv_m))


def test_time_interpolation_hits_the_nominal_curves() -> None:
    # at 1, 10 and 50 % the Q interpolation of §7 gives the curve itself
    for t in (1.0, 10.0, 50.0):
        near = field_strength(600.0, [t - 1e-7 if t > 1 else t, t], 50.0, 75.0, 10.0)
        assert float(near.e_dbuv_m[0]) == pytest.approx(float(near.e_dbuv_m[1]), abs=1e-4)


def test_mixed_path_lies_between_land_and_sea() -> None:
    land = field_strength(100.0, 10.0, 100.0, 75.0, 10.0)
    sea = field_strength(100.0, 10.0, 100.0, 75.0, 10.0, d_sea_km=100.0, rx_area="sea")
    mixed = field_strength(100.0, 10.0, 100.0, 75.0, 10.0, d_sea_km=50.0, rx_area="sea")
    assert float(land.e_dbuv_m) < float(mixed.e_dbuv_m) < float(sea.e_dbuv_m)
    warm = field_strength(100.0, 1.0, 300.0, 75.0, 10.0, d_sea_km=300.0, sea="warm_sea")
    cold = field_strength(100.0, 1.0, 300.0, 75.0, 10.0, d_sea_km=300.0, sea="cold_sea")
    assert float(warm.e_dbuv_m) > float(cold.e_dbuv_m)


def test_location_percentage_moves_the_field_as_the_normal_law_says() -> None:
    median = field_strength(600.0, 50.0, 20.0, 75.0, 10.0, q_percent=50.0)
    often = field_strength(600.0, 50.0, 20.0, 75.0, 10.0, q_percent=90.0)
    rarely = field_strength(600.0, 50.0, 20.0, 75.0, 10.0, q_percent=10.0)
    # rural, no profile: sigma_L = 12 dB; Qi(0.9) = -1.2816
    assert float(often.e_dbuv_m - median.e_dbuv_m) == pytest.approx(-1.2816 * 12.0, abs=0.02)
    assert float(rarely.e_dbuv_m - median.e_dbuv_m) == pytest.approx(1.2816 * 12.0, abs=0.02)


def test_terrain_information_picks_the_location_sigma_of_section_12() -> None:
    def shift(**terrain: Any) -> float:
        low = field_strength(600.0, 50.0, 20.0, 75.0, 10.0, q_percent=10.0, **terrain)
        median = field_strength(600.0, 50.0, 20.0, 75.0, 10.0, q_percent=50.0, **terrain)
        return float(low.e_dbuv_m - median.e_dbuv_m)

    # (34): sigma_L = (0.024 f/1000 + 0.52) wa^0.28, wa = 500 m; without terrain, 12 dB
    sigma_34 = (0.024 * 0.6 + 0.52) * 500.0**0.28
    assert shift(terrain_available=True) == pytest.approx(1.2816 * sigma_34, abs=0.02)
    assert shift(terrain_available=False) == pytest.approx(1.2816 * 12.0, abs=0.02)
    assert shift() == pytest.approx(shift(terrain_available=False))


_SHORT_LAND: dict[str, Any] = {
    "f_mhz": 600.0, "t_percent": 50.0, "q_percent": 20.0, "ha_m": 30.0, "h2_m": 10.0,
    "heff_m": 120.0, "sections": [{"zone": "land", "d_km": 9.0}],
}  # fmt: skip


def test_h1_of_a_short_land_path_follows_the_terrain_answer() -> None:
    without = p1546_path({**_SHORT_LAND, "terrain_available": False})
    # §3.1.1 (5): h1 = ha + (heff - ha)(d - 3)/12 = 30 + 90 * 6/12 = 75 m
    assert without == p1546_path({**_SHORT_LAND, "h1_m": 75.0, "terrain_available": False})
    # §3.1.2 (6): h1 = hb
    with_terrain = p1546_path({**_SHORT_LAND, "terrain_available": True, "hb_m": 75.0})
    assert with_terrain == p1546_path({**_SHORT_LAND, "h1_m": 75.0, "terrain_available": True})
    # same h1, different §12 sigma
    assert with_terrain["e_dbuv_m"] != pytest.approx(without["e_dbuv_m"], abs=0.1)
    assert p1546_path(_SHORT_LAND) == without


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"terrain_available": True}, "hb_m"),
        ({"terrain_available": "yes"}, "terrain_available"),
        (
            {"terrain_available": False, "profile": {"d_km": [0, 4.5, 9], "h_m": [0, 5, 0]}},
            "terrain_available",
        ),
    ],
)
def test_terrain_answer_errors_name_the_field(change: dict[str, Any], field: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        p1546_path({**_SHORT_LAND, **change})
    assert caught.value.field == field


def test_negative_h1_is_continuous_at_zero_and_lower_below() -> None:
    e = field_strength(600.0, 50.0, 30.0, [-50.0, -1e-9, 0.0, 5.0, 10.0], 10.0).e_dbuv_m
    assert e[1] == pytest.approx(e[2], abs=1e-6)
    assert np.all(np.diff(e) >= 0)


def test_short_paths_tend_to_free_space_over_the_slope_distance() -> None:
    got = field_strength(900.0, 50.0, 0.02, 30.0, 1.5, ha_m=30.0)
    slope = np.hypot(0.02, (30.0 - 1.5) / 1000.0)
    assert float(got.e_dbuv_m) == pytest.approx(106.9 - 20 * np.log10(slope), abs=1e-9)


land_points = st.fixed_dictionaries(
    {
        "f": st.floats(30.0, 4000.0),
        "t": st.floats(1.0, 50.0),
        "h1": st.floats(-100.0, 3000.0),
        "h2": st.floats(1.0, 50.0),
        "area": st.sampled_from(["rural", "suburban", "urban", "dense_urban"]),
        "r2": st.floats(0.0, 40.0),
        "q": st.floats(1.0, 99.0),
    }
)


@settings(max_examples=60, deadline=None)
@given(land_points)
def test_field_decreases_with_distance_on_land(p: dict[str, Any]) -> None:
    """A rural receiver on a land path, h1 up to the highest curve. (For built-up receivers
    R' of (27) moves with d, and above 1 200 m the §2 cap on each nominal curve can turn an
    extrapolated frequency upwards: seams of the Recommendation, not of this code.)"""
    d = np.geomspace(1.0, 1000.0, 200)
    h1 = min(p["h1"], 1200.0)
    e = field_strength(p["f"], p["t"], d, h1, p["h2"], q_percent=p["q"]).e_dbuv_m
    assert np.all(np.diff(e) <= 1e-9)


@settings(max_examples=60, deadline=None)
@given(land_points, st.floats(1.0, 1000.0), st.floats(0.0, 1.0))
def test_higher_transmitter_is_never_weaker(p: dict[str, Any], d: float, sea: float) -> None:
    """Where the Recommendation is monotonic in h1 by construction: up to the highest curve
    (1 200 m), receivers whose correction does not depend on h1 through (27) or (29) (rural,
    above the clutter, or at sea at 10 m or more), and sea fields from the 10 m curve up.
    Elsewhere its seams show: the sea method of §4.2 (11a) meets the 10 m curve with a step,
    R' of (27) falls with h1, and where a nominal curve meets the §2 cap (above 1 200 m, or
    on sea paths) a frequency extrapolated below 100 or above 2 000 MHz can dip."""
    mixed = sea > 0.3
    area = "sea" if sea > 0.6 else p["area"]
    h2 = max(p["h2"], 10.0) if area == "sea" else p["h2"]
    r2 = min(p["r2"], h2)  # built-up receivers above their clutter, h1 above it too (R' <= R)
    lowest = 10.0 if mixed else (-100.0 if area in ("rural", "sea") else max(r2, 10.0))
    h1 = np.linspace(lowest, 1200.0, 240)
    # sea curves reach the §2 cap, so an extrapolated frequency would dip as the land does
    f = min(max(p["f"], 100.0), 2000.0) if mixed or area == "sea" else p["f"]
    e = field_strength(
        f, p["t"], d, h1, h2, d_sea_km=d * sea if mixed else 0.0, rx_area=area, r2_m=r2
    ).e_dbuv_m
    assert np.all(np.diff(e) >= -1e-6)


@settings(max_examples=80, deadline=None)
@given(land_points, st.floats(0.001, 1000.0), st.floats(0.0, 1.0), st.floats(1.0, 300.0))
def test_field_never_exceeds_the_maximum_of_section_2(
    p: dict[str, Any], d: float, sea: float, ha: float
) -> None:
    e = field_strength(
        p["f"], p["t"], d, p["h1"], max(p["h2"], 3.0), q_percent=p["q"], d_sea_km=d * sea,
        ha_m=ha, rx_area=p["area"], r2_m=p["r2"],
    ).e_dbuv_m  # fmt: skip
    efs = 106.9 - 20 * np.log10(d)
    ese = 2.38 * (1 - np.exp(-d / 8.94)) * np.log10(50 / p["t"])
    assert float(e) <= efs + sea * ese + 1e-9


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"f_mhz": 29.0}, "f_mhz"),
        ({"f_mhz": 4001.0}, "f_mhz"),
        ({"t_percent": 0.5}, "t_percent"),
        ({"t_percent": 51.0}, "t_percent"),
        ({"d_km": 0.0}, "d_km"),
        ({"d_km": 1000.5}, "d_km"),
        ({"h1_m": 3001.0}, "h1_m"),
        ({"h2_m": 0.5}, "h2_m"),
        ({"q_percent": 0.0}, "q_percent"),
        ({"q_percent": 99.5}, "q_percent"),
        ({"f_mhz": float("nan")}, "f_mhz"),
        ({"f_mhz": "100"}, "f_mhz"),
        ({"d_km": [10.0, -1.0]}, "d_km"),
    ],
)
def test_out_of_range_inputs_name_the_field(kwargs: dict[str, Any], field: str) -> None:
    args: dict[str, Any] = {"f_mhz": 100.0, "t_percent": 50.0, "d_km": 10.0, "h1_m": 50.0}
    args.update(kwargs)
    h2 = args.pop("h2_m", 10.0)
    with pytest.raises(InvalidInput) as caught:
        field_strength(args["f_mhz"], args["t_percent"], args["d_km"], args["h1_m"], h2,
                       q_percent=args.get("q_percent", 50.0))  # fmt: skip
    assert caught.value.field == field
    assert "must" in caught.value.reason or "expected" in caught.value.reason


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"rx_area": "forest"}, "rx_area"),
        ({"sea": "land"}, "sea"),
        ({"d_sea_km": 20.0}, "d_sea_km"),
        ({"rx_area": "sea", "d_sea_km": 10.0}, "h2_m"),
        ({"edition": "P.1546-5"}, "edition"),
        ({"ptx_kw": 0.0}, "ptx_kw"),
        ({"wa_m": 0.0}, "wa_m"),
        ({"ha_m": -3.0}, "ha_m"),
        # Clutter far above any building made the answer NaN (issue 17).
        ({"r1_m": 1e308, "ha_m": 10.0}, "r1_m"),
        ({"r2_m": 1e300}, "r2_m"),
    ],
)
def test_bad_options_name_the_field(kwargs: dict[str, Any], field: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        field_strength(100.0, 50.0, 10.0, 50.0, 2.0, **kwargs)
    assert caught.value.field == field


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"f_mhz": None}, "f_mhz"),
        ({"sections": []}, "sections"),
        ({"sections": [{"zone": "lake", "d_km": 3}]}, "sections[0].zone"),
        ({"sections": [{"zone": "land", "d_km": -3}]}, "sections[0].d_km"),
        ({"sections": [{"zone": "land", "d_km": 600}, {"zone": "land", "d_km": 600}]}, "sections"),
        ({"profile": {"d_km": [0, 1], "h_m": [0]}}, "profile"),
        ({"profile": {"d_km": [0, 0.5, 0.4, 1], "h_m": [0, 0, 0, 0]}}, "profile.d_km"),
        ({"profile": {"d_km": [0, 5], "h_m": [0, 0]}}, "profile"),
        ({"rx_area": "jungle"}, "rx_area"),
        ({"t_percent": "ten"}, "t_percent"),
        ({"colour": "red"}, "colour"),
        ({"h1_m": None, "profile": None}, "h1_m"),
    ],
)
def test_bad_cases_name_the_field(change: dict[str, Any], field: str) -> None:
    case: dict[str, Any] = {
        "f_mhz": 600.0, "t_percent": 50.0, "ha_m": 30.0, "h1_m": 40.0, "h2_m": 10.0,
        "sections": [{"zone": "land", "d_km": 20.0}],
    }  # fmt: skip
    case.update(change)
    case = {k: v for k, v in case.items() if v is not None}
    with pytest.raises(InvalidInput) as caught:
        p1546_path(case)
    assert caught.value.field == field
