"""How long the command line takes to answer, next to Python starting and doing nothing.

Run: ``.venv/bin/python benchmarks/bench_cli.py [--runs 21]`` (also part of ``make bench``).

Each command runs in a fresh process, as a person or a script runs it, against a SQLite
database prepared once (migrated, reference data loaded) in a temporary folder, with the
cache folder the commands keep their tables in (``OPENITU_CACHE_DIR``) beside it. Each
command runs once first, so that its table is kept and its bytecode written; then the
commands and ``python -c pass`` run in turn, ``--runs`` times each, and the median wall
time and CPU time (user + system) of each is printed with its ratio to ``python -c pass``
measured in the same run. On a busy machine the wall clock also counts the time spent
waiting for a core; the CPU time does not.

Goal (issue 13): under 0.3 s for both commands on an idle machine; within 5x of
``python -c pass`` as a stretch.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

GOAL_S = 0.3
STRETCH_RATIO = 5.0

COMMANDS: dict[str, list[str]] = {
    "python -c pass": [sys.executable, "-c", "pass"],
    "openitu allocations at 2450MHz --region 1 --json": [
        sys.executable, "-m", "openitu.cli", "allocations", "at", "2450MHz", "--region", "1",
        "--json",
    ],
    'openitu numbering parse "+41227305111" --json': [
        sys.executable, "-m", "openitu.cli", "numbering", "parse", "+41227305111", "--json",
    ],
}  # fmt: skip


def prepare(folder: Path) -> dict[str, str]:
    """A loaded SQLite database and an empty cache folder; the environment naming them."""
    from openitu.store import migrate
    from openitu.store.db import make_engine, session_factory
    from openitu.store.reference import load_reference_data

    url = f"sqlite:///{folder / 'openitu.sqlite3'}"
    engine = make_engine(url)
    migrate.upgrade(engine)
    for _ in load_reference_data(session_factory(engine)):
        pass
    engine.dispose()
    env = {**os.environ, "OPENITU_DATABASE_URL": url, "OPENITU_CACHE_DIR": str(folder / "cache")}
    # An installed package has its bytecode compiled; a checkout whose shell sets
    # PYTHONDONTWRITEBYTECODE would compile every module from source in every run.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def _children_cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_once(command: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    """Wall time, CPU time (user + system) and stdout of one fresh process."""
    cpu = _children_cpu_s()
    start = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({done.returncode}): {done.stderr}")
    return elapsed, _children_cpu_s() - cpu, done.stdout


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=21, help="runs of each command (median)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="openitu-bench-cli-") as folder:
        env = prepare(Path(folder))
        first = {name: run_once(command, env) for name, command in COMMANDS.items()}
        walls: dict[str, list[float]] = {name: [] for name in COMMANDS}
        cpus: dict[str, list[float]] = {name: [] for name in COMMANDS}
        for _ in range(args.runs):
            for name, command in COMMANDS.items():  # in turn: load drifts equally on all
                elapsed, cpu, output = run_once(command, env)
                if output != first[name][2]:
                    raise SystemExit(f"{name}: the answer changed between runs")
                walls[name].append(elapsed)
                cpus[name].append(cpu)

    base_wall = statistics.median(walls["python -c pass"])
    base_cpu = statistics.median(cpus["python -c pass"])
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    # On a busy machine the wall clock also counts waiting for a core; CPU time does not.
    print(f"fresh processes, median of {args.runs} runs each, load average {load:.1f}")
    print("     wall  ratio      CPU  ratio  command")
    for name in COMMANDS:
        wall = statistics.median(walls[name])
        cpu = statistics.median(cpus[name])
        line = (
            f"  {wall * 1000:5.0f} ms {wall / base_wall:5.1f}x "
            f"{cpu * 1000:5.0f} ms {cpu / max(base_cpu, 1e-3):5.1f}x  {name}"
        )
        if name != "python -c pass":
            met = "met" if wall < GOAL_S else "NOT met"
            stretch = "met" if wall <= STRETCH_RATIO * base_wall else "not met"
            line += f"\n{'':29}goal < {GOAL_S} s: {met}; within {STRETCH_RATIO:g}x: {stretch}"
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
