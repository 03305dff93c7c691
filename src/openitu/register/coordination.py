"""Which administrations a notified station must coordinate with (cross-border trigger).

An administration is to be coordinated with when the station's field strength at or
across its border reaches a *trigger* field strength (the method of the regional
coordination agreements such as the HCM Agreement and the GE06 Agreement: a calculated
field strength against a threshold per service and band, at a stated percentage of time
and receiving height).

Where the field strength is computed: the boundary of each other country's territory
(Natural Earth 1:110m polygons, `openitu.geo.polygons`), densified every `BORDER_STEP_KM`.
Along any ray from the station the field strength decreases with distance (P.1546-6 and
P.452-18 losses grow with distance), so the strongest field a country receives from a
ray is where the ray enters its territory: the boundary points are enough. For each
country the nearest boundary point per degree of azimuth is kept, and the field strength
is computed there with the engine (P.1546-6 at the trigger's percentage of time for
30-4,000 MHz broadcasting and mobile stations, P.452-18 on a smooth Earth for point-to-point
fixed links and 4-50 GHz), including the transmitting antenna's discrimination in the
direction of the point (F.699-8 for directional fixed antennas).

Limits, said plainly: the 1:110m polygons are accurate to about 10 km; every path is
treated as land (no sea path enhancement); heights are antenna heights above ground.

The trigger values are settings (`TriggerTable`). The agreements' own tables could not be
sourced for this module, so the defaults are *derived*, not quoted: the field strength
that produces the victim family's protection criterion (`ProtectionCriteria`) in a
reference receiver abroad (see `Trigger`). Replace them with an agreement's figures by
giving ``trigger_dbuv_m`` and its source.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from typing import Final

import numpy as np
import numpy.typing as npt

from openitu.errors import InvalidInput
from openitu.geo.countries import all_countries
from openitu.geo.polygons import country_rings
from openitu.register.technical import (
    BOLTZMANN_DBW_K_HZ,
    DEFAULT_CRITERIA,
    ProtectionCriteria,
    Station,
    antenna_gain_towards_dbi,
    basic_loss_db,
    bearing_deg,
    choose_model,
    great_circle_km,
    lookup_setting,
    model_margin_db,
    service_family,
)

FloatArray = npt.NDArray[np.float64]

# Spacing of the points along every country's boundary [km] (the polygons' own accuracy
# is about 10 km at 1:110m).
BORDER_STEP_KM: Final = 5.0
# E [dB(uV/m)] from the power Pr [dBW] an isotropic antenna receives at f [MHz]:
# Pr = E - 145.8 (pfd, P.525-4 eq. (3)) + 10 log(λ²/4π) = E - 107.25 - 20 log f.
_ISOTROPIC_E_FROM_PR_DB: Final = 107.25
# E [dB(uV/m)] = e.i.r.p. [dBW] - Lb + 20 log f [MHz] + 107.15 (P.1546-6 §17 eq. (40)).
_FIELD_FROM_LOSS_DB: Final = 139.3 - 32.15

_DERIVED: Final = (
    "derived from the protection criterion in a reference receiver (a setting of OpenITU, "
    "not the Agreement's trigger value)"
)


@dataclass(frozen=True)
class Trigger:
    """A trigger field strength for stations of a service family in a band.

    ``trigger_dbuv_m`` [dB(uV/m)] when a value is given (with its ``source``); when None it
    is derived for each station: for ``broadcasting`` the minimum usable field strength
    less the protection ratio (`ProtectionCriteria`), the interfering field that just
    meets the criterion of a broadcasting receiver abroad; for the other families the
    field strength that gives the victim family's I/N in a receiver of the station's own
    bandwidth, noise figure of the criteria and antenna gain ``reference_gain_dbi``
    (E = k T0 B + NF + I/N - G + 107.25 + 20 log f). The field strength is computed at
    ``t_percent`` of time and ``rx_height_m`` above ground.
    """

    low_hz: float
    high_hz: float
    family: str
    trigger_dbuv_m: float | None
    t_percent: float
    rx_height_m: float
    reference_gain_dbi: float
    source: str


@dataclass(frozen=True)
class TriggerTable:
    """Triggers by band and family (first matching row wins) and the search radius.

    ``max_distance_km``: farthest boundary point examined (1,000 km, the range of
    P.1546-6; a setting).
    """

    rows: tuple[Trigger, ...]
    max_distance_km: float = 1000.0

    def find(self, f_hz: float, family: str) -> Trigger:
        for row in self.rows:
            if row.low_hz <= f_hz < row.high_hz and row.family in (family, "*"):
                return row
        raise InvalidInput("frequency_hz", f"no coordination trigger for {family} at {f_hz:g} Hz")


DEFAULT_TRIGGERS: Final = TriggerTable(
    rows=(
        # broadcasting: GE06 and P.1546 compute interfering fields at 1 % of time and 10 m
        Trigger(30e6, 4e9, "broadcasting", None, 1.0, 10.0, 0.0, _DERIVED),
        # land mobile: base stations abroad with a 10 dBi sector antenna at 10 m, 10 % of time
        Trigger(30e6, 4e9, "mobile", None, 10.0, 10.0, 10.0, _DERIVED),
        # fixed links abroad: a 30 dBi dish at 30 m looking our way, 20 % of time (a
        # long-term percentage; a setting)
        Trigger(30e6, 3e12, "fixed", None, 20.0, 30.0, 30.0, _DERIVED),
        Trigger(30e6, 3e12, "*", None, 10.0, 10.0, 0.0, _DERIVED),
    )
)


@dataclass(frozen=True)
class CoordinationNeed:
    """An administration whose territory receives at least the trigger field strength.

    ``field_strength_dbuv_m`` the strongest field found on its boundary,
    ``distance_km`` the distance to that point, ``basis`` how it was computed
    (model, time percentage, trigger source), ``azimuth_deg`` the bearing of that point
    from the transmitter (where the coordination contour must reach).
    """

    administration: str
    field_strength_dbuv_m: float
    trigger_dbuv_m: float
    distance_km: float
    basis: str
    azimuth_deg: float | None = None


# Dependent territories drawn as their own polygons, and the administration that notifies
# and coordinates assignments there (the administration responsible for the territory's
# international relations). Western Sahara keeps its own code: no administration is named.
TERRITORY_ADMINISTRATION: Final[dict[str, str]] = {
    "PR": "US",  # Puerto Rico
    "GU": "US",  # Guam
    "GL": "DK",  # Greenland
    "NC": "FR",  # New Caledonia
    "TF": "FR",  # French Southern Territories
    "FK": "GB",  # Falkland Islands (Malvinas)
    "IO": "GB",  # British Indian Ocean Territory
}


@functools.cache
def _iso2_of_iso3() -> dict[str, str]:
    return {c.iso3: TERRITORY_ADMINISTRATION.get(c.iso2, c.iso2) for c in all_countries()}


@functools.cache
def boundary_points() -> tuple[FloatArray, FloatArray, npt.NDArray[np.int16], tuple[str, ...]]:
    """Every country's boundary densified every `BORDER_STEP_KM`: (lat, lon, code, ISO2s).

    Labelled by administration (`TERRITORY_ADMINISTRATION` maps dependent territories to
    theirs). Countries without an ISO 3166-1 alpha-2 code in `openitu.geo.countries`
    (Antarctica, Natural Earth's CYN and SOL) are left out.
    """
    iso2 = _iso2_of_iso3()
    labels: list[str] = []
    lats: list[FloatArray] = []
    lons: list[FloatArray] = []
    codes: list[npt.NDArray[np.int16]] = []
    for iso3, rings in sorted(country_rings().items()):
        code = iso2.get(iso3)
        if code is None:
            continue
        if code not in labels:
            labels.append(code)
        index = labels.index(code)
        for ring in rings:
            lon0, lat0 = ring[:-1, 0], ring[:-1, 1]
            lon1, lat1 = ring[1:, 0], ring[1:, 1]
            seg_km = great_circle_km(lat0, lon0, lat1, lon1)
            parts = np.maximum(np.ceil(seg_km / BORDER_STEP_KM).astype(np.int64), 1)
            seg = np.repeat(np.arange(parts.size), parts)
            start = np.cumsum(parts) - parts
            frac = (np.arange(seg.size) - start[seg]) / parts[seg]
            # linear in (lon, lat) within a 1:110m segment: the polygons are drawn that way
            lats.append(lat0[seg] + frac * (lat1[seg] - lat0[seg]))
            lons.append(lon0[seg] + frac * (lon1[seg] - lon0[seg]))
            codes.append(np.full(seg.size, index, dtype=np.int16))
    return (
        np.concatenate(lats),
        np.concatenate(lons),
        np.concatenate(codes),
        tuple(labels),
    )


def trigger_value_dbuv_m(
    trigger: Trigger, candidate: Station, family: str, criteria: ProtectionCriteria
) -> float:
    """The trigger [dB(uV/m)] for this station: given, or derived (see `Trigger`)."""
    if trigger.trigger_dbuv_m is not None:
        return trigger.trigger_dbuv_m
    f = np.asarray([candidate.frequency_hz])
    if family == "broadcasting":
        emin = lookup_setting(
            criteria.broadcasting_min_field, f, criteria.broadcasting_min_field_default_dbuv_m
        )
        pr = lookup_setting(
            criteria.broadcasting_protection_ratio,
            f,
            criteria.broadcasting_protection_ratio_default_db,
        )
        return float(emin[0] - pr[0])
    noise = (
        BOLTZMANN_DBW_K_HZ
        + 10 * math.log10(criteria.noise_temperature_k)
        + criteria.noise_figure_db(family)
        + 10 * math.log10(candidate.bandwidth_hz)
    )
    received = noise + criteria.in_db(family) - trigger.reference_gain_dbi
    return received + _ISOTROPIC_E_FROM_PR_DB + 20 * math.log10(candidate.frequency_hz / 1e6)


def coordination_required(
    candidate: Station,
    *,
    triggers: TriggerTable = DEFAULT_TRIGGERS,
    own_administration: str,
    criteria: ProtectionCriteria = DEFAULT_CRITERIA,
) -> list[CoordinationNeed]:
    """The administrations whose territory receives the trigger field strength or more.

    Parameters
    ----------
    candidate : Station
        The notified station (its transmitter is examined).
    triggers : TriggerTable
        Trigger values and the search radius (default `DEFAULT_TRIGGERS`).
    own_administration : str
        ISO 3166-1 alpha-2 code of the notifying administration: its territory is never
        a coordination need.
    criteria : ProtectionCriteria
        The criteria derived triggers come from.

    Returns
    -------
    list of CoordinationNeed
        One per administration at or above its trigger, by administration code.
    """
    own = own_administration.strip().upper()
    if len(own) != 2 or not own.isalpha():
        raise InvalidInput("own_administration", "must be an ISO 3166-1 alpha-2 code")
    family = service_family(candidate.service)
    trigger = triggers.find(candidate.frequency_hz, family)
    threshold = trigger_value_dbuv_m(trigger, candidate, family, criteria)
    lat, lon, code, labels = boundary_points()
    own_code = labels.index(own) if own in labels else -1

    radius = search_radius_km(candidate, trigger, threshold, triggers.max_distance_km)
    # cheap box first (1 deg of latitude = 111 km), then the great circle
    dlat = radius / 111.0 + 0.1
    coslat = max(math.cos(math.radians(candidate.tx_lat_deg)), 0.01)
    dlon = min(radius / (111.0 * coslat) + 0.1, 360.0)
    dlon_wrapped = np.abs((lon - candidate.tx_lon_deg + 180.0) % 360.0 - 180.0)
    box = (np.abs(lat - candidate.tx_lat_deg) <= dlat) & (dlon_wrapped <= dlon) & (code != own_code)
    idx = np.flatnonzero(box)
    d_km = great_circle_km(candidate.tx_lat_deg, candidate.tx_lon_deg, lat[idx], lon[idx])
    near = d_km <= radius
    idx, d_km = idx[near], d_km[near]
    if idx.size == 0:
        return []
    az = bearing_deg(candidate.tx_lat_deg, candidate.tx_lon_deg, lat[idx], lon[idx])
    # the nearest boundary point of each country per degree of azimuth
    key = code[idx].astype(np.int64) * 360 + np.floor(az).astype(np.int64) % 360
    order = np.lexsort((d_km, key))
    first = np.ones(order.size, dtype=bool)
    first[1:] = key[order][1:] != key[order][:-1]
    keep = order[first]
    idx, d_km, az = idx[keep], d_km[keep], az[keep]

    e, chosen = field_strength_at(candidate, trigger, lat[idx], lon[idx], d_km, az)
    needs: list[CoordinationNeed] = []
    for country in np.unique(code[idx]):
        mine = np.flatnonzero(code[idx] == country)
        best = mine[int(np.argmax(e[mine]))]
        if e[best] < threshold:
            continue
        needs.append(
            CoordinationNeed(
                administration=labels[int(country)],
                field_strength_dbuv_m=round(float(e[best]), 2),
                trigger_dbuv_m=round(threshold, 2),
                distance_km=round(float(d_km[best]), 2),
                azimuth_deg=float(az[best]),
                basis=(
                    f"{chosen[best]} at {trigger.t_percent:g} % of time, receiving height "
                    f"{trigger.rx_height_m:g} m; trigger: {trigger.source}"
                ),
            )
        )
    needs.sort(key=lambda need: need.administration)
    return needs


def pointing_deg(candidate: Station) -> float | None:
    """The transmitting antenna's azimuth; a link without one points at its receiver."""
    if candidate.azimuth_deg is not None:
        return candidate.azimuth_deg
    if candidate.rx_lat_deg is not None and candidate.rx_lon_deg is not None:
        return float(
            bearing_deg(
                candidate.tx_lat_deg,
                candidate.tx_lon_deg,
                candidate.rx_lat_deg,
                candidate.rx_lon_deg,
            )
        )
    return None


def field_strength_at(
    candidate: Station,
    trigger: Trigger,
    lat_deg: FloatArray,
    lon_deg: FloatArray,
    d_km: FloatArray,
    az_deg: FloatArray,
) -> tuple[FloatArray, npt.NDArray[np.str_]]:
    """The station's field strength [dB(uV/m)] at points (their distance and azimuth
    from the transmitter given), at the trigger's percentage of time and receiving
    height, with the antenna's discrimination towards each, and the model of each path:
    what both `coordination_required` and the coordination contour compute."""
    n = d_km.size
    family = service_family(candidate.service)
    has_rx = candidate.rx_lat_deg is not None and candidate.rx_lon_deg is not None
    pointing = pointing_deg(candidate)
    f_hz = np.full(n, candidate.frequency_hz)
    peak = np.full(n, candidate.tx_gain_dbi)
    gain = antenna_gain_towards_dbi(
        peak, np.full(n, np.nan if pointing is None else pointing), az_deg, f_hz
    )
    point_to_point = np.full(n, has_rx and family == "fixed")
    chosen = choose_model("auto", f_hz, point_to_point)
    loss = basic_loss_db(
        chosen,
        f_hz=f_hz,
        d_km=d_km,
        p_percent=trigger.t_percent,
        tx_lat=np.full(n, candidate.tx_lat_deg),
        tx_lon=np.full(n, candidate.tx_lon_deg),
        tx_height_m=np.full(n, candidate.tx_antenna_height_m),
        rx_lat=lat_deg,
        rx_lon=lon_deg,
        rx_height_m=np.full(n, trigger.rx_height_m),
        tx_gain_dbi=gain,
        rx_gain_dbi=np.zeros(n),
        vertical=np.full(n, candidate.polarization.lower().startswith("v")),
        terrain=None,
    )
    e = (
        candidate.eirp_dbw
        - candidate.tx_gain_dbi
        + gain
        - loss
        + 20 * math.log10(candidate.frequency_hz / 1e6)
        + _FIELD_FROM_LOSS_DB
    )
    return np.asarray(e, dtype=np.float64), chosen


def search_radius_km(
    candidate: Station, trigger: Trigger, threshold_dbuv_m: float, max_distance_km: float
) -> float:
    """How far the trigger can be reached at all: where free space, less the models'
    enhancements, still gives the trigger field strength (at most ``max_distance_km``)."""
    f_mhz = candidate.frequency_hz / 1e6
    max_loss = (
        candidate.eirp_dbw
        + 20 * math.log10(f_mhz)
        + _FIELD_FROM_LOSS_DB
        - threshold_dbuv_m
        + model_margin_db(trigger.t_percent)
    )
    fs_km = 10 ** ((max_loss - 32.45 - 20 * math.log10(f_mhz)) / 20)
    return float(min(max_distance_km, fs_km))
