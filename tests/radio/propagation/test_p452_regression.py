"""P.452-18 against the ITU-R reference implementation (eeveetza/Py452), without it.

The cases in tests/reference/p452/regression/py452_cases.json.gz were drawn over the
Recommendation's whole domain and computed by Py452 (scripts/validate_p452.py; provenance in
the file and in tests/reference/p452/SOURCES.md). Here they are replayed through OpenITU in
one call: Lb and every intermediate loss within 0.01 dB, the profile analysis to 1e-6.
"""

from __future__ import annotations

import gzip
import json
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from openitu.radio.propagation.p452 import LOSS_FIELDS, P452Result, p452_basic_loss

CASES = (
    Path(__file__).resolve().parents[2]
    / "reference"
    / "p452"
    / "regression"
    / "py452_cases.json.gz"
)


@cache
def document() -> dict[str, Any]:
    with gzip.open(CASES, "rt", encoding="utf-8") as handle:
        loaded: dict[str, Any] = json.load(handle)
    return loaded


def distances(case: dict[str, Any]) -> np.ndarray:
    if "d_km" in case:
        return np.asarray(case["d_km"], dtype=np.float64)
    return np.linspace(0.0, case["dtot_km"], case["n_points"])


@cache
def replay() -> P452Result:
    cases = document()["cases"]
    counts = np.array([c["n_points"] for c in cases])
    width = int(counts.max())

    def padded(values: list[np.ndarray]) -> np.ndarray:
        out = np.empty((len(values), width))
        for i, row in enumerate(values):
            out[i, : row.size] = row
            out[i, row.size :] = row[-1]
        return out

    def column(key: str) -> np.ndarray:
        return np.array([float(c[key]) for c in cases])

    return p452_basic_loss(
        column("f_ghz"),
        column("p_percent"),
        padded([distances(c) for c in cases]),
        padded([np.asarray(c["h_m"], dtype=np.float64) for c in cases]),
        zone=padded([np.asarray(c["zone"], dtype=np.float64) for c in cases]).astype(np.intp),
        r_m=padded([np.asarray(c["r_m"], dtype=np.float64) for c in cases]),
        n_points=counts,
        htg_m=column("htg_m"),
        hrg_m=column("hrg_m"),
        phit_e=column("phit_e"),
        phit_n=column("phit_n"),
        phir_e=column("phir_e"),
        phir_n=column("phir_n"),
        dct_km=column("dct_km"),
        dcr_km=column("dcr_km"),
        dn=column("dn"),
        n0=column("n0"),
        gt_dbi=column("gt_dbi"),
        gr_dbi=column("gr_dbi"),
        pol=["v" if c["vertical"] else "h" for c in cases],
        pressure_hpa=column("pressure_hpa"),
        temperature_c=column("temperature_c"),
    )


def test_provenance_names_the_reference_commit() -> None:
    provenance = document()["provenance"]
    assert provenance["reference"] == "https://github.com/eeveetza/Py452"
    assert provenance["commit"] == "9cd38ecb753ecb84f59d6fba71c13714023b8db1"
    assert len(document()["cases"]) >= 300


@pytest.mark.parametrize("field", LOSS_FIELDS)
def test_losses_agree_with_the_reference_within_a_hundredth_of_a_db(field: str) -> None:
    cases = document()["cases"]
    expected = np.array([c["expected"][field] for c in cases])
    got = np.asarray(getattr(replay(), field))
    off = np.nonzero(~(np.abs(got - expected) <= 0.01))[0]
    assert off.size == 0, [(cases[i]["index"], float(got[i]), float(expected[i])) for i in off[:10]]


def test_profile_analysis_agrees_with_the_reference() -> None:
    cases = document()["cases"]
    result = replay()
    trans = np.array([c["expected"]["trans_horizon"] == 1.0 for c in cases])
    assert np.array_equal(np.asarray(result.trans_horizon), trans)
    profile = [k for k in cases[0]["expected"] if k not in (*LOSS_FIELDS, "trans_horizon")]
    assert len(profile) == 14, profile
    for field in profile:
        expected = np.array([c["expected"][field] for c in cases])
        got = np.asarray(getattr(result, field))
        tolerance = 1e-6 * np.maximum(1.0, np.abs(expected))
        off = np.nonzero(~(np.abs(got - expected) <= tolerance))[0]
        assert off.size == 0, (field, [(cases[i]["index"], got[i], expected[i]) for i in off[:5]])


def test_the_cases_cover_every_branch() -> None:
    """The set must keep reaching each branch of the method (so that trimming it fails)."""
    cases = document()["cases"]
    result = replay()
    zones = [frozenset(c["zone"]) for c in cases]
    p = np.array([c["p_percent"] for c in cases])
    b0 = np.asarray(result.b0_percent)
    dtot = np.array([c["dtot_km"] for c in cases])
    lat = np.array([0.5 * (c["phit_n"] + c["phir_n"]) for c in cases])
    f = np.array([c["f_ghz"] for c in cases])
    clutter_t = [any(r > 0 for r in c["r_m"][: len(c["r_m"]) // 3]) for c in cases]

    def receiver_ground_steeper(case: dict[str, Any]) -> bool:
        """Would the receiver's ground beat every interior point in Stim (eq. (14) on h,
        for Fj)? The branch OpenITU once got wrong."""
        d, h = distances(case), np.asarray(case["h_m"])
        hts, dtot = h[0] + case["htg_m"], d[-1]
        ae = 6371.0 * 157.0 / (157.0 - case["dn"])
        di, hi = d[1:-1], h[1:-1]
        inner = (hi + 500.0 * di * (dtot - di) / ae - hts) / di
        return bool((h[-1] - hts) / dtot > inner.max())

    clutter_r = [any(r > 0 for r in c["r_m"][-(len(c["r_m"]) // 3) :]) for c in cases]
    checks = {
        "line of sight": (~np.asarray(result.trans_horizon)).sum(),
        "trans-horizon": np.asarray(result.trans_horizon).sum(),
        "A1 only": sum(z == {1} for z in zones),
        "A2 only": sum(z == {2} for z in zones),
        "B only": sum(z == {3} for z in zones),
        "mixed zones": sum(len(z) > 1 for z in zones),
        "clutter at the Tx end": sum(clutter_t),
        "clutter at the Rx end": sum(clutter_r),
        "p < β0": (p < b0).sum(),
        "β0 <= p < 50": ((p >= b0) & (p < 50.0)).sum(),
        "p = 50": (p == 50.0).sum(),
        "d < 1 km": (dtot < 1.0).sum(),
        "d < 20 km (Fk)": (dtot < 20.0).sum(),
        "d > 800 km": (dtot > 800.0).sum(),
        "f < 0.5 GHz (Alf)": (f < 0.5).sum(),
        "|φ| > 70°": (np.abs(lat) > 70.0).sum(),
        "spherical Earth (Ldsph > 0)": (np.asarray(result.ldsph_db) > 0.0).sum(),
        "troposcatter dominant": (
            np.asarray(result.lbs_db) < np.asarray(result.lba_db) - 3.0
        ).sum(),
        "vertical polarisation": sum(c["vertical"] for c in cases),
        "unequal spacing": sum("d_km" in c for c in cases),
        "LoS, receiver's ground steeper than Stim": sum(
            receiver_ground_steeper(c) and not t
            for c, t in zip(cases, np.asarray(result.trans_horizon), strict=True)
        ),
    }
    missing = [name for name, count in checks.items() if count < 5]
    assert not missing, checks
