"""Input checks every radio model uses (openitu.radio.checks): arrays in, errors naming the
field and the range out."""

from __future__ import annotations

import numpy as np
import pytest

from openitu.errors import InvalidInput
from openitu.radio import checks


def test_checked_is_an_array_in_its_range_or_an_error_naming_field_and_range() -> None:
    f = checks.checked([1.0, 2.5], "f_ghz", 1.0, 55.0, unit="GHz")
    assert f.dtype == np.float64 and f.tolist() == [1.0, 2.5]
    with pytest.raises(InvalidInput) as high:
        checks.checked([1.0, 60.0], "f_ghz", 1.0, 55.0, unit="GHz")
    assert high.value.field == "f_ghz"
    assert high.value.reason == "must lie in [1, 55] GHz (got 60)"
    with pytest.raises(InvalidInput) as open_low:
        checks.checked(0.0, "d_m", 0.0, unit="m", low_inclusive=False)
    assert open_low.value.reason == "must be > 0 m (got 0)"
    for bad in ("12", True, [1.0, float("nan")]):
        with pytest.raises(InvalidInput) as refused:
            checks.checked(bad, "el_deg", 0.0, 90.0)
        assert refused.value.field == "el_deg"


def test_check_edition_ignores_case_and_spaces_and_lists_the_supported() -> None:
    assert checks.check_edition("p. 618-14", ("P.618-13", "P.618-14")) == "P.618-14"
    with pytest.raises(InvalidInput) as refused:
        checks.check_edition("P.618-12", ("P.618-13", "P.618-14"), field="gas_edition")
    assert refused.value.field == "gas_edition"
    assert "P.618-13, P.618-14" in refused.value.reason


def test_broadcast_named_flattens_to_one_shape_or_names_the_misfits() -> None:
    shape, (a, b) = checks.broadcast_named(f_ghz=np.ones((2, 1)), el_deg=np.arange(3.0))
    assert shape == (2, 3) and a.shape == b.shape == (6,)
    assert b.tolist() == [0.0, 1.0, 2.0, 0.0, 1.0, 2.0]
    with pytest.raises(InvalidInput) as misfit:
        checks.broadcast_named(f_ghz=np.ones(2), el_deg=np.ones(3))
    assert misfit.value.field == "f_ghz" and "el_deg(3,)" in misfit.value.reason
