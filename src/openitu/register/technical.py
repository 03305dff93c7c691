"""Technical examination of a terrestrial notice against the recorded assignments.

The question of RR No. 11.32A: is there a probability of harmful interference between the
notified assignment (the *candidate*) and the assignments already recorded with earlier
dates, in either direction:

- ``candidate->recorded``: the candidate's transmitter into each recorded receiver;
- ``recorded->candidate``: each recorded transmitter into the candidate's receiver.

Everything is numpy over the columns of `RecordedAssignments` (no Python object per
recorded row), in three steps:

1. **frequency pruning** (a binary search in the frequency-sorted columns, then the exact
   test): a pair is kept when the two necessary bandwidths overlap or are closer than
   ``adjacent_channel_bandwidths`` times the wider one;
2. **distance pruning** (great-circle, vectorised): a pair is kept when the victim receiver
   is within the smallest of (a) the coordination distance limit of the band and service
   (`DistanceLimit`, a setting), (b) ``max_distance_km`` and (c) the *free-space bound*,
   the distance beyond which even free-space propagation, less a margin covering the
   enhancements the models allow below free space (P.452-18 eq. (11) focusing/multipath
   ``Esp = 2.6 (1 - e^(-d/10)) log(p/50)``, P.1546-6 §11 sea enhancement ``2.38 log(50/t)``,
   and 3 dB for the combination of eq. (64)), cannot reach the protection criterion. (c)
   never removes a pair the full computation finds affected (tests/register check it
   against the unpruned computation); (a) and (b) are the policy of how far to look;
3. **evaluation** of the survivors, vectorised with the engine: basic transmission loss
   from Rec. ITU-R P.452-18 (point-to-point fixed links, smooth Earth or a terrain profile
   from a `TerrainSource`) or Rec. ITU-R P.1546-6 (broadcasting and mobile); antenna
   discrimination in the horizontal plane from Rec. ITU-R F.699-8 for directional fixed
   antennas (off-axis angle between the azimuth and the bearing to the other station);
   frequency-dependent rejection by bandwidth overlap (the part of the interfering
   necessary bandwidth falling inside the victim's, Rec. ITU-R SM.337 in its simplest
   rectangular-spectrum form).

The interference is then judged by the victim's protection criterion (`ProtectionCriteria`):
``I/N`` for fixed, mobile and other receivers, and for broadcasting receivers the
interfering field strength plus the protection ratio against the minimum usable field
strength. A pair is *affected* when its margin is negative.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Final, Literal

import numpy as np
import numpy.typing as npt

from openitu.errors import InvalidInput
from openitu.radio.antennas import f699_gain_dbi
from openitu.radio.propagation.p452 import p452_basic_loss, smooth_earth_profile
from openitu.radio.propagation.p1546 import field_strength
from openitu.register.terrain import (
    EARTH_RADIUS_KM,
    TerrainSource,
    land_mask,
    path_points,
    sea_km,
)

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]

BOLTZMANN_DBW_K_HZ: Final = -228.6  # 10 log10(1.380649e-23 J/K)
# E [dB(uV/m)] = e.i.r.p. [dBW] - Lb [dB] + 20 log f [MHz] + 107.15: Rec. ITU-R P.1546-6 §17
# eq. (40) (Lb = 139.3 - E + 20 log f for 1 kW e.r.p. = 32.15 dBW e.i.r.p.).
_FIELD_FROM_LOSS_DB: Final = 139.3 - 32.15
# ΔN and N0 at the path centre (P.452-18 §3.2.1 takes them from digital maps the engine does
# not ship): the reference atmosphere of Rec. ITU-R P.453-14 §1 (N0 = 315, h0 = 7.35 km),
# whose lapse through the first kilometre is 315 (1 - e^(-1/7.35)) = 40 N-units/km.
P452_N0: Final = 315.0
P452_DN: Final = 315.0 * (1.0 - math.exp(-1.0 / 7.35))
# Distance from a station to the coast (P.452-18 dct/dcr) when its path never reaches the
# sea (or sea paths are off): far inland.
P452_COAST_KM: Final = 500.0
# Directional fixed antennas (F.699-8) from this peak gain up; below it, omnidirectional.
DIRECTIONAL_MIN_GAIN_DBI: Final = 10.0

Direction = Literal["candidate->recorded", "recorded->candidate"]
CANDIDATE_TO_RECORDED: Final[Direction] = "candidate->recorded"
RECORDED_TO_CANDIDATE: Final[Direction] = "recorded->candidate"
MODELS: Final = ("auto", "p452", "p1546", "free-space")

FAMILIES: Final = ("fixed", "mobile", "broadcasting", "other")


def service_family(service: str) -> str:
    """The protection family of an RR Article 1 service name.

    ``fixed`` (RR 1.20), ``mobile`` and its land, maritime and aeronautical kinds (RR
    1.24-1.34), ``broadcasting`` (RR 1.38), ``other`` for everything else. Satellite
    services are ``other``: a terrestrial examination does not protect them.
    """
    name = service.strip().lower()
    if "satellite" in name:
        return "other"
    if name == "fixed" or name.startswith("fixed "):
        return "fixed"
    if name.startswith("broadcasting"):
        return "broadcasting"
    if "mobile" in name:
        return "mobile"
    return "other"


# ---------------------------------------------------------------------------------------
# Stations and the recorded columns
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Station:
    """One assignment's technical characteristics (RR Appendix 4 terrestrial items).

    Frequencies [Hz], positions [deg, WGS-84], heights above ground [m], powers [dBW],
    gains [dBi], azimuth [deg clockwise from true north]. ``eirp_dbw`` is the e.i.r.p. in
    the direction of maximum radiation; ``tx_gain_dbi`` the transmitting antenna's peak gain
    (the pattern around it comes from the engine). The receiving station (``rx_*``) is given
    for fixed links; for broadcasting and mobile stations the receiver examined is at the
    transmitter's site, at the criteria's reference receiving height.
    """

    assignment_id: int | None
    administration: str
    service: str
    station_class: str
    frequency_hz: float
    bandwidth_hz: float
    tx_lat_deg: float
    tx_lon_deg: float
    tx_antenna_height_m: float
    eirp_dbw: float
    tx_gain_dbi: float = 0.0
    azimuth_deg: float | None = None
    polarization: str = "v"
    rx_lat_deg: float | None = None
    rx_lon_deg: float | None = None
    rx_antenna_height_m: float | None = None
    rx_gain_dbi: float | None = None
    date_of_receipt: datetime | None = None

    def __post_init__(self) -> None:
        _check_station(self)

    @property
    def sites(self) -> list[tuple[float, float]]:
        """Where it stands (latitude, longitude): the transmitter, and the receiver where
        one is notified."""
        found = [(self.tx_lat_deg, self.tx_lon_deg)]
        if self.rx_lat_deg is not None and self.rx_lon_deg is not None:
            found.append((self.rx_lat_deg, self.rx_lon_deg))
        return found


def station_from_notice(
    notice: Mapping[str, Any],
    *,
    assignment_id: int | None = None,
    date_of_receipt: datetime | None = None,
) -> Station:
    """A `Station` from a notice dict of the machine interface (``register notify``).

    The necessary bandwidth comes from the emission designator (RR Appendix 1); the
    polarization defaults to "v" when the notice gives none. Raises `InvalidInput` naming
    the notice field (``tx.lat_deg``, ``emission`` ...) for a missing or bad value.
    """
    from openitu.radio.emissions import parse_emission

    def optional(where: Mapping[str, Any], key: str, name: str) -> float | None:
        value = where.get(key)
        if value is None or value == "":
            return None
        if isinstance(value, bool):
            raise InvalidInput(name, f"must be a number, got {value!r}")
        try:
            return float(value)
        except (TypeError, ValueError):
            raise InvalidInput(name, f"must be a number, got {value!r}") from None

    def required(where: Mapping[str, Any], key: str, name: str) -> float:
        value = optional(where, key, name)
        if value is None:
            raise InvalidInput(name, "is required")
        return value

    tx = notice.get("tx")
    if not isinstance(tx, Mapping):
        raise InvalidInput("tx", "is required: the transmitting station's data")
    rx = notice.get("rx") or {}
    if not isinstance(rx, Mapping):
        raise InvalidInput("rx", "must be an object with the receiving station's data")
    emission = notice.get("emission")
    if not isinstance(emission, str) or not emission.strip():
        raise InvalidInput("emission", "is required (an RR Appendix 1 designator, e.g. 30M0D7W)")
    try:
        bandwidth = parse_emission(emission).necessary_bandwidth_hz
    except InvalidInput as error:
        raise InvalidInput("emission", error.reason) from None
    polarization = tx.get("polarization") or "v"
    return Station(
        assignment_id=assignment_id,
        administration=str(notice.get("administration", "")).strip().upper(),
        service=str(notice.get("service", "")),
        station_class=str(notice.get("station_class", "")),
        frequency_hz=required(notice, "frequency_hz", "frequency_hz"),
        bandwidth_hz=bandwidth,
        tx_lat_deg=required(tx, "lat_deg", "tx.lat_deg"),
        tx_lon_deg=required(tx, "lon_deg", "tx.lon_deg"),
        tx_antenna_height_m=required(tx, "antenna_height_m", "tx.antenna_height_m"),
        eirp_dbw=required(tx, "eirp_dbw", "tx.eirp_dbw"),
        tx_gain_dbi=optional(tx, "gain_dbi", "tx.gain_dbi") or 0.0,
        azimuth_deg=optional(tx, "azimuth_deg", "tx.azimuth_deg"),
        polarization=str(polarization),
        rx_lat_deg=optional(rx, "lat_deg", "rx.lat_deg"),
        rx_lon_deg=optional(rx, "lon_deg", "rx.lon_deg"),
        rx_antenna_height_m=optional(rx, "antenna_height_m", "rx.antenna_height_m"),
        rx_gain_dbi=optional(rx, "gain_dbi", "rx.gain_dbi"),
        date_of_receipt=date_of_receipt,
    )


def _check_station(s: Station) -> None:
    checks: tuple[tuple[str, float | None, float, float, bool], ...] = (
        ("frequency_hz", s.frequency_hz, 0.0, 3.0e12, False),
        ("bandwidth_hz", s.bandwidth_hz, 0.0, 1.0e11, False),
        ("tx.lat_deg", s.tx_lat_deg, -90.0, 90.0, True),
        ("tx.lon_deg", s.tx_lon_deg, -180.0, 360.0, True),
        ("tx.antenna_height_m", s.tx_antenna_height_m, 0.0, 10_000.0, False),
        ("tx.eirp_dbw", s.eirp_dbw, -200.0, 200.0, True),
        ("tx.gain_dbi", s.tx_gain_dbi, -50.0, 80.0, True),
        ("tx.azimuth_deg", s.azimuth_deg, 0.0, 360.0, True),
        ("rx.lat_deg", s.rx_lat_deg, -90.0, 90.0, True),
        ("rx.lon_deg", s.rx_lon_deg, -180.0, 360.0, True),
        ("rx.antenna_height_m", s.rx_antenna_height_m, 0.0, 10_000.0, False),
        ("rx.gain_dbi", s.rx_gain_dbi, -50.0, 80.0, True),
    )
    for name, value, low, high, low_inclusive in checks:
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise InvalidInput(name, f"must be a number, got {value!r}")
        if not math.isfinite(value):
            raise InvalidInput(name, "must be a finite number")
        below = value < low if low_inclusive else value <= low
        if below or value > high:
            sign = ">=" if low_inclusive else ">"
            raise InvalidInput(name, f"must be {sign} {low:g} and <= {high:g}, got {value:g}")
    if (s.rx_lat_deg is None) != (s.rx_lon_deg is None):
        raise InvalidInput("rx.lat_deg", "give both the receiver's latitude and longitude")
    if len(s.administration.strip()) != 2:
        raise InvalidInput("administration", "must be an ISO 3166-1 alpha-2 code")


def _category(
    values: Sequence[str], field_name: str
) -> tuple[npt.NDArray[np.int16], tuple[str, ...]]:
    labels = tuple(sorted(set(values)))
    if len(labels) > np.iinfo(np.int16).max:
        raise InvalidInput(field_name, "too many distinct values")
    index = {label: i for i, label in enumerate(labels)}
    return np.fromiter((index[v] for v in values), dtype=np.int16, count=len(values)), labels


def _nan_if_none(values: Sequence[float | None]) -> FloatArray:
    return np.asarray([np.nan if v is None else float(v) for v in values], dtype=np.float64)


_NAT: Final = np.datetime64("NaT", "us")


def _datetime64(value: datetime | None) -> np.datetime64:
    if value is None:
        return _NAT
    if value.tzinfo is not None:
        value = value.astimezone(UTC).replace(tzinfo=None)
    return np.datetime64(value, "us")


@dataclass(frozen=True, eq=False)
class RecordedAssignments:
    """The recorded assignments as columns (one array per `Station` field).

    Floats are float64 with NaN for a missing value (azimuth, receiver); ``assignment_id``
    int64 (-1 when absent); ``date_of_receipt`` datetime64[us] (NaT when absent); the string
    fields are small integer codes into a tuple of labels (``administration_code`` into
    ``administrations`` and so on), so that a million rows hold no Python objects.

    Build it with `from_stations` or `from_arrays`; the rows are kept sorted by frequency
    (``by_frequency`` is the permutation) so that a candidate's frequency window is a
    binary search.
    """

    assignment_id: IntArray
    administration_code: npt.NDArray[np.int16]
    administrations: tuple[str, ...]
    service_code: npt.NDArray[np.int16]
    services: tuple[str, ...]
    station_class_code: npt.NDArray[np.int16]
    station_classes: tuple[str, ...]
    frequency_hz: FloatArray
    bandwidth_hz: FloatArray
    tx_lat_deg: FloatArray
    tx_lon_deg: FloatArray
    tx_antenna_height_m: FloatArray
    eirp_dbw: FloatArray
    tx_gain_dbi: FloatArray
    azimuth_deg: FloatArray
    polarization_code: npt.NDArray[np.int16]
    polarizations: tuple[str, ...]
    rx_lat_deg: FloatArray
    rx_lon_deg: FloatArray
    rx_antenna_height_m: FloatArray
    rx_gain_dbi: FloatArray
    date_of_receipt: npt.NDArray[np.datetime64]
    by_frequency: IntArray = field(init=False, repr=False)
    sorted_frequency_hz: FloatArray = field(init=False, repr=False)
    max_bandwidth_hz: float = field(init=False, repr=False)
    family_code: npt.NDArray[np.int8] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        n = self.frequency_hz.shape[0]
        for name in (
            "assignment_id", "administration_code", "service_code", "station_class_code",
            "bandwidth_hz", "tx_lat_deg", "tx_lon_deg", "tx_antenna_height_m", "eirp_dbw",
            "tx_gain_dbi", "azimuth_deg", "polarization_code", "rx_lat_deg", "rx_lon_deg",
            "rx_antenna_height_m", "rx_gain_dbi", "date_of_receipt",
        ):  # fmt: skip
            if getattr(self, name).shape != (n,):
                raise InvalidInput(name, f"must be a column of {n} values")
        if n and (not np.all(self.frequency_hz > 0) or not np.all(self.bandwidth_hz > 0)):
            raise InvalidInput("frequency_hz", "frequencies and bandwidths must be > 0")
        order = np.argsort(self.frequency_hz, kind="stable").astype(np.int64)
        object.__setattr__(self, "by_frequency", order)
        object.__setattr__(self, "sorted_frequency_hz", self.frequency_hz[order])
        object.__setattr__(self, "max_bandwidth_hz", float(self.bandwidth_hz.max()) if n else 0.0)
        families = np.asarray(
            [FAMILIES.index(service_family(s)) for s in self.services], dtype=np.int8
        )
        codes = families[self.service_code] if n else np.zeros(0, dtype=np.int8)
        object.__setattr__(self, "family_code", codes)

    def __len__(self) -> int:
        return int(self.frequency_hz.shape[0])

    @classmethod
    def from_stations(cls, stations: Sequence[Station]) -> RecordedAssignments:
        """Columns from `Station` objects (the store's rows, a test's handful)."""
        admin, admins = _category([s.administration.upper() for s in stations], "administration")
        service, services = _category([s.service for s in stations], "service")
        klass, classes = _category([s.station_class for s in stations], "station_class")
        pol, pols = _category([s.polarization.lower() for s in stations], "polarization")

        def col(name: str) -> FloatArray:
            return _nan_if_none([getattr(s, name) for s in stations])

        return cls(
            assignment_id=np.asarray(
                [-1 if s.assignment_id is None else s.assignment_id for s in stations],
                dtype=np.int64,
            ),
            administration_code=admin,
            administrations=admins,
            service_code=service,
            services=services,
            station_class_code=klass,
            station_classes=classes,
            frequency_hz=col("frequency_hz"),
            bandwidth_hz=col("bandwidth_hz"),
            tx_lat_deg=col("tx_lat_deg"),
            tx_lon_deg=col("tx_lon_deg"),
            tx_antenna_height_m=col("tx_antenna_height_m"),
            eirp_dbw=col("eirp_dbw"),
            tx_gain_dbi=col("tx_gain_dbi"),
            azimuth_deg=col("azimuth_deg"),
            polarization_code=pol,
            polarizations=pols,
            rx_lat_deg=col("rx_lat_deg"),
            rx_lon_deg=col("rx_lon_deg"),
            rx_antenna_height_m=col("rx_antenna_height_m"),
            rx_gain_dbi=col("rx_gain_dbi"),
            date_of_receipt=np.asarray(
                [_datetime64(s.date_of_receipt) for s in stations], dtype="datetime64[us]"
            ),
        )

    @classmethod
    def from_arrays(
        cls,
        *,
        assignment_id: npt.ArrayLike,
        administration_code: npt.ArrayLike,
        administrations: Sequence[str],
        service_code: npt.ArrayLike,
        services: Sequence[str],
        frequency_hz: npt.ArrayLike,
        bandwidth_hz: npt.ArrayLike,
        tx_lat_deg: npt.ArrayLike,
        tx_lon_deg: npt.ArrayLike,
        tx_antenna_height_m: npt.ArrayLike,
        eirp_dbw: npt.ArrayLike,
        tx_gain_dbi: npt.ArrayLike = 0.0,
        azimuth_deg: npt.ArrayLike = np.nan,
        station_class_code: npt.ArrayLike = 0,
        station_classes: Sequence[str] = ("",),
        polarization_code: npt.ArrayLike = 0,
        polarizations: Sequence[str] = ("v",),
        rx_lat_deg: npt.ArrayLike = np.nan,
        rx_lon_deg: npt.ArrayLike = np.nan,
        rx_antenna_height_m: npt.ArrayLike = np.nan,
        rx_gain_dbi: npt.ArrayLike = np.nan,
        date_of_receipt: npt.ArrayLike = _NAT,
    ) -> RecordedAssignments:
        """Columns from arrays (scalars broadcast to the length of ``frequency_hz``)."""
        freq = np.asarray(frequency_hz, dtype=np.float64).reshape(-1)
        n = freq.shape[0]

        def floats(value: npt.ArrayLike) -> FloatArray:
            return np.ascontiguousarray(np.broadcast_to(np.asarray(value, dtype=np.float64), (n,)))

        def codes(value: npt.ArrayLike, labels: Sequence[str], name: str) -> npt.NDArray[np.int16]:
            array = np.broadcast_to(np.asarray(value, dtype=np.int16), (n,)).copy()
            if n and (array.min() < 0 or array.max() >= len(labels)):
                raise InvalidInput(name, f"codes must index the {len(labels)} labels")
            return array

        return cls(
            assignment_id=np.broadcast_to(np.asarray(assignment_id, dtype=np.int64), (n,)).copy(),
            administration_code=codes(administration_code, administrations, "administration_code"),
            administrations=tuple(administrations),
            service_code=codes(service_code, services, "service_code"),
            services=tuple(services),
            station_class_code=codes(station_class_code, station_classes, "station_class_code"),
            station_classes=tuple(station_classes),
            frequency_hz=freq.copy(),
            bandwidth_hz=floats(bandwidth_hz),
            tx_lat_deg=floats(tx_lat_deg),
            tx_lon_deg=floats(tx_lon_deg),
            tx_antenna_height_m=floats(tx_antenna_height_m),
            eirp_dbw=floats(eirp_dbw),
            tx_gain_dbi=floats(tx_gain_dbi),
            azimuth_deg=floats(azimuth_deg),
            polarization_code=codes(polarization_code, polarizations, "polarization_code"),
            polarizations=tuple(polarizations),
            rx_lat_deg=floats(rx_lat_deg),
            rx_lon_deg=floats(rx_lon_deg),
            rx_antenna_height_m=floats(rx_antenna_height_m),
            rx_gain_dbi=floats(rx_gain_dbi),
            date_of_receipt=np.broadcast_to(
                np.asarray(date_of_receipt, dtype="datetime64[us]"), (n,)
            ).copy(),
        )

    def station(self, row: int) -> Station:
        """Row ``row`` (in the order given) as a `Station`."""

        def opt(array: FloatArray) -> float | None:
            value = float(array[row])
            return None if math.isnan(value) else value

        date = self.date_of_receipt[row]
        return Station(
            assignment_id=None if self.assignment_id[row] < 0 else int(self.assignment_id[row]),
            administration=self.administrations[self.administration_code[row]],
            service=self.services[self.service_code[row]],
            station_class=self.station_classes[self.station_class_code[row]],
            frequency_hz=float(self.frequency_hz[row]),
            bandwidth_hz=float(self.bandwidth_hz[row]),
            tx_lat_deg=float(self.tx_lat_deg[row]),
            tx_lon_deg=float(self.tx_lon_deg[row]),
            tx_antenna_height_m=float(self.tx_antenna_height_m[row]),
            eirp_dbw=float(self.eirp_dbw[row]),
            tx_gain_dbi=float(self.tx_gain_dbi[row]),
            azimuth_deg=opt(self.azimuth_deg),
            polarization=self.polarizations[self.polarization_code[row]],
            rx_lat_deg=opt(self.rx_lat_deg),
            rx_lon_deg=opt(self.rx_lon_deg),
            rx_antenna_height_m=opt(self.rx_antenna_height_m),
            rx_gain_dbi=opt(self.rx_gain_dbi),
            date_of_receipt=None
            if np.isnat(date)
            else datetime.fromisoformat(str(date.astype("datetime64[us]"))).replace(tzinfo=UTC),
        )


# ---------------------------------------------------------------------------------------
# Protection criteria (settings)
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BandValue:
    """A value that applies from ``low_hz`` (inclusive) to ``high_hz`` (exclusive)."""

    low_hz: float
    high_hz: float
    value: float
    source: str


@dataclass(frozen=True)
class DistanceLimit:
    """How far (great circle) to look for victims of a service family in a band [km]."""

    low_hz: float
    high_hz: float
    family: str
    distance_km: float
    source: str


def lookup_setting(table: Sequence[BandValue], f_hz: FloatArray, default: float) -> FloatArray:
    out = np.full(f_hz.shape, default, dtype=np.float64)
    for row in reversed(table):  # the first matching row wins
        out = np.where((f_hz >= row.low_hz) & (f_hz < row.high_hz), row.value, out)
    return out


_SETTING: Final = "setting of OpenITU (not a figure of an ITU text)"


@dataclass(frozen=True)
class ProtectionCriteria:
    """Protection criteria of the technical examination, per service family (all settings).

    I/N criteria [dB] of fixed, mobile and other receivers:

    - ``in_fixed_db`` -10: the long-term interference criterion I/N = -10 dB of
      Rec. ITU-R F.758 (Annex 1 §4.1, long-term interference from services sharing on a
      co-primary basis), the usual criterion of sharing studies with the fixed service;
    - ``in_mobile_db`` -6: the I/N of -6 dB commonly used for land mobile and IMT receivers
      in ITU-R sharing and compatibility studies (a setting);
    - ``in_other_db`` -6: a setting for services without a stated criterion.

    Noise: N = k T0 B + NF with T0 = ``noise_temperature_k`` (290 K, the reference
    temperature of Rec. ITU-R P.372 and the definition of the noise figure) and the
    receiver noise figure per family [dB] (``noise_figure_fixed_db`` 5, ``noise_figure_mobile_db``
    5, ``noise_figure_other_db`` 7: of the order of the typical receiver noise figures in
    Rec. ITU-R F.758's Annex 2 tables and of IMT base stations; settings).

    Broadcasting receivers: the interfering field strength plus the protection ratio must
    stay below the minimum usable field strength (margin = Emin - (Ei + PR)):

    - ``broadcasting_min_field``: FM sound (87.5-108 MHz) 54 dB(uV/m), Rec. ITU-R BS.412-9
      (stereophonic reception, rural areas); television 174-230 MHz 50 and 470-862 MHz 56
      dB(uV/m), the minimum median field strengths of the GE06 Agreement (Annex 2, Chapter 3,
      reference planning configuration RPC 1, fixed reception, at 200 and 650 MHz); other
      bands a setting;
    - ``broadcasting_protection_ratio``: FM 37 dB (BS.412-9 co-channel, stereophonic,
      tropospheric interference), DVB-T 20 dB (the C/N order of 64-QAM rate 2/3 in
      Rec. ITU-R BT.1368 co-channel tables; a setting), other bands a setting;
    - ``broadcasting_rx_height_m`` 10: the receiving height of P.1546-6 and GE06.

    Spectrum: ``adjacent_channel_bandwidths`` 1.0 keeps pairs up to one (wider) bandwidth
    apart, i.e. the first adjacent channel; where the spectra do not overlap, the
    ``adjacent_channel_rejection_db`` 30 dB applies (a setting: take it from the equipment's
    ACLR and ACS).

    ``distance_limits``: how far to look for victims, per band and family (settings,
    not coordination distances of an ITU text): the largest distance the engine's models
    cover (P.1546-6 1,000 km) for broadcasting, 500 km for the other services below 10 GHz,
    200 km from 10 GHz (rain and gaseous absorption make longer interference paths
    implausible), 100 km above 40 GHz.
    """

    in_fixed_db: float = -10.0
    in_mobile_db: float = -6.0
    in_other_db: float = -6.0
    noise_temperature_k: float = 290.0
    noise_figure_fixed_db: float = 5.0
    noise_figure_mobile_db: float = 5.0
    noise_figure_other_db: float = 7.0
    broadcasting_min_field: tuple[BandValue, ...] = (
        BandValue(87.5e6, 108e6, 54.0, "Rec. ITU-R BS.412-9, stereophonic, rural"),
        BandValue(174e6, 230e6, 50.0, "GE06 Annex 2 Ch. 3, RPC 1 (fixed reception) at 200 MHz"),
        BandValue(470e6, 862e6, 56.0, "GE06 Annex 2 Ch. 3, RPC 1 (fixed reception) at 650 MHz"),
    )
    broadcasting_min_field_default_dbuv_m: float = 56.0
    broadcasting_protection_ratio: tuple[BandValue, ...] = (
        BandValue(87.5e6, 108e6, 37.0, "Rec. ITU-R BS.412-9, co-channel, stereo, tropospheric"),
        BandValue(174e6, 862e6, 20.0, _SETTING + "; order of BT.1368 DVB-T co-channel"),
    )
    broadcasting_protection_ratio_default_db: float = 20.0
    broadcasting_rx_height_m: float = 10.0
    adjacent_channel_bandwidths: float = 1.0
    adjacent_channel_rejection_db: float = 30.0
    distance_limits: tuple[DistanceLimit, ...] = (
        DistanceLimit(0.0, 3.0e12, "broadcasting", 1000.0, _SETTING + "; P.1546-6 range"),
        DistanceLimit(0.0, 10e9, "fixed", 500.0, _SETTING),
        DistanceLimit(0.0, 10e9, "mobile", 500.0, _SETTING),
        DistanceLimit(0.0, 10e9, "other", 500.0, _SETTING),
        DistanceLimit(10e9, 40e9, "*", 200.0, _SETTING),
        DistanceLimit(40e9, 3.0e12, "*", 100.0, _SETTING),
    )

    def in_db(self, family: str) -> float:
        """The I/N criterion [dB] of a family's receivers."""
        return {"fixed": self.in_fixed_db, "mobile": self.in_mobile_db}.get(
            family, self.in_other_db
        )

    def noise_figure_db(self, family: str) -> float:
        """The receiver noise figure [dB] of a family."""
        return {"fixed": self.noise_figure_fixed_db, "mobile": self.noise_figure_mobile_db}.get(
            family, self.noise_figure_other_db
        )

    def distance_limit_km(self, f_hz: FloatArray, family_code: npt.NDArray[np.int8]) -> FloatArray:
        """The look-up distance [km] per victim (frequency and family)."""
        out = np.full(f_hz.shape, np.inf)
        for row in reversed(self.distance_limits):
            band = (f_hz >= row.low_hz) & (f_hz < row.high_hz)
            if row.family != "*":
                band &= family_code == FAMILIES.index(row.family)
            out = np.where(band, row.distance_km, out)
        return out

    def farthest_look_km(self, low_hz: float, high_hz: float) -> float:
        """The farthest [km] any victim with a frequency in [low, high] is looked for,
        whatever its family: a bound for reading only the nearby part of a register.
        Infinite where a family has no limit somewhere in the band."""
        covered: set[str] = set()
        farthest = 0.0
        for row in self.distance_limits:
            if row.low_hz <= low_hz and row.high_hz > high_hz:
                covered.update(FAMILIES if row.family == "*" else (row.family,))
            if row.low_hz <= high_hz and row.high_hz > low_hz:
                farthest = max(farthest, row.distance_km)
        return farthest if covered >= set(FAMILIES) else math.inf


DEFAULT_CRITERIA: Final = ProtectionCriteria()


# ---------------------------------------------------------------------------------------
# Results
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Affected:
    """One recorded assignment with a negative margin, in one direction.

    ``margin_db`` < 0 by how much the criterion is exceeded; ``interference_dbw`` the
    interfering power at the victim receiver's input (in its bandwidth, after antenna
    discrimination and frequency-dependent rejection), ``field_strength_dbuv_m`` the
    interfering field strength at the victim receiver (before its antenna);
    ``criterion`` "I/N" or "field strength"; ``model`` the propagation model used.
    """

    assignment_id: int | None
    administration: str
    frequency_hz: float
    margin_db: float
    direction: Direction
    distance_km: float
    interference_dbw: float
    field_strength_dbuv_m: float
    criterion: str
    model: str


@dataclass(frozen=True)
class TechnicalResult:
    """The outcome of `find_affected`.

    ``total`` recorded assignments examinable (earlier dates); ``considered`` those left
    after pruning in at least one direction; ``pruning_ratio`` = 1 - considered / total
    (the share never propagated); ``pairs_evaluated`` the propagation paths computed.
    """

    affected: list[Affected]
    considered: int
    total: int
    pairs_evaluated: int
    model: str
    p_percent: float | None

    @property
    def pruning_ratio(self) -> float:
        return 1.0 - self.considered / self.total if self.total else 1.0


# ---------------------------------------------------------------------------------------
# Geometry
# ---------------------------------------------------------------------------------------


def great_circle_km(
    lat1_deg: npt.ArrayLike,
    lon1_deg: npt.ArrayLike,
    lat2_deg: npt.ArrayLike,
    lon2_deg: npt.ArrayLike,
) -> FloatArray:
    """Great-circle distance [km] on the mean sphere (haversine), vectorised."""
    p1, p2 = np.radians(lat1_deg), np.radians(lat2_deg)
    dl = np.radians(np.asarray(lon2_deg) - np.asarray(lon1_deg))
    a = np.sin((p2 - p1) / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return np.asarray(2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0))))


def bearing_deg(
    lat1_deg: npt.ArrayLike,
    lon1_deg: npt.ArrayLike,
    lat2_deg: npt.ArrayLike,
    lon2_deg: npt.ArrayLike,
) -> FloatArray:
    """Initial great-circle bearing [deg clockwise from north, 0-360) from 1 towards 2."""
    p1, p2 = np.radians(lat1_deg), np.radians(lat2_deg)
    dl = np.radians(np.asarray(lon2_deg) - np.asarray(lon1_deg))
    y = np.sin(dl) * np.cos(p2)
    x = np.cos(p1) * np.sin(p2) - np.sin(p1) * np.cos(p2) * np.cos(dl)
    return np.asarray(np.degrees(np.arctan2(y, x)) % 360.0)


def off_axis_deg(pointing_deg: npt.ArrayLike, towards_deg: npt.ArrayLike) -> FloatArray:
    """Horizontal angle [0, 180] between an antenna's azimuth and a direction."""
    diff = np.abs((np.asarray(towards_deg) - np.asarray(pointing_deg) + 180.0) % 360.0 - 180.0)
    return np.asarray(diff)


def antenna_gain_towards_dbi(
    peak_dbi: FloatArray, pointing_deg: FloatArray, towards_deg: FloatArray, f_hz: FloatArray
) -> FloatArray:
    """Gain [dBi] in the horizontal direction ``towards_deg``.

    A directional fixed antenna (azimuth known, peak gain >= `DIRECTIONAL_MIN_GAIN_DBI`,
    100 MHz-86 GHz) follows the Rec. ITU-R F.699-8 envelope with D/λ from its peak gain;
    any other antenna radiates its peak gain in every direction (the worst case).
    """
    peak, point, towards, f = np.broadcast_arrays(peak_dbi, pointing_deg, towards_deg, f_hz)
    gain = np.array(peak, dtype=np.float64)
    f_mhz = f / 1e6
    directional = (
        np.isfinite(point)
        & (peak >= DIRECTIONAL_MIN_GAIN_DBI)
        & (f_mhz >= 100.0)
        & (f_mhz <= 86_000.0)
    )
    if np.any(directional):
        phi = off_axis_deg(point[directional], towards[directional])
        gain[directional] = f699_gain_dbi(phi, f_mhz[directional], gmax_dbi=peak[directional])
    return gain


# ---------------------------------------------------------------------------------------
# Propagation of the survivors
# ---------------------------------------------------------------------------------------


def choose_model(model: str, f_hz: FloatArray, point_to_point: BoolArray) -> npt.NDArray[np.str_]:
    """Per path: "p452", "p1546" or "free-space" (outside both models' ranges)."""
    if model not in MODELS:
        raise InvalidInput("model", f"must be one of {', '.join(MODELS)}, got {model!r}")
    f_mhz = f_hz / 1e6
    in452 = (f_mhz >= 100.0) & (f_mhz <= 50_000.0)
    in1546 = (f_mhz >= 30.0) & (f_mhz <= 4000.0)
    if model == "p452":
        chosen = np.where(in452, "p452", "free-space")
    elif model == "p1546":
        chosen = np.where(in1546, "p1546", "free-space")
    elif model == "free-space":
        chosen = np.full(f_hz.shape, "free-space")
    else:
        chosen = np.where(
            point_to_point & in452,
            "p452",
            np.where(in1546, "p1546", np.where(in452, "p452", "free-space")),
        )
    return np.asarray(chosen)


def free_space_loss_db(f_hz: npt.ArrayLike, d_km: npt.ArrayLike) -> FloatArray:
    """Rec. ITU-R P.525-4 eq. (6): 32.45 + 20 log f [MHz] + 20 log d [km]."""
    f_mhz = np.asarray(f_hz, dtype=np.float64) / 1e6
    d = np.maximum(np.asarray(d_km, dtype=np.float64), 1e-3)
    return np.asarray(32.45 + 20 * np.log10(f_mhz) + 20 * np.log10(d))


# Time percentages when none is given: each model's at its criterion's reference.
# P.452 paths serve the I/N criteria, long-term ones (F.758's -10 dB is a long-term
# criterion): 20 % of time; P.1546 fields the broadcasting planning practice for
# interfering fields (GE06, P.1546 curves): 1 % of time.
P452_DEFAULT_P_PERCENT: Final = 20.0
P1546_DEFAULT_T_PERCENT: Final = 1.0


def _lowest_p(p_percent: float | None) -> float:
    """The time percentage that gives the models their lowest losses."""
    if p_percent is not None:
        return p_percent
    return min(P452_DEFAULT_P_PERCENT, P1546_DEFAULT_T_PERCENT)


def model_margin_db(p_percent: float) -> float:
    """How far below free space the models' losses can go at p % [dB] (see module doc)."""
    return max(2.6, 2.38) * math.log10(50.0 / p_percent) + 3.0


def _profile_batch(
    terrain: TerrainSource,
    lat1: FloatArray,
    lon1: FloatArray,
    lat2: FloatArray,
    lon2: FloatArray,
    step_km: FloatArray,
) -> tuple[FloatArray, FloatArray, IntArray]:
    profiles = [
        terrain.profile(
            float(lat1[i]),
            float(lon1[i]),
            float(lat2[i]),
            float(lon2[i]),
            step_km=float(step_km[i]),
        )
        for i in range(lat1.shape[0])
    ]
    width = max(max(len(d) for d, _ in profiles), 4)
    d_km = np.empty((len(profiles), width))
    h_m = np.empty((len(profiles), width))
    counts = np.empty(len(profiles), dtype=np.int64)
    for i, (d, h) in enumerate(profiles):
        n = len(d)
        counts[i] = n
        d_km[i, :n], h_m[i, :n] = d, h
        d_km[i, n:], h_m[i, n:] = d[-1], h[-1]
    return d_km, h_m, counts


def p452_zones(
    d_km: FloatArray,
    n_points: IntArray,
    tx_lat: FloatArray,
    tx_lon: FloatArray,
    rx_lat: FloatArray,
    rx_lon: FloatArray,
) -> tuple[npt.NDArray[np.intp], FloatArray, FloatArray]:
    """P.452-18 zones of the profile points (A2 inland over land, B over sea, from the
    country polygons) and the distances over land from each end to the coast (dct, dcr;
    `P452_COAST_KM` when the path never reaches the sea). The stations themselves are
    land stations: their own points count as land whatever the coarse polygons say."""
    rows = np.arange(d_km.shape[0])
    last = n_points.astype(np.intp) - 1
    total = d_km[rows, last]
    frac = np.clip(d_km / np.where(total > 0, total, 1.0)[:, None], 0.0, 1.0)
    lat, lon = path_points(tx_lat, tx_lon, rx_lat, rx_lon, frac)
    index = np.arange(d_km.shape[1])[None, :]
    real = index <= last[:, None]
    sea = ~land_mask.lookup(lat, lon) & real & (index > 0) & (index < last[:, None])
    zone = np.where(sea, 3, 2).astype(np.intp)
    any_sea = sea.any(axis=1)
    first = np.argmax(sea, axis=1)
    final = d_km.shape[1] - 1 - np.argmax(sea[:, ::-1], axis=1)
    dct = np.where(any_sea, d_km[rows, first], P452_COAST_KM)
    dcr = np.where(any_sea, total - d_km[rows, final], P452_COAST_KM)
    return zone, np.asarray(dct), np.asarray(dcr)


# Most points per P.452 profile: the horizon analysis needs points, not a 250 m grid over
# hundreds of kilometres (a smooth-Earth profile has its horizons where geometry says).
P452_MAX_POINTS: Final = 101
P452_MIN_STEP_KM: Final = 0.25


def basic_loss_db(
    chosen: npt.NDArray[np.str_],
    *,
    f_hz: FloatArray,
    d_km: FloatArray,
    p_percent: float | None,
    tx_lat: FloatArray,
    tx_lon: FloatArray,
    tx_height_m: FloatArray,
    rx_lat: FloatArray,
    rx_lon: FloatArray,
    rx_height_m: FloatArray,
    tx_gain_dbi: FloatArray,
    rx_gain_dbi: FloatArray,
    vertical: BoolArray,
    terrain: TerrainSource | None,
    sea_paths: bool = True,
) -> FloatArray:
    """Basic transmission loss [dB] of each path by its chosen model (vectorised per model).

    Unless ``sea_paths`` is False, the sea comes from the country polygons: P.1546 paths
    are mixed land/sea paths (§8, cold sea) with their sea part from `terrain.sea_km`;
    P.452 profile points over sea are zone B and the rest inland A2 (coastal land A1 is
    not told apart), with dct/dcr the distances over land to the first sea point.
    """
    loss = free_space_loss_db(f_hz, d_km)
    d = np.maximum(d_km, 0.01)  # co-sited stations: the models need a path
    sel = np.flatnonzero(chosen == "p452")
    if sel.size:
        step = np.maximum(d[sel] / (P452_MAX_POINTS - 1), P452_MIN_STEP_KM)
        if terrain is None:
            prof = smooth_earth_profile(d[sel], n_points=P452_MAX_POINTS)
            pd, ph, pz, pn = prof.d_km, prof.h_m, prof.zone, prof.n_points
        else:
            pd, ph, pn = _profile_batch(
                terrain, tx_lat[sel], tx_lon[sel], rx_lat[sel], rx_lon[sel], step
            )
            pz = np.full(pd.shape, 2, dtype=np.intp)
        dct = np.full(sel.size, P452_COAST_KM)
        dcr = np.full(sel.size, P452_COAST_KM)
        if sea_paths:
            pz, dct, dcr = p452_zones(
                pd, np.asarray(pn), tx_lat[sel], tx_lon[sel], rx_lat[sel], rx_lon[sel]
            )
        result = p452_basic_loss(
            f_hz[sel] / 1e9,
            P452_DEFAULT_P_PERCENT if p_percent is None else p_percent,
            pd,
            ph,
            zone=pz,
            htg_m=tx_height_m[sel],
            hrg_m=rx_height_m[sel],
            phit_e=tx_lon[sel],
            phit_n=tx_lat[sel],
            phir_e=rx_lon[sel],
            phir_n=rx_lat[sel],
            dct_km=dct,
            dcr_km=dcr,
            dn=P452_DN,
            n0=P452_N0,
            gt_dbi=tx_gain_dbi[sel],
            gr_dbi=rx_gain_dbi[sel],
            pol=np.where(vertical[sel], "v", "h"),
            n_points=pn,
        )
        loss[sel] = result.lb_db
    sel = np.flatnonzero(chosen == "p1546")
    if sel.size:
        p = P1546_DEFAULT_T_PERCENT if p_percent is None else p_percent
        t = min(max(p, 1.0), 50.0)  # P.1546-6 §7: 1 % to 50 % of time
        d1546 = np.minimum(d[sel], 1000.0)
        d_sea = (
            np.minimum(sea_km(tx_lat[sel], tx_lon[sel], rx_lat[sel], rx_lon[sel], d1546), d1546)
            if sea_paths
            else 0.0
        )
        result1546 = field_strength(
            f_hz[sel] / 1e6,
            t,
            d1546,
            np.minimum(tx_height_m[sel], 3000.0),
            np.maximum(rx_height_m[sel], 1.0),
            d_sea_km=d_sea,
        )
        loss[sel] = result1546.lb_db
    return loss


# ---------------------------------------------------------------------------------------
# The examination
# ---------------------------------------------------------------------------------------


def _overlap_rejection_db(
    f_int: FloatArray,
    b_int: FloatArray,
    f_vic: FloatArray,
    b_vic: FloatArray,
    criteria: ProtectionCriteria,
) -> FloatArray:
    """Frequency-dependent rejection [dB]: -10 log(overlap / interfering bandwidth).

    Rectangular spectra: the share of the interferer's power inside the victim's
    necessary bandwidth; no overlap but within ``adjacent_channel_bandwidths`` gives the
    adjacent-channel rejection; farther apart, infinite (no interference considered).
    """
    low = np.maximum(f_int - b_int / 2, f_vic - b_vic / 2)
    high = np.minimum(f_int + b_int / 2, f_vic + b_vic / 2)
    overlap = np.maximum(high - low, 0.0)
    gap = np.abs(f_int - f_vic) - (b_int + b_vic) / 2
    adjacent = gap < criteria.adjacent_channel_bandwidths * np.maximum(b_int, b_vic)
    with np.errstate(divide="ignore"):
        fdr = -10 * np.log10(overlap / b_int)
    far = np.where(adjacent, criteria.adjacent_channel_rejection_db, np.inf)
    return np.asarray(np.where(overlap > 0, fdr, far))


@dataclass(frozen=True)
class _Side:
    """One direction's per-pair arrays (interferer -> victim)."""

    rows: IntArray
    f_int: FloatArray
    b_int: FloatArray
    eirp: FloatArray
    tx_peak: FloatArray
    tx_azimuth: FloatArray
    tx_lat: FloatArray
    tx_lon: FloatArray
    tx_h: FloatArray
    f_vic: FloatArray
    b_vic: FloatArray
    vic_family: npt.NDArray[np.int8]
    rx_lat: FloatArray
    rx_lon: FloatArray
    rx_h: FloatArray
    rx_peak: FloatArray
    rx_azimuth: FloatArray
    vertical: BoolArray
    point_to_point: BoolArray


def _victim_threshold(
    side: _Side, criteria: ProtectionCriteria
) -> tuple[FloatArray, FloatArray, BoolArray]:
    """Per pair: the noise N [dBW], the I/N or (Emin - PR) threshold, and broadcasting."""
    fam = side.vic_family
    broadcasting = fam == FAMILIES.index("broadcasting")
    nf = np.select(
        [fam == FAMILIES.index("fixed"), fam == FAMILIES.index("mobile")],
        [criteria.noise_figure_fixed_db, criteria.noise_figure_mobile_db],
        criteria.noise_figure_other_db,
    )
    in_db = np.select(
        [fam == FAMILIES.index("fixed"), fam == FAMILIES.index("mobile")],
        [criteria.in_fixed_db, criteria.in_mobile_db],
        criteria.in_other_db,
    )
    noise = BOLTZMANN_DBW_K_HZ + 10 * math.log10(criteria.noise_temperature_k) + nf
    noise = noise + 10 * np.log10(side.b_vic)
    emin = lookup_setting(
        criteria.broadcasting_min_field, side.f_vic, criteria.broadcasting_min_field_default_dbuv_m
    )
    pr = lookup_setting(
        criteria.broadcasting_protection_ratio,
        side.f_vic,
        criteria.broadcasting_protection_ratio_default_db,
    )
    threshold = np.where(broadcasting, emin - pr, in_db)
    return np.asarray(noise), np.asarray(threshold), broadcasting


def _prune_distance(
    side: _Side,
    d_km: FloatArray,
    criteria: ProtectionCriteria,
    p_percent: float | None,
    cap_km: float,
) -> BoolArray:
    """Pairs within the look-up distance and within the free-space bound."""
    limit = np.minimum(criteria.distance_limit_km(side.f_vic, side.vic_family), cap_km)
    noise, threshold, broadcasting = _victim_threshold(side, criteria)
    fdr = _overlap_rejection_db(side.f_int, side.b_int, side.f_vic, side.b_vic, criteria)
    f_mhz = side.f_int / 1e6
    margin = model_margin_db(_lowest_p(p_percent))
    # the largest loss at which the pair could still be affected, with both antennas at peak
    loss_in = side.eirp + side.rx_peak - fdr - noise - threshold + margin
    loss_field = side.eirp + 20 * np.log10(f_mhz) + _FIELD_FROM_LOSS_DB - fdr - threshold + margin
    max_loss = np.where(broadcasting, loss_field, loss_in)
    fs_bound_km = 10 ** ((max_loss - 32.45 - 20 * np.log10(f_mhz)) / 20)
    return np.asarray(d_km <= np.minimum(limit, fs_bound_km))


def _evaluate(
    side: _Side,
    direction: Direction,
    recorded: RecordedAssignments,
    criteria: ProtectionCriteria,
    model: str,
    p_percent: float | None,
    terrain: TerrainSource | None,
    d_km: FloatArray,
) -> tuple[list[Affected], int]:
    n = side.rows.shape[0]
    if n == 0:
        return [], 0
    bearing_tx = bearing_deg(side.tx_lat, side.tx_lon, side.rx_lat, side.rx_lon)
    bearing_rx = bearing_deg(side.rx_lat, side.rx_lon, side.tx_lat, side.tx_lon)
    g_tx = antenna_gain_towards_dbi(side.tx_peak, side.tx_azimuth, bearing_tx, side.f_int)
    g_rx = antenna_gain_towards_dbi(side.rx_peak, side.rx_azimuth, bearing_rx, side.f_vic)
    chosen = choose_model(model, side.f_int, side.point_to_point)
    loss = basic_loss_db(
        chosen,
        f_hz=side.f_int,
        d_km=d_km,
        p_percent=p_percent,
        tx_lat=side.tx_lat,
        tx_lon=side.tx_lon,
        tx_height_m=side.tx_h,
        rx_lat=side.rx_lat,
        rx_lon=side.rx_lon,
        rx_height_m=side.rx_h,
        tx_gain_dbi=g_tx,
        rx_gain_dbi=g_rx,
        vertical=side.vertical,
        terrain=terrain,
    )
    eirp_towards = side.eirp - side.tx_peak + g_tx
    fdr = _overlap_rejection_db(side.f_int, side.b_int, side.f_vic, side.b_vic, criteria)
    e_field = eirp_towards - loss + 20 * np.log10(side.f_int / 1e6) + _FIELD_FROM_LOSS_DB
    interference = eirp_towards - loss + g_rx - fdr
    noise, threshold, broadcasting = _victim_threshold(side, criteria)
    margin = np.where(broadcasting, threshold - (e_field - fdr), threshold - (interference - noise))
    hits = np.flatnonzero(margin < 0)
    out: list[Affected] = []
    for i in hits:
        row = int(side.rows[i])
        ident = int(recorded.assignment_id[row])
        out.append(
            Affected(
                assignment_id=None if ident < 0 else ident,
                administration=recorded.administrations[recorded.administration_code[row]],
                frequency_hz=float(recorded.frequency_hz[row]),
                margin_db=round(float(margin[i]), 3),
                direction=direction,
                distance_km=round(float(d_km[i]), 3),
                interference_dbw=round(float(interference[i]), 3),
                field_strength_dbuv_m=round(float(e_field[i] - fdr[i]), 3),
                criterion="field strength" if broadcasting[i] else "I/N",
                model=str(chosen[i]),
            )
        )
    return out, n


def frequency_candidates(
    candidate: Station, recorded: RecordedAssignments, criteria: ProtectionCriteria
) -> IntArray:
    """Rows (unsorted order indices) whose spectrum is within the adjacent-channel reach."""
    k = criteria.adjacent_channel_bandwidths
    reach = candidate.bandwidth_hz / 2 + recorded.max_bandwidth_hz / 2
    reach += k * max(candidate.bandwidth_hz, recorded.max_bandwidth_hz)
    lo = np.searchsorted(recorded.sorted_frequency_hz, candidate.frequency_hz - reach, "left")
    hi = np.searchsorted(recorded.sorted_frequency_hz, candidate.frequency_hz + reach, "right")
    rows = recorded.by_frequency[lo:hi]
    f, b = recorded.frequency_hz[rows], recorded.bandwidth_hz[rows]
    gap = np.abs(f - candidate.frequency_hz) - (b + candidate.bandwidth_hz) / 2
    keep = gap < k * np.maximum(b, candidate.bandwidth_hz)
    return rows[keep]


def find_affected(
    candidate: Station,
    recorded: RecordedAssignments,
    *,
    criteria: ProtectionCriteria = DEFAULT_CRITERIA,
    model: str = "auto",
    p_percent: float | None = None,
    terrain: TerrainSource | None = None,
    max_distance_km: float | None = None,
    prune: bool = True,
) -> TechnicalResult:
    """The recorded assignments the candidate would interfere with or be interfered by.

    Parameters
    ----------
    candidate : Station
        The notified assignment.
    recorded : RecordedAssignments
        The register's assignments; only those received before the candidate
        (``date_of_receipt`` earlier, or unknown) and not the candidate itself (same
        ``assignment_id``) are examined.
    criteria : ProtectionCriteria
        Protection criteria and pruning settings (default `DEFAULT_CRITERIA`).
    model : {"auto", "p452", "p1546", "free-space"}
        Propagation model. "auto": P.452-18 for point-to-point fixed links (both ends
        known, 0.1-50 GHz), P.1546-6 for broadcasting and mobile (30-4,000 MHz), else
        P.452-18 within its range and free space (P.525-4) outside both.
    p_percent : float, optional
        Percentage of time the interference is exceeded [%] (P.452: loss not exceeded for
        p %; P.1546: field strength exceeded for t = p % clamped to 1-50). Default: each
        model at its criterion's reference, P.452 paths at 20 % (the I/N criteria are
        long-term ones), P.1546 fields at 1 % (interfering fields in broadcasting planning).
    terrain : TerrainSource, optional
        Terrain for the P.452 profiles (default: smooth Earth).
    max_distance_km : float, optional
        A cap on the look-up distance, on top of the criteria's limits.
    prune : bool
        False skips the distance and free-space pruning (for checks: the answer must not
        change, only the work).

    Returns
    -------
    TechnicalResult
        Affected pairs sorted by margin (worst first), with the pruning figures.
    """
    if p_percent is not None and not 0.001 <= p_percent <= 50.0:
        raise InvalidInput("p_percent", f"must be 0.001 to 50 %, got {p_percent}")
    if max_distance_km is not None and not max_distance_km > 0:
        raise InvalidInput("max_distance_km", "must be > 0 km")
    if model not in MODELS:
        raise InvalidInput("model", f"must be one of {', '.join(MODELS)}, got {model!r}")
    n_total = len(recorded)
    if n_total == 0:
        return TechnicalResult([], 0, 0, 0, model, p_percent)
    earlier = np.ones(n_total, dtype=bool)
    if candidate.date_of_receipt is not None:
        date = _datetime64(candidate.date_of_receipt)
        earlier = np.isnat(recorded.date_of_receipt) | (recorded.date_of_receipt < date)
    if candidate.assignment_id is not None:
        earlier &= recorded.assignment_id != candidate.assignment_id
    total = int(np.count_nonzero(earlier))
    rows = frequency_candidates(candidate, recorded, criteria) if prune else np.arange(n_total)
    rows = rows[earlier[rows]]
    cap = math.inf if max_distance_km is None else float(max_distance_km)

    c_family = FAMILIES.index(service_family(candidate.service))
    c_vertical = candidate.polarization.lower().startswith("v")
    c_has_rx = candidate.rx_lat_deg is not None and candidate.rx_lon_deg is not None
    c_rx_lat: float = candidate.tx_lat_deg
    c_rx_lon: float = candidate.tx_lon_deg
    if candidate.rx_lat_deg is not None and candidate.rx_lon_deg is not None:
        c_rx_lat, c_rx_lon = candidate.rx_lat_deg, candidate.rx_lon_deg
    c_rx_h = _rx_height(
        candidate.rx_antenna_height_m, candidate.tx_antenna_height_m, c_family, criteria
    )
    c_rx_gain = (
        candidate.rx_gain_dbi if candidate.rx_gain_dbi is not None else candidate.tx_gain_dbi
    )
    # a fixed link's receiving antenna points back at its transmitter
    c_rx_az = (
        float(bearing_deg(c_rx_lat, c_rx_lon, candidate.tx_lat_deg, candidate.tx_lon_deg))
        if c_has_rx
        else (np.nan if candidate.azimuth_deg is None else candidate.azimuth_deg)
    )
    c_tx_az = np.nan if candidate.azimuth_deg is None else candidate.azimuth_deg
    if candidate.azimuth_deg is None and c_has_rx:
        c_tx_az = float(bearing_deg(candidate.tx_lat_deg, candidate.tx_lon_deg, c_rx_lat, c_rx_lon))

    r = recorded
    r_has_rx = np.isfinite(r.rx_lat_deg[rows]) & np.isfinite(r.rx_lon_deg[rows])
    r_rx_lat = np.where(r_has_rx, r.rx_lat_deg[rows], r.tx_lat_deg[rows])
    r_rx_lon = np.where(r_has_rx, r.rx_lon_deg[rows], r.tx_lon_deg[rows])
    r_family = r.family_code[rows]
    r_rx_h = np.where(
        np.isfinite(r.rx_antenna_height_m[rows]),
        r.rx_antenna_height_m[rows],
        np.where(
            r_family == FAMILIES.index("broadcasting"),
            criteria.broadcasting_rx_height_m,
            r.tx_antenna_height_m[rows],
        ),
    )
    r_rx_gain = np.where(np.isfinite(r.rx_gain_dbi[rows]), r.rx_gain_dbi[rows], r.tx_gain_dbi[rows])
    r_rx_az = np.where(
        r_has_rx,
        bearing_deg(r_rx_lat, r_rx_lon, r.tx_lat_deg[rows], r.tx_lon_deg[rows]),
        r.azimuth_deg[rows],
    )
    r_tx_az = np.where(
        np.isfinite(r.azimuth_deg[rows]),
        r.azimuth_deg[rows],
        np.where(
            r_has_rx,
            bearing_deg(r.tx_lat_deg[rows], r.tx_lon_deg[rows], r_rx_lat, r_rx_lon),
            np.nan,
        ),
    )
    r_vertical = (
        np.asarray([p.lower().startswith("v") for p in r.polarizations], dtype=bool)[
            r.polarization_code[rows]
        ]
        if r.polarizations
        else np.zeros(rows.shape, dtype=bool)
    )
    n = rows.shape[0]

    def full(value: float) -> FloatArray:
        return np.full(n, value, dtype=np.float64)

    forward = _Side(
        rows=rows,
        f_int=full(candidate.frequency_hz),
        b_int=full(candidate.bandwidth_hz),
        eirp=full(candidate.eirp_dbw),
        tx_peak=full(candidate.tx_gain_dbi),
        tx_azimuth=full(c_tx_az),
        tx_lat=full(candidate.tx_lat_deg),
        tx_lon=full(candidate.tx_lon_deg),
        tx_h=full(candidate.tx_antenna_height_m),
        f_vic=r.frequency_hz[rows],
        b_vic=r.bandwidth_hz[rows],
        vic_family=r_family,
        rx_lat=r_rx_lat,
        rx_lon=r_rx_lon,
        rx_h=r_rx_h,
        rx_peak=r_rx_gain,
        rx_azimuth=r_rx_az,
        vertical=np.full(n, c_vertical),
        point_to_point=r_has_rx & (r_family == FAMILIES.index("fixed")),
    )
    backward = _Side(
        rows=rows,
        f_int=r.frequency_hz[rows],
        b_int=r.bandwidth_hz[rows],
        eirp=r.eirp_dbw[rows],
        tx_peak=r.tx_gain_dbi[rows],
        tx_azimuth=r_tx_az,
        tx_lat=r.tx_lat_deg[rows],
        tx_lon=r.tx_lon_deg[rows],
        tx_h=r.tx_antenna_height_m[rows],
        f_vic=full(candidate.frequency_hz),
        b_vic=full(candidate.bandwidth_hz),
        vic_family=np.full(n, c_family, dtype=np.int8),
        rx_lat=full(c_rx_lat),
        rx_lon=full(c_rx_lon),
        rx_h=full(c_rx_h),
        rx_peak=full(c_rx_gain),
        rx_azimuth=full(c_rx_az),
        vertical=r_vertical,
        point_to_point=np.full(n, c_has_rx and c_family == FAMILIES.index("fixed")),
    )
    affected: list[Affected] = []
    considered = np.zeros(n, dtype=bool)
    pairs = 0
    for side, direction in ((forward, CANDIDATE_TO_RECORDED), (backward, RECORDED_TO_CANDIDATE)):
        d_km = great_circle_km(side.tx_lat, side.tx_lon, side.rx_lat, side.rx_lon)
        keep = _prune_distance(side, d_km, criteria, p_percent, cap) if prune else d_km <= cap
        considered |= keep
        idx = np.flatnonzero(keep)
        sub = _Side(**{name: getattr(side, name)[idx] for name in _Side.__dataclass_fields__})
        found, evaluated = _evaluate(
            sub, direction, recorded, criteria, model, p_percent, terrain, d_km[idx]
        )
        affected.extend(found)
        pairs += evaluated
    affected.sort(key=lambda a: (a.margin_db, a.direction, a.assignment_id or -1))
    return TechnicalResult(
        affected=affected,
        considered=int(np.count_nonzero(considered)),
        total=total,
        pairs_evaluated=pairs,
        model=model,
        p_percent=p_percent,
    )


def _rx_height(
    given_m: float | None, tx_height_m: float, family: int, criteria: ProtectionCriteria
) -> float:
    if given_m is not None:
        return given_m
    if family == FAMILIES.index("broadcasting"):
        return criteria.broadcasting_rx_height_m
    return tx_height_m
