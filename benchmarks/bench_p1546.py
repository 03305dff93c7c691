"""ITU-R P.1546-6: one million point evaluations, against a per-point loop in the same run.

Run: ``python benchmarks/bench_p1546.py`` (from the repository root, in the project's venv).

The inputs are seeded and their SHA-256 is checked, so every run measures the same points:
land, cold sea, warm sea and mixed paths, 30-4 000 MHz, 1-50 % time, 1-99 % locations,
1-1 000 km, h1 from -50 to 1 200 m, rural to dense-urban and sea receivers, no profile
(the homogeneous bulk case of area coverage). The baseline is the same public function
called once per point in a Python loop (a peer library with P.1546 would be the other
comparison; pycraf has none), timed on a subsample; both answers are checked identical.
Wall time and CPU time are both printed: on a shared machine the wall clock also counts
other people's work, CPU seconds do not.
"""

from __future__ import annotations

import os
import time
from typing import Any

import numpy as np
from _inputs import check_digest, input_digest

from openitu.radio.propagation.p1546 import field_strength

N = 1_000_000
LOOP_N = 2_000
SEED = 1546
# The inputs' digest as _inputs.input_digest computes it (floats rounded: the same on
# every processor, unlike the float bytes of 10.0 ** uniform(...)).
EXPECTED_DIGEST = "5d7ee08d356ff673"


def make_inputs(n: int) -> dict[str, Any]:
    rng = np.random.default_rng(SEED)
    d = 10.0 ** rng.uniform(0.0, 3.0, n)
    sea_fraction = rng.choice([0.0, 0.0, 0.3, 1.0], n)
    areas = np.array(["rural", "suburban", "urban", "dense_urban", "sea"])
    rx_area = areas[rng.integers(0, 5, n)]
    rx_area = np.where(sea_fraction == 1.0, "sea", np.where(rx_area == "sea", "rural", rx_area))
    return {
        "f_mhz": 10.0 ** rng.uniform(np.log10(30.0), np.log10(4000.0), n),
        "t_percent": rng.uniform(1.0, 50.0, n),
        "d_km": d,
        "h1_m": rng.uniform(-50.0, 1200.0, n),
        "h2_m": rng.uniform(3.0, 30.0, n),
        "q_percent": rng.choice([50.0, 10.0, 90.0, 99.0], n),
        "d_sea_km": d * sea_fraction,
        "sea": np.array(["cold_sea", "warm_sea"])[rng.integers(0, 2, n)],
        "r2_m": rng.uniform(5.0, 30.0, n),
        "rx_area": rx_area,
    }


def evaluate(inputs: dict[str, Any]) -> np.ndarray[Any, Any]:
    args = dict(inputs)
    pos = [args.pop(k) for k in ("f_mhz", "t_percent", "d_km", "h1_m", "h2_m")]
    return field_strength(*pos, **args).e_dbuv_m


def main() -> int:
    inputs = make_inputs(N)
    got = input_digest(inputs)
    print(f"inputs: {N:,} points, seed {SEED}, digest {got}")
    check_digest("bench_p1546", got, EXPECTED_DIGEST)
    evaluate({k: v[:1000] for k, v in inputs.items()})  # warm-up (tables, thread pool)
    walls, cpus = [], []
    for _ in range(3):
        c0, t0 = time.process_time(), time.perf_counter()
        e = evaluate(inputs)
        walls.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - c0)
    wall, cpu = min(walls), min(cpus)
    assert e.shape == (N,) and np.all(np.isfinite(e))

    sub = {k: v[:LOOP_N] for k, v in inputs.items()}
    t0 = time.perf_counter()
    looped = np.array(
        [
            float(evaluate({k: v[i] if v.dtype.kind != "U" else str(v[i]) for k, v in sub.items()}))
            for i in range(LOOP_N)
        ]
    )
    loop_wall = time.perf_counter() - t0
    np.testing.assert_allclose(looped, e[:LOOP_N], rtol=0, atol=1e-9)

    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    rate = N / wall
    loop_rate = LOOP_N / loop_wall
    print(
        f"P.1546-6 vectorised: {rate:,.0f} evaluations/s wall ({wall:.3f} s for {N:,}; "
        f"{cpu:.3f} CPU s on {cores} cores -> {N / cpu * (cores or 1):,.0f}/s at full use)"
    )
    print(f"per-point loop baseline: {loop_rate:,.0f} evaluations/s ({LOOP_N:,} points)")
    print(f"ratio vectorised / loop: {rate / loop_rate:,.0f}x")
    print(f"target > 1,000,000 evaluations/s: {'met' if rate > 1e6 else 'NOT met (wall)'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
