"""Radio use cases shared by the CLI, the HTTP API and the pages: plain dicts in and out.

Each function takes keyword arguments or JSON-like case objects, validates them (an
`InvalidInput` naming the field), calls the vectorised models once for all cases and
returns JSON-ready dicts.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Final

import numpy as np

from openitu.errors import InvalidInput
from openitu.radio import antennas
from openitu.radio._checks import check_edition
from openitu.radio.emissions import parse_emission
from openitu.radio.propagation import earth_space, p525

SLANT_REQUIRED: Final = ("lat_deg", "lon_deg", "f_ghz", "el_deg", "p_percent", "d_m", "eta")
SLANT_OPTIONAL: Final = ("hs_km", "tau_deg")
SLANT_OUTPUTS: Final = ("a_gas_db", "a_cloud_db", "a_rain_db", "a_scint_db", "a_total_db")


def _number(case: Mapping[str, Any], key: str, where: str) -> float:
    value = case.get(key)
    if isinstance(value, bool) or not isinstance(value, int | float):
        if value is None:
            raise InvalidInput(f"{where}{key}", "is required (a number)")
        raise InvalidInput(f"{where}{key}", f"must be a number, got {value!r}")
    return float(value)


def slant_path(
    cases: Sequence[Mapping[str, Any]], *, edition: str = "P.618-13"
) -> list[dict[str, Any]]:
    """P.618 §2.5 slant-path attenuation for each case, vectorised per edition.

    A case holds ``lat_deg, lon_deg, f_ghz, el_deg, p_percent, d_m, eta`` and optionally
    ``hs_km`` (P.1511 when absent), ``tau_deg`` (45) and ``edition`` (overrides the
    ``edition`` argument for that case). The result of each holds the inputs used,
    ``edition`` ("P.618-13" or "P.618-14", with the component editions that go with it)
    and ``a_gas_db, a_cloud_db, a_rain_db, a_scint_db, a_total_db``, in the cases' order.
    """
    default = check_edition(edition, earth_space.P618_EDITIONS)
    if not cases:
        raise InvalidInput("cases", "needs at least one case")
    chosen: list[str] = []
    for index, case in enumerate(cases):
        where = f"[{index}]." if len(cases) > 1 else ""
        if not isinstance(case, Mapping):
            raise InvalidInput(f"[{index}]", "each case must be an object")
        own = case.get("edition")
        if own is None:
            chosen.append(default)
        elif not isinstance(own, str):
            raise InvalidInput(f"{where}edition", f"must be a string, got {own!r}")
        else:
            chosen.append(check_edition(own, earth_space.P618_EDITIONS, field=f"{where}edition"))
    out: list[dict[str, Any]] = [{} for _ in cases]
    for group_edition in sorted(set(chosen)):
        indices = [i for i, picked in enumerate(chosen) if picked == group_edition]
        rows = _slant_path_group(cases, indices, group_edition)
        for i, row in zip(indices, rows, strict=True):
            out[i] = row
    return out


def _slant_path_group(
    cases: Sequence[Mapping[str, Any]], indices: Sequence[int], edition: str
) -> list[dict[str, Any]]:
    """The cases at ``indices`` (all of one edition) in one vectorised call."""
    allowed = {*SLANT_REQUIRED, *SLANT_OPTIONAL, "edition"}
    columns: dict[str, list[float]] = {key: [] for key in (*SLANT_REQUIRED, "tau_deg")}
    hs: list[float | None] = []
    for index in indices:
        case = cases[index]
        where = f"[{index}]." if len(cases) > 1 else ""
        unknown = sorted(set(case) - allowed)
        if unknown:
            raise InvalidInput(
                f"{where}{unknown[0]}", f"unknown input (expected {', '.join(sorted(allowed))})"
            )
        for key in SLANT_REQUIRED:
            columns[key].append(_number(case, key, where))
        columns["tau_deg"].append(
            _number(case, "tau_deg", where) if case.get("tau_deg") is not None else 45.0
        )
        hs.append(_number(case, "hs_km", where) if case.get("hs_km") is not None else None)
    arrays = {key: np.asarray(values, dtype=np.float64) for key, values in columns.items()}
    if any(h is None for h in hs):
        known = np.asarray([np.nan if h is None else h for h in hs], dtype=np.float64)
        missing = np.isnan(known)
        known[missing] = earth_space.topographic_altitude_km(
            arrays["lat_deg"][missing], arrays["lon_deg"][missing]
        )
        hs_array = known
    else:
        hs_array = np.asarray(hs, dtype=np.float64)
    result = earth_space.slant_path_attenuation(
        arrays["lat_deg"],
        arrays["lon_deg"],
        arrays["f_ghz"],
        arrays["el_deg"],
        arrays["p_percent"],
        arrays["d_m"],
        arrays["eta"],
        hs_km=hs_array,
        tau_deg=arrays["tau_deg"],
        edition=edition,
    )
    out: list[dict[str, Any]] = []
    for i in range(len(indices)):
        row: dict[str, Any] = {key: float(arrays[key][i]) for key in SLANT_REQUIRED}
        row["hs_km"] = float(hs_array[i])
        row["tau_deg"] = float(arrays["tau_deg"][i])
        row["edition"] = edition
        for name in SLANT_OUTPUTS:
            row[name] = float(getattr(result, name)[i])
        out.append(row)
    return out


def emission(designator: str) -> dict[str, Any]:
    """An RR Appendix 1 designator decoded: bandwidth, symbols and their meanings."""
    return parse_emission(designator).describe()


def free_space(
    *,
    f_hz: float,
    d_km: float,
    eirp_dbw: float | None = None,
    gr_dbi: float = 0.0,
) -> dict[str, Any]:
    """Free-space loss (P.525-4) and, given an e.i.r.p., pfd, field strength and P_r."""
    f_mhz = f_hz / 1e6
    if not f_hz > 0:
        raise InvalidInput("f", "must be > 0 Hz")
    document: dict[str, Any] = {
        "f_hz": f_hz,
        "d_km": d_km,
        "edition": "P.525-4",
        "loss_db": float(p525.free_space_loss_db(f_mhz, d_km)),
    }
    if eirp_dbw is not None:
        e = p525.field_strength_dbuv_m(eirp_dbw, d_km)
        document.update(
            eirp_dbw=eirp_dbw,
            gr_dbi=gr_dbi,
            pfd_dbw_m2=float(p525.pfd_dbw_m2(eirp_dbw, d_km)),
            e_dbuv_m=float(e),
            received_power_dbw=float(p525.received_power_dbw(e, f_mhz, gr_dbi)),
        )
    return document


def antenna_gain(
    pattern: str, angles_deg: Sequence[float], parameters: Mapping[str, Any]
) -> dict[str, Any]:
    """Gain of a reference pattern at each angle: ``{"pattern", "angles_deg", "gain_dbi"}``."""
    if not angles_deg:
        raise InvalidInput("angle_deg", "give at least one angle")
    given = {key: value for key, value in parameters.items() if value is not None}
    gains = antennas.antenna_gain_dbi(pattern, np.asarray(angles_deg, dtype=np.float64), **given)
    return {
        "pattern": pattern,
        "parameters": given,
        "angles_deg": [float(a) for a in angles_deg],
        "gain_dbi": [float(g) for g in np.atleast_1d(gains)],
    }
