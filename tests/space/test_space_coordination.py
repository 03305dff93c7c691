"""The networks a new coordination request affects: by the arc of Appendix 5 and by
Appendix 8's ΔT/T, over every pair of beams with overlapping frequencies."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from openitu.space import coordination, dtt
from openitu.space.networks import Network, parse_network


def _network(name: str, admin: str, lon: float, low: str, high: str, *,
             service: str = "fixed-satellite", power: float = -50.0,
             es: tuple[float, float] = (45.0, 10.0)) -> Network:  # fmt: skip
    document: dict[str, Any] = {
        "name": name, "administration": admin, "orbit": "gso", "longitude_deg": lon,
        "earth_stations": [{"name": "ES", "lat_deg": es[0], "lon_deg": es[1], "gain_dbi": 50.0}],
        "beams": [
            {"name": f"{name}-UP", "direction": "up", "service": service,
             "frequencies": [{"low_hz": low, "high_hz": high}], "gain_dbi": 30.0,
             "noise_temperature_k": 500.0, "power_density_dbw_hz": power, "earth_station": "ES"},
            {"name": f"{name}-DN", "direction": "down", "service": service,
             "frequencies": [{"low_hz": low, "high_hz": high}], "gain_dbi": 30.0,
             "noise_temperature_k": 150.0, "power_density_dbw_hz": power - 20,
             "earth_station": "ES"},
        ],
    }  # fmt: skip
    return parse_network(document)


def test_arc_and_dt_over_t_criteria() -> None:
    new = _network("NEW", "FR", 10.0, "13.75GHz", "14.5GHz")
    filed = [
        (1, _network("NEAR", "DE", 15.0, "14.0GHz", "14.25GHz")),  # 5° away, row 2): ±7°
        (2, _network("FAR", "IT", 40.0, "14.0GHz", "14.25GHz", power=-70.0)),  # 30°, quiet
        (3, _network("OTHERBAND", "ES", 11.0, "6.0GHz", "6.2GHz")),  # no overlap
        # 9° away (outside ±7°) but loud and close on the ground: in an arc band ΔT/T only
        # lets its administration ask to be included (No. 9.41).
        (4, _network("LOUD", "GB", 19.0, "14.0GHz", "14.5GHz", power=-20.0)),
    ]
    new_table = coordination.BeamTable.from_networks([(0, new)])
    filed_table = coordination.BeamTable.from_networks(filed)
    report = coordination.report(new_table, filed_table)
    by_name = {n["name"]: n for n in report["networks"]}
    assert set(by_name) == {"NEAR"}
    assert by_name["NEAR"]["criterion"] == "arc"
    assert by_name["NEAR"]["separation_deg"] == pytest.approx(5.0)
    assert by_name["NEAR"]["coordination_arc_deg"] == 7.0
    assert report["administrations"] == ["DE"]
    assert report["no_9_41"]["may_request_inclusion"] == [4]
    pairs = coordination.examine(new_table, filed_table)
    near_dt = pairs.dt_t_percent[filed_table.network[pairs.filed_row] == 0]
    assert near_dt.size == 2
    assert report["no_9_41"]["may_be_excluded"] == ([1] if near_dt.max() <= 6.0 else [])
    # Pairs: same direction and overlapping bands, counted here by hand: NEAR, FAR and
    # LOUD overlap the new network's up and down beams (3 networks x 2 directions).
    assert report["pairs_evaluated"] == 6


def test_dt_over_t_decides_where_the_table_gives_no_arc() -> None:
    # 21.4-22 GHz is in none of the encoded rows 1)-3): row 9), ΔT/T > 6 %.
    new = _network("NEW", "FR", 10.0, "21.4GHz", "22.0GHz")
    loud = _network("LOUD", "GB", 25.0, "21.5GHz", "21.9GHz", power=-20.0)
    quiet = _network("QUIET", "NO", 60.0, "21.5GHz", "21.9GHz", power=-90.0)
    report = coordination.report(
        coordination.BeamTable.from_networks([(0, new)]),
        coordination.BeamTable.from_networks([(1, loud), (2, quiet)]),
    )
    assert [(n["name"], n["criteria"]) for n in report["networks"]] == [("LOUD", ["dt/t"])]
    assert report["networks"][0]["coordination_arc_deg"] is None
    assert report["networks"][0]["dt_t_percent"] > dtt.THRESHOLD_PERCENT


def test_far_quiet_network_is_below_threshold_with_its_numbers() -> None:
    new = coordination.BeamTable.from_networks(
        [(0, _network("NEW", "FR", 10.0, "14GHz", "14.5GHz"))]
    )
    filed = coordination.BeamTable.from_networks(
        [(2, _network("FAR", "IT", 40.0, "14.0GHz", "14.25GHz", power=-70.0))]
    )
    pairs = coordination.examine(new, filed)
    assert pairs.size == 2
    assert float(pairs.dt_t_percent.max()) < dtt.THRESHOLD_PERCENT
    assert not pairs.within_arc.any()
    assert coordination.affected(new, filed, pairs) == []


def test_non_gso_systems_are_left_to_other_procedures() -> None:
    document = {
        "name": "LEO", "administration": "US", "orbit": "ngso",
        "planes": [{"altitude_km": 550.0, "inclination_deg": 53.0, "satellites": 22}],
        "earth_stations": [{"name": "ES", "lat_deg": 40.0, "lon_deg": -100.0, "gain_dbi": 40.0}],
        "beams": [{"name": "B", "direction": "down", "frequencies": [{"low_hz": "11GHz",
                   "high_hz": "12GHz"}], "gain_dbi": 30.0, "noise_temperature_k": 150.0,
                   "power_density_dbw_hz": -60.0, "earth_station": "ES"}],
    }  # fmt: skip
    table = coordination.BeamTable.from_networks([(9, parse_network(document))])
    assert table.size == 0


def test_vectorised_examination_agrees_with_appendix_8_geometry() -> None:
    # The examination's own arithmetic (precomputed positions) against dtt.from_geometry
    # for one uplink pair: ΔT/T into the filed satellite = ΔTs / Ts with peak g3.
    new_net = _network("NEW", "FR", 10.0, "14.0GHz", "14.5GHz", es=(48.0, 2.0))
    filed_net = _network("OLD", "DE", 13.0, "14.0GHz", "14.5GHz", es=(52.0, 13.0))
    new = coordination.BeamTable.from_networks([(0, new_net)])
    filed = coordination.BeamTable.from_networks([(1, filed_net)])
    pairs = coordination.examine(new, filed)
    up_pair = int(np.flatnonzero(new.up[pairs.new_row])[0])
    result, _ = dtt.from_geometry(
        dtt.LinkEnd(13.0, 52.0, 13.0, 50.0, 30.0),
        dtt.LinkEnd(10.0, 48.0, 2.0, 50.0, 30.0),
        uplink_hz=14.25e9, downlink_hz=14.25e9, pe_w_hz=10 ** (-50 / 10), ps_w_hz=0.0,
        gamma_db=0.0, ts_k=500.0, te_k=1e-30,
    )  # fmt: skip
    assert float(pairs.dt_t_into_filed_percent[up_pair]) == pytest.approx(
        float(result.delta_ts_k) / 500.0 * 100.0, rel=1e-6
    )
