"""Re-encode the ITU-R P.2145-0 digital maps that OpenITU ships (src/openitu/data/p2145/).

Run: ``.venv/bin/python scripts/p2145_encode.py GIT_DIR_OR_FOLDER [OUT_DIR]``, where the first
argument is either a folder holding the ``v0_*.npz`` files (the npz conversion of the
Recommendation's maps made by ITU-Rpy forks, in ``itur/data/2145/``) or the git directory of
such a repository (read with ``git show HEAD:itur/data/2145/...``). OUT_DIR defaults to
src/openitu/data/p2145.

What is kept, and why (docs/radio.md): the maps that the P.676-13 Annex 2 statistical slant-path
method needs for exceedance percentages from 5 to 50 % (P.618-14 §2.5 holds the gas term at
5 % below 5 %, and the total is defined up to 50 %): surface total pressure P, temperature T,
water-vapour density RHO and integrated water vapour V exceeded for 5, 10, 20, 30 and 50 %
and their annual means, the scale heights PSCH, TSCH (a lapse rate, K/km) and VSCH, and the
ground height Z_ground of the 0.25° grid. Not kept: the other percentages, the standard
deviations and the Weibull parameters of V (258 MB in all would not fit the repository).

Encoding, lossless: every source value has three decimals (Z_ground six), so each map is
stored as integers in units of 0.001 (Z_ground 1e-6 km); the levels of one quantity are
stacked (5, 10, 20, 30, 50 %, mean), differenced along the level axis then along longitude,
and the int32 result compressed with LZMA. The decoder (openitu.radio.propagation.p2145)
undoes the two differences with cumulative sums. The script checks the round trip and prints,
per file, the size and the largest difference from the source (0 for every map).
"""

from __future__ import annotations

import io
import lzma
import subprocess
import sys
from pathlib import Path

import numpy as np

LEVELS = ("5", "10", "20", "30", "50", "mean")
QUANTITIES = ("P", "T", "RHO", "V")
SINGLE = ("PSCH", "TSCH", "VSCH", "Z_ground")
SCALE = {"Z_ground": 1e-6}
OUT = Path(__file__).resolve().parents[1] / "src/openitu/data/p2145"


def _reader(source: Path):  # type: ignore[no-untyped-def]
    if (source / "v0_P_50.npz").exists():
        return lambda name: np.load(source / f"v0_{name}.npz")["data"]

    def from_git(name: str) -> np.ndarray:
        blob = subprocess.run(
            ["git", "-C", str(source), "show", f"HEAD:itur/data/2145/v0_{name}.npz"],
            check=True,
            capture_output=True,
        ).stdout
        return np.load(io.BytesIO(blob))["data"]

    return from_git


def encode(cube: np.ndarray, scale: float) -> tuple[bytes, np.ndarray]:
    q = np.round(cube / scale).astype(np.int64)
    delta = np.diff(np.diff(q, axis=0, prepend=0), axis=2, prepend=0)
    if np.abs(delta).max() >= 2**31:
        raise ValueError("deltas do not fit int32")
    buffer = io.BytesIO()
    np.savez(buffer, delta=delta.astype(np.int32), scale=np.float64(scale))
    return lzma.compress(buffer.getvalue(), preset=9 | lzma.PRESET_EXTREME), q


def decode(blob: bytes) -> np.ndarray:
    with np.load(io.BytesIO(lzma.decompress(blob))) as data:
        q = np.cumsum(np.cumsum(data["delta"].astype(np.int64), axis=2), axis=0)
        return np.asarray(q * float(data["scale"]))


def main() -> None:
    source = Path(sys.argv[1])
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else OUT
    out.mkdir(parents=True, exist_ok=True)
    read = _reader(source)
    jobs = [(q, [f"{q}_{level}" for level in LEVELS]) for q in QUANTITIES]
    jobs += [(name, [name]) for name in SINGLE]
    total = 0
    for label, names in jobs:
        cube = np.stack([read(name) for name in names])
        if cube.shape[1:] != (721, 1441) or not np.isfinite(cube).all():
            raise ValueError(f"{label}: unexpected grid or missing values")
        blob, _ = encode(cube, SCALE.get(label, 1e-3))
        error = float(np.abs(decode(blob) - cube).max())
        path = out / f"p2145-0_{label}.npz.xz"
        path.write_bytes(blob)
        total += len(blob)
        print(
            f"{path.name:28s} {len(blob) / 1e6:6.2f} MB  levels {len(names)}  max error {error:.2e}"
        )
    print(f"total {total / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
