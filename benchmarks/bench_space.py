"""One new coordination request against a register of filed GSO networks (RR No. 9.7:
Appendix 5 arc and Appendix 8 ΔT/T over every pair of overlapping beams).

Run: ``.venv/bin/python benchmarks/bench_space.py [--networks N] [--beams B] [--loop-pairs M]``.
The register is seeded (hash printed) and held as the columns the store loads
(`openitu.store.space.beam_table`, cached per version of the space area); the timed part
is the examination itself (`openitu.space.coordination.report`). The baseline is the
same Appendix 8 arithmetic pair by pair in a Python loop, timed on ``--loop-pairs`` pairs
and compared by throughput (pairs per second).
"""

from __future__ import annotations

import argparse
import hashlib
import math
import time

import numpy as np

from openitu.space import coordination, dtt, geometry

# C, Ku and Ka bands with a Table 5-1 arc, and 21.4-22 GHz where ΔT/T decides (row 9)).
BANDS_GHZ = [(3.7, 4.2, False), (5.925, 6.425, True), (10.95, 11.2, False),
             (11.45, 11.7, False), (14.0, 14.5, True), (17.7, 20.2, False), (27.5, 30.0, True),
             (21.4, 22.0, False)]  # fmt: skip


def register(networks: int, beams: int, seed: int) -> coordination.BeamTable:
    rng = np.random.default_rng(seed)
    n = networks * beams
    band = rng.integers(0, len(BANDS_GHZ), n)
    low = np.array([b[0] for b in BANDS_GHZ])[band] * 1e9
    high = np.array([b[1] for b in BANDS_GHZ])[band] * 1e9
    start = low + rng.uniform(0.0, 0.8, n) * (high - low)
    width = rng.uniform(0.02, 0.2, n) * (high - low)
    columns = {
        "network": np.repeat(np.arange(networks), beams),
        "sat_lon_deg": np.repeat(rng.uniform(-180.0, 180.0, networks), beams),
        "up": np.array([b[2] for b in BANDS_GHZ])[band],
        "low_hz": start,
        "high_hz": np.minimum(start + width, high),
        "service": np.zeros(n, dtype=np.int64),
        "sat_gain_dbi": rng.uniform(25.0, 40.0, n),
        "noise_temperature_k": rng.uniform(100.0, 800.0, n),
        "power_density_dbw_hz": rng.uniform(-70.0, -45.0, n),
        "es_lat_deg": rng.uniform(-60.0, 60.0, n),
        "es_lon_deg": rng.uniform(-180.0, 180.0, n),
        "es_gain_dbi": rng.uniform(35.0, 60.0, n),
        "es_pattern": rng.integers(0, 3, n),
    }
    # Earth stations where their satellite is visible: within 60° of its longitude.
    columns["es_lon_deg"] = ((columns["sat_lon_deg"] + rng.uniform(-60, 60, n) + 180) % 360) - 180
    digest = hashlib.sha256(b"".join(np.asarray(v).tobytes() for v in columns.values()))
    print(
        f"{networks} networks x {beams} beams = {n} filed beams, sha256 {digest.hexdigest()[:16]}"
    )
    return coordination.BeamTable.from_columns(
        network_ids=tuple(range(1, networks + 1)),
        administrations=tuple("FR" for _ in range(networks)),
        names=tuple(f"NET-{i}" for i in range(networks)),
        beam_names=tuple(f"B{i % beams}" for i in range(n)),
        **columns,
    )


def loop_baseline(new: coordination.BeamTable, filed: coordination.BeamTable, limit: int) -> float:
    """Pairs per second for the Appendix 8 uplink/downlink arithmetic, pair by pair."""
    pairs = []
    for i in range(new.size):
        for j in range(filed.size):
            if (
                filed.up[j] == new.up[i]
                and filed.low_hz[j] < new.high_hz[i]
                and filed.high_hz[j] > new.low_hz[i]
            ):
                pairs.append((i, j))
                if len(pairs) >= limit:
                    break
        if len(pairs) >= limit:
            break
    start = time.perf_counter()
    for i, j in pairs:
        f = (max(new.low_hz[i], filed.low_hz[j]) + min(new.high_hz[i], filed.high_hz[j])) / 2
        angle = float(
            geometry.topocentric_angle_deg(
                new.sat_lon_deg[i], filed.sat_lon_deg[j], new.es_lat_deg[i], new.es_lon_deg[i]
            )
        )
        gain = float(dtt.ap8_earth_station_gain_dbi(angle, new.es_gain_dbi[i]))
        d = float(
            geometry.slant_range_km(filed.sat_lon_deg[j], new.es_lat_deg[i], new.es_lon_deg[i])
        )
        loss = 20 * math.log10(4 * math.pi * d * 1e3 * f / 299_792_458.0)
        received = new.power_density_dbw_hz[i] + gain + filed.sat_gain_dbi[j] - loss
        _ = 100 * 10 ** (received / 10) / dtt.BOLTZMANN_J_K / filed.noise_temperature_k[j]
    return len(pairs) / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--networks", type=int, default=10_000)
    parser.add_argument("--beams", type=int, default=20)
    parser.add_argument("--loop-pairs", type=int, default=2_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    filed = register(args.networks, args.beams, seed=20261207)
    new = register(1, args.beams, seed=7)
    times = []
    report: dict[str, object] = {}
    for _ in range(args.repeat):
        start = time.perf_counter()
        report = coordination.report(new, filed)
        times.append(time.perf_counter() - start)
    best = min(times)
    # The first run also computes the register's positions (kept with the cached table).
    print(f"first run {times[0]:.3f} s (register positions computed), then {best:.3f} s")
    pairs = int(report["pairs_evaluated"])  # type: ignore[call-overload]
    affected = report["networks"]
    assert isinstance(affected, list)
    rule = report["no_9_41"]
    assert isinstance(rule, dict)
    by_arc = sum("arc" in n["criteria"] for n in affected)
    by_dtt = sum("dt/t" in n["criteria"] for n in affected)
    print(
        f"one request ({args.beams} beams) examined in {best:.3f} s (best of {args.repeat}): "
        f"{pairs} pairs of beams evaluated, {len(affected)} networks affected ({by_arc} by "
        f"the arc, {by_dtt} by ΔT/T > 6 % where no arc applies; No. 9.41: "
        f"{len(rule['may_request_inclusion'])} outside the arc above 6 %, "
        f"{len(rule['may_be_excluded'])} inside it at most 6 %)"
    )
    print(f"target: under 2 s -> {'met' if best < 2.0 else 'NOT met'}")
    rate = loop_baseline(new, filed, args.loop_pairs)
    ours = pairs / best
    print(f"pairs per second: vectorised {ours:,.0f}, Python loop {rate:,.0f} "
          f"(ratio {ours / rate:,.0f}x)")  # fmt: skip


if __name__ == "__main__":
    main()
