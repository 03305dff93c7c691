"""Which filed GSO networks a new coordination request affects (RR No. 9.7), vectorised.

Every pair of beams with overlapping frequencies and the same direction is examined:

- by the coordination arc of Appendix 5, Table 5-1 (`openitu.space.arc`): the filed
  network's space station lies within the arc of the new network's nominal position,
  in a band and for services the Table's rows 1)-3) name;
- by ΔT/T (Appendix 8, `openitu.space.dtt`), in both senses (the new network's emissions
  into the filed network's receivers and the reverse), computed for every pair: it
  decides where the Table gives no arc (row 9)); in the arc's bands it is the figure of
  No. 9.41, and the report lists the networks outside the arc above 6 % (they may ask to
  be included) and those inside it at most 6 % (they may be excluded).

Per direction, ΔT/T is the increase at the one receiver the pair involves over that
receiver's noise temperature (ΔTs/Ts for receiving satellites, ΔTe/Te for receiving earth
stations): Appendix 8's ΔT/T for the whole link is at most the larger of the two, so the
test is cautious. Satellite gains towards the other network's earth stations are taken at
their peak (see `openitu.space.dtt`).

The filed beams are columns of numpy arrays (`BeamTable`), built once per version of the
register and reused for every request; one request against 10 000 networks of 20 beams
is a few vectorised passes over the pairs (benchmarks/bench_space.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Any, Final

import numpy as np
import numpy.typing as npt

from openitu.radio.checks import FloatArray
from openitu.space import arc, dtt, geometry
from openitu.space.networks import BEAM_ROW, Network

IntArray = npt.NDArray[np.int64]
SERVICES: Final = (
    "fixed-satellite",
    "broadcasting-satellite",
    "mobile-satellite",
    "space research",
    "space operation",
    "earth exploration-satellite",
    "meteorological-satellite",
    "radionavigation-satellite",
    "inter-satellite",
)


def service_code(term: str) -> int:
    """A stable small integer per service term (unknown terms share the last code)."""
    return SERVICES.index(term) if term in SERVICES else len(SERVICES)


_F = np.float64
COLUMNS: Final[dict[str, npt.DTypeLike]] = {
    "network": np.int64,
    "sat_lon_deg": _F,
    "up": bool,
    "low_hz": _F,
    "high_hz": _F,
    "service": np.int64,
    "sat_gain_dbi": _F,
    "noise_temperature_k": _F,
    "power_density_dbw_hz": _F,
    "es_lat_deg": _F,
    "es_lon_deg": _F,
    "es_gain_dbi": _F,
    "es_pattern": np.int64,
}
"""The array columns of a `BeamTable`, one entry per row, and their dtypes."""
ROW: Final = ("network_id", "administration", "network_name", "sat_lon_deg", *BEAM_ROW)
"""The fields of a row `BeamTable.from_rows` takes, in order: a network's id, its
administration, name and longitude, then one of its `Network.beam_rows`."""


@dataclass(frozen=True)
class BeamTable:
    """Beams as columns: one row per (beam, frequency band) of each network."""

    network: IntArray
    """Index into ``network_ids``."""
    network_ids: tuple[int, ...]
    administrations: tuple[str, ...]
    names: tuple[str, ...]
    beam_names: tuple[str, ...]
    sat_lon_deg: FloatArray
    up: npt.NDArray[np.bool_]
    low_hz: FloatArray
    high_hz: FloatArray
    service: IntArray
    sat_gain_dbi: FloatArray
    noise_temperature_k: FloatArray
    power_density_dbw_hz: FloatArray
    es_lat_deg: FloatArray
    es_lon_deg: FloatArray
    es_gain_dbi: FloatArray
    es_pattern: IntArray

    @property
    def size(self) -> int:
        return int(self.network.size)

    @cached_property
    def sat_xyz_km(self) -> FloatArray:
        """Each row's satellite position (Earth-centred, km), computed once per table."""
        lon = np.radians(self.sat_lon_deg)
        r = geometry.GSO_RADIUS_KM
        return np.column_stack((r * np.cos(lon), r * np.sin(lon), np.zeros_like(lon)))

    @cached_property
    def es_xyz_km(self) -> FloatArray:
        """Each row's earth station position (spherical Earth, km)."""
        lat = np.radians(self.es_lat_deg)
        lon = np.radians(self.es_lon_deg)
        r = geometry.EARTH_RADIUS_KM
        return np.column_stack(
            (r * np.cos(lat) * np.cos(lon), r * np.cos(lat) * np.sin(lon), r * np.sin(lat))
        )

    def without(self, network_id: int) -> BeamTable:
        """The same table less one network's beams (a network never affects itself)."""
        if network_id not in self.network_ids:
            return self
        keep = self.network != self.network_ids.index(network_id)
        return replace(
            self,
            beam_names=tuple(n for n, k in zip(self.beam_names, keep, strict=True) if k),
            **{name: getattr(self, name)[keep] for name in COLUMNS},
        )

    @classmethod
    def from_networks(cls, networks: Sequence[tuple[int, Network]]) -> BeamTable:
        # No. 9.7 is GSO/GSO: non-GSO systems are coordinated otherwise
        return cls.from_rows([
            (network_id, network.administration, network.name, network.longitude_deg, *beam)
            for network_id, network in networks
            if network.orbit == "gso" and network.longitude_deg is not None
            for beam in network.beam_rows()
        ])  # fmt: skip

    @classmethod
    def from_rows(cls, rows: Sequence[Sequence[Any]]) -> BeamTable:
        """From one row per (beam, band), its fields in the order of `ROW` (as the
        register's query reads them), each network's rows together."""
        field = {name: [row[j] for row in rows] for j, name in enumerate(ROW)}
        # a network's administration and name repeat on each of its rows
        admins = dict(zip(field["network_id"], field["administration"], strict=True))
        names = dict(zip(field["network_id"], field["network_name"], strict=True))
        index = {network_id: position for position, network_id in enumerate(admins)}
        services = {term: service_code(term) for term in set(field["service"])}
        patterns = {name: dtt.pattern_code(name) for name in set(field["es_pattern"])}
        field["network"] = [index[n] for n in field["network_id"]]
        field["sat_gain_dbi"] = field["gain_dbi"]
        field["service"] = [services[term] for term in field["service"]]
        field["es_pattern"] = [patterns[name] for name in field["es_pattern"]]
        return cls.from_columns(
            network_ids=tuple(index),
            administrations=tuple(a or "" for a in admins.values()),
            names=tuple(names.values()),
            beam_names=tuple(field["name"]),
            **field,
        )

    @classmethod
    def from_columns(
        cls,
        *,
        network_ids: tuple[int, ...],
        administrations: tuple[str, ...],
        names: tuple[str, ...],
        beam_names: tuple[str, ...],
        **columns: Any,
    ) -> BeamTable:
        return cls(
            network_ids=network_ids,
            administrations=administrations,
            names=names,
            beam_names=beam_names,
            **{name: np.asarray(columns[name], dtype=dtype) for name, dtype in COLUMNS.items()},
        )


@dataclass(frozen=True)
class Pairs:
    """Every evaluated pair of beams (new row i, filed row j) and its numbers."""

    new_row: IntArray
    filed_row: IntArray
    separation_deg: FloatArray
    arc_deg: FloatArray
    """NaN where no Table 5-1 arc applies (row 9))."""
    dt_t_into_filed_percent: FloatArray
    dt_t_into_new_percent: FloatArray

    @property
    def size(self) -> int:
        return int(self.new_row.size)

    @property
    def within_arc(self) -> npt.NDArray[np.bool_]:
        return np.asarray(np.isfinite(self.arc_deg) & (self.separation_deg <= self.arc_deg))

    @property
    def dt_t_percent(self) -> FloatArray:
        return np.asarray(np.maximum(self.dt_t_into_filed_percent, self.dt_t_into_new_percent))


def _pairs(new: BeamTable, filed: BeamTable) -> tuple[IntArray, IntArray]:
    """Rows of the two tables with the same direction and overlapping frequencies."""
    new_rows: list[IntArray] = []
    filed_rows: list[IntArray] = []
    for i in range(new.size):
        mask = (
            (filed.up == new.up[i])
            & (filed.low_hz < new.high_hz[i])
            & (filed.high_hz > new.low_hz[i])
        )
        hits = np.flatnonzero(mask)
        new_rows.append(np.full(hits.size, i, dtype=np.int64))
        filed_rows.append(hits.astype(np.int64))
    if not new_rows:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    return np.concatenate(new_rows), np.concatenate(filed_rows)


def _arcs(new: BeamTable, i: IntArray, filed: BeamTable, j: IntArray) -> FloatArray:
    """The Table 5-1 arc of each pair: the new beam's band, both services in the row."""
    result = np.full(i.size, np.nan)
    for new_index in range(new.size):
        for code in range(len(SERVICES)):
            term = SERVICES[code]
            if new.service[new_index] != code:
                continue
            width = arc.arc_for_band(new.low_hz[new_index], new.high_hz[new_index], term)
            if width is None:
                continue
            match = (i == new_index) & (filed.service[j] == code)
            result[match] = width
    return result


def _off_axis(
    station: FloatArray, own: FloatArray, other: FloatArray
) -> tuple[FloatArray, FloatArray]:
    """At each earth station: the angle [deg] between its own satellite and the other
    one (the topocentric angle of Appendix 8), and the distance [km] to the other."""
    to_own = own - station
    to_other = other - station
    distance = np.sqrt(np.einsum("ij,ij->i", to_other, to_other))
    own_distance = np.sqrt(np.einsum("ij,ij->i", to_own, to_own))
    cosine = np.einsum("ij,ij->i", to_own, to_other) / (own_distance * distance)
    return np.degrees(np.arccos(np.clip(cosine, -1.0, 1.0))), distance


def _interference_percent(
    *,
    up: npt.NDArray[np.bool_],
    frequency_hz: FloatArray,
    src: BeamTable,
    s: IntArray,
    victim: BeamTable,
    v: IntArray,
) -> FloatArray:
    """ΔT/T [%] at the victim's receiver caused by the source's emission, per pair
    (the same arithmetic as `openitu.space.dtt.from_geometry`, on precomputed positions)."""
    result = np.empty(s.size)
    u = np.flatnonzero(up)
    if u.size:
        # Uplink: the source's earth station (pointing at its own satellite) into the
        # victim satellite, whose gain is taken at its peak.
        su, vu = s[u], v[u]
        angle, distance = _off_axis(src.es_xyz_km[su], src.sat_xyz_km[su], victim.sat_xyz_km[vu])
        g1 = dtt.earth_station_gain_dbi(
            src.es_pattern[su], angle, src.es_gain_dbi[su], frequency_hz[u]
        )
        lu = dtt.free_space_loss_db(distance, frequency_hz[u])
        result[u] = src.power_density_dbw_hz[su] + g1 + victim.sat_gain_dbi[vu] - lu
    d = np.flatnonzero(~up)
    if d.size:
        # Downlink: the source satellite (peak gain) into the victim's earth station,
        # which points at its own satellite.
        sd, vd = s[d], v[d]
        angle, distance = _off_axis(victim.es_xyz_km[vd], victim.sat_xyz_km[vd], src.sat_xyz_km[sd])
        g4 = dtt.earth_station_gain_dbi(
            victim.es_pattern[vd], angle, victim.es_gain_dbi[vd], frequency_hz[d]
        )
        ld = dtt.free_space_loss_db(distance, frequency_hz[d])
        result[d] = src.power_density_dbw_hz[sd] + src.sat_gain_dbi[sd] + g4 - ld
    delta_t = 10.0 ** (result / 10.0) / dtt.BOLTZMANN_J_K
    return np.asarray(100.0 * delta_t / victim.noise_temperature_k[v])


def examine(new: BeamTable, filed: BeamTable) -> Pairs:
    """Every pair of overlapping beams between the new network and the filed ones."""
    i, j = _pairs(new, filed)
    up = new.up[i]
    centre = (
        np.maximum(new.low_hz[i], filed.low_hz[j]) + np.minimum(new.high_hz[i], filed.high_hz[j])
    ) / 2.0
    return Pairs(
        new_row=i,
        filed_row=j,
        separation_deg=geometry.orbital_separation_deg(new.sat_lon_deg[i], filed.sat_lon_deg[j]),
        arc_deg=_arcs(new, i, filed, j),
        dt_t_into_filed_percent=_interference_percent(
            up=up, frequency_hz=centre, src=new, s=i, victim=filed, v=j
        ),
        dt_t_into_new_percent=_interference_percent(
            up=up, frequency_hz=centre, src=filed, s=j, victim=new, v=i
        ),
    )


def affected(new: BeamTable, filed: BeamTable, pairs: Pairs | None = None) -> list[dict[str, Any]]:
    """The filed networks to coordinate with, each with the numbers behind it.

    Aggregated per network with sorts and bincounts (no loop over the pairs), so that a
    request affecting thousands of networks costs a few passes over its pairs."""
    pairs = examine(new, filed) if pairs is None else pairs
    if pairs.size == 0:
        return []
    within = pairs.within_arc
    dt = pairs.dt_t_percent
    # ΔT/T decides only where Table 5-1 gives no arc (row 9)); in the arc's bands it is
    # the figure of No. 9.41 (see `no_9_41`), not a trigger of its own.
    over = (dt > dtt.THRESHOLD_PERCENT) & ~np.isfinite(pairs.arc_deg)
    networks = filed.network[pairs.filed_row]
    count = len(filed.network_ids)
    hit_networks = np.flatnonzero(np.bincount(networks, weights=within | over, minlength=count))
    if hit_networks.size == 0:
        return []
    by_arc = np.bincount(networks, weights=within, minlength=count) > 0
    by_dtt = np.bincount(networks, weights=over, minlength=count) > 0
    n_pairs = np.bincount(networks, minlength=count)
    n_over = np.bincount(networks, weights=over, minlength=count)
    widest = np.full(count, -np.inf)
    arcs = np.where(np.isfinite(pairs.arc_deg) & (within | over), pairs.arc_deg, -np.inf)
    np.maximum.at(widest, networks, arcs)
    # The worst pair of each network: sort by network, then by ΔT/T descending.
    order = np.lexsort((-dt, networks))
    first = order[np.r_[0, np.flatnonzero(np.diff(networks[order])) + 1]]
    worst_of = np.full(count, -1, dtype=np.int64)
    worst_of[networks[first]] = first
    results = []
    for position in hit_networks:
        worst = int(worst_of[position])
        criteria = [name for name, flag in (("arc", by_arc[position]), ("dt/t", by_dtt[position]))
                    if flag]  # fmt: skip
        results.append({
            "network_id": filed.network_ids[position],
            "name": filed.names[position],
            "administration": filed.administrations[position],
            "separation_deg": round(float(pairs.separation_deg[worst]), 4),
            "criterion": criteria[0],
            "criteria": criteria,
            "coordination_arc_deg": (
                float(widest[position]) if np.isfinite(widest[position]) else None
            ),
            "dt_t_percent": round(float(dt[worst]), 4),
            "dt_t_into_filed_percent": round(float(pairs.dt_t_into_filed_percent[worst]), 4),
            "dt_t_into_new_percent": round(float(pairs.dt_t_into_new_percent[worst]), 4),
            "worst_pair": {
                "new_beam": new.beam_names[int(pairs.new_row[worst])],
                "filed_beam": filed.beam_names[int(pairs.filed_row[worst])],
            },
            "pairs": int(n_pairs[position]),
            "pairs_over_threshold": int(n_over[position]),
        })  # fmt: skip
    results.sort(key=lambda r: (r["separation_deg"], r["network_id"]))
    return results


def no_9_41(new: BeamTable, filed: BeamTable, pairs: Pairs) -> dict[str, list[int]]:
    """In the bands with an arc, the networks whose ΔT/T contradicts the arc (No. 9.41):
    outside it yet above 6 % (their administrations may ask to be included), or inside
    it yet at most 6 % on every pair (they may be excluded)."""
    if pairs.size == 0:
        return {"may_request_inclusion": [], "may_be_excluded": []}
    arc_band = np.isfinite(pairs.arc_deg)
    dt_over = pairs.dt_t_percent > dtt.THRESHOLD_PERCENT
    networks = filed.network[pairs.filed_row]
    count = len(filed.network_ids)

    def having(mask: npt.NDArray[np.bool_]) -> npt.NDArray[np.bool_]:
        return np.asarray(np.bincount(networks, weights=mask, minlength=count) > 0)

    inside = having(arc_band & pairs.within_arc)
    outside_loud = having(arc_band & ~pairs.within_arc & dt_over)
    inside_loud = having(arc_band & pairs.within_arc & dt_over)
    return {
        "may_request_inclusion": [
            filed.network_ids[i] for i in np.flatnonzero(outside_loud & ~inside)
        ],
        "may_be_excluded": [filed.network_ids[i] for i in np.flatnonzero(inside & ~inside_loud)],
    }


def report(new: BeamTable, filed: BeamTable) -> dict[str, Any]:
    """The machine-interface answer: affected networks, administrations, pair counts."""
    pairs = examine(new, filed)
    networks = affected(new, filed, pairs)
    return {
        "provision": f"{arc.PROVISION}; {dtt.PROVISION}",
        "edition": arc.EDITION,
        "pairs_evaluated": pairs.size,
        "networks": networks,
        "administrations": sorted({n["administration"] for n in networks}),
        "no_9_41": no_9_41(new, filed, pairs),
    }
