"""Residuals of candidate P.618 §2.5 combinations on ITURP618-14_A_total.csv.

Run: ``.venv/bin/python scripts/p618_14_residuals.py``. For each combination of the gas
and cloud floor (1 % as P.618-13, 5 % as P.618-14), the gas edition (P.676-12, -13) and
its inputs (P.836-6/P.1510-1/P.835, or the P.2145-0 maps through the P.676-13 statistical
method, possible with the 5 % floor only), the cloud edition (P.840-8, -9) and the R_0.01
source (P.837-7 map or Annex 1 procedure) it prints max |ΔA_total|, the mean ΔA_total and
how many of the 24 rows agree within 0.01 dB or 0.1 %; then the per-row residuals of the
P.618-14 default and the gas term the row implies (A_total - sqrt((A_R + A_C)² + A_S²))
next to ours and to the P.836 route's. docs/radio.md quotes the output.
"""

from __future__ import annotations

import csv
import itertools
from pathlib import Path

import numpy as np

from openitu.radio.propagation import p618

ROWS = Path(__file__).resolve().parents[1] / "tests/reference/earth_space/ITURP618-14_A_total.csv"


def main() -> None:
    with ROWS.open(encoding="utf-8") as handle:
        lines = list(csv.reader(handle))
    names = [n.strip() for n in lines[0]]
    data = np.array([[float(v) for v in line] for line in lines[2:] if line])
    t = {name: data[:, i] for i, name in enumerate(names)}
    reference = t["A_total"]
    tolerance = np.maximum(0.01, 1e-3 * np.abs(reference))

    def run(
        edition: str, gas: str, cloud: str, source: str, inputs: str
    ) -> p618.SlantPathAttenuation:
        return p618.slant_path_attenuation(
            t["lat"],
            t["lon"],
            t["f"],
            t["el"],
            t["p"],
            t["D"],
            t["eta"],
            hs_km=t["hs"],
            tau_deg=t["tau"],
            edition=edition,
            gas_edition=gas,
            cloud_edition=cloud,
            r001_source=source,
            gas_source=inputs,
        )

    print("floor  gas       inputs  cloud    R0.01   max|d|   mean d   rows within tolerance")
    for edition, gas, inputs, cloud, source in itertools.product(
        ("P.618-13", "P.618-14"),
        ("P.676-12", "P.676-13"),
        p618.GAS_SOURCES,
        ("P.840-8", "P.840-9"),
        p618.R001_SOURCES,
    ):
        if inputs == "P.2145" and (edition, gas) != ("P.618-14", "P.676-13"):
            continue
        d = run(edition, gas, cloud, source, inputs).a_total_db - reference
        floor = "1 %" if edition == "P.618-13" else "5 %"
        print(
            f"{floor:6s} {gas:9s} {inputs:7s} {cloud:8s} {source:7s} {np.abs(d).max():7.4f}"
            f"  {d.mean():+7.4f}  {int(np.sum(np.abs(d) <= tolerance)):2d}/{d.size}"
        )
    best = run("P.618-14", "P.676-13", "P.840-9", "annex1", "P.2145")
    old = run("P.618-14", "P.676-13", "P.840-9", "annex1", "P.836")
    implied = reference - np.sqrt((best.a_rain_db + best.a_cloud_db) ** 2 + best.a_scint_db**2)
    print("\nP.618-14 (P.676-13 with P.2145, P.840-9, R0.01 Annex 1), per row:")
    print(
        "   lat     lon    f [GHz]  p [%]  A_total ref  ours      delta    A_G implied  A_G ours"
        "  A_G P.836"
    )
    for i in range(reference.size):
        print(
            f"{t['lat'][i]:7.3f} {t['lon'][i]:7.2f} {t['f'][i]:7.2f} {t['p'][i]:6.2f}"
            f"  {reference[i]:10.4f} {best.a_total_db[i]:9.4f}"
            f" {best.a_total_db[i] - reference[i]:+8.4f}"
            f"  {implied[i]:10.4f} {best.a_gas_db[i]:9.4f} {old.a_gas_db[i]:9.4f}"
        )


if __name__ == "__main__":
    main()
