"""Reads the ITU-R P.452-18 validation examples in tests/reference/p452 (see SOURCES.md)
into cases named as the CLI and the API take them, with the expected values."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

REFERENCE = Path(__file__).resolve().parents[2] / "reference" / "p452"

# Result-file column -> name of the value in our output.
LOSS_COLUMNS = {
    "Lb": "lb_db",
    "Lbfsg": "lbfsg_db",
    "Lb0p": "lb0p_db",
    "Lb0b": "lb0b_db",
    "Ldsph": "ldsph_db",
    "Ld50": "ld50_db",
    "Ldp": "ldp_db",
    "Lbs": "lbs_db",
    "Lba": "lba_db",
}
PROFILE_COLUMNS = {
    "ae": "ae_km",
    "dtot": "dtot_km",
    "hts": "hts_m",
    "hrs": "hrs_m",
    "theta_t": "theta_t_mrad",
    "theta_r": "theta_r_mrad",
    "theta": "theta_mrad",
    "hm": "hm_m",
    "hte": "hte_m",
    "hre": "hre_m",
    "hstd": "hstd_m",
    "hsrd": "hsrd_m",
    "dlt": "dlt_km",
    "dlr": "dlr_km",
    "dtm": "dtm_km",
    "dlm": "dlm_km",
    "b0": "b0_percent",
    "omega": "omega",
}


@dataclass(frozen=True)
class Row:
    """One line of a result file: where it is, the case, and what it must give."""

    file: str
    line: int  # 1-based line number in the result file (line 1 is the header)
    case: dict[str, Any]
    expected: dict[str, float]
    trans_horizon: bool

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}"


@cache
def _profile(name: str) -> dict[str, list[float] | list[int]]:
    with (REFERENCE / "profiles" / name).open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))[1:]
    return {
        "d_km": [float(r[0]) for r in rows],
        "h_m": [float(r[1]) for r in rows],
        "r_m": [float(r[2]) for r in rows],
        "zone": [int(r[4]) for r in rows],
    }


def result_files() -> list[str]:
    return sorted(p.name for p in (REFERENCE / "results").glob("test_result_*.csv"))


def load_rows(result_file: str) -> list[Row]:
    with (REFERENCE / "results" / result_file).open(newline="", encoding="utf-8") as handle:
        records = [{k.strip(): v.strip() for k, v in r.items()} for r in csv.DictReader(handle)]
    rows = []
    for number, rec in enumerate(records, start=2):
        case: dict[str, Any] = {
            "f_ghz": float(rec["f (GHz)"]),
            "p_percent": float(rec["p (%)"]),
            **_profile(rec["profile"]),
            "htg_m": float(rec["htg (m)"]),
            "hrg_m": float(rec["hrg (m)"]),
            "phit_e": float(rec["phit_e (deg)"]),
            "phit_n": float(rec["phit_n (deg)"]),
            "phir_e": float(rec["phir_e (deg)"]),
            "phir_n": float(rec["phir_n (deg)"]),
            "gt_dbi": float(rec["Gt (dBi)"]),
            "gr_dbi": float(rec["Gr (dBi)"]),
            "pol": {"1": "h", "2": "v"}[rec["pol (1-h/2-v)"]],
            "dct_km": float(rec["dct (km)"]),
            "dcr_km": float(rec["dcr (km)"]),
            "pressure_hpa": float(rec["press (hPa)"]),
            "temperature_c": float(rec["temp (deg C)"]),
            "dn": float(rec["DN"]),
            "n0": float(rec["N0"]),
        }
        expected = {
            ours: float(rec[col]) for col, ours in {**LOSS_COLUMNS, **PROFILE_COLUMNS}.items()
        }
        rows.append(
            Row(
                file=result_file,
                line=number,
                case=case,
                expected=expected,
                trans_horizon=rec["path"] == "Trans-Horizon",
            )
        )
    return rows
