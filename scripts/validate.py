"""`make validate REFERENCE=path`: OpenITU's propagation models against the ITU-R reference
implementations, case by case over the whole input domain (the issue-19 harness).

REFERENCE names what to hold the models against, one or several separated by commas:

- a checkout of eeveetza/Py1546 (P.1546-6): `scripts/validate_p1546.py`;
- a checkout of eeveetza/Py452 (P.452-18): `scripts/validate_p452.py`;
- a folder holding such checkouts (each one found below it is run);
- ``itur``: the Earth-space chain against ITU-Rpy (`scripts/validate_earth_space.py`).

Each harness draws its cases, runs the reference code in its own throwaway environment
(benchmarks/.peers-venv: never a dependency of the package), and prints the share of
cases within 0.01 dB and every divergence grouped by the method's branch; docs/radio.md
explains each group that remains. ``--cases`` and ``--seed`` are passed on.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
HARNESSES = {"Py1546": "validate_p1546.py", "Py452": "validate_p452.py"}


def harnesses_for(reference: str) -> list[tuple[str, list[str]]]:
    """(label, command arguments) for each harness that ``reference`` names."""
    if reference == "itur":
        return [("Earth-space chain against ITU-Rpy", [str(HERE / "validate_earth_space.py")])]
    path = Path(reference).expanduser()
    if not path.is_dir():
        raise SystemExit(f"error: REFERENCE: {reference!r} is neither a folder nor 'itur'")
    found = []
    for package, script in HARNESSES.items():
        for checkout in sorted({p.parent.parent for p in path.glob(f"**/src/{package}")}):
            found.append(
                (f"{package} at {checkout}", [str(HERE / script), "--reference", str(checkout)])
            )
    if not found:
        raise SystemExit(
            f"error: REFERENCE: no checkout of {' or '.join(HARNESSES)} under {path} (a "
            "checkout holds src/Py1546 or src/Py452)"
        )
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "reference", help="checkout(s), a folder of them, or 'itur' (comma-separated)"
    )
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=None, help="default: each harness's own")
    args = parser.parse_args()
    runs = [
        run
        for item in args.reference.split(",")
        if item.strip()
        for run in harnesses_for(item.strip())
    ]
    failed = 0
    for label, command in runs:
        print(f"=== {label}", flush=True)
        extra = ["--cases", str(args.cases)] + (
            [] if args.seed is None else ["--seed", str(args.seed)]
        )
        failed += subprocess.call([sys.executable, *command, *extra]) != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
