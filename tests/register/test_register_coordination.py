"""Cross-border coordination triggers: who must be asked, on real borders and real links."""

from __future__ import annotations

import dataclasses
import math
from pathlib import Path

import numpy as np
import pytest

from openitu.errors import InvalidInput
from openitu.geo.countries import country
from openitu.geo.polygons import country_rings, points_in_rings
from openitu.register import fcc_uls
from openitu.register.coordination import (
    DEFAULT_TRIGGERS,
    Trigger,
    TriggerTable,
    boundary_points,
    coordination_required,
    trigger_value_dbuv_m,
)
from openitu.register.technical import (
    DEFAULT_CRITERIA,
    Station,
    great_circle_km,
    station_from_notice,
)

EXTRACT = Path(__file__).resolve().parents[1] / "reference" / "fcc-uls"


def tv(lat: float, lon: float, admin: str = "FR", eirp_dbw: float = 50.0) -> Station:
    """A UHF television transmitter (8 MHz at 602 MHz, 150 m mast)."""
    return Station(None, admin, "broadcasting", "BT", 602e6, 8e6, lat, lon, 150.0, eirp_dbw, 10.0)


def admins(station: Station, own: str, **kwargs: object) -> set[str]:
    return {
        need.administration
        for need in coordination_required(station, own_administration=own, **kwargs)  # type: ignore[arg-type]
    }


def test_near_the_pyrenees_spain_not_germany() -> None:
    # Perpignan, about 30 km from the French-Spanish border
    station = tv(42.70, 2.90)
    needs = coordination_required(station, own_administration="FR")
    found = {need.administration: need for need in needs}
    assert "ES" in found and "DE" not in found and "FR" not in found
    spain = found["ES"]
    assert spain.field_strength_dbuv_m >= spain.trigger_dbuv_m
    assert 0 < spain.distance_km < 60
    assert "p1546" in spain.basis


def test_the_own_administration_is_never_listed() -> None:
    station = tv(42.70, 2.90)
    assert "FR" not in admins(station, "FR")
    # the same transmitter notified by Spain: now France is a neighbour to ask
    assert "FR" in admins(station, "ES")


def test_deep_inside_a_large_country_nobody() -> None:
    assert admins(tv(39.0, -98.0, "US"), "US") == set()  # Kansas


def test_more_power_never_removes_a_need() -> None:
    previous: set[str] = set()
    for eirp in (20.0, 35.0, 50.0, 65.0, 80.0):
        now = admins(tv(48.5, 7.5, eirp_dbw=eirp), "FR")  # Strasbourg area
        assert previous <= now
        previous = now
    assert {"DE", "CH"} <= previous


def _notices(name: str) -> list[Station]:
    return [station_from_notice(n) for n in fcc_uls.read_zip(EXTRACT / name).accepted]


def test_a_detroit_link_asks_canada_not_mexico() -> None:
    """Real ULS links of call sign WQRV536 (Detroit, MI; Windsor, ON across the river)."""
    stations = _notices("l_mw_tue-WQRV536.zip")
    assert stations
    asked = [admins(s, "US") for s in stations]
    assert all("MX" not in a for a in asked)
    assert sum("CA" in a for a in asked) >= len(stations) * 0.9


def test_an_el_centro_link_asks_mexico_not_canada() -> None:
    """Real ULS links of call sign WQHI631 (El Centro, CA, north of Mexicali)."""
    stations = _notices("l_mw_mon-WQHI631.zip")
    assert stations
    for station in stations:
        assert admins(station, "US") == {"MX"}


def test_the_field_strength_is_on_the_neighbours_boundary() -> None:
    """The reported point is a boundary point of that country, at the reported distance,
    and no boundary point of that country is nearer the station."""
    station = tv(42.70, 2.90)
    lat, lon, code, labels = boundary_points()
    spain = np.flatnonzero(code == labels.index("ES"))
    nearest = float(
        great_circle_km(station.tx_lat_deg, station.tx_lon_deg, lat[spain], lon[spain]).min()
    )
    need = next(
        n
        for n in coordination_required(station, own_administration="FR")
        if n.administration == "ES"
    )
    assert need.distance_km == pytest.approx(nearest, abs=0.01)
    # the label "ES" names Spain's polygons (ISO 3166 alpha-3 of Natural Earth -> alpha-2)
    rings = country_rings()[country("ES").iso3]
    lat_c, lon_c = 40.4, -3.7  # Madrid, well inside
    assert points_in_rings(np.array([lat_c]), np.array([lon_c]), rings)[0]


def test_derived_triggers_follow_the_criteria() -> None:
    tv_trigger = DEFAULT_TRIGGERS.find(602e6, "broadcasting")
    station = tv(42.7, 2.9)
    # GE06 RPC 1 minimum median field strength at 650 MHz less the protection ratio
    assert (
        trigger_value_dbuv_m(tv_trigger, station, "broadcasting", DEFAULT_CRITERIA) == 56.0 - 20.0
    )
    link = Station(None, "US", "fixed", "FX", 6.175e9, 30e6, 40.0, -100.0, 30.0, 50.0, 38.0)
    fx = DEFAULT_TRIGGERS.find(6.175e9, "fixed")
    noise = -228.6 + 10 * math.log10(290.0) + 5.0 + 10 * math.log10(30e6)
    expected = noise - 10.0 - fx.reference_gain_dbi + 107.25 + 20 * math.log10(6175.0)
    assert trigger_value_dbuv_m(fx, link, "fixed", DEFAULT_CRITERIA) == pytest.approx(expected)
    # a higher trigger given as a setting asks fewer neighbours
    high = TriggerTable(rows=(dataclasses.replace(tv_trigger, trigger_dbuv_m=200.0, source="t"),))
    assert admins(station, "FR", triggers=high) == set()


def test_bad_input() -> None:
    with pytest.raises(InvalidInput) as error:
        coordination_required(tv(42.7, 2.9), own_administration="FRA")
    assert error.value.field == "own_administration"
    empty = TriggerTable(rows=(Trigger(1e9, 2e9, "fixed", 10.0, 10.0, 10.0, 0.0, "t"),))
    with pytest.raises(InvalidInput) as error:
        coordination_required(tv(42.7, 2.9), own_administration="FR", triggers=empty)
    assert error.value.field == "frequency_hz"


def test_territories_count_as_their_administration() -> None:
    # San Juan, Puerto Rico: a US station; the territory around it is not a neighbour
    station = tv(18.45, -66.07, "US")
    assert "PR" not in admins(station, "US") and "US" not in admins(station, "US")
    # a strong Icelandic transmitter reaches Greenland across the Denmark Strait: Denmark
    # coordinates for Greenland
    iceland = Station(None, "IS", "broadcasting", "BT", 602e6, 8e6, 65.3, -22.5, 300.0, 60.0)
    asked = admins(iceland, "IS")
    assert "DK" in asked and "GL" not in asked
