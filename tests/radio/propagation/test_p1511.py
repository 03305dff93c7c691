"""P.1511-1 and -2 topographic altitude against the ITU-R SG3 validation rows."""

from __future__ import annotations

import numpy as np
import pytest
from _earth_space_rows import assert_agrees, rows

from openitu.errors import InvalidInput
from openitu.radio.propagation import p1511


@pytest.mark.parametrize(
    ("name", "edition"),
    [
        ("ITURP1511-1_topographic_altitude.csv", "P.1511-1"),
        ("ITURP1511-2_topographic_altitude.csv", "P.1511-2"),
    ],
)
def test_topographic_altitude(name: str, edition: str) -> None:
    r = rows(name)
    ours = p1511.topographic_altitude_km(r["lat"], r["lon"], edition=edition)
    # Heights in km: 0.001 km (1 m), tighter than the 0.01 rule.
    assert_agrees(ours, r["hs"], absolute=0.001)


def test_longitudes_either_way_and_errors() -> None:
    east = p1511.topographic_altitude_km(39.7, np.array([-105.0, 255.0]), edition="P.1511-1")
    assert east[0] == east[1]
    with pytest.raises(InvalidInput) as caught:
        p1511.topographic_altitude_km(41.9, 12.49, edition="P.1511-0")
    assert caught.value.field == "edition"
