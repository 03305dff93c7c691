"""Command-line adapter (Typer)."""

import os

# A command's numerics are elementwise numpy: OpenBLAS's worker threads, started when numpy
# is imported, cost every fresh process about 100 ms of CPU and buy nothing here (measured
# with benchmarks/bench_cli.py). Set before anything imports numpy; a user's value wins.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
