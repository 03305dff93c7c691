"""OpenITU's P.452-18 against the ITU-R reference implementation (eeveetza/Py452), case by case.

    .venv/bin/python scripts/validate_p452.py --reference PATH [--cases 10000] [--seed N]
        [--write-regression FILE] [--regression-cases 300]

PATH is a checkout of https://github.com/eeveetza/Py452 (the Python port, functionally
identical to the ITU-R Working Party 3M MATLAB code that produced the validation set). Its
code is never imported into OpenITU's interpreter nor copied into the project: the script
copies ``src/Py452/{__init__,P452}.py`` into a temporary folder and runs them in a
subprocess of benchmarks/.peers-venv (created on first use, numpy from the registry), the
inputs and outputs handed over in .npz files.

Py452's ``bt_loss`` reads ΔN and N0 from the P.452-18 digital maps (P452.npz, made from
DN50.TXT and N050.TXT, ITU digital products that the checkout does not hold and OpenITU does
not ship: our ``p452_basic_loss`` takes ΔN and N0 as inputs). The throwaway copy gets a
P452.npz of the maps' shape (121 x 241, 1.5 degrees), and before each case the worker sets
both maps to constant grids holding that case's ΔN and N0: its bilinear interpolation then
returns them exactly, so both sides see the same values.

Cases are drawn over the Recommendation's whole domain (§1: 0.1-50 GHz, 0.001-50 % of time;
see `draw_cases`): zones A1, A2, B and mixed, clutter at either end or along the path, short
(0.1 km) to long (2,000 km) paths, line of sight and trans-horizon, smooth-Earth, hilly,
sea and coastal profiles, latitudes beyond 70 degrees, p below β0 and exactly 50 %. The
script prints the share of cases whose basic transmission loss Lb agrees within 0.01 dB,
the coverage of each branch of the method, and every divergence above 0.01 dB grouped by
the stage where the two first differ (profile analysis, LoS, diffraction, troposcatter,
ducting, the §4.5 combination) and the path class, with counts and the worst case.

``--write-regression FILE`` keeps a few hundred of the cases, chosen to cover every branch,
with their inputs, the reference's outputs and the provenance (tests/reference/p452/
regression/ holds the committed set, replayed by tests/radio/propagation/
test_p452_regression.py without the reference code).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
PEERS_VENV = ROOT / "benchmarks" / ".peers-venv"
PEERS_PYTHON = PEERS_VENV / "bin" / "python"
# The commit the checked-in regression set was made with, and the SHA-256 of its P452.py
# (used to name the commit when the checkout is not a git work tree).
PINNED_COMMIT = "9cd38ecb753ecb84f59d6fba71c13714023b8db1"
PINNED_P452_SHA256 = "ae6727769a84d66f36f974da2c759937850669c4c849e6d1e79db43b4b09dd74"
MAP_SHAPE = (121, 241)  # DN50.TXT / N050.TXT: 90 N to 90 S, 0 to 360 E, every 1.5 degrees
TOLERANCE_DB = 0.01
EARTH_RADIUS_KM = 6371.0

PROFILE_KEYS = ("d_km", "h_m", "r_m", "zone")
# What the worker returns per case besides Lb, in the order of the method (the first that
# disagrees names the stage where a divergence starts), with the stage of each.
STAGE = {
    "dtm_km": "radio-climatic zones (dtm, dlm, ω, β0; §3.2.1)",
    "dlm_km": "radio-climatic zones (dtm, dlm, ω, β0; §3.2.1)",
    "omega": "radio-climatic zones (dtm, dlm, ω, β0; §3.2.1)",
    "b0_percent": "radio-climatic zones (dtm, dlm, ω, β0; §3.2.1)",
    "trans_horizon": "profile analysis: path class (Att. 2 §4)",
    "theta_t_mrad": "profile analysis: horizon angles (Att. 2 §5.1.1-5.1.3)",
    "theta_r_mrad": "profile analysis: horizon angles (Att. 2 §5.1.1-5.1.3)",
    "dlt_km": "profile analysis: horizon / Bullington-point distances (Att. 2 §5.1)",
    "dlr_km": "profile analysis: horizon / Bullington-point distances (Att. 2 §5.1)",
    "hstd_m": "profile analysis: smooth-Earth heights for diffraction (Att. 2 §5.1.6.3)",
    "hsrd_m": "profile analysis: smooth-Earth heights for diffraction (Att. 2 §5.1.6.3)",
    "hte_m": "profile analysis: ducting heights (Att. 2 §5.1.6.4)",
    "hre_m": "profile analysis: ducting heights (Att. 2 §5.1.6.4)",
    "hm_m": "profile analysis: terrain roughness hm (Att. 2 §5.1.6.4)",
    "theta_mrad": "profile analysis: angular distance (Att. 2 §5.1.5)",
    "lbfsg_db": "line of sight: free space + gases (§4.1)",
    "lb0p_db": "line of sight: multipath/focusing (§4.1)",
    "lb0b_db": "line of sight: multipath/focusing (§4.1)",
    "ldsph_db": "diffraction: spherical Earth (§4.2.2)",
    "ld50_db": "diffraction: delta-Bullington at 50 % (§4.2.1, §4.2.3)",
    "ldp_db": "diffraction: p % interpolation (§4.2.4)",
    "lbs_db": "troposcatter (§4.3)",
    "lba_db": "ducting / layer reflection (§4.4)",
}
LOSS_OUTPUTS = tuple(k for k in STAGE if k.endswith("_db"))
PROFILE_OUTPUTS = tuple(k for k in STAGE if k not in LOSS_OUTPUTS)


def scalar_keys(case: dict[str, Any]) -> list[str]:
    """The per-path inputs of a drawn case: its numbers and flags (not its profile)."""
    return [k for k, v in case.items() if isinstance(v, bool | int | float)]


# --- drawing the cases --------------------------------------------------------------------


def _destination(
    lat_deg: float, lon_deg: float, bearing_deg: float, d_km: float
) -> tuple[float, float]:
    """The point d_km from (lat, lon) along the initial bearing, on the 6371 km sphere."""
    lat, lon, b = np.radians([lat_deg, lon_deg, bearing_deg])
    delta = d_km / EARTH_RADIUS_KM
    lat2 = np.arcsin(np.sin(lat) * np.cos(delta) + np.cos(lat) * np.sin(delta) * np.cos(b))
    lon2 = lon + np.arctan2(
        np.sin(b) * np.sin(delta) * np.cos(lat), np.cos(delta) - np.sin(lat) * np.sin(lat2)
    )
    return float(np.degrees(lat2)), float(np.degrees(lon2)) % 360.0


def _draw_one(rng: np.random.Generator, extended: bool) -> dict[str, Any]:
    # Path length: short (LoS, Fk > 0.5 below 20 km), medium, long, very long.
    band = rng.choice(4, p=[0.25, 0.35, 0.32, 0.08])
    bands = [(0.1, 5.0), (5.0, 100.0), (100.0, 800.0), (800.0, 2000.0)]
    if extended:
        bands = [(0.05, 2.0), (2.0, 60.0), (60.0, 3000.0), (3000.0, 10000.0)]
    low, high = bands[band]
    dtot = round(float(np.exp(rng.uniform(np.log(low), np.log(high)))), 3)
    spacing = float(np.exp(rng.uniform(np.log(0.01), np.log(2.0))))
    n = int(np.clip(round(dtot / spacing) + 1, 4, 1000 if extended else 400))
    d = np.linspace(0.0, dtot, n)
    regular = True
    if n > 4 and rng.random() < 0.2:  # unequal spacing (the 50 m rule, ω, dtm and dlm)
        uneven = np.round(np.concatenate([[0.0], np.cumsum(rng.uniform(0.2, 1.8, n - 1))]), 9)
        uneven = np.round(uneven * (dtot / uneven[-1]), 4)
        if np.all(np.diff(uneven) > 0.0) and uneven[-1] == dtot:
            d, regular = uneven, False
    x = d / dtot

    kind = str(
        rng.choice(["smooth", "hills", "sea", "coastal", "mixed"], p=[0.2, 0.35, 0.1, 0.15, 0.2])
    )
    zone = np.full(n, int(rng.choice([1, 2])))
    if kind == "smooth":
        h = np.full(n, float(rng.choice([0.0, rng.uniform(0.0, 1500.0)])))
        zone[:] = int(rng.choice([1, 2, 3])) if h[0] == 0.0 else zone[0]
    elif kind == "sea":
        h = np.zeros(n)
        zone[:] = 3
    else:
        base = rng.uniform(0.0, 800.0) if kind == "hills" else rng.uniform(0.0, 50.0)
        h = np.full(n, base)
        for _ in range(int(rng.integers(1, 6))):
            centre = rng.uniform(0.05, 0.95)
            width = rng.uniform(0.01, 0.3)
            h += rng.uniform(10.0, 900.0 if kind == "hills" else 300.0) * np.exp(
                -0.5 * ((x - centre) / width) ** 2
            )
        h += np.cumsum(rng.normal(0.0, rng.uniform(0.0, 5.0), n))
        h = np.maximum(h, -400.0 if extended and rng.random() < 0.2 else 0.0)
        if kind == "coastal":
            # Land within a few km of one or both ends, sea between (duct coupling, ω >= 0.75).
            land_t = rng.uniform(0.0, min(6.0, 0.2 * dtot)) if rng.random() < 0.8 else 0.0
            land_r = rng.uniform(0.0, min(6.0, 0.2 * dtot)) if rng.random() < 0.8 else 0.0
            sea = (d > land_t) & (d < dtot - land_r)
            zone[sea] = 3
            h[sea] = 0.0
        elif kind == "mixed":
            cuts = np.sort(rng.uniform(0.0, 1.0, int(rng.integers(1, 5))))
            labels = rng.choice([1, 2, 3], len(cuts) + 1)
            section = np.searchsorted(cuts, x)
            zone = labels[section].astype(int)
            h[zone == 3] = 0.0
    h = np.round(h, 1)

    r = np.zeros(n)
    mode = "none"
    if rng.random() < 0.45:
        mode = str(rng.choice(["tx", "rx", "both", "path"]))
        heights = (
            [5.0, 10.0, 30.0, 100.0, 300.0]
            if extended
            else [5.0, 10.0, 15.0, 20.0, 25.0, 30.0, 50.0]
        )
        height = float(rng.choice(heights))
        land = zone != 3
        reach_t = rng.uniform(0.02, max(0.03, 0.3 * dtot))
        reach_r = rng.uniform(0.02, max(0.03, 0.3 * dtot))
        if mode in ("tx", "both"):
            r[(d <= reach_t) & land] = height
        if mode in ("rx", "both"):
            r[(d >= dtot - reach_r) & land] = height
        if mode == "path":
            r[land & (rng.random(n) < 0.7)] = height

    p = 50.0 if rng.random() < 0.05 else float(np.exp(rng.uniform(np.log(0.001), np.log(50.0))))
    if extended and rng.random() < 0.05:
        p = 0.001
    antenna = (0.1, 3000.0) if extended else (1.0, 1000.0)
    lat_t = float(rng.uniform(-85.0, 85.0))
    lon_t = float(rng.uniform(0.0, 360.0))
    lat_r, lon_r = _destination(lat_t, lon_t, float(rng.uniform(0.0, 360.0)), dtot)

    def coast_distance(at_start: bool) -> float:
        if zone[0 if at_start else -1] == 3:
            return 0.0
        sea_points = d[zone == 3]
        if sea_points.size:
            return float(sea_points[0] if at_start else dtot - sea_points[-1])
        return float(rng.choice([500.0, rng.uniform(0.0, 50.0)]))

    return {
        "kind": kind,
        "clutter": mode,
        "regular": regular,
        "d_km": d,
        "h_m": h,
        "r_m": r,
        "zone": zone,
        "f_ghz": float(np.exp(rng.uniform(np.log(0.1), np.log(50.0)))),
        "p_percent": p,
        "htg_m": round(float(np.exp(rng.uniform(*np.log(antenna)))), 2),
        "hrg_m": round(float(np.exp(rng.uniform(*np.log(antenna)))), 2),
        "phit_e": lon_t,
        "phit_n": lat_t,
        "phir_e": lon_r,
        "phir_n": lat_r,
        "gt_dbi": round(float(rng.uniform(-10.0, 50.0)), 1),
        "gr_dbi": round(float(rng.uniform(-10.0, 50.0)), 1),
        "vertical": bool(rng.random() < 0.5),
        "dct_km": coast_distance(True),
        "dcr_km": coast_distance(False),
        "pressure_hpa": round(float(rng.uniform(700.0, 1050.0)), 1),
        "temperature_c": round(float(rng.uniform(-30.0, 45.0)), 1),
        "dn": round(float(rng.uniform(*((1.0, 150.0) if extended else (20.0, 100.0)))), 3),
        "n0": round(float(rng.uniform(250.0, 420.0)), 3),
    }


def draw_cases(n: int, seed: int, *, extended: bool = False) -> list[dict[str, Any]]:
    """``extended`` stretches the draw past the usual use (paths to 10,000 km, antennas
    0.1-3,000 m, ΔN 1-150, terrain down to -400 m, clutter to 300 m, 5 % of cases at
    p = 0.001 %)."""
    rng = np.random.default_rng(seed)
    return [_draw_one(rng, extended) for _ in range(n)]


def pack(cases: list[dict[str, Any]]) -> dict[str, np.ndarray]:
    """Padded arrays (the last point repeated) and the point counts, as both sides take them."""
    counts = np.array([len(c["d_km"]) for c in cases], dtype=np.intp)
    width = int(counts.max())
    out: dict[str, np.ndarray] = {"n_points": counts}
    for key in PROFILE_KEYS:
        array = np.empty((len(cases), width))
        for i, case in enumerate(cases):
            values = np.asarray(case[key], dtype=np.float64)
            array[i, : values.size] = values
            array[i, values.size :] = values[-1]
        out[key] = array
    for key in scalar_keys(cases[0]):
        out[key] = np.array([float(c[key]) for c in cases])
    return out


# --- the reference, in the peers' interpreter ---------------------------------------------


def reference_worker(inputs: Path, outputs: Path, package_dir: Path) -> None:
    """Runs Py452 on every case (imports only numpy and the throwaway copy of Py452)."""
    import warnings

    warnings.simplefilter("ignore")
    sys.path.insert(0, str(package_dir))
    from Py452 import P452  # type: ignore[import-not-found]

    data = dict(np.load(inputs))
    n = data["f_ghz"].size
    out = {k: np.full(n, np.nan) for k in ("lb_db", *PROFILE_OUTPUTS, *LOSS_OUTPUTS)}
    errors: list[str] = [""] * n
    for i in range(n):
        count = int(data["n_points"][i])
        d = data["d_km"][i, :count].copy()
        h = data["h_m"][i, :count].copy()
        zone = data["zone"][i, :count].astype(int)
        g = h + data["r_m"][i, :count]
        s = {k: float(v[i]) for k, v in data.items() if v.ndim == 1}
        pol = 2 if s["vertical"] else 1
        # Constant maps: the bilinear interpolation returns the case's ΔN and N0 exactly.
        P452.DigitalMaps["DN50"] = np.full(MAP_SHAPE, s["dn"])
        P452.DigitalMaps["N050"] = np.full(MAP_SHAPE, s["n0"])
        try:
            radio = g.copy()  # bt_loss applies the 50 m rule of Step 4 to g in place
            out["lb_db"][i] = P452.bt_loss(
                s["f_ghz"],
                s["p_percent"],
                d,
                h,
                radio,
                zone,
                s["htg_m"],
                s["hrg_m"],
                s["phit_e"],
                s["phit_n"],
                s["phir_e"],
                s["phir_n"],
                s["gt_dbi"],
                s["gr_dbi"],
                pol,
                s["dct_km"],
                s["dcr_km"],
                s["pressure_hpa"],
                s["temperature_c"],
            )
            # The intermediate values, from the same functions bt_loss calls.
            dtot = d[-1]
            dtm = P452.longest_cont_dist(d, zone, 12)
            dlm = P452.longest_cont_dist(d, zone, 2)
            _, phim_n, _, _ = P452.great_circle_path(
                s["phir_e"], s["phit_e"], s["phir_n"], s["phit_n"], 6371.0, 0.5 * dtot
            )
            b0 = P452.beta0(phim_n, dtm, dlm)
            ae, _ = P452.earth_rad_eff(s["dn"])
            omega = P452.path_fraction(d, zone, 3)
            (_, _, hstd, hsrd, hte, hre, hm, dlt, dlr, theta_t, theta_r, theta, pathtype) = (
                P452.smooth_earth_heights(d, h, s["htg_m"], s["hrg_m"], ae, s["f_ghz"])
            )
            hts = h[0] + s["htg_m"]
            hrs = h[-1] + s["hrg_m"]
            d3d = np.sqrt(dtot * dtot + ((hts - hrs) / 1000.0) ** 2)
            lbfsg, lb0p, lb0b = P452.pl_los(
                d3d, s["f_ghz"], s["p_percent"], b0, omega, s["temperature_c"],
                s["pressure_hpa"], dlt, dlr,
            )  # fmt: skip
            ldp, ld50 = P452.dl_p(
                d, radio, hts, hrs, hstd, hsrd, s["f_ghz"], omega, s["p_percent"], b0, s["dn"]
            )
            ldsph = P452.dl_se(dtot, hts - hstd, hrs - hsrd, ae, s["f_ghz"], omega)
            lbs = P452.tl_tropo(
                dtot, theta, s["f_ghz"], s["p_percent"], s["temperature_c"],
                s["pressure_hpa"], s["n0"], s["gt_dbi"], s["gr_dbi"],
            )  # fmt: skip
            lba = P452.tl_anomalous(
                dtot, dlt, dlr, s["dct_km"], s["dcr_km"], dlm, hts, hrs, hte, hre, hm,
                theta_t, theta_r, s["f_ghz"], s["p_percent"], s["temperature_c"],
                s["pressure_hpa"], omega, ae, b0,
            )  # fmt: skip
            values = {
                "dtm_km": dtm,
                "dlm_km": dlm,
                "omega": omega,
                "b0_percent": b0,
                "trans_horizon": 1.0 if pathtype == 2 else 0.0,
                "theta_t_mrad": theta_t,
                "theta_r_mrad": theta_r,
                "dlt_km": dlt,
                "dlr_km": dlr,
                "hstd_m": hstd,
                "hsrd_m": hsrd,
                "hte_m": hte,
                "hre_m": hre,
                "hm_m": hm,
                "theta_mrad": theta,
                "lbfsg_db": lbfsg,
                "lb0p_db": lb0p,
                "lb0b_db": lb0b,
                "ldsph_db": ldsph[pol - 1],
                "ld50_db": ld50[pol - 1],
                "ldp_db": ldp[pol - 1],
                "lbs_db": lbs,
                "lba_db": lba,
            }
            for key, value in values.items():
                out[key][i] = float(value)
        except Exception as exc:  # the reference's own failures are reported per case
            errors[i] = f"{type(exc).__name__}: {exc}"
    np.savez(outputs, errors=np.array(errors), **out)


def ensure_peers() -> None:
    if PEERS_PYTHON.exists():
        probe = subprocess.run([str(PEERS_PYTHON), "-c", "import numpy"], check=False)
        if probe.returncode == 0:
            return
    print(f"creating {PEERS_VENV} with numpy (first run only) ...", flush=True)
    subprocess.run([sys.executable, "-m", "venv", str(PEERS_VENV)], check=True)
    subprocess.run([str(PEERS_PYTHON), "-m", "pip", "install", "--quiet", "numpy"], check=True)


def reference_commit(path: Path) -> tuple[str, str]:
    """(commit, sha256 of P452.py): git's HEAD, or the pinned commit if the file matches it."""
    digest = hashlib.sha256((path / "src/Py452/P452.py").read_bytes()).hexdigest()
    probe = subprocess.run(
        ["git", "-C", str(path), "rev-parse", "HEAD"], capture_output=True, text=True, check=False
    )
    if probe.returncode == 0:
        return probe.stdout.strip(), digest
    if digest == PINNED_P452_SHA256:
        return PINNED_COMMIT, digest
    return "unknown (not a git checkout, P452.py differs from the pinned commit)", digest


def run_reference(path: Path, packed: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    ensure_peers()
    with tempfile.TemporaryDirectory(prefix="py452-") as tmp:
        package = Path(tmp) / "Py452"
        package.mkdir()
        for name in ("__init__.py", "P452.py"):
            shutil.copy(path / "src" / "Py452" / name, package / name)
        # A P452.npz for the import; the worker replaces both maps per case.
        np.savez(
            package / "P452.npz", DN50=np.full(MAP_SHAPE, 45.0), N050=np.full(MAP_SHAPE, 325.0)
        )
        inputs, outputs = Path(tmp) / "in.npz", Path(tmp) / "out.npz"
        np.savez(inputs, **packed)
        subprocess.run(
            [str(PEERS_PYTHON), __file__, "--reference-worker", str(inputs), str(outputs), tmp],
            check=True,
        )
        with np.load(outputs) as result:
            return {k: result[k] for k in result.files}


# --- OpenITU ------------------------------------------------------------------------------


def run_ours(packed: dict[str, np.ndarray], **options: Any) -> dict[str, np.ndarray]:
    from openitu.radio.propagation.p452 import p452_basic_loss

    result = p452_basic_loss(
        packed["f_ghz"],
        packed["p_percent"],
        packed["d_km"],
        packed["h_m"],
        zone=packed["zone"].astype(np.intp),
        r_m=packed["r_m"],
        n_points=packed["n_points"],
        htg_m=packed["htg_m"],
        hrg_m=packed["hrg_m"],
        phit_e=packed["phit_e"],
        phit_n=packed["phit_n"],
        phir_e=packed["phir_e"],
        phir_n=packed["phir_n"],
        dct_km=packed["dct_km"],
        dcr_km=packed["dcr_km"],
        dn=packed["dn"],
        n0=packed["n0"],
        gt_dbi=packed["gt_dbi"],
        gr_dbi=packed["gr_dbi"],
        pol=np.where(packed["vertical"] > 0, "v", "h"),
        pressure_hpa=packed["pressure_hpa"],
        temperature_c=packed["temperature_c"],
        **options,
    )
    names = ("lb_db", *PROFILE_OUTPUTS, *LOSS_OUTPUTS)
    return {k: np.asarray(getattr(result, k), dtype=np.float64) for k in names}


# --- classification -----------------------------------------------------------------------


def branch_tags(case: dict[str, Any], ours: dict[str, np.ndarray], i: int) -> dict[str, str]:
    """The branches of the method case i goes through (from its inputs and our analysis)."""
    zone = np.asarray(case["zone"])
    r = np.asarray(case["r_m"])
    d = np.asarray(case["d_km"])
    dtot = d[-1]
    inner = (d >= 0.05) & (d <= dtot - 0.05)  # outside the 50 m of Step 4
    zones = {1: "A1", 2: "A2", 3: "B"}
    names = {"tx": "Tx end", "rx": "Rx end", "both": "both ends", "path": "along the path"}
    clutter = names.get(case["clutter"], "none") if r[inner].any() else "none"
    # Eq. (14) on h for Fj (§4.5): is an interior point's slope the largest, or would the
    # receiver's ground be (the branch OpenITU once took wrongly)?
    h = np.asarray(case["h_m"])
    hts = h[0] + case["htg_m"]
    bulge = 500.0 * d * (dtot - d) * (157.0 - case["dn"]) / (157.0 * EARTH_RADIUS_KM)
    stim_inner = np.max(((h + bulge - hts) / np.where(d > 0.0, d, np.nan))[1:-1])
    steep_end = (h[-1] - hts) / dtot > stim_inner
    p, b0 = case["p_percent"], ours["b0_percent"][i]
    lbd = ours["lb0p_db"][i] + ours["ldp_db"][i]
    lbs, lba = ours["lbs_db"][i], ours["lba_db"][i]
    dominant = (
        "troposcatter" if lbs < min(lbd, lba) else ("ducting" if lba < lbd else "LoS/diffraction")
    )
    return {
        "path": "trans-horizon" if ours["trans_horizon"][i] else "line of sight",
        "zones": "mixed" if len(set(zone.tolist())) > 1 else zones[int(zone[0])],
        "clutter": clutter,
        "p": "p = 50 %" if p == 50.0 else ("p < β0" if p < b0 else "β0 <= p < 50 %"),
        "length": (
            "d < 1 km"
            if dtot < 1.0
            else "1 <= d < 20 km (Fk)"
            if dtot < 20.0
            else "20 <= d < 800 km"
            if dtot < 800.0
            else "d >= 800 km"
        ),
        "frequency": "f < 0.5 GHz (Alf)" if case["f_ghz"] < 0.5 else "f >= 0.5 GHz",
        "latitude": "|φ| > 70°"
        if abs(0.5 * (case["phit_n"] + case["phir_n"])) > 70.0
        else "|φ| <= 70°",
        "diffraction": "Ldsph > 0" if ours["ldsph_db"][i] > 0.0 else "Ldsph = 0",
        "dominant": dominant,
        "Fj slope": "receiver's ground above Stim" if steep_end else "Stim interior",
        "profile": case["kind"] + ("" if case["regular"] else ", unequal spacing"),
    }


def first_stage(ours: dict[str, np.ndarray], ref: dict[str, np.ndarray], i: int) -> str:
    for key in (*PROFILE_OUTPUTS, *LOSS_OUTPUTS):
        a, b = ours[key][i], ref[key][i]
        tol = 1e-6 * max(1.0, abs(b)) if key in PROFILE_OUTPUTS else 0.5 * TOLERANCE_DB
        if not abs(a - b) <= tol:
            return STAGE[key]
    return "the §4.5 combination (eqs. (57)-(64))"


def describe(case: dict[str, Any]) -> str:
    return (
        f"{case['kind']} profile, d={case['d_km'][-1]:.3f} km ({len(case['d_km'])} points), "
        f"f={case['f_ghz']:.4g} GHz, p={case['p_percent']:.4g} %, htg={case['htg_m']} m, "
        f"hrg={case['hrg_m']} m, zones={sorted(set(np.asarray(case['zone']).tolist()))}, "
        f"clutter max {np.max(case['r_m']):g} m, pol={'v' if case['vertical'] else 'h'}"
    )


# --- regression set -----------------------------------------------------------------------


def choose_regression(
    cases: list[dict[str, Any]],
    tags: list[dict[str, str]],
    diverging: list[int],
    ok: np.ndarray,
    wanted: int,
    rng: np.random.Generator,
) -> list[int]:
    """Every value of every tag at least a few times, every divergence group's worst case,
    then random cases up to ``wanted``; shorter profiles preferred (a smaller file)."""
    chosen: list[int] = []
    seen = set()

    def take(i: int) -> None:
        if i not in seen:
            seen.add(i)
            chosen.append(i)

    diverging_set = set(diverging)
    order = [int(i) for i in rng.permutation(len(cases)) if int(i) not in diverging_set]
    order.sort(key=lambda i: len(cases[i]["d_km"]) > 150)
    for i in diverging:
        take(i)
    by_value: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i in order:
        for key, value in tags[i].items():
            by_value[(key, value)].append(i)
    for members in by_value.values():
        for i in members[:6]:
            take(i)
    # Pairs of the main branches (path class x zones x clutter x p) at least once.
    combos: dict[tuple[str, ...], int] = {}
    for i in order:
        t = tags[i]
        combos.setdefault((t["path"], t["zones"], t["clutter"], t["p"]), i)
    for i in combos.values():
        take(i)
    for i in order:
        if len(chosen) >= wanted:
            break
        take(i)
    return sorted(chosen)


def write_regression(
    path: Path,
    cases: list[dict[str, Any]],
    ref: dict[str, np.ndarray],
    indices: list[int],
    provenance: dict[str, Any],
) -> None:
    records = []
    for i in indices:
        case = cases[i]
        record: dict[str, Any] = {"index": i}
        for key in scalar_keys(case):
            record[key] = case[key]
        record["kind"] = case["kind"]
        record["dtot_km"] = float(case["d_km"][-1])
        record["n_points"] = len(case["d_km"])
        if not case["regular"]:  # else d_km = linspace(0, dtot_km, n_points)
            record["d_km"] = [float(v) for v in case["d_km"]]
        record["h_m"] = [round(float(v), 1) for v in case["h_m"]]
        record["r_m"] = [float(v) for v in case["r_m"]]
        record["zone"] = [int(v) for v in case["zone"]]
        record["expected"] = {
            k: float(ref[k][i]) for k in ("lb_db", *PROFILE_OUTPUTS, *LOSS_OUTPUTS)
        }
        records.append(record)
    document = {"provenance": provenance, "cases": records}
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix == ".gz":
        with gzip.open(path, "wt", encoding="utf-8", compresslevel=9) as handle:
            handle.write(text)
    else:
        path.write_text(text, encoding="utf-8")


# --- main ---------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reference", type=Path, help="checkout of eeveetza/Py452")
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=None, help="default: a fresh seed")
    parser.add_argument("--write-regression", type=Path, default=None)
    parser.add_argument("--regression-cases", type=int, default=300)
    parser.add_argument("--extended", action="store_true", help="stretch the draw (see draw_cases)")
    parser.add_argument(
        "--include",
        default="",
        help="comma-separated case indices to add to the regression set (e.g. past divergences)",
    )
    parser.add_argument("--reference-worker", nargs=3, metavar=("IN", "OUT", "DIR"))
    args = parser.parse_args()
    if args.reference_worker:
        inputs, outputs, package_dir = (Path(p) for p in args.reference_worker)
        reference_worker(inputs, outputs, package_dir)
        return 0
    if args.reference is None or not (args.reference / "src/Py452/P452.py").is_file():
        parser.error("--reference must name a checkout of eeveetza/Py452 (src/Py452/P452.py)")
    seed = args.seed if args.seed is not None else int(np.random.SeedSequence().entropy % 2**32)
    commit, digest = reference_commit(args.reference)
    print(f"reference: eeveetza/Py452 at {commit} (P452.py sha256 {digest[:16]}...)")
    print(f"cases: {args.cases}, seed {seed}" + (", extended draw" if args.extended else ""))

    cases = draw_cases(args.cases, seed, extended=args.extended)
    packed = pack(cases)
    start = time.perf_counter()
    ref = run_reference(args.reference, packed)
    ref_s = time.perf_counter() - start
    start = time.perf_counter()
    ours = run_ours(packed)
    ours_s = time.perf_counter() - start
    print(f"reference {ref_s:.1f} s (path by path), OpenITU {ours_s:.2f} s (one call)\n")

    errors = ref["errors"].astype(object)
    for i in np.nonzero(~np.isfinite(ref["lb_db"]) & (errors == ""))[0]:
        # eq. (61) as exp/log: exp(Lba/2.5) overflows once Lba passes about 1,775 dB
        errors[i] = f"OverflowError: Lb {ref['lb_db'][i]} (exp in eq. (61))"
    failed = [i for i in range(len(cases)) if errors[i]]
    diff = np.abs(ours["lb_db"] - ref["lb_db"])
    ok = diff <= TOLERANCE_DB
    compared = len(cases) - len(failed)
    agree = int(np.sum(ok))
    print(
        f"Lb within {TOLERANCE_DB} dB of the reference: {agree} of {compared} cases "
        f"({100.0 * agree / max(compared, 1):.2f} %); max |ΔLb| "
        f"{np.nanmax(np.where(np.isfinite(diff), diff, np.nan)):.4g} dB"
    )
    if failed:
        kinds = Counter(str(errors[i]).split(":")[0] for i in failed)
        print(f"the reference failed on {len(failed)} cases: {dict(kinds)}")
        print(
            "  (an IndexError is Py452's map look-up: its path-centre longitude is not wrapped "
            "to 0-360 degrees; an OverflowError, its eq. (61) overflowing; docs/radio.md)"
        )
        for i in failed[:3]:
            print(
                f"  case {i}: {errors[i]} -- {describe(cases[i])}; "
                f"OpenITU Lb {ours['lb_db'][i]:.4f} dB"
            )

    tags = [branch_tags(cases[i], ours, i) for i in range(len(cases))]
    print("\ncoverage (cases per branch; share within 0.01 dB):")
    for key in tags[0]:
        counts: Counter[str] = Counter()
        good: Counter[str] = Counter()
        for i, t in enumerate(tags):
            if errors[i]:
                continue
            counts[t[key]] += 1
            good[t[key]] += bool(ok[i])
        parts = ", ".join(
            f"{v} {counts[v]} ({100.0 * good[v] / counts[v]:.1f} %)" for v in sorted(counts)
        )
        print(f"  {key}: {parts}")

    diverging = [i for i in range(len(cases)) if not errors[i] and not ok[i]]
    groups: dict[str, list[int]] = defaultdict(list)
    for i in diverging:
        groups[f"{first_stage(ours, ref, i)} | {tags[i]['path']}"].append(i)
    print(f"\ndivergences above {TOLERANCE_DB} dB: {len(diverging)} in {len(groups)} groups")
    worst_of_groups = []
    for name, members in sorted(groups.items(), key=lambda kv: -len(kv[1])):
        worst = max(members, key=lambda i: diff[i])
        worst_of_groups.append(worst)
        print(f"\n* {name}: {len(members)} cases, |ΔLb| up to {diff[worst]:.4g} dB")
        for key in ("zones", "clutter", "p", "length", "dominant", "profile"):
            spread = Counter(tags[i][key] for i in members)
            print(f"    {key}: " + ", ".join(f"{v} {c}" for v, c in spread.most_common()))
        print(f"    worst: case {worst}: {describe(cases[worst])}")
        fields = [
            f"{k} {ours[k][worst]:.6g}/{ref[k][worst]:.6g}"
            for k in (*PROFILE_OUTPUTS, *LOSS_OUTPUTS)
            if not abs(ours[k][worst] - ref[k][worst]) <= 1e-6 * max(1.0, abs(ref[k][worst]))
        ]
        print(f"    Lb ours/reference {ours['lb_db'][worst]:.6f}/{ref['lb_db'][worst]:.6f} dB")
        print("    differing (ours/reference): " + ("; ".join(fields) or "none"))

    if args.write_regression is not None:
        rng = np.random.default_rng(seed + 1)
        indices = choose_regression(cases, tags, worst_of_groups, ok, args.regression_cases, rng)
        extra = [int(x) for x in args.include.split(",") if x.strip()]
        indices = sorted({i for i in (*indices, *extra) if not errors[i]})
        provenance = {
            "reference": "https://github.com/eeveetza/Py452",
            "commit": commit,
            "p452_py_sha256": digest,
            "how": (
                "scripts/validate_p452.py --cases "
                f"{args.cases} --seed {seed} --write-regression ... --regression-cases "
                f"{args.regression_cases} --include {args.include or '(none)'}: cases drawn by "
                "draw_cases(n, seed); these were chosen "
                "to cover every branch tag (path class, zones, clutter, p vs β0, length, "
                "frequency, latitude, spherical-Earth diffraction, dominant mechanism, profile "
                "kind, Fj slope) and every divergence group's worst case, plus the cases named by "
                "--include. Py452's bt_loss ran on each "
                "with constant ΔN and N0 maps holding the case's dn and n0; the intermediate "
                "values come from the Py452 functions bt_loss calls."
            ),
            "profile": (
                "d_km as given, else numpy.linspace(0, dtot_km, n_points); h_m, r_m, zone per point"
            ),
            "polarisation": "vertical true: 'v', else 'h'",
        }
        write_regression(args.write_regression, cases, ref, indices, provenance)
        print(f"\nwrote {len(indices)} cases to {args.write_regression}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
