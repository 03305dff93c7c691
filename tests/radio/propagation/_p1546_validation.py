"""Reads the ITU-R P.1546-6 validation set kept in tests/reference/p1546 (see SOURCES.md).

Each ``results/<profile>_<n>_log.csv`` is one case computed by the ITU-R WP 3K reference
implementation on ``profiles/<profile>.csv``; its input rows name the inputs of
``openitu radio p1546`` and its last rows the expected field strength and loss.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REFERENCE = Path(__file__).resolve().parents[2] / "reference" / "p1546"

_AREAS = {
    "rural": "rural",
    "suburban": "suburban",
    "urban": "urban",
    "dense urban": "dense_urban",
    "sea": "sea",
}


@dataclass(frozen=True)
class ValidationCase:
    name: str
    case: dict[str, Any]
    expected: dict[str, float]


def _rows(path: Path) -> dict[str, list[str]]:
    text = path.read_text(encoding="utf-8-sig")
    rows: dict[str, list[str]] = {}
    for line in text.splitlines():
        parts = [p.strip() for p in re.split(r"[;,]", line)]
        if parts and parts[0] and not parts[0].startswith("#"):
            rows[parts[0]] = parts[1:]
    return rows


def _value(rows: dict[str, list[str]], prefix: str) -> str:
    for label, parts in rows.items():
        if label.startswith(prefix):
            return parts[2]
    raise KeyError(prefix)


def read_profile(path: Path) -> tuple[list[float], list[float]]:
    """Distances and ground heights ordered from the transmitter (§1.1 designation)."""
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    first_is_tx = True
    d: list[float] = []
    h: list[float] = []
    inside = False
    for line in lines:
        parts = [p.strip() for p in line.split(",")]
        if parts[0] == "First Point TX or RX:":
            first_is_tx = parts[1].upper() != "R"
        elif parts[0] == "{Begin of Profile}":
            inside = True
        elif parts[0] == "{End of Profile}":
            inside = False
        elif inside and parts[0] and parts[0][0].isdigit():
            d.append(float(parts[0]))
            h.append(float(parts[1]))
    if not first_is_tx:
        d = [d[-1] - x for x in reversed(d)]
        h = list(reversed(h))
    return d, h


def load_cases() -> list[ValidationCase]:
    cases = []
    for log in sorted((REFERENCE / "results").glob("*_log.csv")):
        profile_name = re.sub(r"_\d+_log\.csv$", "", log.name)
        rows = _rows(log)
        d, h = read_profile(REFERENCE / "profiles" / f"{profile_name}.csv")
        ptx = (
            float(_value(rows, "Tx Power")) if any(k.startswith("Tx Power") for k in rows) else 1.0
        )
        land = float(_value(rows, "Land path"))
        sea_label = "Sea path" if any(k.startswith("Sea path") for k in rows) else "See path"
        sea = float(_value(rows, sea_label))
        sea_kind = next(parts[0] for k, parts in rows.items() if k.startswith(sea_label))
        sections = []
        if land > 0:
            sections.append({"zone": "land", "d_km": land})
        if sea > 0:
            zone = "warm_sea" if sea_kind.lower() == "warm" else "cold_sea"
            sections.append({"zone": zone, "d_km": sea})
        wa = 500.0
        if any(k.startswith("Square area") for k in rows):
            wa = float(_value(rows, "Square area"))
        case = {
            "ptx_kw": ptx,
            "f_mhz": float(_value(rows, "Frequency f")),
            "t_percent": float(_value(rows, "Percentage time")),
            "q_percent": float(_value(rows, "Percentage location")),
            "ha_m": float(_value(rows, "Tx antenna height a. g. ha")),
            "h2_m": float(_value(rows, "Rx antenna height a. g. h2")),
            "r1_m": float(_value(rows, "Tx clutter height R1")),
            "r2_m": float(_value(rows, "Rx clutter height R2")),
            "rx_area": _AREAS[_value(rows, "Rx clutter type").lower()],
            "wa_m": wa,
            "sections": sections,
            "profile": {"d_km": d, "h_m": h},
        }
        given = [k for k in rows if k.startswith("Resulting field strength for given PTx")]
        e_label = given[0] if given else "Resulting field strength for Ptx = 1kW"
        expected = {
            "e_dbuv_m": float(_value(rows, e_label)),
            "lb_db": float(_value(rows, "Resulting basic transmission loss")),
            "h1_m": float(_value(rows, "Tx antenna height h1")),
            "tca_deg": float(_value(rows, "Terrain clearance angle tca")),
            "theta_eff1_deg": float(_value(rows, "Tx effective TCA")),
            "emax": float(_value(rows, "Maximum field strength Emax")),
            "e_path": float(_value(rows, "Field strength (dBuV/m)")),
        }
        cases.append(
            ValidationCase(name=log.name.removesuffix("_log.csv"), case=case, expected=expected)
        )
    return cases
