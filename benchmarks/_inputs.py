"""The digest a benchmark prints (and checks) for its seeded inputs, the same on every machine.

A seeded generator draws the same numbers everywhere, but what is computed from them
(``10.0 ** uniform(...)``, ``exp``, even ``a + (b - a) * u`` where the compiler fuses it)
may differ in the last bit between processors and maths libraries: hashing those bytes
made ``make bench`` stop on another machine. So floats are hashed rounded to 20
significant bits (about 6 decimal digits; ``frexp`` and the rounding are exact, and a
last-bit difference crosses a rounding edge about once in 10^10 values), the rest as
they are; and a digest that differs is a warning, not a stop: the inputs are then
probably the same points, and the run is still worth printing.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Mapping
from typing import Any

import numpy as np

SIGNIFICANT_BITS = 20


def _reproducible_bytes(values: Any) -> bytes:
    array = np.ascontiguousarray(values)
    if array.dtype.kind == "f":
        values = array.astype(np.float64)
        finite = np.isfinite(values)
        mantissa, exponent = np.frexp(np.where(finite, values, 0.0))
        rounded = np.round(mantissa * 2.0**SIGNIFICANT_BITS).astype(np.int64)
        exact = rounded.tobytes() + exponent.astype(np.int64).tobytes()
        if finite.all():
            return exact
        # NaN (a column that does not apply) and infinities, told apart, not as bytes.
        special = np.where(np.isnan(values), 1, np.where(values > 0, 2, 3))
        return exact + np.where(finite, 0, special).astype(np.int8).tobytes()
    if array.dtype.kind in "UO":
        return "\x1f".join(map(str, array.ravel().tolist())).encode("utf-8")
    return array.astype(np.int64 if array.dtype.kind in "biu" else array.dtype).tobytes()


def input_digest(inputs: Mapping[str, Any]) -> str:
    """16 hex digits of SHA-256 over ``inputs`` (by name), floats rounded as above."""
    sha = hashlib.sha256()
    for name in sorted(inputs):
        sha.update(name.encode("utf-8"))
        sha.update(str(np.shape(inputs[name])).encode("ascii"))
        sha.update(_reproducible_bytes(inputs[name]))
    return sha.hexdigest()[:16]


def check_digest(what: str, got: str, expected: str) -> None:
    """Warn on stderr when the inputs differ from the ones the figures were taken with."""
    if got != expected:
        print(
            f"warning: {what}: input digest {got}, expected {expected}: the inputs differ"
            " from those of docs/performance.md (another numpy or generator?); timing anyway",
            file=sys.stderr,
        )
