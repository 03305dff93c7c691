"""Input checks shared by the radio models: arrays in, clear errors out.

Every public model wrapper turns its inputs into float64 arrays with `as_array`, checks
them with `check_range` (an `InvalidInput` naming the field and the valid range, never a
silent NaN or an extrapolation), or both at once with `checked`, and its edition with
`check_edition`. `broadcast`, `broadcast_flat` and `broadcast_named` bring the inputs to one
shape, naming the fields that do not fit.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from openitu.errors import InvalidInput

FloatArray = npt.NDArray[np.float64]


def as_array(value: npt.ArrayLike, field: str, *, finite: bool = True) -> FloatArray:
    """``value`` as a float64 array (shape () for a scalar); finite numbers only, unless
    ``finite`` is False (the caller checks the part that counts, e.g. a padded profile)."""
    if isinstance(value, bool | str | bytes):
        raise InvalidInput(field, f"expected a number or an array of numbers, got {value!r}")
    try:
        array = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        raise InvalidInput(field, "expected a number or an array of numbers") from None
    if finite and array.size and not np.all(np.isfinite(array)):
        raise InvalidInput(field, "must be finite (no NaN or infinity)")
    return array


def _fmt(value: float) -> str:
    return f"{value:g}"


def check_range(
    array: FloatArray,
    field: str,
    low: float | None = None,
    high: float | None = None,
    *,
    unit: str = "",
    low_inclusive: bool = True,
    high_inclusive: bool = True,
) -> None:
    """Raise `InvalidInput` naming ``field`` and the range when a value falls outside it."""
    if array.size == 0:
        return
    too_low = low is not None and (
        bool(np.any(array < low)) if low_inclusive else bool(np.any(array <= low))
    )
    too_high = high is not None and (
        bool(np.any(array > high)) if high_inclusive else bool(np.any(array >= high))
    )
    if not (too_low or too_high):
        return
    suffix = f" {unit}" if unit else ""
    if low is not None and high is not None:
        left = "[" if low_inclusive else "("
        right = "]" if high_inclusive else ")"
        span = f"{left}{_fmt(low)}, {_fmt(high)}{right}{suffix}"
        reason = f"must lie in {span}"
    elif low is not None:
        reason = f"must be {'>=' if low_inclusive else '>'} {_fmt(low)}{suffix}"
    else:
        assert high is not None
        reason = f"must be {'<=' if high_inclusive else '<'} {_fmt(high)}{suffix}"
    outside = np.zeros(array.shape, dtype=bool)
    if low is not None:
        outside |= (array < low) if low_inclusive else (array <= low)
    if high is not None:
        outside |= (array > high) if high_inclusive else (array >= high)
    reason += f" (got {_fmt(float(array[outside].flat[0]))})"
    raise InvalidInput(field, reason)


def checked(
    value: npt.ArrayLike, field: str, low: float | None = None, *limits: Any, **options: Any
) -> FloatArray:
    """``value`` as a float64 array (`as_array`) whose values lie in the range: the
    arguments after ``field`` are those of `check_range`."""
    array = as_array(value, field)
    check_range(array, field, low, *limits, **options)
    return array


def check_edition(edition: str, supported: Sequence[str], *, field: str = "edition") -> str:
    """The edition if supported (case and spaces ignored), else `InvalidInput` listing them."""
    wanted = edition.replace(" ", "").upper()
    for known in supported:
        if known.replace(" ", "").upper() == wanted:
            return known
    raise InvalidInput(
        field, f"unsupported edition {edition!r} (supported: {', '.join(supported)})"
    )


def broadcast(*arrays: FloatArray, fields: Sequence[str]) -> tuple[FloatArray, ...]:
    """Broadcast the inputs together, or say which fields do not fit."""
    try:
        return tuple(np.broadcast_arrays(*arrays))
    except ValueError:
        shapes = ", ".join(f"{f}{a.shape}" for f, a in zip(fields, arrays, strict=True))
        raise InvalidInput(fields[0], f"shapes do not broadcast together: {shapes}") from None


def broadcast_flat(
    *arrays: FloatArray, fields: Sequence[str]
) -> tuple[tuple[int, ...], list[FloatArray]]:
    """The common shape of the inputs and each of them broadcast to it, flattened.

    The models compute on contiguous 1-D arrays and reshape their results to the shape.
    """
    shaped = broadcast(*arrays, fields=fields)
    shape = shaped[0].shape
    return shape, [np.ascontiguousarray(a, dtype=np.float64).reshape(-1) for a in shaped]


def broadcast_named(**arrays: FloatArray) -> tuple[tuple[int, ...], list[FloatArray]]:
    """`broadcast_flat` of the keyword arguments, in their order, each named in an error
    as its keyword: ``shape, (f, d) = broadcast_named(f_ghz=f, d_km=d)``."""
    return broadcast_flat(*arrays.values(), fields=tuple(arrays))
