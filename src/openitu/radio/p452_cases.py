"""P.452-18 case objects (the CLI's CASE files, the API's bodies) in, results out.

A case is a JSON-like object named as the ITU-R validation files' columns (DESIGN.md):
``f_ghz, p_percent, d_km[], h_m[], r_m[], zone[], htg_m, hrg_m, phit_e, phit_n, phir_e,
phir_n, gt_dbi, gr_dbi, pol, dct_km, dcr_km, pressure_hpa, temperature_c, dn, n0``.
All cases go through one vectorised `p452_basic_loss` call: the profiles are padded to
the longest and each keeps its own number of points.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Final

import numpy as np

from openitu.errors import InvalidInput
from openitu.radio._checks import check_edition
from openitu.radio.propagation.p452 import EDITIONS, LOSS_FIELDS, p452_basic_loss

REQUIRED_NUMBERS: Final = (
    "f_ghz",
    "p_percent",
    "htg_m",
    "hrg_m",
    "phit_e",
    "phit_n",
    "phir_e",
    "phir_n",
    "dct_km",
    "dcr_km",
    "dn",
    "n0",
)
# Optional inputs and the values used when a case leaves them out.
DEFAULTS: Final[dict[str, float | str]] = {
    "gt_dbi": 0.0,
    "gr_dbi": 0.0,
    "pol": "h",
    "pressure_hpa": 1013.0,
    "temperature_c": 15.0,
}
PROFILE_KEYS: Final = ("d_km", "h_m", "r_m", "zone")
ALLOWED: Final = frozenset((*REQUIRED_NUMBERS, *DEFAULTS, *PROFILE_KEYS, "edition"))


def _number(case: Mapping[str, Any], key: str, where: str) -> float:
    value = case.get(key)
    if value is None:
        raise InvalidInput(f"{where}{key}", "is required (a number)")
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidInput(f"{where}{key}", f"must be a number, got {value!r}")
    return float(value)


def _numbers(case: Mapping[str, Any], key: str, where: str, length: int | None) -> list[float]:
    value = case.get(key)
    if value is None:
        raise InvalidInput(f"{where}{key}", "is required (a list of numbers along the path)")
    if not isinstance(value, list | tuple) or not all(
        isinstance(x, int | float) and not isinstance(x, bool) for x in value
    ):
        raise InvalidInput(f"{where}{key}", "must be a list of numbers along the path")
    if length is not None and len(value) != length:
        raise InvalidInput(
            f"{where}{key}", f"must have one value per profile point ({length}), got {len(value)}"
        )
    return [float(x) for x in value]


def p452_cases(cases: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Basic transmission loss for each case (P.452-18), in the order given.

    Returns, per case, ``lb_db`` and the intermediate losses ``lbfsg_db, lb0p_db,
    lb0b_db, ldsph_db, ld50_db, ldp_db, lbs_db, lba_db`` [dB]. Missing or malformed
    fields raise `InvalidInput` naming the field (prefixed ``[i].`` in a list of cases).
    """
    if not cases:
        raise InvalidInput("cases", "needs at least one case")
    many = len(cases) > 1
    columns: dict[str, list[Any]] = {k: [] for k in (*REQUIRED_NUMBERS, *DEFAULTS)}
    profiles: list[dict[str, list[float]]] = []
    for index, case in enumerate(cases):
        where = f"[{index}]." if many else ""
        if not isinstance(case, Mapping):
            raise InvalidInput(f"[{index}]", "each case must be an object")
        unknown = sorted(set(case) - ALLOWED)
        if unknown:
            raise InvalidInput(
                f"{where}{unknown[0]}", f"unknown input (expected {', '.join(sorted(ALLOWED))})"
            )
        for key in REQUIRED_NUMBERS:
            columns[key].append(_number(case, key, where))
        for key, default in DEFAULTS.items():
            if case.get(key) is None:
                columns[key].append(default)
            elif key == "pol":
                pol = case[key]
                if not isinstance(pol, str) or pol.strip().lower() not in ("h", "v"):
                    raise InvalidInput(f"{where}pol", f'must be "h" or "v", got {pol!r}')
                columns[key].append(pol.strip().lower())
            else:
                columns[key].append(_number(case, key, where))
        d = _numbers(case, "d_km", where, None)
        n = len(d)
        if n < 4:
            raise InvalidInput(f"{where}d_km", f"a profile needs at least 4 points (got {n})")
        profile = {"d_km": d, "h_m": _numbers(case, "h_m", where, n)}
        profile["zone"] = _numbers(case, "zone", where, n)
        profile["r_m"] = [0.0] * n if case.get("r_m") is None else _numbers(case, "r_m", where, n)
        profiles.append(profile)
        edition = case.get("edition", EDITIONS[0])
        if not isinstance(edition, str):
            raise InvalidInput(f"{where}edition", f"must be a string such as {EDITIONS[0]!r}")
        check_edition(edition, EDITIONS, field=f"{where}edition")

    counts = np.array([len(p["d_km"]) for p in profiles], dtype=np.intp)
    width = int(counts.max())
    padded: dict[str, np.ndarray] = {}
    for key in PROFILE_KEYS:
        array = np.empty((len(profiles), width))
        for i, profile in enumerate(profiles):
            values = profile[key]
            array[i, : len(values)] = values
            array[i, len(values) :] = values[-1]
        padded[key] = array
    col = {k: np.asarray(columns[k], dtype=np.float64) for k in columns if k != "pol"}
    try:
        result = p452_basic_loss(
            col["f_ghz"],
            col["p_percent"],
            padded["d_km"],
            padded["h_m"],
            zone=padded["zone"],
            r_m=padded["r_m"],
            n_points=counts,
            htg_m=col["htg_m"],
            hrg_m=col["hrg_m"],
            phit_e=col["phit_e"],
            phit_n=col["phit_n"],
            phir_e=col["phir_e"],
            phir_n=col["phir_n"],
            dct_km=col["dct_km"],
            dcr_km=col["dcr_km"],
            dn=col["dn"],
            n0=col["n0"],
            gt_dbi=col["gt_dbi"],
            gr_dbi=col["gr_dbi"],
            pol=columns["pol"],
            pressure_hpa=col["pressure_hpa"],
            temperature_c=col["temperature_c"],
        )
    except InvalidInput as exc:
        if not many:
            raise
        raise InvalidInput(_which_case(exc, cases), exc.reason) from None
    return [
        {name: float(getattr(result, name)[i]) for name in LOSS_FIELDS} for i in range(len(cases))
    ]


def _which_case(exc: InvalidInput, cases: Sequence[Mapping[str, Any]]) -> str:
    """Name the first case whose own evaluation fails on the same field."""
    for index, case in enumerate(cases):
        try:
            p452_cases([case])
        except InvalidInput as single:
            return f"[{index}].{single.field}"
    return exc.field
