"""Benchmark: frequency-to-allocation lookups, vectorised, and the API's latency for one.

Run: .venv/bin/python benchmarks/bench_spectrum.py [--n 1000000] [--requests 500]

Prints the vectorised lookup rate over an array of N frequencies (seeded, hash-checked),
the rate of a plain Python loop (bisect per frequency) measured in the same run as the
baseline, their ratio, and the median / 99th-percentile latency of
GET /api/allocations/at over loopback against `openitu serve` (uvicorn, SQLite).
"""

from __future__ import annotations

import argparse
import bisect
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import numpy as np
from _inputs import check_digest, input_digest

from openitu.spectrum.reference import rr2012_edition
from openitu.spectrum.table import AllocationTable
from openitu.store import migrate
from openitu.store.db import make_engine, session_factory
from openitu.store.reference import load_reference_data

# The default run's input digest (_inputs.input_digest: the same on every processor).
EXPECTED_DIGEST = {1_000_000: "20038aa1bd397a21"}


def seeded_frequencies(count: int) -> np.ndarray:
    """Log-uniform between 8.3 kHz and 275 GHz, from a fixed seed."""
    rng = np.random.default_rng(20261123)
    return np.asarray(10 ** rng.uniform(np.log10(8.3e3), np.log10(275e9), count))


def best_of(repeats: int, work: object) -> float:
    timings = []
    for _ in range(repeats):
        start = time.perf_counter()
        work()  # type: ignore[operator]
        timings.append(time.perf_counter() - start)
    return min(timings)


def bench_lookup(count: int) -> None:
    table = AllocationTable(rr2012_edition())
    frequencies = seeded_frequencies(count)
    digest = input_digest({"frequency_hz": frequencies})
    if count in EXPECTED_DIGEST:
        check_digest("bench_spectrum", digest, EXPECTED_DIGEST[count])
    regions = np.asarray(np.arange(count) % 3 + 1)
    vectorised = best_of(5, lambda: table.band_indices(frequencies, regions))
    indices = table.band_indices(frequencies, regions)

    lows = {r: [b.low_hz for b in table.bands(r)] for r in (1, 2, 3)}
    sample = min(count, 100_000)

    def loop() -> list[int]:
        return [
            bisect.bisect_right(lows[int(r)], float(f)) - 1
            for f, r in zip(frequencies[:sample], regions[:sample], strict=True)
        ]

    looped = best_of(3, loop)
    assert loop() == indices[:sample].tolist(), "the baseline disagrees with the kernel"
    vector_rate = count / vectorised
    loop_rate = sample / looped
    print(f"input: {count:,} frequencies, 3 Regions, digest {digest}")
    print(f"vectorised lookup: {vector_rate:,.0f} lookups/s ({vectorised * 1e3:.1f} ms)")
    print(f"python loop (bisect) baseline: {loop_rate:,.0f} lookups/s")
    print(f"ratio vectorised / loop: {vector_rate / loop_rate:.1f}x")


def bench_api(requests: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
        engine = make_engine(url)
        migrate.upgrade(engine)
        for _ in load_reference_data(session_factory(engine)):
            pass
        engine.dispose()
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        server = subprocess.Popen(
            [sys.executable, "-m", "openitu.cli", "serve", "--port", str(port)],
            # The per-client rate limit would answer 429 to one client asking this fast.
            env={
                **os.environ,
                "OPENITU_DATABASE_URL": url,
                "OPENITU_API_RATE_PER_S": "1000000",
                "OPENITU_API_BURST": "1000000",
            },
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            with httpx.Client(base_url=base, timeout=10) as client:
                for _ in range(300):
                    try:
                        client.get("/api/health")
                        break
                    except httpx.HTTPError:
                        time.sleep(0.1)
                frequencies = seeded_frequencies(requests)
                for frequency in frequencies[:50]:  # warm the edition cache and the pool
                    client.get(
                        "/api/allocations/at",
                        params={"frequency": f"{frequency:.0f}", "region": "1"},
                    )
                latencies = []
                for frequency in frequencies:
                    start = time.perf_counter()
                    response = client.get(
                        "/api/allocations/at",
                        params={"frequency": f"{frequency:.0f}", "region": "1"},
                    )
                    latencies.append(time.perf_counter() - start)
                    assert response.status_code == 200, response.text
        finally:
            server.terminate()
            server.wait(timeout=10)
    latencies.sort()
    p99 = latencies[int(0.99 * (len(latencies) - 1))]
    print(
        f"API GET /api/allocations/at over loopback, {requests} sequential requests: "
        f"median {statistics.median(latencies) * 1e3:.2f} ms, p99 {p99 * 1e3:.2f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=500)
    arguments = parser.parse_args()
    bench_lookup(arguments.n)
    bench_api(arguments.requests)


if __name__ == "__main__":
    main()
