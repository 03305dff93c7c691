"""Technical examination: invariants of find_affected and the safety of its pruning."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

import numpy as np
import pytest

from openitu.errors import InvalidInput
from openitu.radio.propagation.p525 import free_space_loss_db as p525_loss
from openitu.register.technical import (
    CANDIDATE_TO_RECORDED,
    DEFAULT_CRITERIA,
    FAMILIES,
    RECORDED_TO_CANDIDATE,
    DistanceLimit,
    RecordedAssignments,
    Station,
    TechnicalResult,
    basic_loss_db,
    find_affected,
    great_circle_km,
    model_margin_db,
    service_family,
    station_from_notice,
)

T0 = datetime(2026, 1, 1, tzinfo=UTC)


def link(ident: int | None, lat: float, lon: float, **changes: object) -> Station:
    """A 6 GHz fixed link (F.758-like figures) from (lat, lon) 20 km north-east."""
    base = Station(
        assignment_id=ident,
        administration="FR",
        service="fixed",
        station_class="FX",
        frequency_hz=6.175e9,
        bandwidth_hz=30e6,
        tx_lat_deg=lat,
        tx_lon_deg=lon,
        tx_antenna_height_m=30.0,
        eirp_dbw=50.0,
        tx_gain_dbi=38.0,
        azimuth_deg=None,
        polarization="v",
        rx_lat_deg=lat + 0.13,
        rx_lon_deg=lon + 0.18,
        rx_antenna_height_m=30.0,
        rx_gain_dbi=38.0,
        date_of_receipt=T0,
    )
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


def keyed(result: TechnicalResult) -> dict[tuple[int | None, str], float]:
    return {(a.assignment_id, a.direction): a.margin_db for a in result.affected}


# ---------------------------------------------------------------------------------------


def test_service_families_follow_article_1() -> None:
    assert service_family("fixed") == "fixed"
    assert service_family("land mobile") == "mobile"
    assert service_family("aeronautical mobile (R)") == "mobile"
    assert service_family("broadcasting") == "broadcasting"
    assert service_family("fixed-satellite") == "other"
    assert service_family("radiolocation") == "other"


def test_path_loss_is_reciprocal_for_p452_and_free_space() -> None:
    """Swapping the ends (positions and heights) of a path leaves P.452 and P.525 alone."""
    rng = np.random.default_rng(7)
    n = 40
    d = rng.uniform(1, 300, n)
    lat1, lon1 = rng.uniform(40, 50, n), rng.uniform(0, 10, n)
    lat2, lon2 = lat1 + d / 111.2, lon1
    d = great_circle_km(lat1, lon1, lat2, lon2)
    h1, h2 = rng.uniform(10, 80, n), rng.uniform(10, 80, n)
    f = rng.uniform(0.2e9, 40e9, n)
    for model in ("p452", "free-space"):
        chosen = np.full(n, model)
        common = {"f_hz": f, "d_km": d, "p_percent": 1.0, "terrain": None,
                  "tx_gain_dbi": np.zeros(n), "rx_gain_dbi": np.zeros(n),
                  "vertical": np.zeros(n, dtype=bool)}  # fmt: skip
        forward = basic_loss_db(
            chosen, tx_lat=lat1, tx_lon=lon1, tx_height_m=h1,
            rx_lat=lat2, rx_lon=lon2, rx_height_m=h2, **common,  # type: ignore[arg-type]
        )  # fmt: skip
        backward = basic_loss_db(
            chosen, tx_lat=lat2, tx_lon=lon2, tx_height_m=h2,
            rx_lat=lat1, rx_lon=lon1, rx_height_m=h1, **common,  # type: ignore[arg-type]
        )  # fmt: skip
        np.testing.assert_allclose(forward, backward, atol=0.01)


def test_free_space_is_p525() -> None:
    d = np.array([1.0, 10.0, 100.0])
    chosen = np.full(3, "free-space")
    loss = basic_loss_db(
        chosen, f_hz=np.full(3, 2e9), d_km=d, p_percent=1.0, tx_lat=np.zeros(3),
        tx_lon=np.zeros(3), tx_height_m=np.full(3, 10.0), rx_lat=np.zeros(3),
        rx_lon=np.zeros(3), rx_height_m=np.full(3, 10.0), tx_gain_dbi=np.zeros(3),
        rx_gain_dbi=np.zeros(3), vertical=np.zeros(3, dtype=bool), terrain=None,
    )  # fmt: skip
    np.testing.assert_allclose(loss, p525_loss(2000.0, d), atol=0.01)


def test_models_never_go_below_free_space_by_more_than_the_pruning_margin() -> None:
    """The free-space bound of the pruning is safe for the engine's models (1 % of time)."""
    n = 60
    d = np.geomspace(0.5, 900, n)
    lat2 = 45 + d / 111.2
    for model, f in (("p452", 6e9), ("p452", 0.3e9), ("p1546", 0.6e9), ("p1546", 3.5e9)):
        loss = basic_loss_db(
            np.full(n, model), f_hz=np.full(n, f), d_km=d, p_percent=1.0,
            tx_lat=np.full(n, 45.0), tx_lon=np.full(n, 5.0), tx_height_m=np.full(n, 300.0),
            rx_lat=lat2, rx_lon=np.full(n, 5.0), rx_height_m=np.full(n, 10.0),
            tx_gain_dbi=np.zeros(n), rx_gain_dbi=np.zeros(n),
            vertical=np.zeros(n, dtype=bool), terrain=None,
        )  # fmt: skip
        assert np.all(loss >= p525_loss(f / 1e6, d) - model_margin_db(1.0)), model


def test_both_directions_are_found() -> None:
    candidate = link(None, 45.0, 5.0, date_of_receipt=datetime(2026, 6, 1, tzinfo=UTC))
    # a recorded link whose receiver sits near the candidate's transmitter and whose
    # transmitter sits near the candidate's receiver: interference both ways
    recorded = RecordedAssignments.from_stations(
        [
            link(
                1, candidate.rx_lat_deg or 0, (candidate.rx_lon_deg or 0) + 0.02,
                rx_lat_deg=45.0, rx_lon_deg=5.02,
            )
        ]
    )  # fmt: skip
    result = find_affected(candidate, recorded)
    directions = {a.direction for a in result.affected}
    assert directions == {CANDIDATE_TO_RECORDED, RECORDED_TO_CANDIDATE}
    assert all(a.margin_db < 0 and a.criterion == "I/N" for a in result.affected)
    assert all(a.model == "p452" for a in result.affected)


def test_margin_grows_with_distance_and_falls_with_power() -> None:
    candidate = link(None, 45.0, 5.0)
    stations = [
        link(i, 45.0 + 0.05 * i, 5.0, date_of_receipt=datetime(2025, 1, 1, tzinfo=UTC))
        for i in range(1, 40)
    ]
    recorded = RecordedAssignments.from_stations(stations)
    loose = dataclasses.replace(DEFAULT_CRITERIA, in_fixed_db=-200.0)  # every pair reported
    base = find_affected(candidate, recorded, criteria=loose)
    margins = keyed(base)
    forward = [margins[(i, CANDIDATE_TO_RECORDED)] for i in range(1, 40)]
    distances = [
        a.distance_km
        for a in sorted(base.affected, key=lambda a: a.assignment_id or 0)
        if a.direction == CANDIDATE_TO_RECORDED
    ]
    assert np.all(np.diff(distances) > 0)
    assert np.all(np.diff(forward) >= -1e-6)  # farther never worse (same geometry, no terrain)
    louder = find_affected(dataclasses.replace(candidate, eirp_dbw=60.0), recorded, criteria=loose)
    for (ident, direction), margin in keyed(louder).items():
        if direction == CANDIDATE_TO_RECORDED:
            assert margin == pytest.approx(margins[(ident, direction)] - 10.0, abs=0.01)
        else:  # the candidate's transmitter power does not change what it receives
            assert margin == pytest.approx(margins[(ident, direction)], abs=0.01)


def test_antenna_discrimination_helps() -> None:
    """Pointing the candidate's dish away from a victim raises that victim's margin."""
    victim = link(1, 45.3, 5.0, rx_lat_deg=45.2, rx_lon_deg=5.0, date_of_receipt=None)
    recorded = RecordedAssignments.from_stations([victim])
    loose = dataclasses.replace(DEFAULT_CRITERIA, in_fixed_db=-200.0)
    towards = link(None, 45.0, 5.0, azimuth_deg=0.0)
    away = link(None, 45.0, 5.0, azimuth_deg=180.0)

    def margin(candidate: Station, model: str) -> float:
        result = find_affected(candidate, recorded, criteria=loose, model=model)
        return keyed(result)[(1, CANDIDATE_TO_RECORDED)]

    # F.699-8: 20 log(D/λ) = G_max - 7.7, and with D/λ <= 100 (recommends 2.2) the gain
    # from 48 deg on is 10 - 10 log(D/λ); in free space the margins differ by just that
    d_over_lambda = 10 ** ((38.0 - 7.7) / 20)
    back_lobe = 10 - 10 * np.log10(d_over_lambda)
    assert margin(away, "free-space") - margin(towards, "free-space") == pytest.approx(
        38.0 - back_lobe, abs=0.01
    )
    # P.452-18's troposcatter aperture-to-medium coupling loss (eq. (45)) grows with the
    # gains along the path, so part of the discrimination comes back in Lb
    assert 35.0 < margin(away, "p452") - margin(towards, "p452") <= 38.0 - back_lobe + 0.01


def test_only_earlier_assignments_are_examined() -> None:
    candidate = link(5, 45.0, 5.0, date_of_receipt=datetime(2026, 3, 1, tzinfo=UTC))
    earlier = link(1, 45.01, 5.0, date_of_receipt=datetime(2026, 2, 1, tzinfo=UTC))
    later = link(2, 45.01, 5.0, date_of_receipt=datetime(2026, 4, 1, tzinfo=UTC))
    itself = link(5, 45.0, 5.0, date_of_receipt=datetime(2026, 1, 1, tzinfo=UTC))
    result = find_affected(candidate, RecordedAssignments.from_stations([earlier, later, itself]))
    assert {a.assignment_id for a in result.affected} == {1}
    assert result.total == 1


def test_far_frequencies_and_far_stations_are_pruned() -> None:
    candidate = link(None, 45.0, 5.0, date_of_receipt=None)
    stations = [
        link(1, 45.05, 5.0),  # co-channel, near
        link(2, 45.05, 5.0, frequency_hz=6.175e9 + 45e6),  # first adjacent: 30 dB ACR
        link(3, 45.05, 5.0, frequency_hz=7.5e9),  # another band
        link(4, 52.0, 5.0, eirp_dbw=-20.0, tx_gain_dbi=10.0, rx_gain_dbi=10.0),  # weak, 780 km
    ]
    result = find_affected(candidate, RecordedAssignments.from_stations(stations))
    assert result.total == 4
    assert result.considered == 2
    assert result.pruning_ratio == pytest.approx(0.5)
    assert {a.assignment_id for a in result.affected} == {1, 2}
    margins = keyed(result)
    adjacent = margins[(2, CANDIDATE_TO_RECORDED)] - margins[(1, CANDIDATE_TO_RECORDED)]
    assert adjacent == pytest.approx(DEFAULT_CRITERIA.adjacent_channel_rejection_db, abs=0.5)


def _random_register(n: int, seed: int) -> list[Station]:
    """Fixed links, mobile base stations and broadcasters within ~350 km of (46 N, 4 E)."""
    rng = np.random.default_rng(seed)
    stations: list[Station] = []
    channels = {
        "fixed": (6.175e9, 6.205e9, 6.235e9, 0.95e9, 0.951e9),
        "land mobile": (0.95e9, 0.951e9, 0.4e9, 0.40002e9),
        "broadcasting": (0.594e9, 0.602e9, 0.61e9, 0.098e9),
    }
    for i in range(n):
        service = rng.choice(list(channels))
        f = float(rng.choice(channels[service]))
        lat, lon = 46 + rng.uniform(-1.5, 1.5), 4 + rng.uniform(-2.0, 2.0)
        common = {"assignment_id": i + 1, "administration": rng.choice(["FR", "CH", "IT"]),
                  "service": str(service), "frequency_hz": f, "tx_lat_deg": lat,
                  "tx_lon_deg": lon, "date_of_receipt": None}  # fmt: skip
        if service == "fixed":
            bearing = rng.uniform(0, 2 * np.pi)
            stations.append(
                Station(
                    station_class="FX", bandwidth_hz=28e6 if f > 1e9 else 0.2e6,
                    tx_antenna_height_m=float(rng.uniform(10, 60)),
                    eirp_dbw=float(rng.uniform(10, 55)), tx_gain_dbi=float(rng.uniform(20, 42)),
                    rx_lat_deg=lat + 0.2 * np.cos(bearing), rx_lon_deg=lon + 0.25 * np.sin(bearing),
                    rx_antenna_height_m=float(rng.uniform(10, 60)),
                    rx_gain_dbi=float(rng.uniform(20, 42)), polarization="h", **common,
                )  # type: ignore[arg-type]
            )  # fmt: skip
        elif service == "land mobile":
            stations.append(
                Station(
                    station_class="FB", bandwidth_hz=25e3 if f < 0.5e9 else 5e6,
                    tx_antenna_height_m=float(rng.uniform(15, 50)),
                    eirp_dbw=float(rng.uniform(0, 30)), tx_gain_dbi=float(rng.uniform(0, 17)),
                    **common,
                )  # type: ignore[arg-type]
            )  # fmt: skip
        else:
            stations.append(
                Station(
                    station_class="BT" if f > 0.2e9 else "BC",
                    bandwidth_hz=8e6 if f > 0.2e9 else 0.2e6,
                    tx_antenna_height_m=float(rng.uniform(30, 300)),
                    eirp_dbw=float(rng.uniform(20, 52)), tx_gain_dbi=float(rng.uniform(0, 12)),
                    **common,
                )  # type: ignore[arg-type]
            )  # fmt: skip
    return stations


@pytest.mark.parametrize("which", [0, 1, 2])
def test_pruning_never_drops_an_affected_pair(which: int) -> None:
    """Against the unpruned computation of every pair, on 3,000 random stations."""
    stations = _random_register(3000, seed=11 + which)
    recorded = RecordedAssignments.from_stations(stations)
    candidates = [
        link(None, 46.2, 4.1, eirp_dbw=55.0, tx_gain_dbi=40.0, date_of_receipt=None),
        Station(None, "FR", "broadcasting", "BT", 0.602e9, 8e6, 46.0, 4.0, 200.0, 50.0, 10.0),
        Station(None, "FR", "land mobile", "FB", 0.95e9, 5e6, 45.5, 3.5, 30.0, 25.0, 15.0),
    ]
    candidate = candidates[which]
    pruned = find_affected(candidate, recorded)
    full = find_affected(candidate, recorded, prune=False)
    assert full.considered == len(stations)  # nothing skipped in the brute force
    assert pruned.considered < full.considered  # the pruning did prune
    assert len(full.affected) > 0
    assert keyed(pruned) == keyed(full)


def test_from_arrays_matches_from_stations() -> None:
    stations = _random_register(300, seed=3)
    by_objects = RecordedAssignments.from_stations(stations)
    by_arrays = RecordedAssignments.from_arrays(
        assignment_id=by_objects.assignment_id,
        administration_code=by_objects.administration_code,
        administrations=by_objects.administrations,
        service_code=by_objects.service_code,
        services=by_objects.services,
        station_class_code=by_objects.station_class_code,
        station_classes=by_objects.station_classes,
        frequency_hz=by_objects.frequency_hz,
        bandwidth_hz=by_objects.bandwidth_hz,
        tx_lat_deg=by_objects.tx_lat_deg,
        tx_lon_deg=by_objects.tx_lon_deg,
        tx_antenna_height_m=by_objects.tx_antenna_height_m,
        eirp_dbw=by_objects.eirp_dbw,
        tx_gain_dbi=by_objects.tx_gain_dbi,
        azimuth_deg=by_objects.azimuth_deg,
        polarization_code=by_objects.polarization_code,
        polarizations=by_objects.polarizations,
        rx_lat_deg=by_objects.rx_lat_deg,
        rx_lon_deg=by_objects.rx_lon_deg,
        rx_antenna_height_m=by_objects.rx_antenna_height_m,
        rx_gain_dbi=by_objects.rx_gain_dbi,
    )
    assert len(by_arrays) == len(stations) == 300
    assert by_arrays.station(17) == stations[17]
    candidate = link(None, 46.0, 4.0)
    assert keyed(find_affected(candidate, by_arrays)) == keyed(find_affected(candidate, by_objects))


def test_broadcasting_victims_use_field_strength() -> None:
    tv = Station(1, "CH", "broadcasting", "BT", 0.602e9, 8e6, 46.5, 6.5, 150.0, 50.0, 10.0)
    candidate = Station(None, "FR", "broadcasting", "BT", 0.602e9, 8e6, 46.0, 6.0, 150.0, 50.0)
    result = find_affected(candidate, RecordedAssignments.from_stations([tv]))
    forward = [a for a in result.affected if a.direction == CANDIDATE_TO_RECORDED]
    assert forward and forward[0].criterion == "field strength" and forward[0].model == "p1546"
    # margin = Emin - (E + PR) with GE06 RPC 1 (56 dBuV/m at 650 MHz) and PR 20 dB
    assert forward[0].margin_db == pytest.approx(56.0 - 20.0 - forward[0].field_strength_dbuv_m)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"frequency_hz": -1.0}, "frequency_hz"),
        ({"tx_lat_deg": 91.0}, "tx.lat_deg"),
        ({"tx_antenna_height_m": 0.0}, "tx.antenna_height_m"),
        ({"azimuth_deg": 400.0}, "tx.azimuth_deg"),
        ({"rx_lon_deg": None}, "rx.lat_deg"),
        ({"administration": "FRA"}, "administration"),
        ({"eirp_dbw": float("nan")}, "tx.eirp_dbw"),
    ],
)
def test_bad_station_names_the_field(change: dict[str, object], field: str) -> None:
    with pytest.raises(InvalidInput) as error:
        link(None, 45.0, 5.0, **change)
    assert error.value.field == field


def test_bad_arguments_name_the_field() -> None:
    recorded = RecordedAssignments.from_stations([link(1, 45.0, 5.0)])
    with pytest.raises(InvalidInput, match="model"):
        find_affected(link(None, 45.0, 5.0), recorded, model="p999")
    with pytest.raises(InvalidInput) as error:
        find_affected(link(None, 45.0, 5.0), recorded, p_percent=80.0)
    assert error.value.field == "p_percent"


def test_station_from_notice() -> None:
    notice = {
        "administration": "fr", "reference": "X1", "service": "fixed", "station_class": "FX",
        "frequency_hz": 6.175e9, "emission": "28M0D7W",
        "tx": {"lat_deg": 45, "lon_deg": 5, "antenna_height_m": 30, "eirp_dbw": 50,
               "gain_dbi": 38, "azimuth_deg": 45, "polarization": "h"},
        "rx": {"lat_deg": 45.1, "lon_deg": 5.1, "antenna_height_m": 20, "gain_dbi": 38},
    }  # fmt: skip
    station = station_from_notice(notice, assignment_id=3)
    assert station.bandwidth_hz == 28e6 and station.administration == "FR"
    assert station.rx_antenna_height_m == 20.0
    broken = {**notice, "tx": {**notice["tx"], "eirp_dbw": "loud"}}  # type: ignore[dict-item]
    with pytest.raises(InvalidInput) as error:
        station_from_notice(broken)
    assert error.value.field == "tx.eirp_dbw"
    with pytest.raises(InvalidInput) as error:
        station_from_notice({**notice, "emission": "28M0"})
    assert error.value.field == "emission"


def test_p1546_paths_over_sea_lose_less() -> None:
    """P.1546-6 §8 mixed paths: Calais -> Dover crosses the Channel, Lyon -> Grenoble does not."""
    lat1, lon1 = np.array([50.95, 45.76]), np.array([1.85, 4.84])
    lat2, lon2 = np.array([51.13, 45.19]), np.array([1.31, 5.72])
    d = great_circle_km(lat1, lon1, lat2, lon2)
    args = {"f_hz": np.full(2, 600e6), "d_km": d, "p_percent": 1.0, "tx_lat": lat1,
            "tx_lon": lon1, "tx_height_m": np.full(2, 100.0), "rx_lat": lat2, "rx_lon": lon2,
            "rx_height_m": np.full(2, 10.0), "tx_gain_dbi": np.zeros(2),
            "rx_gain_dbi": np.zeros(2), "vertical": np.zeros(2, dtype=bool),
            "terrain": None}  # fmt: skip
    chosen = np.full(2, "p1546")
    mixed = basic_loss_db(chosen, sea_paths=True, **args)  # type: ignore[arg-type]
    land = basic_loss_db(chosen, sea_paths=False, **args)  # type: ignore[arg-type]
    assert mixed[0] < land[0] - 3.0  # the Channel crossing
    assert mixed[1] == pytest.approx(land[1])  # inland


@pytest.mark.parametrize("p_percent", [0.01, 1.0, 20.0])
def test_sea_paths_stay_within_the_pruning_margin(p_percent: float) -> None:
    """Paths from Marseille out over the Mediterranean (zone B, ducting, sea enhancement)."""
    n = 40
    d = np.geomspace(1, 900, n)
    lat2 = 43.3 - d / 111.2
    for model, f in (("p452", 6e9), ("p452", 20e9), ("p1546", 0.6e9)):
        loss = basic_loss_db(
            np.full(n, model), f_hz=np.full(n, f), d_km=d, p_percent=p_percent,
            tx_lat=np.full(n, 43.3), tx_lon=np.full(n, 5.4), tx_height_m=np.full(n, 300.0),
            rx_lat=lat2, rx_lon=np.full(n, 5.4), rx_height_m=np.full(n, 300.0),
            tx_gain_dbi=np.full(n, 40.0), rx_gain_dbi=np.full(n, 40.0),
            vertical=np.zeros(n, dtype=bool), terrain=None,
        )  # fmt: skip
        assert np.all(loss >= p525_loss(f / 1e6, d) - model_margin_db(p_percent)), model


def test_p452_paths_over_sea_are_zone_b() -> None:
    """At P.452's default 20 % the Channel crossing loses less with its sea (zone B, dct/dcr
    at the coasts) than taken inland; an inland path is unchanged."""
    lat1, lon1 = np.array([50.95, 45.76]), np.array([1.85, 4.84])
    lat2, lon2 = np.array([51.13, 45.19]), np.array([1.31, 5.72])
    d = great_circle_km(lat1, lon1, lat2, lon2)
    args = {"f_hz": np.full(2, 6e9), "d_km": d, "p_percent": None, "tx_lat": lat1,
            "tx_lon": lon1, "tx_height_m": np.full(2, 30.0), "rx_lat": lat2, "rx_lon": lon2,
            "rx_height_m": np.full(2, 30.0), "tx_gain_dbi": np.zeros(2),
            "rx_gain_dbi": np.zeros(2), "vertical": np.zeros(2, dtype=bool),
            "terrain": None}  # fmt: skip
    chosen = np.full(2, "p452")
    mixed = basic_loss_db(chosen, sea_paths=True, **args)  # type: ignore[arg-type]
    land = basic_loss_db(chosen, sea_paths=False, **args)  # type: ignore[arg-type]
    assert mixed[0] < land[0] - 1.0
    assert mixed[1] == pytest.approx(land[1])


def test_an_empty_register_affects_nobody() -> None:
    result = find_affected(link(None, 45.0, 5.0), RecordedAssignments.from_stations([]))
    assert result.affected == [] and result.total == 0 and result.pruning_ratio == 1.0


def test_the_farthest_look_bounds_every_familys_limit_in_the_band() -> None:
    limits = (
        DistanceLimit(0.0, 10e9, "*", 300.0, "test"),
        DistanceLimit(0.0, 3e9, "broadcasting", 700.0, "test"),
    )
    criteria = dataclasses.replace(DEFAULT_CRITERIA, distance_limits=limits)
    assert criteria.farthest_look_km(1e9, 2e9) == 700.0
    assert criteria.farthest_look_km(5e9, 6e9) == 300.0
    # no row covers the families above 10 GHz: no bound at all
    assert criteria.farthest_look_km(9e9, 11e9) == float("inf")
    f_hz = np.array([1.5e9, 5e9])
    for family in FAMILIES:
        codes = np.full(2, FAMILIES.index(family), dtype=np.int8)
        each = criteria.distance_limit_km(f_hz, codes)
        assert np.all(
            each <= [criteria.farthest_look_km(1e9, 2e9), criteria.farthest_look_km(5e9, 6e9)]
        )
