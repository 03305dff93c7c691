"""Which filed GSO networks a new coordination request affects (RR No. 9.7), vectorised.

Every pair of beams with overlapping frequencies and the same direction is examined:

- by the coordination arc of Appendix 5, Table 5-1 (`openitu.space.arc`): the filed
  network's space station lies within the arc of the new network's nominal position,
  in a band and for services the Table's rows 1)-3) name;
- by ΔT/T (Appendix 8, `openitu.space.dtt`), in both senses (the new network's emissions
  into the filed network's receivers and the reverse), for every pair: the criterion of
  row 9), and the figure an administration quotes under No. 9.41 to be excluded from (or
  included in) coordination within the arc.

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
from dataclasses import dataclass
from typing import Any, Final

import numpy as np
import numpy.typing as npt

from openitu.radio._checks import FloatArray
from openitu.space import arc, dtt, geometry
from openitu.space.networks import Network

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

    def without(self, network_id: int) -> BeamTable:
        """The same table less one network's beams (a network never affects itself)."""
        if network_id not in self.network_ids:
            return self
        keep = self.network != self.network_ids.index(network_id)
        return BeamTable(
            network=self.network[keep],
            network_ids=self.network_ids,
            administrations=self.administrations,
            names=self.names,
            beam_names=tuple(n for n, k in zip(self.beam_names, keep, strict=True) if k),
            sat_lon_deg=self.sat_lon_deg[keep],
            up=self.up[keep],
            low_hz=self.low_hz[keep],
            high_hz=self.high_hz[keep],
            service=self.service[keep],
            sat_gain_dbi=self.sat_gain_dbi[keep],
            noise_temperature_k=self.noise_temperature_k[keep],
            power_density_dbw_hz=self.power_density_dbw_hz[keep],
            es_lat_deg=self.es_lat_deg[keep],
            es_lon_deg=self.es_lon_deg[keep],
            es_gain_dbi=self.es_gain_dbi[keep],
            es_pattern=self.es_pattern[keep],
        )

    @classmethod
    def from_networks(cls, networks: Sequence[tuple[int, Network]]) -> BeamTable:
        columns: dict[str, list[Any]] = {k: [] for k in (
            "network", "sat_lon_deg", "up", "low_hz", "high_hz", "service", "sat_gain_dbi",
            "noise_temperature_k", "power_density_dbw_hz", "es_lat_deg", "es_lon_deg",
            "es_gain_dbi", "es_pattern", "beam_names")}  # fmt: skip
        ids, admins, names = [], [], []
        for index, (network_id, network) in enumerate(networks):
            if network.orbit != "gso" or network.longitude_deg is None:
                continue  # No. 9.7 is GSO/GSO: non-GSO systems are coordinated otherwise
            ids.append(network_id)
            admins.append(network.administration)
            names.append(network.name)
            position = len(ids) - 1
            for beam in network.beams:
                station = network.station(beam.earth_station)
                for band in beam.frequencies:
                    columns["network"].append(position)
                    columns["sat_lon_deg"].append(network.longitude_deg)
                    columns["up"].append(beam.direction == "up")
                    columns["low_hz"].append(band.low_hz)
                    columns["high_hz"].append(band.high_hz)
                    columns["service"].append(service_code(beam.service))
                    columns["sat_gain_dbi"].append(beam.gain_dbi)
                    columns["noise_temperature_k"].append(beam.noise_temperature_k)
                    columns["power_density_dbw_hz"].append(beam.power_density_dbw_hz)
                    columns["es_lat_deg"].append(station.lat_deg)
                    columns["es_lon_deg"].append(station.lon_deg)
                    columns["es_gain_dbi"].append(station.gain_dbi)
                    columns["es_pattern"].append(dtt.pattern_code(station.pattern))
                    columns["beam_names"].append(beam.name)
            del index
        return cls.from_columns(
            network_ids=tuple(ids), administrations=tuple(admins), names=tuple(names),
            beam_names=tuple(columns.pop("beam_names")), **columns,
        )  # fmt: skip

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
        f = np.float64
        return cls(
            network=np.asarray(columns["network"], dtype=np.int64),
            network_ids=network_ids,
            administrations=administrations,
            names=names,
            beam_names=beam_names,
            sat_lon_deg=np.asarray(columns["sat_lon_deg"], dtype=f),
            up=np.asarray(columns["up"], dtype=bool),
            low_hz=np.asarray(columns["low_hz"], dtype=f),
            high_hz=np.asarray(columns["high_hz"], dtype=f),
            service=np.asarray(columns["service"], dtype=np.int64),
            sat_gain_dbi=np.asarray(columns["sat_gain_dbi"], dtype=f),
            noise_temperature_k=np.asarray(columns["noise_temperature_k"], dtype=f),
            power_density_dbw_hz=np.asarray(columns["power_density_dbw_hz"], dtype=f),
            es_lat_deg=np.asarray(columns["es_lat_deg"], dtype=f),
            es_lon_deg=np.asarray(columns["es_lon_deg"], dtype=f),
            es_gain_dbi=np.asarray(columns["es_gain_dbi"], dtype=f),
            es_pattern=np.asarray(columns["es_pattern"], dtype=np.int64),
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


def _interference_percent(
    *,
    up: npt.NDArray[np.bool_],
    frequency_hz: FloatArray,
    src: BeamTable,
    s: IntArray,
    victim: BeamTable,
    v: IntArray,
) -> FloatArray:
    """ΔT/T [%] at the victim's receiver caused by the source's emission, per pair."""
    src_sat = src.sat_lon_deg[s]
    vic_sat = victim.sat_lon_deg[v]
    # Uplink: the source's earth station (pointing at its own satellite) into the victim
    # satellite; the victim satellite's gain at its peak.
    up_angle = geometry.topocentric_angle_deg(
        src_sat, vic_sat, src.es_lat_deg[s], src.es_lon_deg[s]
    )
    g1 = dtt.earth_station_gain_dbi(src.es_pattern[s], up_angle, src.es_gain_dbi[s], frequency_hz)
    lu = dtt.free_space_loss_db(
        geometry.slant_range_km(vic_sat, src.es_lat_deg[s], src.es_lon_deg[s]), frequency_hz
    )
    up_db = src.power_density_dbw_hz[s] + g1 + victim.sat_gain_dbi[v] - lu
    # Downlink: the source satellite (peak gain) into the victim's earth station, which
    # points at its own satellite.
    down_angle = geometry.topocentric_angle_deg(
        vic_sat, src_sat, victim.es_lat_deg[v], victim.es_lon_deg[v]
    )
    g4 = dtt.earth_station_gain_dbi(
        victim.es_pattern[v], down_angle, victim.es_gain_dbi[v], frequency_hz
    )
    ld = dtt.free_space_loss_db(
        geometry.slant_range_km(src_sat, victim.es_lat_deg[v], victim.es_lon_deg[v]), frequency_hz
    )
    down_db = src.power_density_dbw_hz[s] + src.sat_gain_dbi[s] + g4 - ld
    received_w_hz = 10.0 ** (np.where(up, up_db, down_db) / 10.0)
    delta_t = received_w_hz / dtt.BOLTZMANN_J_K
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
    """The filed networks to coordinate with, each with the numbers behind it."""
    pairs = examine(new, filed) if pairs is None else pairs
    if pairs.size == 0:
        return []
    within = pairs.within_arc
    over = pairs.dt_t_percent > dtt.THRESHOLD_PERCENT
    hit = within | over
    networks = filed.network[pairs.filed_row]
    results = []
    for position in np.unique(networks[hit]):
        mine = networks == position
        mine_hit = mine & hit
        dt = pairs.dt_t_percent
        worst = int(np.flatnonzero(mine)[np.argmax(dt[mine])])
        criteria = []
        if np.any(within & mine):
            criteria.append("arc")
        if np.any(over & mine):
            criteria.append("dt/t")
        arcs = pairs.arc_deg[mine_hit]
        finite_arcs = arcs[np.isfinite(arcs)]
        results.append({
            "network_id": filed.network_ids[position],
            "name": filed.names[position],
            "administration": filed.administrations[position],
            "separation_deg": round(float(pairs.separation_deg[worst]), 4),
            "criterion": criteria[0],
            "criteria": criteria,
            "coordination_arc_deg": float(finite_arcs.max()) if finite_arcs.size else None,
            "dt_t_percent": round(float(dt[worst]), 4),
            "dt_t_into_filed_percent": round(float(pairs.dt_t_into_filed_percent[worst]), 4),
            "dt_t_into_new_percent": round(float(pairs.dt_t_into_new_percent[worst]), 4),
            "worst_pair": {
                "new_beam": new.beam_names[int(pairs.new_row[worst])],
                "filed_beam": filed.beam_names[int(pairs.filed_row[worst])],
            },
            "pairs": int(np.count_nonzero(mine)),
            "pairs_over_threshold": int(np.count_nonzero(over & mine)),
        })  # fmt: skip
    results.sort(key=lambda r: (r["separation_deg"], r["network_id"]))
    return results


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
    }
