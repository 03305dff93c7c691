"""The space area's answers as plain data (the shapes of the machine interface), used
alike by the CLI, the API and the pages."""

from __future__ import annotations

from typing import Any

import numpy as np

from openitu.errors import InvalidInput
from openitu.space import arc, dtt, geometry, pfd
from openitu.space.networks import parse_antenna_pattern
from openitu.units import parse_frequency_hz

_TERMS = ("pe_w_hz", "g1_dbi", "g3_dbi", "lu_db", "ps_w_hz", "g2_dbi", "g4_dbi", "ld_db",
          "gamma_db", "ts_k", "te_k")  # fmt: skip


def pfd_limit(frequency: str | float, angle_deg: float, orbit: str = "gso") -> dict[str, Any]:
    """`openitu space pfd-limit`: the Table 21-4 limit at one angle of arrival."""
    hz = parse_frequency_hz(frequency, field="frequency")
    return pfd.pfd_limit(hz, angle_deg, pfd.parse_orbit(orbit)).as_dict()


def coordination_arc(
    frequency: str | float, service: str, region: int | None = None
) -> dict[str, Any]:
    """`openitu space arc`: the Appendix 5 coordination arc."""
    hz = parse_frequency_hz(frequency, field="frequency")
    return arc.coordination_arc(hz, service, region=region).as_dict()


def _number(case: dict[str, Any], key: str, path: str) -> float:
    value = case.get(key)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidInput(f"{path}{key}", "expected a number")
    return float(value)


def _end(case: dict[str, Any], key: str) -> dtt.LinkEnd:
    side = case.get(key)
    if not isinstance(side, dict):
        raise InvalidInput(
            key, "expected an object: longitude_deg, earth_station, satellite_gain_dbi"
        )
    station = side.get("earth_station")
    if not isinstance(station, dict):
        raise InvalidInput(f"{key}.earth_station", "expected an object: lat_deg, lon_deg, gain_dbi")
    pattern = station.get("pattern", "AP8")
    if not isinstance(pattern, str):
        raise InvalidInput(f"{key}.earth_station.pattern", "AP8, S.465 or S.580")
    longitude = _number(side, "longitude_deg", f"{key}.")
    if not -180.0 <= longitude <= 180.0:
        raise InvalidInput(f"{key}.longitude_deg", "must be within [-180, 180]")
    return dtt.LinkEnd(
        sat_lon_deg=longitude,
        es_lat_deg=_number(station, "lat_deg", f"{key}.earth_station."),
        es_lon_deg=_number(station, "lon_deg", f"{key}.earth_station."),
        es_gain_dbi=_number(station, "gain_dbi", f"{key}.earth_station."),
        sat_gain_dbi=_number(side, "satellite_gain_dbi", f"{key}."),
        es_pattern=dtt.pattern_code(pattern, field=f"{key}.earth_station.pattern"),
    )


def dtt_case(case: dict[str, Any]) -> dict[str, Any]:
    """`openitu space dtt`: one case, either the Appendix 8 terms or two networks."""
    if "wanted" in case or "interfering" in case:
        wanted, interfering = _end(case, "wanted"), _end(case, "interfering")
        result, terms = dtt.from_geometry(
            wanted,
            interfering,
            uplink_hz=parse_frequency_hz(case.get("uplink_hz", ""), field="uplink_hz"),
            downlink_hz=parse_frequency_hz(case.get("downlink_hz", ""), field="downlink_hz"),
            pe_w_hz=_number(case, "pe_w_hz", ""),
            ps_w_hz=_number(case, "ps_w_hz", ""),
            gamma_db=_number(case, "gamma_db", "") if "gamma_db" in case else 0.0,
            ts_k=_number(case, "ts_k", ""),
            te_k=_number(case, "te_k", ""),
        )
        return {
            **result.row(),
            "terms": {
                "g1_dbi": round(float(terms.g1_dbi), 6),
                "g3_dbi": float(wanted.sat_gain_dbi),  # type: ignore[arg-type]
                "lu_db": round(float(terms.lu_db), 6),
                "g2_dbi": float(interfering.sat_gain_dbi),  # type: ignore[arg-type]
                "g4_dbi": round(float(terms.g4_dbi), 6),
                "ld_db": round(float(terms.ld_db), 6),
                "uplink_angle_deg": round(float(terms.uplink_angle_deg), 6),
                "downlink_angle_deg": round(float(terms.downlink_angle_deg), 6),
            },
        }
    unknown = sorted(set(case) - set(_TERMS))
    if unknown:
        raise InvalidInput(unknown[0], f"unknown term (the terms are {', '.join(_TERMS)})")
    for required in ("ts_k", "te_k"):
        if required not in case:
            raise InvalidInput(required, "required")
    values = {key: _number(case, key, "") for key in _TERMS if key in case}
    return dtt.from_terms(**values).row()


def visibility(longitude_deg: float, lat_deg: float, lon_deg: float) -> dict[str, Any]:
    """Where a GSO position is seen from a place: elevation, azimuth, range, visible."""
    if not -180.0 <= longitude_deg <= 180.0:
        raise InvalidInput("longitude", "must be within [-180, 180]")
    elevation = float(geometry.elevation_deg(longitude_deg, lat_deg, lon_deg))
    return {
        "longitude_deg": longitude_deg,
        "lat_deg": lat_deg,
        "lon_deg": lon_deg,
        "elevation_deg": round(elevation, 6),
        "azimuth_deg": round(float(geometry.azimuth_deg(longitude_deg, lat_deg, lon_deg)), 6),
        "range_km": round(float(geometry.slant_range_km(longitude_deg, lat_deg, lon_deg)), 3),
        "visible": elevation >= 0.0,
    }


MAX_POINTS = 100_000


def pfd_check(case: dict[str, Any]) -> dict[str, Any]:
    """A GSO space station's pfd at points of its service area against Table 21-4.

    ``case``: ``longitude_deg``, ``frequency``, ``eirp_density_dbw_hz`` (the peak: one
    value, or one per point), ``points``: a list of ``{lat_deg, lon_deg}``; optionally the
    antenna as a beam files it (``half_beamwidth_deg`` with the peak ``gain_dbi``,
    ``near_in_sidelobe_db``, ``boresight_lat_deg``/``boresight_lon_deg``), which shapes the
    e.i.r.p. towards each point by the S.1528-0 pattern, as the network page's pfd map does."""
    longitude = _number(case, "longitude_deg", "")
    if not -180.0 <= longitude <= 180.0:
        raise InvalidInput("longitude_deg", "must be within [-180, 180]")
    points = case.get("points")
    if not isinstance(points, list) or not points:
        raise InvalidInput("points", "a non-empty list of {lat_deg, lon_deg}")
    if len(points) > MAX_POINTS:
        raise InvalidInput("points", f"at most {MAX_POINTS} points")
    for index, point in enumerate(points):
        if not isinstance(point, dict):
            raise InvalidInput(f"points[{index}]", "expected {lat_deg, lon_deg}")
    lat = [_number(p, "lat_deg", f"points[{i}].") for i, p in enumerate(points)]
    lon = [_number(p, "lon_deg", f"points[{i}].") for i, p in enumerate(points)]
    eirp = case.get("eirp_density_dbw_hz")
    if isinstance(eirp, list):
        if len(eirp) != len(points):
            raise InvalidInput("eirp_density_dbw_hz", "one value, or one per point")
        density: Any = [_number({"v": v}, "v", "eirp_density_dbw_hz.") for v in eirp]
    else:
        density = _number(case, "eirp_density_dbw_hz", "")
    antenna = parse_antenna_pattern(case, "", "gso")
    if "half_beamwidth_deg" in antenna:
        peak_gain = _number(case, "gain_dbi", "")
        density = np.asarray(density, dtype=np.float64) + pfd.gso_relative_gain_db(
            longitude, lat, lon, peak_gain_dbi=peak_gain, **antenna
        )
    elif "boresight_lat_deg" in antenna:
        raise InvalidInput("half_beamwidth_deg", "a boresight needs the pattern's half beamwidth")
    check = pfd.check_gso_pfd(
        sat_lon_deg=longitude,
        frequency_hz=parse_frequency_hz(case.get("frequency", ""), field="frequency"),
        eirp_density_dbw_hz=density,
        lat_deg=lat,
        lon_deg=lon,
    )

    def value(x: float) -> float | None:
        return None if x != x else round(x, 4)  # NaN (below the horizon) -> null

    return {
        **check.as_dict(),
        "pattern": pfd.pattern_text(
            antenna.get("half_beamwidth_deg"), antenna.get("near_in_sidelobe_db", -20.0)
        ),
        "results": [
            {
                "lat_deg": lat[i],
                "lon_deg": lon[i],
                "elevation_deg": round(float(check.elevation_deg[i]), 4),
                "pfd_dbw_m2": value(float(check.pfd_dbw_m2[i])),
                "limit_dbw_m2": round(float(check.limit_dbw_m2[i]), 4),
                "margin_db": value(float(check.margin_db[i])),
                "exceeds": bool(check.exceeds[i]),
            }
            for i in range(len(points))
        ],
    }
