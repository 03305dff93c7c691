"""Article 21 Table 21-4 pfd limits and Appendix 5 Table 5-1 coordination arcs, against
the values copied into tests/reference/space (see its SOURCES.md)."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from openitu.errors import InvalidInput
from openitu.space import arc, pfd

REFERENCE = Path(__file__).parents[1] / "reference" / "space"


def _rows(name: str) -> list[dict[str, Any]]:
    with (REFERENCE / name).open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


PFD_ROWS = _rows("table_21_4.csv")
ARC_ROWS = _rows("table_5_1.csv")


@pytest.mark.parametrize("row", PFD_ROWS, ids=lambda r: f"{r['low_mhz']}-{r['orbit']}")
@pytest.mark.parametrize("angle", [0.0, 3.0, 5.0, 10.0, 17.5, 25.0, 40.0, 90.0])
def test_pfd_limit_matches_table_21_4(row: dict[str, Any], angle: float) -> None:
    low, high = float(row["low_mhz"]) * 1e6, float(row["high_mhz"]) * 1e6
    orbit = "ngso" if row["orbit"] == "ngso" else "gso"
    a, top = float(row["limit_0_5_deg"]), float(row["limit_25_90_deg"])
    # The Table's three parts, written out: A; A + (δ - 5)/2; A + 10.
    if angle <= 5:
        expected = a
    elif angle <= 25:
        expected = a + (angle - 5) / 2
    else:
        expected = top
    answer = pfd.pfd_limit((low + high) / 2, angle, orbit).as_dict()
    assert answer["limit_dbw_m2"] == pytest.approx(expected, abs=1e-9)
    assert answer["reference_bandwidth_hz"] == float(row["reference_bandwidth_khz"]) * 1e3
    assert answer["band"] == {"low_hz": low, "high_hz": high}
    assert "Table 21-4" in answer["provision"]


def test_pfd_is_continuous_at_the_breakpoints() -> None:
    for angle in (5.0, 25.0):
        left = pfd.pfd_limit(4e9, angle - 1e-6).limit_dbw_m2
        right = pfd.pfd_limit(4e9, angle + 1e-6).limit_dbw_m2
        assert abs(left - right) < 1e-5


def test_pfd_gso_and_ngso_differ_where_the_table_distinguishes() -> None:
    gso = pfd.pfd_limit(11.2e9, 30.0, "gso")
    ngso = pfd.pfd_limit(11.2e9, 30.0, "ngso")
    assert (gso.limit_dbw_m2, gso.reference_bandwidth_hz) == (-140.0, 4e3)
    assert (ngso.limit_dbw_m2, ngso.reference_bandwidth_hz) == (-116.0, 1e6)


@pytest.mark.parametrize(
    ("frequency", "angle", "orbit", "field"),
    [(4e9, -1.0, "gso", "angle"), (4e9, 91.0, "gso", "angle"), (1e9, 10.0, "gso", "frequency"),
     (4e9, 10.0, "ngso", "frequency")],
)  # fmt: skip
def test_pfd_refuses_what_it_cannot_answer(
    frequency: float, angle: float, orbit: pfd.Orbit, field: str
) -> None:
    with pytest.raises(InvalidInput) as caught:
        pfd.pfd_limit(frequency, angle, orbit)
    assert caught.value.field == field


@pytest.mark.parametrize(
    ("frequency", "orbit"),
    [(1.6e9, "gso"), (1.6e9, "ngso"), (2.6e9, "gso"), (18.5e9, "ngso"), (19.0e9, "ngso"),
     (38.0e9, "gso"), (38.0e9, "ngso"), (41.0e9, "gso"), (42.0e9, "ngso")],
)  # fmt: skip
def test_rows_whose_text_was_not_found_are_refused(frequency: float, orbit: pfd.Orbit) -> None:
    # The X/Y rows (non-GSO 17.7-19.7 GHz), 1.5-2.7 GHz and 37.5-42.5 GHz: docs/space.md,
    # "Sources looked for". A refusal names the frequency and the bands that are encoded.
    with pytest.raises(InvalidInput, match="no Table 21-4 limit encoded") as caught:
        pfd.pfd_limit(frequency, 30.0, orbit)
    assert caught.value.field == "frequency" and "10.7-11.7 GHz" in caught.value.reason


def test_pfd_check_over_a_service_area() -> None:
    # A satellite at 0° radiating -60 dB(W/Hz) at 4 GHz: pfd = eirp + 10 log 4000 - 10 log 4πd².
    lat = np.array([0.0, 30.0, 60.0, 85.0])
    lon = np.zeros(4)
    check = pfd.check_gso_pfd(
        sat_lon_deg=0.0, frequency_hz=4e9, eirp_density_dbw_hz=-60.0, lat_deg=lat, lon_deg=lon
    )
    # Sub-satellite point: d = 42164.17 - 6378.137 km.
    d0 = (42164.17 - 6378.137) * 1e3
    assert check.pfd_dbw_m2[0] == pytest.approx(
        -60 + 10 * np.log10(4000) - 10 * np.log10(4 * np.pi * d0**2)
    )
    assert check.limit_dbw_m2[0] == -142.0  # 90° elevation
    # 85° N: beyond about 81.3° the GSO is below the horizon, so nothing is received or checked.
    assert np.isnan(check.pfd_dbw_m2[3]) and not check.exceeds[3]
    assert check.complies == bool(np.all(check.margin_db[:3] >= 0))
    loud = pfd.check_gso_pfd(
        sat_lon_deg=0.0, frequency_hz=4e9, eirp_density_dbw_hz=0.0, lat_deg=lat, lon_deg=lon
    )
    assert not loud.complies and loud.as_dict()["points_exceeding"] == 3


@pytest.mark.parametrize("row", ARC_ROWS, ids=lambda r: f"{r['row']}{r['low_mhz']}")
def test_coordination_arc_matches_appendix_5(row: dict[str, Any]) -> None:
    low, high = float(row["low_mhz"]) * 1e6, float(row["high_mhz"]) * 1e6
    for region in (int(r) for r in row["regions"].split()):
        for service in row["services"].split(";"):
            answer = arc.coordination_arc((low + high) / 2, service, region=region)
            assert answer.coordination_arc_deg == float(row["arc_deg"])
            assert answer.row == row["row"]
            assert "No. 9.7" in answer.as_dict()["provision"]


def test_region_limited_rows_do_not_apply_elsewhere() -> None:
    # 11.7-12.2 GHz is in row 2) for Region 2 only; 12.5-12.75 GHz for Regions 1 and 3.
    assert arc.coordination_arc(12.0e9, "FSS", region=1).coordination_arc_deg is None
    assert arc.coordination_arc(12.0e9, "FSS", region=2).coordination_arc_deg == 7.0
    assert arc.coordination_arc(12.6e9, "FSS", region=2).coordination_arc_deg is None
    # Without a Region the cautious reading: the row applies.
    assert arc.coordination_arc(12.0e9, "fixed-satellite").coordination_arc_deg == 7.0


def test_outside_the_rows_the_criterion_is_dt_over_t() -> None:
    for frequency, service in [(2.0e9, "FSS"), (21.7e9, "broadcasting-satellite"),
                               (4.0e9, "mobile-satellite")]:  # fmt: skip
        answer = arc.coordination_arc(frequency, service).as_dict()
        assert answer["coordination_arc_deg"] is None
        assert answer["criterion"] == "dt/t"
        assert answer["provision"].endswith("row 9)")


def test_unknown_service_is_named() -> None:
    with pytest.raises(InvalidInput) as caught:
        arc.coordination_arc(4e9, "telepathy")
    assert caught.value.field == "service"
