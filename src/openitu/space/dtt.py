"""RR Appendix 8: the apparent increase in the equivalent satellite-link noise
temperature, ΔT/T, caused by one GSO network's emissions to another's link.

For a wanted link (earth station -> satellite -> earth station) with a simple
frequency-changing satellite (Appendix 8, § 2.2.1)::

    ΔTs = pe · g1 · g3 / (k · lu)      increase at the wanted satellite's receiver [K]
    ΔTe = ps · g2 · g4 / (k · ld)      increase at the wanted earth station's receiver [K]
    ΔT  = γ ΔTs + ΔTe                  referred to the earth station's receiver output
    T   = γ Ts + Te                    the equivalent satellite-link noise temperature

with pe (ps) the interfering earth (space) station's maximum power spectral density at
its antenna input [W/Hz], g1 (g2) its antenna gain towards the wanted satellite (earth
station), g3 (g4) the wanted satellite's (earth station's) receiving gain towards the
interferer, lu (ld) the free-space losses, γ the wanted satellite's transmission gain,
k Boltzmann's constant. Coordination is required where ΔT/T exceeds 6 % (Appendix 5,
Table 5-1, row 9)). Everything broadcasts over numpy arrays (pairs of beams).

`from_geometry` derives the terms from two GSO networks' positions and earth stations:
free-space losses over the slant ranges, earth-station gains at the topocentric angle
between the two satellites (the Appendix 8 reference pattern, or S.465 / S.580 from
`openitu.radio.antennas`), and the satellites' gains towards the other network's earth
station taken at their peak (the cautious assumption Appendix 8 uses when the gain
contour does not place the station outside the beam).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import numpy as np
import numpy.typing as npt

from openitu.errors import InvalidInput
from openitu.radio import antennas
from openitu.radio.checks import FloatArray, as_array, check_range
from openitu.space import geometry

BOLTZMANN_J_K: Final = 1.380649e-23
THRESHOLD_PERCENT: Final = 6.0
PROVISION: Final = "RR Appendix 8 (ΔT/T); threshold: Appendix 5, Table 5-1, No. 9.7, row 9)"
EDITION: Final = "RR 2020"
SPEED_OF_LIGHT_M_S: Final = 299_792_458.0
ES_PATTERNS: Final = ("AP8", "S.465", "S.580")


def _linear(db: FloatArray) -> FloatArray:
    return np.asarray(10.0 ** (db / 10.0))


@dataclass(frozen=True)
class DttResult:
    delta_ts_k: FloatArray
    delta_te_k: FloatArray
    dt_t_percent: FloatArray
    coordination_required: npt.NDArray[np.bool_]

    def row(self, index: int | tuple[int, ...] = ()) -> dict[str, object]:
        return {
            "dt_t_percent": round(float(self.dt_t_percent[index]), 6),
            "delta_ts_k": round(float(self.delta_ts_k[index]), 9),
            "delta_te_k": round(float(self.delta_te_k[index]), 9),
            "coordination_required": bool(self.coordination_required[index]),
            "threshold_percent": THRESHOLD_PERCENT,
            "provision": PROVISION,
            "edition": EDITION,
        }


def from_terms(
    *,
    pe_w_hz: npt.ArrayLike = 0.0,
    g1_dbi: npt.ArrayLike = 0.0,
    g3_dbi: npt.ArrayLike = 0.0,
    lu_db: npt.ArrayLike = 0.0,
    ps_w_hz: npt.ArrayLike = 0.0,
    g2_dbi: npt.ArrayLike = 0.0,
    g4_dbi: npt.ArrayLike = 0.0,
    ld_db: npt.ArrayLike = 0.0,
    gamma_db: npt.ArrayLike = 0.0,
    ts_k: npt.ArrayLike,
    te_k: npt.ArrayLike,
) -> DttResult:
    """ΔT/T from the Appendix 8 terms (names as in the machine interface)."""
    pe = as_array(pe_w_hz, "pe_w_hz")
    ps = as_array(ps_w_hz, "ps_w_hz")
    check_range(pe, "pe_w_hz", 0.0, unit="W/Hz")
    check_range(ps, "ps_w_hz", 0.0, unit="W/Hz")
    ts = as_array(ts_k, "ts_k")
    te = as_array(te_k, "te_k")
    check_range(ts, "ts_k", 0.0, unit="K", low_inclusive=False)
    check_range(te, "te_k", 0.0, unit="K", low_inclusive=False)
    lu = as_array(lu_db, "lu_db")
    ld = as_array(ld_db, "ld_db")
    check_range(lu, "lu_db", 0.0, unit="dB")
    check_range(ld, "ld_db", 0.0, unit="dB")
    gamma = _linear(as_array(gamma_db, "gamma_db"))
    up = _linear(as_array(g1_dbi, "g1_dbi") + as_array(g3_dbi, "g3_dbi") - lu)
    down = _linear(as_array(g2_dbi, "g2_dbi") + as_array(g4_dbi, "g4_dbi") - ld)
    delta_ts = pe * up / BOLTZMANN_J_K
    delta_te = ps * down / BOLTZMANN_J_K
    percent = 100.0 * (gamma * delta_ts + delta_te) / (gamma * ts + te)
    return DttResult(
        delta_ts_k=np.asarray(delta_ts),
        delta_te_k=np.asarray(delta_te),
        dt_t_percent=np.asarray(percent),
        coordination_required=np.asarray(percent > THRESHOLD_PERCENT),
    )


def free_space_loss_db(distance_km: npt.ArrayLike, frequency_hz: npt.ArrayLike) -> FloatArray:
    """(4π d f / c)² in dB: the free-space loss of Appendix 8 (lu, ld)."""
    d = as_array(distance_km, "distance_km") * 1e3
    f = as_array(frequency_hz, "frequency_hz")
    return np.asarray(20.0 * np.log10(4.0 * np.pi * d * f / SPEED_OF_LIGHT_M_S))


def ap8_earth_station_gain_dbi(angle_deg: npt.ArrayLike, gmax_dbi: npt.ArrayLike) -> FloatArray:
    """The earth-station reference pattern of Appendix 8 (used when the filing gives none).

    D/λ from ``20 log(D/λ) = Gmax - 7.7``; G1 = 2 + 15 log(D/λ) (D/λ >= 100) or
    -1 + 15 log(D/λ) (D/λ < 100); φm = (20 λ/D) √(Gmax - G1); φr = 15.85 (D/λ)^-0.6 (D/λ >= 100)
    or 100 λ/D (D/λ < 100)::

        Gmax - 2.5e-3 (D/λ φ)²          0 < φ < φm
        G1                              φm <= φ < φr
        32 - 25 log φ                   φr <= φ < 48°      (D/λ >= 100)
        -10                             48° <= φ <= 180°   (D/λ >= 100)
        52 - 10 log(D/λ) - 25 log φ     φr <= φ < 48°      (D/λ < 100)
        10 - 10 log(D/λ)                48° <= φ <= 180°   (D/λ < 100)
    """
    phi = np.abs(as_array(angle_deg, "angle_deg"))
    gmax = as_array(gmax_dbi, "gmax_dbi")
    dl = 10.0 ** ((gmax - 7.7) / 20.0)
    large = dl >= 100.0
    lg_dl = np.log10(dl)
    g1 = np.where(large, 2.0 + 15.0 * lg_dl, -1.0 + 15.0 * lg_dl)
    phi_m = 20.0 / dl * np.sqrt(np.maximum(gmax - g1, 0.0))
    phi_r = np.where(large, 15.85 * dl**-0.6, 100.0 / dl)
    lg_phi = np.log10(np.maximum(phi, 1e-9))
    side = np.where(large, 32.0 - 25.0 * lg_phi, 52.0 - 10.0 * lg_dl - 25.0 * lg_phi)
    far = np.where(large, -10.0, 10.0 - 10.0 * lg_dl)
    gain = np.select(
        [phi < phi_m, phi < phi_r, phi < 48.0],
        [gmax - 2.5e-3 * (dl * phi) ** 2, g1, side],
        far,
    )
    return np.asarray(np.minimum(gain, gmax))


def earth_station_gain_dbi(
    pattern: npt.ArrayLike, angle_deg: FloatArray, gmax_dbi: FloatArray, frequency_hz: FloatArray
) -> FloatArray:
    """Gain towards ``angle_deg`` off axis, per earth station, with each one's pattern
    (codes: 0 Appendix 8, 1 S.465-6, 2 S.580-6 of `openitu.radio.antennas`)."""
    code = np.asarray(pattern)
    gain = ap8_earth_station_gain_dbi(angle_deg, gmax_dbi)
    f_mhz = np.clip(frequency_hz / 1e6, 2000.0, 31_000.0)
    if np.any(code == 1):
        gain = np.where(
            code == 1, antennas.s465_gain_dbi(angle_deg, f_mhz, gmax_dbi=gmax_dbi), gain
        )
    if np.any(code == 2):
        # S.580 is defined for D/λ >= 50 only: smaller antennas keep the Appendix 8 pattern.
        dl = antennas.aperture_d_over_lambda(gmax_dbi)
        big = (code == 2) & (dl >= 50.0)
        if np.any(big):
            g580 = antennas.s580_gain_dbi(angle_deg, f_mhz, gmax_dbi=np.where(big, gmax_dbi, 60.0))
            gain = np.where(big, g580, gain)
    return np.asarray(gain)


def pattern_code(name: str, *, field: str = "pattern") -> int:
    normalised = name.strip().upper().replace("APPENDIX 8", "AP8")
    for code, known in enumerate(ES_PATTERNS):
        if normalised == known.upper() or normalised.startswith(known.upper() + "-"):
            return code
    raise InvalidInput(
        field, f"unknown earth-station pattern {name!r} (use {', '.join(ES_PATTERNS)})"
    )


@dataclass(frozen=True)
class LinkEnd:
    """One network's side of a pair: its GSO position and earth station, and the
    characteristics of the beam used (arrays broadcast over pairs)."""

    sat_lon_deg: npt.ArrayLike
    es_lat_deg: npt.ArrayLike
    es_lon_deg: npt.ArrayLike
    es_gain_dbi: npt.ArrayLike
    sat_gain_dbi: npt.ArrayLike
    es_pattern: npt.ArrayLike = 0


@dataclass(frozen=True)
class GeometryTerms:
    g1_dbi: FloatArray
    g4_dbi: FloatArray
    lu_db: FloatArray
    ld_db: FloatArray
    uplink_angle_deg: FloatArray
    downlink_angle_deg: FloatArray


def terms_from_geometry(
    wanted: LinkEnd,
    interfering: LinkEnd,
    *,
    uplink_hz: npt.ArrayLike,
    downlink_hz: npt.ArrayLike,
) -> GeometryTerms:
    """The geometry-dependent Appendix 8 terms for a wanted and an interfering network."""
    w_sat = as_array(wanted.sat_lon_deg, "wanted.longitude_deg")
    i_sat = as_array(interfering.sat_lon_deg, "interfering.longitude_deg")
    up_f = as_array(uplink_hz, "uplink_hz")
    down_f = as_array(downlink_hz, "downlink_hz")
    # Uplink: the interfering earth station, pointing at its own satellite, radiates
    # towards the wanted satellite at the topocentric angle between the two.
    i_lat, i_lon = interfering.es_lat_deg, interfering.es_lon_deg
    up_angle = geometry.topocentric_angle_deg(i_sat, w_sat, i_lat, i_lon)
    g1 = earth_station_gain_dbi(
        interfering.es_pattern, up_angle, as_array(interfering.es_gain_dbi, "es_gain_dbi"), up_f
    )
    lu = free_space_loss_db(geometry.slant_range_km(w_sat, i_lat, i_lon), up_f)
    # Downlink: the wanted earth station, pointing at its satellite, receives the
    # interfering satellite at the topocentric angle between the two.
    w_lat, w_lon = wanted.es_lat_deg, wanted.es_lon_deg
    down_angle = geometry.topocentric_angle_deg(w_sat, i_sat, w_lat, w_lon)
    g4 = earth_station_gain_dbi(
        wanted.es_pattern, down_angle, as_array(wanted.es_gain_dbi, "es_gain_dbi"), down_f
    )
    ld = free_space_loss_db(geometry.slant_range_km(i_sat, w_lat, w_lon), down_f)
    return GeometryTerms(g1, g4, lu, ld, up_angle, down_angle)


def from_geometry(
    wanted: LinkEnd,
    interfering: LinkEnd,
    *,
    uplink_hz: npt.ArrayLike,
    downlink_hz: npt.ArrayLike,
    pe_w_hz: npt.ArrayLike,
    ps_w_hz: npt.ArrayLike,
    gamma_db: npt.ArrayLike,
    ts_k: npt.ArrayLike,
    te_k: npt.ArrayLike,
) -> tuple[DttResult, GeometryTerms]:
    """ΔT/T of the wanted link caused by the interfering network, from their geometry:
    g3 is the wanted satellite's receiving gain, g2 the interfering satellite's
    transmitting gain, both at their peak (see the module notes)."""
    terms = terms_from_geometry(wanted, interfering, uplink_hz=uplink_hz, downlink_hz=downlink_hz)
    result = from_terms(
        pe_w_hz=pe_w_hz,
        g1_dbi=terms.g1_dbi,
        g3_dbi=wanted.sat_gain_dbi,
        lu_db=terms.lu_db,
        ps_w_hz=ps_w_hz,
        g2_dbi=interfering.sat_gain_dbi,
        g4_dbi=terms.g4_dbi,
        ld_db=terms.ld_db,
        gamma_db=gamma_db,
        ts_k=ts_k,
        te_k=te_k,
    )
    return result, terms
