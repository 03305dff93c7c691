"""Notices and principals the register tests share (tests/ is on sys.path: conftest.py).

Frequencies chosen against the RR 2012 Table (Region 1): 5 925-6 700 MHz is allocated to
the fixed service, 87.5-100 MHz to broadcasting and not to land mobile (RR Article 5).
By default each station stands well inside its country (Bourges in France, Kassel in
Germany, more than 250 km from any border) with a modest power, so that it needs no
coordination; tests near a border (Strasbourg, Kehl, Freiburg) give their coordinates.
"""

from __future__ import annotations

import copy
from typing import Any

from openitu.accounts import Principal, Role

SECRETARIAT = Principal(role=Role.SECRETARIAT, username="br-clerk", via="cli")


def officer(iso2: str) -> Principal:
    return Principal(
        role=Role.NOTIFYING_OFFICER, username=f"officer-{iso2.lower()}", administration=iso2,
        via="cli",
    )  # fmt: skip


# An inland site per administration (latitude, longitude); a link's far end is 0.2 degrees
# (about 15 km) east of it.
SITES: dict[str, tuple[float, float]] = {"FR": (47.08, 2.40), "DE": (51.31, 9.48)}


def site(administration: str) -> tuple[float, float]:
    return SITES.get(administration, SITES["FR"])


def fixed_link(administration: str, reference: str, /, **changes: Any) -> dict[str, Any]:
    """A complete 6 GHz fixed link (all the Appendix 4 items a FX station needs)."""
    lat, lon = site(administration)
    notice: dict[str, Any] = {
        "administration": administration,
        "reference": reference,
        "service": "fixed",
        "station_class": "FX",
        "frequency_hz": 6_175_000_000,
        "emission": "28M0D7W",
        "tx": {"lat_deg": lat, "lon_deg": lon, "antenna_height_m": 40, "eirp_dbw": 45,
               "gain_dbi": 38, "azimuth_deg": 90, "polarization": "V"},
        "rx": {"lat_deg": lat, "lon_deg": round(lon + 0.2, 4), "antenna_height_m": 35,
               "gain_dbi": 38},
        "date_of_bringing_into_use": "2027-03-01",
    }  # fmt: skip
    return _apply(notice, changes)


def fm_station(administration: str, reference: str, /, **changes: Any) -> dict[str, Any]:
    """A complete FM sound broadcasting station at 98 MHz (10 dBW e.i.r.p.)."""
    lat, lon = site(administration)
    notice: dict[str, Any] = {
        "administration": administration,
        "reference": reference,
        "service": "broadcasting",
        "station_class": "BC",
        "frequency_hz": 98_000_000,
        "emission": "180KF8E",
        "tx": {"lat_deg": lat, "lon_deg": lon, "antenna_height_m": 50, "eirp_dbw": 10,
               "polarization": "H"},
        "date_of_bringing_into_use": "2027-01-15",
    }  # fmt: skip
    return _apply(notice, changes)


def strasbourg_fm(reference: str, /, **changes: Any) -> dict[str, Any]:
    """France's FM station on the Rhine at Strasbourg (100 m, 20 dBW): Germany's territory
    gets more than the trigger, so its examination asks France to coordinate with DE."""
    return fm_station("FR", reference, tx__lat_deg=48.58, tx__lon_deg=7.75,
                      tx__antenna_height_m=100, tx__eirp_dbw=20, **changes)  # fmt: skip


def land_mobile_in_fm_band(
    administration: str, reference: str, /, **changes: Any
) -> dict[str, Any]:
    """A base station of the land mobile service at 99 MHz, inside the FM band: no
    allocation (two FM channels away from `fm_station`'s 98 MHz)."""
    lat, lon = site(administration)
    notice: dict[str, Any] = {
        "administration": administration,
        "reference": reference,
        "service": "land mobile",
        "station_class": "FB",
        "frequency_hz": 99_000_000,
        "emission": "12K5F3E",
        "tx": {"lat_deg": lat, "lon_deg": lon, "antenna_height_m": 20, "eirp_dbw": -10},
        "date_of_bringing_into_use": "2027-02-01",
    }  # fmt: skip
    return _apply(notice, changes)


def _apply(notice: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    result = copy.deepcopy(notice)
    for key, value in changes.items():
        if "__" in key:
            group, name = key.split("__", 1)
            if value is None:
                result[group].pop(name, None)
            else:
                result[group][name] = value
        elif value is None:
            result.pop(key, None)
        else:
            result[key] = value
    return result


ADMIN = Principal(role=Role.ADMIN, username="cli:register-tests", via="cli")
PASSWORD = "register test password 1"


def issue_token(session: Any, username: str, role: Role, administration: str | None) -> str:
    """A real account and API token, made by the accounts area's own services."""
    from openitu.usecases import accounts

    accounts.create_user(session, principal=ADMIN, username=username, password=PASSWORD,
                         role=role, administration=administration)  # fmt: skip
    secret, _ = accounts.create_token(session, principal=ADMIN, username=username)
    return secret
