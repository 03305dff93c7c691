"""The coordination contour against the coordination decision, for stations near borders:
an administration is named as needing coordination iff its territory (the project's
Natural Earth polygons, `geo.polygons`) intersects the contour polygon; the contour's
points are where the field strength falls to the trigger, computed independently here
with the engine's P.1546-6."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest

from openitu.geo.countries import all_countries
from openitu.geo.polygons import country_rings, points_in_rings
from openitu.radio.propagation.p1546 import field_strength
from openitu.register.contour import (
    AZIMUTHS,
    contour_and_needs,
    coordination_contour,
    destination,
)
from openitu.register.coordination import (
    DEFAULT_TRIGGERS,
    TERRITORY_ADMINISTRATION,
    coordination_required,
)
from openitu.register.technical import great_circle_km, station_from_notice
from register_fixtures import fixed_link, fm_station, land_mobile_in_fm_band

FloatArray = Any

NEAR_BORDERS = {
    # Freiburg im Breisgau: France 15 km west, Switzerland 45 km south, Austria farther.
    "freiburg-fm": fm_station("DE", "FREIBURG", tx__lat_deg=48.00, tx__lon_deg=7.85,
                              tx__antenna_height_m=100, tx__eirp_dbw=20),
    # Strasbourg: Germany across the Rhine, Switzerland 110 km south (not reached).
    "strasbourg-fm": fm_station("FR", "STRASBOURG", tx__lat_deg=48.58, tx__lon_deg=7.75),
    # Lille: Belgium 10 km away; over the Channel to Great Britain (a sea path).
    "lille-fm": fm_station("FR", "LILLE", tx__lat_deg=50.63, tx__lon_deg=3.06,
                           tx__eirp_dbw=30, tx__antenna_height_m=150),
    # A directional 6 GHz link at Kehl pointing west into France.
    "kehl-link": fixed_link("DE", "KEHL", tx__lat_deg=48.50, tx__lon_deg=7.98,
                            tx__azimuth_deg=290, rx__lat_deg=48.57, rx__lon_deg=7.82),
    # A 160 MHz land mobile base station at Strasbourg.
    "strasbourg-mobile": land_mobile_in_fm_band("FR", "MOBILE", tx__lat_deg=48.58,
                                                tx__lon_deg=7.75, frequency_hz=160e6),
}  # fmt: skip


def _administration_of() -> dict[str, str]:
    return {c.iso3: TERRITORY_ADMINISTRATION.get(c.iso2, c.iso2) for c in all_countries()}


def _segments_cross(a: FloatArray, b: FloatArray) -> bool:
    """Whether any edge of closed ring ``a`` properly crosses any edge of ring ``b``."""
    p, p2 = a[:-1][:, None, :], a[1:][:, None, :]
    q, q2 = b[:-1][None, :, :], b[1:][None, :, :]

    def orient(u: FloatArray, v: FloatArray, w: FloatArray) -> FloatArray:
        return (v[..., 0] - u[..., 0]) * (w[..., 1] - u[..., 1]) - (v[..., 1] - u[..., 1]) * (
            w[..., 0] - u[..., 0]
        )

    d1, d2 = orient(p, p2, q), orient(p, p2, q2)
    d3, d4 = orient(q, q2, p), orient(q, q2, p2)
    return bool(np.any((d1 * d2 < 0) & (d3 * d4 < 0)))


def _intersecting(ring: FloatArray, own: str) -> set[str]:
    """The administrations whose polygons meet the contour ring (in the lon/lat plane,
    where the polygons are drawn): a vertex of one inside the other, or crossing edges."""
    administration = _administration_of()
    found: set[str] = set()
    for iso3, rings in country_rings().items():
        code = administration.get(iso3)
        if code is None or code == own:
            continue
        if (
            any(points_in_rings(r[:, 1], r[:, 0], (ring,)).any() for r in rings)
            or points_in_rings(ring[:-1, 1], ring[:-1, 0], rings).any()
            or any(_segments_cross(ring, r) for r in rings)
        ):
            found.add(code)
    return found


@pytest.mark.parametrize("name", sorted(NEAR_BORDERS))
def test_named_iff_the_territory_meets_the_contour(name: str) -> None:
    notice = NEAR_BORDERS[name]
    station = station_from_notice(notice)
    own = notice["administration"]
    needs, contour = contour_and_needs(station, own_administration=own)
    named = {need.administration for need in needs}
    assert named == {
        n.administration for n in coordination_required(station, own_administration=own)
    }
    assert AZIMUTHS == 36 and set(np.arange(36) * 10.0) <= set(contour.azimuth_deg)
    assert list(contour.azimuth_deg) == sorted(contour.azimuth_deg)
    assert named, "a station near a border must need someone"
    assert _intersecting(contour.ring(), own) == named


def test_the_contour_reaches_far_enough_and_no_farther() -> None:
    """Freiburg reaches France and Switzerland (and Austria); Strasbourg's weaker
    station reaches Germany across the Rhine but not Switzerland, 100 km south."""
    freiburg = station_from_notice(NEAR_BORDERS["freiburg-fm"])
    assert {"FR", "CH"} <= {n.administration for n in coordination_required(
        freiburg, own_administration="DE")}  # fmt: skip
    strasbourg = station_from_notice(NEAR_BORDERS["strasbourg-fm"])
    named = {n.administration for n in coordination_required(strasbourg, own_administration="FR")}
    assert named == {"DE"}
    contour = coordination_contour(strasbourg)
    south = contour.distance_km[contour.azimuth_deg.index(180.0)]
    # Basel (the Swiss border) is about 100 km south of Strasbourg
    to_basel = float(great_circle_km(48.58, 7.75, 47.56, 7.59))
    assert 20 < south < to_basel


def test_the_contour_points_are_where_the_field_falls_to_the_trigger() -> None:
    """An omnidirectional FM station inland: on every ray the P.1546-6 field (computed
    here directly, 1 % of time, 10 m receiving height, a land path) equals the trigger at
    the contour's distance, and the contour is the same circle on every azimuth."""
    notice = fm_station("FR", "BOURGES", tx__lat_deg=47.08, tx__lon_deg=2.40)
    station = station_from_notice(notice)
    contour = coordination_contour(station)
    d = np.asarray(contour.distance_km)
    assert not any(contour.limited) and d.min() > 5
    assert d.max() - d.min() < 0.01 * d.max()  # a land path every way: a circle
    trigger = DEFAULT_TRIGGERS.find(station.frequency_hz, "broadcasting")
    f_mhz = station.frequency_hz / 1e6
    for distance in (d.min(), d.max()):
        e = field_strength(f_mhz, trigger.t_percent, distance, station.tx_antenna_height_m,
                           trigger.rx_height_m).e_dbuv_m  # fmt: skip
        # P.1546-6 gives E for 1 kW e.r.p. (= 32.15 dBW e.i.r.p.)
        at_contour = float(np.asarray(e)) + station.eirp_dbw - 32.15
        assert at_contour == pytest.approx(contour.trigger_dbuv_m, abs=0.05)
    # the polygon's vertices lie at those distances along their azimuths
    lat, lon = destination(station.tx_lat_deg, station.tx_lon_deg,
                           np.asarray(contour.azimuth_deg), d)  # fmt: skip
    assert np.allclose(lat, contour.lat_deg) and np.allclose(lon, contour.lon_deg)
    back = great_circle_km(station.tx_lat_deg, station.tx_lon_deg, lat, lon)
    assert np.allclose(back, d, rtol=1e-9)


def test_a_directional_link_reaches_farthest_along_its_main_beam() -> None:
    """A dish pointing at 37 degrees, between two of the 10-degree rays: the contour has
    rays along its beam, and reaches farthest there."""
    link = fixed_link("FR", "BOURGES-LINK", tx__azimuth_deg=37, rx__lat_deg=47.2,
                      rx__lon_deg=2.55)  # fmt: skip
    contour = coordination_contour(station_from_notice(link))
    d = dict(zip(contour.azimuth_deg, contour.distance_km, strict=True))
    assert {33.0, 35.0, 36.0, 37.0, 38.0, 39.0, 41.0} <= set(d)
    assert max(d, key=lambda az: d[az]) == 37.0
    assert d[37.0] > 1.5 * max(d[30.0], d[40.0]) > 1.5 * d[217.0 - 7.0]


def test_a_weak_station_far_from_borders_has_a_small_contour_and_needs_nobody() -> None:
    notice = fm_station("FR", "BOURGES-LOW", tx__lat_deg=47.08, tx__lon_deg=2.40,
                        tx__eirp_dbw=-10, tx__antenna_height_m=20)  # fmt: skip
    station = station_from_notice(notice)
    assert coordination_required(station, own_administration="FR") == []
    contour = coordination_contour(station)
    assert _intersecting(contour.ring(), "FR") == set()
    assert max(contour.distance_km) < 100


def test_destination_walks_the_great_circle() -> None:
    lat, lon = destination(0.0, 0.0, np.asarray([0.0, 90.0]), np.asarray([111.195, 111.195]))
    assert lat[0] == pytest.approx(1.0, abs=1e-3) and lon[0] == pytest.approx(0.0, abs=1e-9)
    assert lat[1] == pytest.approx(0.0, abs=1e-9) and lon[1] == pytest.approx(1.0, abs=1e-3)
    assert math.isfinite(float(destination(89.9, 179.9, np.asarray([45.0]),
                                           np.asarray([50.0]))[1][0]))  # fmt: skip
