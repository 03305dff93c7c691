"""Earth-space slant-path total (P.618-13 §2.5): ours against `itur` called directly,
in the same run, on the same seeded points; and antenna pattern evaluations per second.

Run: ``.venv/bin/python benchmarks/bench_earth_space.py [--points N] [--itur-points M]``.
itur runs most of its steps point by point (np.vectorize), so by default it is timed on
a subset of the points and the ratio compares throughputs (points per second).
"""

from __future__ import annotations

import argparse
import hashlib
import time
import warnings

import numpy as np

from openitu.radio import antennas
from openitu.radio.propagation import p618

# One frequency and elevation for all points: itur 0.4.0 mis-broadcasts its rain term
# when frequency and elevation are arrays too (its np.vectorize wrappers return an
# n x n result), so the comparison uses the call pattern itur supports.
F_GHZ = 20.0
EL_DEG = 35.0


def points(n: int) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(20261123)
    data = {
        "lat": rng.uniform(-60.0, 60.0, n),
        "lon": rng.uniform(-180.0, 180.0, n),
    }
    digest = hashlib.sha256(b"".join(v.tobytes() for v in data.values())).hexdigest()[:16]
    print(f"{n} seeded points, sha256 {digest}")
    return data


def ours(data: dict[str, np.ndarray], p: float) -> tuple[float, np.ndarray]:
    start = time.perf_counter()
    result = p618.slant_path_attenuation(
        data["lat"], data["lon"], F_GHZ, EL_DEG, p, 1.2, 0.65, tau_deg=45.0
    )
    return time.perf_counter() - start, result.a_total_db


def itur_direct(data: dict[str, np.ndarray], p: float) -> tuple[float, np.ndarray]:
    import itur

    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        total = itur.atmospheric_attenuation_slant_path(
            data["lat"], data["lon"], F_GHZ, EL_DEG, p, 1.2, eta=0.65, tau=45.0
        )
    return time.perf_counter() - start, np.asarray(total.value)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--points", type=int, default=100_000)
    parser.add_argument("--itur-points", type=int, default=2_000)
    parser.add_argument("--p", type=float, default=0.1)
    args = parser.parse_args()
    data = points(args.points)
    # Warm-up: both load the same ITU-R maps on first use; time the second call.
    warm = {k: v[:10] for k, v in data.items()}
    ours(warm, args.p)
    itur_direct(warm, args.p)
    t_ours, a_ours = ours(data, args.p)
    subset = {k: v[: args.itur_points] for k, v in data.items()}
    t_itur, a_itur = itur_direct(subset, args.p)
    rate_ours = args.points / t_ours
    rate_itur = args.itur_points / t_itur
    diff = np.max(np.abs(a_ours[: args.itur_points] - a_itur))
    print(f"ours : {args.points} points in {t_ours:.2f} s = {rate_ours:,.0f} points/s")
    print(f"itur : {args.itur_points} points in {t_itur:.2f} s = {rate_itur:,.0f} points/s")
    ratio = rate_ours / rate_itur
    print(f"ratio (ours / itur throughput): {ratio:.1f}x; max |ΔA_total| {diff:.2e} dB")

    phi = np.random.default_rng(1).uniform(-180.0, 180.0, 1_000_000)
    for name, call in (
        ("F.699", lambda: antennas.f699_gain_dbi(phi, 23_000.0, d_m=1.2)),
        ("S.465", lambda: antennas.s465_gain_dbi(phi, 12_000.0, d_m=2.4)),
        ("S.1528", lambda: antennas.s1528_gain_dbi(phi, 40.0, 1.0)),
    ):
        call()
        start = time.perf_counter()
        call()
        elapsed = time.perf_counter() - start
        print(f"antenna {name}: {phi.size / elapsed:,.0f} evaluations/s")


if __name__ == "__main__":
    main()
