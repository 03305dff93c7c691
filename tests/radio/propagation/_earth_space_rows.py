"""Shared by the Earth-space validation tests (loaded by file path, not imported as a
package): the reader of the ITU-R SG3 rows in tests/reference/earth_space, the §2.5 total
on an A_total file's rows, and the agreement rule of issue 5 (0.01 dB, or 0.1 % where the
value is large)."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from openitu.radio.propagation import p618

REFERENCE = Path(__file__).resolve().parents[2] / "reference" / "earth_space"


def rows(name: str) -> dict[str, npt.NDArray[np.float64]]:
    """Columns of a validation file (line 1 names, line 2 units, then data)."""
    with (REFERENCE / name).open(encoding="utf-8") as handle:
        lines = list(csv.reader(handle))
    header = [h.strip() for h in lines[0]]
    data = np.array([[float(v) for v in line] for line in lines[2:] if line], dtype=np.float64)
    return {column: data[:, i] for i, column in enumerate(header)}


def slant_path_of_rows(
    t: dict[str, npt.NDArray[np.float64]], **options: Any
) -> p618.SlantPathAttenuation:
    """P.618 §2.5 on the rows of an A_total file (their site, frequency, elevation,
    percentage, antenna, station height and tilt), with ``options`` (the edition ...)."""
    return p618.slant_path_attenuation(
        t["lat"], t["lon"], t["f"], t["el"], t["p"], t["D"], t["eta"],
        hs_km=t["hs"], tau_deg=t["tau"], **options,
    )  # fmt: skip


def max_error(ours: npt.ArrayLike, reference: npt.ArrayLike) -> float:
    return float(np.max(np.abs(np.asarray(ours) - np.asarray(reference))))


def assert_agrees(ours: npt.ArrayLike, reference: npt.ArrayLike, absolute: float = 0.01) -> None:
    """Within ``absolute`` (0.01 dB by default) or 0.1 % of the reference, whichever is larger."""
    ours = np.asarray(ours, dtype=np.float64)
    reference = np.asarray(reference, dtype=np.float64)
    assert ours.shape == reference.shape
    tolerance = np.maximum(absolute, 1e-3 * np.abs(reference))
    bad = np.abs(ours - reference) > tolerance
    assert not bad.any(), list(zip(ours[bad], reference[bad], strict=True))
