"""RR Article 21, Table 21-4: power flux-density limits at the Earth's surface produced
by space stations, as a function of the angle of arrival δ above the horizontal plane.

Every row encoded here has the Table's usual three-part shape::

    L(δ) = A                      0° <= δ <= 5°
    L(δ) = A + (δ - 5) / 2        5° <  δ <= 25°
    L(δ) = A + 10                25° <  δ <= 90°

in dB(W/m²) in the row's reference bandwidth, for free-space propagation. Sources, row by
row, are named in ``TABLE_21_4`` (RR 2020, Volume 1, Article 21, Table 21-4; rows whose
wording 47 CFR § 25.208 repeats for US licensees are cross-checked there). Rows whose
limits depend on terms not modelled here (the non-GSO rows with X/Y terms for the number
of satellites, 1 525-2 690 MHz, 37.5-42.5 GHz) are not encoded: their text was not found
in any source reachable here (docs/space.md, "Sources looked for"), so a frequency in them
is refused with the list of encoded bands, never answered with a guess.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

import numpy as np
import numpy.typing as npt

from openitu.errors import InvalidInput
from openitu.radio import antennas
from openitu.radio.checks import FloatArray, as_array, check_range
from openitu.space import geometry

Orbit = Literal["gso", "ngso"]
ORBITS: Final = ("gso", "ngso")
EDITION: Final = "RR 2020"
PROVISION: Final = "RR Article 21, No. 21.16, Table 21-4"
PATTERN: Final = "ITU-R S.1528-0 recommends 1.2"


@dataclass(frozen=True)
class PfdRow:
    """One row of Table 21-4 in the three-part shape above."""

    low_hz: float
    high_hz: float
    services: tuple[str, ...]
    orbit: Literal["gso", "ngso", "any"]
    limit_low_angle_dbw_m2: float
    """A: the limit for δ from 0° to 5°."""
    reference_bandwidth_hz: float
    source: str

    def limit(self, angle_deg: FloatArray) -> FloatArray:
        a = self.limit_low_angle_dbw_m2
        return np.asarray(a + np.clip(angle_deg - 5.0, 0.0, 20.0) / 2.0)

    def applies_to(self, orbit: Orbit) -> bool:
        return self.orbit in ("any", orbit)


_T = "RR 2020 Art. 21 Table 21-4"
_CFR = "; same figures in 47 CFR § 25.208"
TABLE_21_4: Final[tuple[PfdRow, ...]] = (
    PfdRow(2.200e9, 2.300e9, ("space research", "space operation", "earth exploration-satellite"),
           "any", -154.0, 4e3, _T),
    PfdRow(3.400e9, 4.200e9, ("fixed-satellite",), "gso", -152.0, 4e3, _T + _CFR + "(a)"),
    PfdRow(4.500e9, 4.800e9, ("fixed-satellite",), "any", -152.0, 4e3, _T),
    PfdRow(7.250e9, 7.850e9, ("fixed-satellite", "meteorological-satellite", "mobile-satellite"),
           "any", -152.0, 4e3, _T),
    PfdRow(8.025e9, 8.500e9, ("earth exploration-satellite", "space research"),
           "any", -150.0, 4e3, _T),
    PfdRow(10.7e9, 11.7e9, ("fixed-satellite",), "gso", -150.0, 4e3, _T + _CFR + "(b)(1)"),
    PfdRow(10.7e9, 11.7e9, ("fixed-satellite",), "ngso", -126.0, 1e6, _T + _CFR + "(b)(2)"),
    PfdRow(17.7e9, 19.7e9, ("fixed-satellite",), "gso", -115.0, 1e6, _T + _CFR + "(c)"),
)  # fmt: skip


@dataclass(frozen=True)
class PfdLimit:
    limit_dbw_m2: float
    reference_bandwidth_hz: float
    row: PfdRow
    angle_deg: float

    def as_dict(self) -> dict[str, object]:
        return {
            "limit_dbw_m2": round(self.limit_dbw_m2, 6),
            "reference_bandwidth_hz": self.reference_bandwidth_hz,
            "provision": PROVISION,
            "edition": EDITION,
            "band": {"low_hz": self.row.low_hz, "high_hz": self.row.high_hz},
            "orbit": self.row.orbit,
            "services": list(self.row.services),
            "angle_deg": self.angle_deg,
            "source": self.row.source,
        }


def _encoded_bands() -> str:
    seen: list[str] = []
    for row in TABLE_21_4:
        text = f"{row.low_hz / 1e9:g}-{row.high_hz / 1e9:g} GHz"
        if text not in seen:
            seen.append(text)
    return ", ".join(seen)


def parse_orbit(text: str, *, field: str = "orbit") -> Orbit:
    value = text.strip().lower().replace("-", "")
    if value == "gso":
        return "gso"
    if value in ("ngso", "nongso"):
        return "ngso"
    raise InvalidInput(field, f"{text!r} is not an orbit: use gso or ngso")


def row_for(frequency_hz: float, orbit: Orbit = "gso") -> PfdRow:
    """The Table 21-4 row covering ``frequency_hz`` for stations in ``orbit``."""
    if not np.isfinite(frequency_hz) or frequency_hz <= 0:
        raise InvalidInput("frequency", "must be a positive frequency")
    for row in TABLE_21_4:
        if row.low_hz <= frequency_hz <= row.high_hz and row.applies_to(orbit):
            return row
    raise InvalidInput(
        "frequency",
        f"{frequency_hz:g} Hz: no Table 21-4 limit encoded for {orbit} space stations "
        f"(encoded bands: {_encoded_bands()})",
    )


def pfd_limit(frequency_hz: float, angle_deg: float, orbit: Orbit = "gso") -> PfdLimit:
    """The Table 21-4 limit [dB(W/m²) in the reference bandwidth] at angle of arrival
    ``angle_deg`` (0-90° above the horizontal plane)."""
    angle = as_array(angle_deg, "angle")
    check_range(angle, "angle", 0.0, 90.0, unit="deg")
    row = row_for(frequency_hz, orbit)
    return PfdLimit(float(row.limit(angle)), row.reference_bandwidth_hz, row, float(angle))


@dataclass(frozen=True)
class PfdCheck:
    """A space station's pfd at points of its service area against Table 21-4."""

    elevation_deg: FloatArray
    pfd_dbw_m2: FloatArray
    """In the row's reference bandwidth; NaN where the satellite is below the horizon."""
    limit_dbw_m2: FloatArray
    margin_db: FloatArray
    """limit - pfd: negative where the limit is exceeded."""
    exceeds: npt.NDArray[np.bool_]
    row: PfdRow

    @property
    def complies(self) -> bool:
        return not bool(np.any(self.exceeds))

    def as_dict(self) -> dict[str, object]:
        finite = np.isfinite(self.margin_db)
        worst = float(np.min(self.margin_db[finite])) if np.any(finite) else None
        return {
            "complies": self.complies,
            "provision": PROVISION,
            "edition": EDITION,
            "reference_bandwidth_hz": self.row.reference_bandwidth_hz,
            "band": {"low_hz": self.row.low_hz, "high_hz": self.row.high_hz},
            "points": int(self.pfd_dbw_m2.size),
            "points_exceeding": int(np.count_nonzero(self.exceeds)),
            "worst_margin_db": None if worst is None else round(worst, 4),
        }


def check_gso_pfd(
    *,
    sat_lon_deg: float,
    frequency_hz: float,
    eirp_density_dbw_hz: npt.ArrayLike,
    lat_deg: npt.ArrayLike,
    lon_deg: npt.ArrayLike,
) -> PfdCheck:
    """pfd of a GSO space station at each point, against Table 21-4 at that point's
    angle of arrival (the satellite's elevation there).

    ``eirp_density_dbw_hz`` is the e.i.r.p. spectral density [dB(W/Hz)] towards each point
    (the beam's peak density plus the pattern's relative gain there); the pfd in the
    reference bandwidth B is ``eirp + 10 log B - 10 log(4π d²)`` (free space, d in m).
    """
    row = row_for(frequency_hz, "gso")
    eirp = as_array(eirp_density_dbw_hz, "eirp_density_dbw_hz")
    elevation = geometry.elevation_deg(sat_lon_deg, lat_deg, lon_deg)
    distance_m = geometry.slant_range_km(sat_lon_deg, lat_deg, lon_deg) * 1e3
    spreading_db = 10.0 * np.log10(4.0 * np.pi * distance_m**2)
    pfd = eirp + 10.0 * np.log10(row.reference_bandwidth_hz) - spreading_db
    above = elevation >= 0.0
    pfd = np.where(above, pfd, np.nan)
    limit = row.limit(np.clip(elevation, 0.0, 90.0))
    margin = limit - pfd
    exceeds = np.asarray(np.where(above, margin < 0.0, False))
    return PfdCheck(
        elevation_deg=np.asarray(elevation),
        pfd_dbw_m2=np.asarray(pfd),
        limit_dbw_m2=np.asarray(limit),
        margin_db=np.asarray(margin),
        exceeds=exceeds,
        row=row,
    )


def relative_gain_db(
    off_axis_deg: npt.ArrayLike,
    *,
    peak_gain_dbi: float,
    half_beamwidth_deg: float | None,
    near_in_sidelobe_db: float = -20.0,
) -> FloatArray:
    """The satellite antenna's gain towards places at ``off_axis_deg`` from its boresight,
    relative to its peak [dB, at most 0]: the S.1528-0 pattern (circular beam, far side
    lobes at 0 dBi), so that the pfd follows the beam's gain contours. Without a half
    beamwidth no pattern is filed: 0 dB everywhere (the peak, the worst case)."""
    angle = as_array(off_axis_deg, "off_axis_deg", finite=False)
    if half_beamwidth_deg is None:
        return np.zeros_like(angle)
    finite = np.isfinite(angle)
    gain = antennas.s1528_gain_dbi(
        np.where(finite, angle, 0.0),
        peak_gain_dbi,
        half_beamwidth_deg,
        ln_db=near_in_sidelobe_db,
    )
    return np.asarray(np.where(finite, np.minimum(gain - peak_gain_dbi, 0.0), np.nan))


def gso_relative_gain_db(
    sat_lon_deg: float,
    lat_deg: npt.ArrayLike,
    lon_deg: npt.ArrayLike,
    *,
    peak_gain_dbi: float,
    half_beamwidth_deg: float | None,
    near_in_sidelobe_db: float = -20.0,
    boresight_lat_deg: float | None = None,
    boresight_lon_deg: float | None = None,
) -> FloatArray:
    """A GSO beam's gain towards places relative to its peak (`relative_gain_db`), its
    boresight at the given point, else at the sub-satellite point."""
    off_axis = geometry.satellite_off_axis_deg(
        sat_lon_deg,
        0.0 if boresight_lat_deg is None else boresight_lat_deg,
        sat_lon_deg if boresight_lon_deg is None else boresight_lon_deg,
        lat_deg,
        lon_deg,
    )
    return relative_gain_db(off_axis, peak_gain_dbi=peak_gain_dbi,
                            half_beamwidth_deg=half_beamwidth_deg,
                            near_in_sidelobe_db=near_in_sidelobe_db)  # fmt: skip


def pattern_text(half_beamwidth_deg: float | None, near_in_sidelobe_db: float = -20.0) -> str:
    """How the gain towards each place was taken, for a result or a page."""
    if half_beamwidth_deg is None:
        return "none filed: the peak e.i.r.p. towards every place"
    return f"{PATTERN}, ψb = {half_beamwidth_deg:g}°, L_N = {near_in_sidelobe_db:g} dB"
