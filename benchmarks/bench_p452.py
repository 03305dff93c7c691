"""ITU-R P.452: OpenITU's vectorised P.452-18 against pycraf's P.452, in one run.

    .venv/bin/python benchmarks/bench_p452.py [--peer-paths 300] [--no-peer]

Two seeded workloads: 10,000 smooth-Earth paths (5-150 km, profiles at 0.25 km spacing
from `smooth_earth_profile`) and 1,000 terrain paths of 500 points each (random-walk
terrain, 10-150 km). Frequencies, time percentages, antenna heights, polarisations and
radio-meteorology vary per path. OpenITU computes each workload in one call. pycraf
(installed from PyPI into benchmarks/.peers-venv, created on first use: it is never a
dependency of the package) computes its P.452 path by path, `PathProp` + `loss_complete`,
its documented way, on the first ``--peer-paths`` paths of each workload (the same
inputs, handed over in a .npz file), in a subprocess of the peers' interpreter. The
script prints paths per second for both, the ratio, and how far the two agree: pycraf
implements P.452-16 (and -14), OpenITU P.452-18, so they are expected to agree closely
but not exactly (see docs/performance.md).

This file is a script (pytest's testpaths is tests/ only); the peer side runs the same
file with ``--peer-worker IN OUT`` and imports only numpy, astropy and pycraf.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from _inputs import check_digest, input_digest

HERE = Path(__file__).resolve().parent
PEERS_VENV = HERE / ".peers-venv"
PEERS_PYTHON = PEERS_VENV / "bin" / "python"
PYCRAF_REQUIREMENT = "pycraf==2.1.0"
SEED = 452
SMOOTH_PATHS = 10_000
TERRAIN_PATHS = 1_000
TERRAIN_POINTS = 500


# --- inputs ------------------------------------------------------------------------------


def _parameters(rng: np.random.Generator, n: int, d_km: np.ndarray) -> dict[str, np.ndarray]:
    lat_t = rng.uniform(30.0, 60.0, n)
    return {
        "f_ghz": np.exp(rng.uniform(np.log(0.1), np.log(50.0), n)),
        "p_percent": np.exp(rng.uniform(np.log(0.001), np.log(50.0), n)),
        "htg_m": rng.uniform(5.0, 100.0, n),
        "hrg_m": rng.uniform(5.0, 100.0, n),
        "vertical": rng.random(n) < 0.5,
        "dn": rng.uniform(30.0, 60.0, n),
        "n0": rng.uniform(300.0, 360.0, n),
        "gt_dbi": rng.uniform(0.0, 30.0, n),
        "gr_dbi": rng.uniform(0.0, 30.0, n),
        # Receiver due north at the path length, so both ends agree on the path centre.
        "phit_e": np.full(n, 8.0),
        "phit_n": lat_t,
        "phir_e": np.full(n, 8.0),
        "phir_n": lat_t + np.degrees(d_km / 6371.0),
    }


def smooth_workload() -> dict[str, np.ndarray]:
    from openitu.radio.propagation.p452 import smooth_earth_profile

    rng = np.random.default_rng(SEED)
    distance = np.exp(rng.uniform(np.log(5.0), np.log(150.0), SMOOTH_PATHS))
    profile = smooth_earth_profile(distance, step_km=0.25)
    return {
        "d_km": profile.d_km,
        "h_m": profile.h_m,
        "n_points": profile.n_points,
        **_parameters(rng, SMOOTH_PATHS, distance),
    }


def terrain_workload() -> dict[str, np.ndarray]:
    rng = np.random.default_rng(SEED + 1)
    distance = rng.uniform(10.0, 150.0, TERRAIN_PATHS)
    d = distance[:, None] * np.linspace(0.0, 1.0, TERRAIN_POINTS)
    steps = rng.normal(0.0, 8.0, (TERRAIN_PATHS, TERRAIN_POINTS))
    h = np.maximum(rng.uniform(0.0, 600.0, (TERRAIN_PATHS, 1)) + np.cumsum(steps, axis=1), 0.0)
    return {
        "d_km": d,
        "h_m": h,
        "n_points": np.full(TERRAIN_PATHS, TERRAIN_POINTS),
        **_parameters(rng, TERRAIN_PATHS, distance),
    }


# Each workload's input digest (_inputs.input_digest: the same on every processor).
EXPECTED_DIGEST = {"smooth Earth": "c29b80c75ed6a49b", "terrain": "da15ab72684ad901"}


# --- OpenITU -------------------------------------------------------------------------------


def run_openitu(
    work: dict[str, np.ndarray], loop_paths: int
) -> tuple[np.ndarray, float, float, float]:
    from openitu.radio.propagation.p452 import p452_basic_loss

    n = work["f_ghz"].size

    def call(rows: slice) -> np.ndarray:
        return p452_basic_loss(
            work["f_ghz"][rows],
            work["p_percent"][rows],
            work["d_km"][rows],
            work["h_m"][rows],
            zone=np.full(work["d_km"][rows].shape, 2),
            n_points=work["n_points"][rows],
            htg_m=work["htg_m"][rows],
            hrg_m=work["hrg_m"][rows],
            phit_e=work["phit_e"][rows],
            phit_n=work["phit_n"][rows],
            phir_e=work["phir_e"][rows],
            phir_n=work["phir_n"][rows],
            gt_dbi=work["gt_dbi"][rows],
            gr_dbi=work["gr_dbi"][rows],
            pol=np.where(work["vertical"][rows], "v", "h"),
            dct_km=500.0,
            dcr_km=500.0,
            pressure_hpa=1013.0,
            temperature_c=15.0,
            dn=work["dn"][rows],
            n0=work["n0"][rows],
        ).lb_db

    call(slice(0, 16))  # warm-up: imports, first allocations
    wall = cpu = np.inf
    lb = np.empty(0)
    for _ in range(3):
        start, start_cpu = time.perf_counter(), time.process_time()
        lb = call(slice(0, n))
        wall = min(wall, time.perf_counter() - start)
        cpu = min(cpu, time.process_time() - start_cpu)
    # Baseline: the same function called once per path, as a Python loop would.
    start_cpu = time.process_time()
    for i in range(min(loop_paths, n)):
        call(slice(i, i + 1))
    loop_cpu = time.process_time() - start_cpu
    return lb, wall, cpu, loop_cpu


# --- pycraf (runs in the peers' interpreter) ----------------------------------------------


def ensure_peers() -> bool:
    if PEERS_PYTHON.exists():
        probe = subprocess.run(
            [str(PEERS_PYTHON), "-c", "import pycraf.pathprof"],
            capture_output=True,
            check=False,
        )
        if probe.returncode == 0:
            return True
    print(f"creating {PEERS_VENV} with {PYCRAF_REQUIREMENT} (first run only) ...", flush=True)
    subprocess.run([sys.executable, "-m", "venv", str(PEERS_VENV)], check=True)
    install = subprocess.run(
        [str(PEERS_PYTHON), "-m", "pip", "install", "--quiet", PYCRAF_REQUIREMENT],
        check=False,
    )
    return install.returncode == 0


def peer_worker(inputs: Path, outputs: Path) -> None:
    """pycraf's P.452-16, path by path (PathProp + loss_complete), timed."""
    import warnings

    warnings.simplefilter("ignore")
    from astropy import units as u
    from pycraf import conversions as cnv
    from pycraf import pathprof

    data = dict(np.load(inputs))
    n = data["f_ghz"].size
    lb = np.empty(n)
    lbfsg = np.empty(n)

    def one(i: int) -> tuple[float, float]:
        count = int(data["n_points"][i])
        d = data["d_km"][i, :count]
        prop = pathprof.PathProp(
            data["f_ghz"][i] * u.GHz,
            288.15 * u.K,
            1013.0 * u.hPa,
            data["phit_e"][i] * u.deg,
            data["phit_n"][i] * u.deg,
            data["phir_e"][i] * u.deg,
            data["phir_n"][i] * u.deg,
            data["htg_m"][i] * u.m,
            data["hrg_m"][i] * u.m,
            (d[1] - d[0]) * u.km,
            data["p_percent"][i] * u.percent,
            d_ct=500.0 * u.km,
            d_cr=500.0 * u.km,
            polarization=int(data["vertical"][i]),
            version=16,
            delta_N=data["dn"][i] * cnv.dimless / u.km,
            N0=data["n0"][i] * cnv.dimless,
            hprof_dists=d * u.km,
            hprof_heights=data["h_m"][i, :count] * u.m,
            hprof_bearing=0.0 * u.deg,
            hprof_backbearing=180.0 * u.deg,
        )
        result = pathprof.loss_complete(
            prop, data["gt_dbi"][i] * cnv.dBi, data["gr_dbi"][i] * cnv.dBi
        )
        return float(result[4].value), float(result[0].value)  # L_b, L_bfsg

    one(0)  # warm-up
    start, start_cpu = time.perf_counter(), time.process_time()
    for i in range(n):
        lb[i], lbfsg[i] = one(i)
    elapsed = time.perf_counter() - start
    cpu = time.process_time() - start_cpu
    np.savez(outputs, lb=lb, lbfsg=lbfsg, elapsed=elapsed, cpu=cpu)


def run_pycraf(work: dict[str, np.ndarray], count: int) -> tuple[np.ndarray, float, float]:
    subset = {k: v[:count] for k, v in work.items()}
    with tempfile.TemporaryDirectory() as tmp:
        inputs = Path(tmp) / "in.npz"
        outputs = Path(tmp) / "out.npz"
        np.savez(inputs, **subset)
        env = {**os.environ, "PYTHONWARNINGS": "ignore"}
        subprocess.run(
            [str(PEERS_PYTHON), __file__, "--peer-worker", str(inputs), str(outputs)],
            check=True,
            env=env,
        )
        result = dict(np.load(outputs))
    return result["lb"], float(result["elapsed"]), float(result["cpu"])


# --- report ---------------------------------------------------------------------------------


def report(name: str, work: dict[str, np.ndarray], peer_paths: int, with_peer: bool) -> None:
    n = work["f_ghz"].size
    digest = input_digest(work)
    print(f"\n{name}: {n} paths, up to {work['d_km'].shape[1]} points, inputs {digest}")
    check_digest(f"bench_p452 {name}", digest, EXPECTED_DIGEST[name])
    loop_paths = min(peer_paths, n)
    lb, ours_s, ours_cpu, loop_cpu = run_openitu(work, loop_paths)
    ours_rate = n / ours_s
    print(
        f"  OpenITU p452_basic_loss (P.452-18), one call: {ours_s:.3f} s wall "
        f"({ours_cpu:.3f} s CPU) = {ours_rate:,.0f} paths/s ({n / ours_cpu:,.0f} per CPU s)"
    )
    print(
        f"  the same, one call per path (Python loop), {loop_paths} paths: {loop_cpu:.3f} s CPU "
        f"= {loop_paths / loop_cpu:,.0f} per CPU s; batching gains "
        f"{(n / ours_cpu) / (loop_paths / loop_cpu):,.0f}x"
    )
    if not with_peer:
        return
    count = min(peer_paths, n)
    peer_lb, peer_s, peer_cpu = run_pycraf(work, count)
    peer_rate = count / peer_s
    print(
        f"  pycraf PathProp+loss_complete (P.452-16), {count} paths: {peer_s:.3f} s wall "
        f"({peer_cpu:.3f} s CPU) = {peer_rate:,.1f} paths/s ({count / peer_cpu:,.1f} per CPU s)"
    )
    print(
        f"  ratio of throughputs: {ours_rate / peer_rate:,.0f}x wall-clock, "
        f"{(n / ours_cpu) / (count / peer_cpu):,.0f}x CPU time (target >= 20x)"
    )
    diff = np.abs(lb[:count] - peer_lb)
    print(
        "  |Lb(OpenITU P.452-18) - Lb(pycraf P.452-16)| [dB]: "
        f"median {np.median(diff):.3f}, 90th percentile {np.percentile(diff, 90):.3f}, "
        f"max {diff.max():.3f}"
    )
    if not np.median(diff) < 1.0:
        raise SystemExit(f"{name}: OpenITU and pycraf disagree (median |dLb| >= 1 dB)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--peer-paths", type=int, default=300)
    parser.add_argument("--no-peer", action="store_true")
    parser.add_argument("--peer-worker", nargs=2, type=Path, metavar=("IN", "OUT"))
    args = parser.parse_args()
    if args.peer_worker:
        peer_worker(*args.peer_worker)
        return
    with_peer = not args.no_peer and ensure_peers()
    if not args.no_peer and not with_peer:
        print("pycraf could not be installed: timing OpenITU alone")
    report("smooth Earth", smooth_workload(), args.peer_paths, with_peer)
    report("terrain", terrain_workload(), args.peer_paths, with_peer)


if __name__ == "__main__":
    main()
