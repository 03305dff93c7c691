"""The radio engineer's computations as the pages (and tests) ask for them.

Nothing here is stored: each function takes plain values, calls the radio case registry
(`openitu.radio.cases`, which the CLI and the API use too), the GSO geometry of
`openitu.space.geometry`, the register's terrain source and the link budget of
`openitu.radio.link_budget`, and returns JSON-ready dicts. A bad value raises
`InvalidInput` naming the keyword it came in as.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any, Final, Literal

import numpy as np

from openitu.errors import InvalidInput
from openitu.radio import cases
from openitu.radio import link_budget as budget
from openitu.radio import profile as earth_profile
from openitu.radio.propagation import p452, p618
from openitu.register import technical
from openitu.register.terrain import TerrainSource, great_circle_points, sea_km
from openitu.space import geometry

# The percentages of an average year the attenuation curve is drawn at (P.618 §2.5 holds
# from 0.001 % to 50 %).
CURVE_PERCENTAGES: Final = (
    0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 50.0,
)  # fmt: skip
# Off-axis angles of a drawn antenna pattern: the boresight, then log-spaced to 180°.
PATTERN_ANGLES_DEG: Final = (0.0, *(float(a) for a in np.geomspace(0.05, 180.0, 400)))


@contextmanager
def _renamed(names: Mapping[str, str]) -> Iterator[None]:
    """An `InvalidInput` raised inside names the caller's keyword, not the case's field."""
    try:
        yield
    except InvalidInput as error:
        if error.field in names:
            raise InvalidInput(names[error.field], error.reason) from None
        raise


def gso_look_angles(*, sat_lon_deg: float, lat_deg: float, lon_deg: float) -> dict[str, Any]:
    """Elevation, azimuth and range of a geostationary position seen from a place."""
    if not (np.isfinite(sat_lon_deg) and -180.0 <= sat_lon_deg <= 360.0):
        raise InvalidInput("sat_lon_deg", f"must lie in [-180, 360] deg (got {sat_lon_deg:g})")
    elevation = float(geometry.elevation_deg(sat_lon_deg, lat_deg, lon_deg))
    return {
        "sat_lon_deg": sat_lon_deg,
        "lat_deg": lat_deg,
        "lon_deg": lon_deg,
        "el_deg": elevation,
        "az_deg": float(geometry.azimuth_deg(sat_lon_deg, lat_deg, lon_deg)),
        "range_km": float(geometry.slant_range_km(sat_lon_deg, lat_deg, lon_deg)),
        "visible": elevation >= 0.0,
    }


def _elevation(
    *, lat_deg: float, lon_deg: float, el_deg: float | None, sat_lon_deg: float | None
) -> tuple[float, dict[str, Any] | None]:
    if (el_deg is None) == (sat_lon_deg is None):
        raise InvalidInput("el_deg", "give either an elevation or a GSO satellite's longitude")
    if sat_lon_deg is None:
        assert el_deg is not None
        return el_deg, None
    look = gso_look_angles(sat_lon_deg=sat_lon_deg, lat_deg=lat_deg, lon_deg=lon_deg)
    if look["el_deg"] < 5.0:
        raise InvalidInput(
            "sat_lon_deg",
            f"the satellite is {look['el_deg']:.2f}° above the horizon from this place; "
            "P.618 needs 5° or more",
        )
    return float(look["el_deg"]), look


def slant_path(
    *,
    lat_deg: float,
    lon_deg: float,
    f_ghz: float,
    p_percent: float,
    d_m: float,
    eta: float,
    hs_km: float | None = None,
    tau_deg: float = 45.0,
    edition: str = p618.P618_DEFAULT,
    el_deg: float | None = None,
    sat_lon_deg: float | None = None,
) -> dict[str, Any]:
    """P.618 §2.5 attenuation of one Earth-space path, the elevation given or worked out
    from a GSO satellite's longitude (then ``look``: its look angles), and ``curve``: the
    total (and each part) at each of `CURVE_PERCENTAGES`, evaluated in one call."""
    elevation, look = _elevation(
        lat_deg=lat_deg, lon_deg=lon_deg, el_deg=el_deg, sat_lon_deg=sat_lon_deg
    )
    case = {
        "lat_deg": lat_deg,
        "lon_deg": lon_deg,
        "f_ghz": f_ghz,
        "el_deg": elevation,
        "p_percent": p_percent,
        "d_m": d_m,
        "eta": eta,
        "hs_km": hs_km,
        "tau_deg": tau_deg,
    }
    result = cases.run("slant-path", case, edition=edition)
    assert isinstance(result, dict)
    curve = cases.run_list(
        "slant-path", [{**case, "p_percent": p} for p in CURVE_PERCENTAGES], edition=edition
    )
    return {
        **result,
        "look": look,
        "curve": [{key: row[key] for key in ("p_percent", *cases.SLANT_OUTPUTS)} for row in curve],
    }


def _budget_terms(link: budget.LinkBudget, index: int | None = None) -> dict[str, float]:
    terms = {}
    for name in budget.LinkBudget.__dataclass_fields__:
        values = getattr(link, name)
        terms[name] = float(values if index is None else values[index])
    return terms


def link_budget(
    *,
    direction: Literal["uplink", "downlink"],
    lat_deg: float,
    lon_deg: float,
    sat_lon_deg: float,
    f_ghz: float,
    p_percent: float,
    eirp_dbw: float,
    gt_db_k: float,
    bandwidth_hz: float,
    required_cn_db: float,
    d_m: float,
    eta: float,
    hs_km: float | None = None,
    other_losses_db: float = 0.0,
    edition: str = p618.P618_DEFAULT,
) -> dict[str, Any]:
    """One direction of a GSO link at an earth station: slant range from the look angles,
    atmospheric loss the P.618 total exceeded for ``p_percent`` of an average year, and
    each term of the budget. ``eirp_dbw`` is the transmitting end's (the earth station's
    uplink, the satellite's downlink), ``gt_db_k`` the receiving end's; ``d_m`` and
    ``eta`` are the earth station's antenna (P.618 scintillation). ``curve``: the margin
    at each of `CURVE_PERCENTAGES`."""
    if direction not in ("uplink", "downlink"):
        raise InvalidInput("direction", f'must be "uplink" or "downlink", got {direction!r}')
    path = slant_path(
        lat_deg=lat_deg,
        lon_deg=lon_deg,
        f_ghz=f_ghz,
        p_percent=p_percent,
        d_m=d_m,
        eta=eta,
        hs_km=hs_km,
        edition=edition,
        sat_lon_deg=sat_lon_deg,
    )
    look = path["look"]
    percentages = [p_percent, *(row["p_percent"] for row in path["curve"])]
    attenuation = [path["a_total_db"], *(row["a_total_db"] for row in path["curve"])]
    link = budget.link_budget(
        eirp_dbw=eirp_dbw,
        f_ghz=f_ghz,
        d_km=look["range_km"],
        atmospheric_loss_db=np.asarray(attenuation),
        gt_db_k=gt_db_k,
        bandwidth_hz=bandwidth_hz,
        required_cn_db=required_cn_db,
        other_losses_db=other_losses_db,
    )
    return {
        "direction": direction,
        "f_ghz": f_ghz,
        "p_percent": p_percent,
        "edition": path["edition"],
        "bandwidth_hz": bandwidth_hz,
        "look": look,
        "attenuation": {key: path[key] for key in cases.SLANT_OUTPUTS},
        **_budget_terms(link, 0),
        "curve": [
            {"p_percent": p, "a_total_db": a, "margin_db": float(m)}
            for p, a, m in zip(percentages[1:], attenuation[1:], link.margin_db[1:], strict=True)
        ],
    }


def combined_cn_db(*, uplink_cn_db: float, downlink_cn_db: float) -> float:
    """C/N of the whole bent-pipe link, uplink noise and downlink noise added."""
    return float(budget.combined_cn_db(uplink_cn_db, downlink_cn_db))


def _profile(
    terrain: TerrainSource, tx: tuple[float, float], rx: tuple[float, float]
) -> tuple[np.ndarray, np.ndarray]:
    with _renamed(
        {"lat1_deg": "tx_lat_deg", "lon1_deg": "tx_lon_deg", "lat2_deg": "rx_lat_deg",
         "lon2_deg": "rx_lon_deg"}
    ):  # fmt: skip
        # The step comes from the great circle's length, the one the profile will have;
        # the points alone give it (and check the ends) without reading the terrain twice.
        along_km, _, _ = great_circle_points(*tx, *rx, step_km=1.0)
        length_km = float(along_km[-1])
        step = max(length_km / (technical.P452_MAX_POINTS - 1), technical.P452_MIN_STEP_KM)
        d_km, h_m = terrain.profile(*tx, *rx, step_km=step)
    return np.asarray(d_km, dtype=np.float64), np.asarray(h_m, dtype=np.float64)


def _over_the_earth(
    d_km: np.ndarray, h_m: np.ndarray, *, tx_m: float, rx_m: float, k_factor: float
) -> dict[str, Any]:
    """The profile's points with the Earth's bulge at the effective radius for
    ``k_factor``, and the smallest clearance of the line between the antennas' tops."""
    radius = earth_profile.effective_radius_km(k_factor)
    seen = earth_profile.path_clearance(
        d_km, h_m, tx_height_m=tx_m, rx_height_m=rx_m, effective_radius_km=radius
    )
    return {
        "d_km": [float(v) for v in d_km],
        "h_m": [float(v) for v in h_m],
        "bulge_m": [float(v) for v in seen.bulge_m],
        "k_factor": float(k_factor),
        "effective_radius_km": float(radius),
        "clearance_m": float(seen.clearance_m),
        "clearance_at_km": float(seen.at_km),
    }


def p452_between(
    *,
    terrain: TerrainSource,
    tx_lat_deg: float,
    tx_lon_deg: float,
    rx_lat_deg: float,
    rx_lon_deg: float,
    htg_m: float,
    hrg_m: float,
    f_ghz: float,
    p_percent: float,
    gt_dbi: float = 0.0,
    gr_dbi: float = 0.0,
    pol: str = "h",
) -> dict[str, Any]:
    """P.452-18 basic transmission loss between two points, the path profile from the
    terrain source (heights) and the country polygons (zones: sea B, land A2; dct, dcr
    the distances over land to the sea) as the register's examination takes them.

    ``profile`` also holds the profile over the effective Earth (`openitu.radio.profile`):
    ``bulge_m`` at each point, ``k_factor`` k50 and ``effective_radius_km`` a_e from the
    case's ΔN (P.452-18 eqs. (5), (6a)), and ``clearance_m``, the smallest height of the
    line between the antennas' tops above terrain plus bulge (negative: obstructed), at
    ``clearance_at_km``."""
    d_km, h_m = _profile(terrain, (tx_lat_deg, tx_lon_deg), (rx_lat_deg, rx_lon_deg))
    counts = np.array([d_km.size])
    zones, dct, dcr = technical.p452_zones(
        d_km[None, :],
        counts,
        *(np.array([v]) for v in (tx_lat_deg, tx_lon_deg, rx_lat_deg, rx_lon_deg)),
    )
    case = {
        "f_ghz": f_ghz,
        "p_percent": p_percent,
        "htg_m": htg_m,
        "hrg_m": hrg_m,
        "phit_e": tx_lon_deg,
        "phit_n": tx_lat_deg,
        "phir_e": rx_lon_deg,
        "phir_n": rx_lat_deg,
        "dct_km": float(dct[0]),
        "dcr_km": float(dcr[0]),
        "dn": technical.P452_DN,
        "n0": technical.P452_N0,
        "d_km": [float(v) for v in d_km],
        "h_m": [float(v) for v in h_m],
        "zone": [float(v) for v in zones[0]],
        "gt_dbi": gt_dbi,
        "gr_dbi": gr_dbi,
        "pol": pol,
    }
    names = {"phit_e": "tx_lon_deg", "phit_n": "tx_lat_deg", "phir_e": "rx_lon_deg",
             "phir_n": "rx_lat_deg"}  # fmt: skip
    with _renamed(names):
        result = cases.run("p452", case)
    assert isinstance(result, dict)
    return {
        "model": "P.452-18",
        "distance_km": float(d_km[-1]),
        "profile": {
            **_over_the_earth(
                d_km,
                h_m,
                tx_m=htg_m,
                rx_m=hrg_m,
                k_factor=float(earth_profile.median_k_factor(technical.P452_DN)),
            ),
            "zone": case["zone"],
        },
        "heights_m": {"tx": htg_m, "rx": hrg_m},
        **result,
    }


def p1546_between(
    *,
    terrain: TerrainSource,
    tx_lat_deg: float,
    tx_lon_deg: float,
    rx_lat_deg: float,
    rx_lon_deg: float,
    ha_m: float,
    h2_m: float,
    f_mhz: float,
    t_percent: float,
    ptx_kw: float = 1.0,
    q_percent: float = 50.0,
    rx_area: str = "rural",
) -> dict[str, Any]:
    """P.1546-6 field strength and basic transmission loss from a transmitter to a
    receiver: the path's land and (cold) sea sections from the country polygons, the
    terrain profile (for h1, §3) from the terrain source.

    ``profile`` also holds the profile over the effective Earth as `p452_between` gives
    it, at the median factor k = 4/3 (`openitu.radio.profile.MEDIAN_K`: P.1546 takes no
    refractivity), a_e = 6371 k km."""
    d_km, h_m = _profile(terrain, (tx_lat_deg, tx_lon_deg), (rx_lat_deg, rx_lon_deg))
    total = float(d_km[-1])
    sea = min(float(sea_km(tx_lat_deg, tx_lon_deg, rx_lat_deg, rx_lon_deg, total)), total)
    sections = [
        {"zone": zone, "d_km": length}
        for zone, length in (("land", total - sea), ("cold_sea", sea))
        if length > 0.0
    ]
    case = {
        "f_mhz": f_mhz,
        "t_percent": t_percent,
        "q_percent": q_percent,
        "ptx_kw": ptx_kw,
        "ha_m": ha_m,
        "h2_m": h2_m,
        "rx_area": rx_area,
        "sections": sections,
        "profile": {"d_km": [float(v) for v in d_km], "h_m": [float(v) for v in h_m]},
    }
    with _renamed({"sections": "rx_lat_deg"}):
        result = cases.run("p1546", case)
    assert isinstance(result, dict)
    return {
        "model": "P.1546-6",
        "distance_km": total,
        "sea_km": sea,
        "sections": sections,
        "profile": _over_the_earth(
            d_km, h_m, tx_m=ha_m, rx_m=h2_m, k_factor=earth_profile.MEDIAN_K
        ),
        "heights_m": {"tx": ha_m, "rx": h2_m},
        **result,
    }


PATH_MODELS: Final = {
    "p452": "P.452-18 (interference, 0.1-50 GHz)",
    "p1546": "P.1546-6 (point-to-area, 30-4000 MHz)",
}
# The models' own keywords, as `path_between` takes them.
_PATH_NAMES: Final = {
    "htg_m": "tx_height_m",
    "ha_m": "tx_height_m",
    "hrg_m": "rx_height_m",
    "h2_m": "rx_height_m",
    "t_percent": "p_percent",
}


def path_between(
    *,
    terrain: TerrainSource,
    model: str,
    tx_lat_deg: float,
    tx_lon_deg: float,
    rx_lat_deg: float,
    rx_lon_deg: float,
    tx_height_m: float,
    rx_height_m: float,
    f_mhz: float,
    p_percent: float,
    gt_dbi: float = 0.0,
    gr_dbi: float = 0.0,
    pol: str = "h",
    ptx_kw: float = 1.0,
    rx_area: str = "rural",
) -> dict[str, Any]:
    """``p452_between`` or ``p1546_between`` as a person asks it on the page and the API:
    each antenna's height above ground, the frequency in MHz and the percentage of time
    whatever the model; an error names these keywords (``f_mhz`` with its range in MHz),
    never the model's own. ``gt_dbi``, ``gr_dbi`` and ``pol`` are P.452's; ``ptx_kw`` and
    ``rx_area`` P.1546's. The answer says which terrain source gave the profile."""
    ends = {"tx_lat_deg": tx_lat_deg, "tx_lon_deg": tx_lon_deg,
            "rx_lat_deg": rx_lat_deg, "rx_lon_deg": rx_lon_deg}  # fmt: skip
    with _renamed(_PATH_NAMES):
        if model == "p452":
            low_ghz, high_ghz = p452.F_GHZ_RANGE
            if not low_ghz * 1e3 <= f_mhz <= high_ghz * 1e3:
                raise InvalidInput(
                    "f_mhz",
                    f"P.452-18 covers {low_ghz * 1e3:g} to {high_ghz * 1e3:g} MHz (§1), "
                    f"got {f_mhz:g} MHz",
                )
            result = p452_between(
                terrain=terrain, **ends, htg_m=tx_height_m, hrg_m=rx_height_m,
                f_ghz=f_mhz / 1e3, p_percent=p_percent, gt_dbi=gt_dbi, gr_dbi=gr_dbi, pol=pol,
            )  # fmt: skip
        elif model == "p1546":
            result = p1546_between(
                terrain=terrain, **ends, ha_m=tx_height_m, h2_m=rx_height_m, f_mhz=f_mhz,
                t_percent=p_percent, ptx_kw=ptx_kw, rx_area=rx_area,
            )  # fmt: skip
        else:
            raise InvalidInput("model", f"must be one of {', '.join(PATH_MODELS)}, got {model!r}")
    result["terrain"] = type(terrain).__name__
    return result


def antenna_pattern(
    *,
    pattern: str,
    f_hz: float | None = None,
    d_m: float | None = None,
    gmax_dbi: float | None = None,
    efficiency: float | None = None,
    half_beamwidth_deg: float | None = None,
    ln_db: float | None = None,
) -> dict[str, Any]:
    """Gain of a reference pattern at `PATTERN_ANGLES_DEG`, with the parameters the CLI's
    ``openitu radio antenna`` takes (efficiency for S.465/S.580, S.1528's half beamwidth
    and L_N); ``peak_dbi`` the boresight gain."""
    if pattern.strip().lower() == "omni":
        parameters: dict[str, Any] = {"gain_dbi": gmax_dbi}
    else:
        parameters = {
            "f_mhz": f_hz / 1e6 if f_hz is not None else None,
            "d_m": d_m,
            "gmax_dbi": gmax_dbi,
            "efficiency": efficiency,
            "half_beamwidth_deg": half_beamwidth_deg,
            "ln_db": ln_db,
        }
    document = cases.antenna_gain(pattern, PATTERN_ANGLES_DEG, parameters)
    return {**document, "peak_dbi": document["gain_dbi"][0]}
