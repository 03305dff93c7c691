"""The radio use cases: the GSO look angles feed P.618, the link budget takes the P.618
total and the slant range, the terrestrial paths take the terrain source's profile."""

from __future__ import annotations

import numpy as np
import pytest

from openitu.errors import InvalidInput
from openitu.radio import cases
from openitu.register import technical
from openitu.register.terrain import P1511Terrain, path_points
from openitu.space import geometry
from openitu.usecases import radio as usecases

PLACE = {"lat_deg": 51.5, "lon_deg": -0.1, "d_m": 1.2, "eta": 0.65}


def test_a_satellite_longitude_gives_the_elevation_p618_takes() -> None:
    from_satellite = usecases.slant_path(**PLACE, f_ghz=20.0, p_percent=0.01, sat_lon_deg=28.2)
    elevation = float(geometry.elevation_deg(28.2, 51.5, -0.1))
    assert from_satellite["look"]["el_deg"] == elevation
    assert from_satellite["look"]["az_deg"] == float(geometry.azimuth_deg(28.2, 51.5, -0.1))
    given = usecases.slant_path(**PLACE, f_ghz=20.0, p_percent=0.01, el_deg=elevation)
    assert given["look"] is None
    assert given["a_total_db"] == from_satellite["a_total_db"]
    single = cases.run(
        "slant-path", {**PLACE, "f_ghz": 20.0, "p_percent": 0.01, "el_deg": elevation}
    )
    assert isinstance(single, dict) and single["a_total_db"] == given["a_total_db"]


def test_the_curve_holds_the_single_answers_and_falls_with_time() -> None:
    result = usecases.slant_path(**PLACE, f_ghz=30.0, p_percent=0.1, el_deg=30.0)
    curve = {row["p_percent"]: row["a_total_db"] for row in result["curve"]}
    assert list(curve) == list(usecases.CURVE_PERCENTAGES)
    assert curve[0.1] == pytest.approx(result["a_total_db"], rel=1e-12)
    assert np.all(np.diff(list(curve.values())) <= 1e-9)


def test_a_satellite_below_5_degrees_or_no_path_is_refused() -> None:
    with pytest.raises(InvalidInput) as low:
        usecases.slant_path(**PLACE, f_ghz=20.0, p_percent=0.01, sat_lon_deg=-100.0)
    assert low.value.field == "sat_lon_deg"
    with pytest.raises(InvalidInput) as neither:
        usecases.slant_path(**PLACE, f_ghz=20.0, p_percent=0.01)
    assert neither.value.field == "el_deg"


def test_link_budget_takes_the_p618_total_over_the_slant_range() -> None:
    link = usecases.link_budget(
        direction="uplink",
        **PLACE,
        sat_lon_deg=28.2,
        f_ghz=14.0,
        p_percent=0.1,
        eirp_dbw=75.0,
        gt_db_k=5.0,
        bandwidth_hz=36e6,
        required_cn_db=8.0,
    )
    path = usecases.slant_path(**PLACE, f_ghz=14.0, p_percent=0.1, sat_lon_deg=28.2)
    assert link["atmospheric_loss_db"] == path["a_total_db"]
    assert link["look"]["range_km"] == float(geometry.slant_range_km(28.2, 51.5, -0.1))
    assert link["c_n0_dbhz"] == pytest.approx(
        75.0 - link["free_space_loss_db"] - path["a_total_db"] + 5.0 + 228.6, abs=0.01
    )
    margins = [row["margin_db"] for row in link["curve"]]
    assert np.all(np.diff(margins) >= -1e-9)  # less rain for more of the time
    with pytest.raises(InvalidInput) as wrong:
        usecases.link_budget(
            direction="sideways",
            **PLACE,
            sat_lon_deg=28.2,
            f_ghz=14.0,  # type: ignore[arg-type]
            p_percent=0.1,
            eirp_dbw=75.0,
            gt_db_k=5.0,
            bandwidth_hz=36e6,
            required_cn_db=8.0,
        )
    assert wrong.value.field == "direction"


ENDS = {"tx_lat_deg": 46.2, "tx_lon_deg": 6.1, "rx_lat_deg": 46.5, "rx_lon_deg": 6.6}


def test_terrestrial_paths_take_the_terrain_sources_profile() -> None:
    terrain = P1511Terrain()
    p452 = usecases.p452_between(
        terrain=terrain, **ENDS, htg_m=30.0, hrg_m=10.0, f_ghz=2.0, p_percent=1.0
    )
    d_km = np.asarray(p452["profile"]["d_km"])
    heights = terrain.heights_m(*_points(d_km))
    np.testing.assert_allclose(p452["profile"]["h_m"], heights)
    assert p452["lb_db"] >= p452["lbfsg_db"] - 10.0
    p1546 = usecases.p1546_between(
        terrain=terrain, **ENDS, ha_m=30.0, h2_m=10.0, f_mhz=600.0, t_percent=1.0
    )
    assert sum(s["d_km"] for s in p1546["sections"]) == pytest.approx(p1546["distance_km"])
    assert p1546["distance_km"] == pytest.approx(p452["distance_km"])
    with pytest.raises(InvalidInput) as bad:
        usecases.p452_between(
            terrain=terrain,
            **{**ENDS, "tx_lat_deg": 95.0},
            htg_m=30.0,
            hrg_m=10.0,
            f_ghz=2.0,
            p_percent=1.0,
        )
    assert bad.value.field == "tx_lat_deg"


def _points(d_km: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    lat, lon = path_points(46.2, 6.1, 46.5, 6.6, d_km / d_km[-1])
    return np.asarray(lat), np.asarray(lon)


def _independent_clearance(
    answer: dict[str, object], tx_m: float, rx_m: float
) -> tuple[float, float]:
    """The smallest height of the line between the antennas above terrain + bulge, worked
    out here from the answer's profile and effective radius."""
    profile = answer["profile"]
    assert isinstance(profile, dict)
    d = np.asarray(profile["d_km"])
    h = np.asarray(profile["h_m"])
    length, radius = d[-1], profile["effective_radius_km"]
    bulge = 1000.0 * d * (length - d) / (2.0 * radius)
    np.testing.assert_allclose(profile["bulge_m"], bulge, rtol=1e-12, atol=1e-9)
    line = (h[0] + tx_m) + ((h[-1] + rx_m) - (h[0] + tx_m)) * d / length
    margin = line - (h + bulge)
    return float(margin.min()), float(d[np.argmin(margin)])


def test_terrestrial_paths_give_the_clearance_over_the_effective_earth() -> None:
    terrain = P1511Terrain()
    p452 = usecases.p452_between(
        terrain=terrain, **ENDS, htg_m=30.0, hrg_m=10.0, f_ghz=2.0, p_percent=1.0
    )
    profile = p452["profile"]
    # k50 from the ΔN the case carries, P.452-18 eqs. (5), (6a).
    assert profile["k_factor"] == pytest.approx(157.0 / (157.0 - technical.P452_DN))
    assert profile["effective_radius_km"] == pytest.approx(6371.0 * profile["k_factor"])
    clearance, at_km = _independent_clearance(p452, 30.0, 10.0)
    assert profile["clearance_m"] == pytest.approx(clearance, abs=1e-9)
    assert profile["clearance_at_km"] == at_km
    p1546 = usecases.p1546_between(
        terrain=terrain, **ENDS, ha_m=30.0, h2_m=10.0, f_mhz=600.0, t_percent=1.0
    )
    assert p1546["profile"]["k_factor"] == pytest.approx(4.0 / 3.0)
    assert p1546["profile"]["effective_radius_km"] == pytest.approx(6371.0 * 4.0 / 3.0)
    clearance, at_km = _independent_clearance(p1546, 30.0, 10.0)
    assert p1546["profile"]["clearance_m"] == pytest.approx(clearance, abs=1e-9)
    assert p1546["profile"]["clearance_at_km"] == at_km
    # The flatter P.452 Earth (k50 > 4/3) bulges less under the same profile.
    assert max(profile["bulge_m"]) < max(p1546["profile"]["bulge_m"])


def test_a_path_as_a_person_asks_it_is_the_models_own_answer() -> None:
    """``path_between`` takes heights, MHz and a percentage for either model and answers
    what the model's use case answers; its errors name its own keywords."""
    terrain = P1511Terrain()
    common = {**ENDS, "tx_height_m": 30.0, "rx_height_m": 10.0}
    p452 = usecases.path_between(terrain=terrain, model="p452", **common, f_mhz=2000.0,
                                 p_percent=1.0, gr_dbi=5.0)  # fmt: skip
    direct = usecases.p452_between(terrain=terrain, **ENDS, htg_m=30.0, hrg_m=10.0,
                                   f_ghz=2.0, p_percent=1.0, gr_dbi=5.0)  # fmt: skip
    assert p452["lb_db"] == direct["lb_db"] and p452["terrain"] == "P1511Terrain"
    p1546 = usecases.path_between(terrain=terrain, model="p1546", **common, f_mhz=600.0,
                                  p_percent=10.0, ptx_kw=2.0)  # fmt: skip
    direct = usecases.p1546_between(terrain=terrain, **ENDS, ha_m=30.0, h2_m=10.0,
                                    f_mhz=600.0, t_percent=10.0, ptx_kw=2.0)  # fmt: skip
    assert p1546["lb_db"] == direct["lb_db"]
    for model, f_mhz, changes, field in (
        ("p452", 50.0, {}, "f_mhz"),
        ("p452", float("nan"), {}, "f_mhz"),
        ("p452", 2000.0, {"rx_height_m": 0.0}, "rx_height_m"),
        ("p1546", 600.0, {"p_percent": 0.5}, "p_percent"),
        ("p1546", 600.0, {"tx_height_m": -5000.0}, "tx_height_m"),
        ("itm", 600.0, {}, "model"),
    ):
        with pytest.raises(InvalidInput) as refused:
            asked = {**common, "p_percent": 1.0, **changes}
            usecases.path_between(terrain=terrain, model=model, **asked, f_mhz=f_mhz)
        assert refused.value.field == field, (model, changes, refused.value)
