"""Technical examination of one notice against a synthetic register of 1,000,000 assignments.

Run: ``.venv/bin/python benchmarks/bench_register.py [--rows N] [--repeat R] [--seed S]``.

The register is reproducible from its seed (its digest is printed) and realistic in
frequency and location:

- location: over land, countries drawn in proportion to their area (Natural Earth 1:110m
  polygons, `openitu.geo.polygons`), points drawn uniformly in each country's bounding box
  and kept when inside the country (rejection sampling, vectorised);
- frequency: 45 % fixed links in the microwave bands of the ITU-R F-series channel
  arrangements (1.4, 6 L/U, 7/8, 11, 13, 15, 18, 23, 38 GHz, 7-56 MHz channels, a receiver
  5-50 km away), 35 % land mobile (VHF/UHF PMR with 12.5/25 kHz channels, 800/900 MHz,
  1.8, 2.1, 2.6 and 3.5 GHz with 5-100 MHz carriers), 20 % broadcasting (FM 87.5-108 MHz,
  Band III 174-230 MHz, UHF 470-694 MHz television);
- powers, gains and heights drawn per service around typical values.

Each repetition examines one candidate notice (`find_affected`, both directions) and asks
who must coordinate (`coordination_required`); the candidates rotate over a fixed link in
France, a UHF television transmitter in Germany and a 900 MHz base station in Spain near
the French border. Prints the build rate, the pruning ratio and p50/p95 (goal: p95 < 1 s).

With ``--database sqlite`` or ``--database postgresql`` (default: both), the same register is
also loaded into a fresh, migrated database (PostgreSQL: ``COPY ... FROM STDIN``; SQLite:
one ``executemany`` in one transaction) and the load rate is printed; the candidates are
then examined the way the use case does it, reading the recorded assignments near the band
from the database (`openitu.usecases.register.recorded_near`), with its own p50/p95.
``--database none`` keeps to the in-memory examination. PostgreSQL is the server at
OPENITU_BENCH_POSTGRESQL_URL (default postgresql+psycopg://postgres@127.0.0.1:5432/test):
a database is created beside it and dropped afterwards.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
import uuid
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np
from _inputs import input_digest

from openitu.geo.countries import all_countries
from openitu.geo.polygons import country_rings, points_in_rings
from openitu.register.coordination import coordination_required
from openitu.register.technical import (
    RecordedAssignments,
    Station,
    find_affected,
)
from openitu.store.db import make_engine, session_factory
from openitu.store.migrate import upgrade
from openitu.usecases.register import recorded_near

# (low MHz, high MHz, channel bandwidths MHz, weight) per service
FIXED_BANDS = (
    (1350, 1517, (0.5, 1.0, 2.0), 4),
    (5925, 6425, (29.65,), 14),
    (6425, 7125, (20.0, 40.0), 10),
    (7125, 8500, (7.0, 14.0, 28.0), 12),
    (10700, 11700, (40.0,), 14),
    (12750, 13250, (14.0, 28.0), 6),
    (14400, 15350, (14.0, 28.0), 8),
    (17700, 19700, (27.5, 55.0), 12),
    (21200, 23600, (28.0, 56.0), 12),
    (37000, 39500, (28.0, 56.0), 8),
)
MOBILE_BANDS = (
    (146, 174, (0.0125, 0.025), 12),
    (406, 470, (0.0125, 0.025), 14),
    (791, 862, (5.0, 10.0), 10),
    (925, 960, (5.0, 10.0), 14),
    (1805, 1880, (10.0, 20.0), 14),
    (2110, 2170, (10.0, 20.0), 12),
    (2620, 2690, (20.0,), 8),
    (3400, 3800, (40.0, 100.0), 16),
)
BROADCAST_BANDS = (
    (87.5, 108, (0.2,), 40),
    (174, 230, (1.536, 7.0), 20),
    (470, 694, (8.0,), 40),
)
SERVICES = (("fixed", "FX", 0.45), ("land mobile", "FB", 0.35), ("broadcasting", "BT", 0.20))


def _land_points(
    n: int, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray, np.ndarray, tuple[str, ...]]:
    """n points over land: (lat, lon, country index into the returned codes)."""
    rings = country_rings()
    iso2 = {c.iso3: c.iso2 for c in all_countries()}
    names = sorted(k for k in rings if k in iso2 and k != "ATA")
    areas = []
    for name in names:
        area = 0.0
        for ring in rings[name]:
            x, y = ring[:, 0], ring[:, 1]
            planar = 0.5 * abs(float(np.dot(x[:-1], y[1:]) - np.dot(x[1:], y[:-1])))
            area += planar * float(np.cos(np.radians(y.mean())))
        areas.append(area)
    weights = np.asarray(areas) / sum(areas)
    counts = rng.multinomial(n, weights)
    lat = np.empty(n)
    lon = np.empty(n)
    code = np.empty(n, dtype=np.int16)
    at = 0
    for index, (name, want) in enumerate(zip(names, counts, strict=True)):
        if want == 0:
            continue
        allx = np.concatenate([r[:, 0] for r in rings[name]])
        ally = np.concatenate([r[:, 1] for r in rings[name]])
        got_lat: list[np.ndarray] = []
        got_lon: list[np.ndarray] = []
        have = 0
        while have < want:
            k = max(2 * (want - have), 64)
            py = rng.uniform(ally.min(), ally.max(), k)
            px = rng.uniform(allx.min(), allx.max(), k)
            inside = points_in_rings(py, px, rings[name])
            got_lat.append(py[inside])
            got_lon.append(px[inside])
            have += int(inside.sum())
        lat[at : at + want] = np.concatenate(got_lat)[:want]
        lon[at : at + want] = np.concatenate(got_lon)[:want]
        code[at : at + want] = index
        at += want
    return lat, lon, code, tuple(iso2[name] for name in names)


def _frequencies(
    n: int, bands: tuple[tuple[float, float, tuple[float, ...], int], ...], rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    weights = np.asarray([b[3] for b in bands], dtype=float)
    which = rng.choice(len(bands), n, p=weights / weights.sum())
    f = np.empty(n)
    bw = np.empty(n)
    for i, (low, high, widths, _) in enumerate(bands):
        sel = np.flatnonzero(which == i)
        width = rng.choice(widths, sel.size)
        # on a channel raster of the band: centres at low + (k + 1/2) * width
        channels = np.floor((high - low) / width).astype(np.int64)
        k = np.floor(rng.uniform(0, 1, sel.size) * channels)
        f[sel] = (low + (k + 0.5) * width) * 1e6
        bw[sel] = width * 1e6
    return f, bw


def synthetic_register(n: int, seed: int) -> tuple[RecordedAssignments, str, float, dict[str, Any]]:
    """The register, its digest (of the columns), the seconds its columns took, and the
    columns themselves."""
    rng = np.random.default_rng(seed)
    start = time.perf_counter()
    lat, lon, country, codes = _land_points(n, rng)
    service = rng.choice(3, n, p=[s[2] for s in SERVICES])
    f = np.empty(n)
    bw = np.empty(n)
    for index, bands in enumerate((FIXED_BANDS, MOBILE_BANDS, BROADCAST_BANDS)):
        sel = np.flatnonzero(service == index)
        f[sel], bw[sel] = _frequencies(sel.size, bands, rng)
    fixed = service == 0
    mobile = service == 1
    height = np.select(
        [fixed, mobile], [rng.uniform(10, 80, n), rng.uniform(15, 50, n)], rng.uniform(30, 300, n)
    )
    gain = np.select(
        [fixed, mobile], [rng.uniform(25, 45, n), rng.uniform(0, 18, n)], rng.uniform(0, 13, n)
    )
    eirp = np.select(
        [fixed, mobile], [rng.uniform(20, 60, n), rng.uniform(5, 35, n)], rng.uniform(10, 55, n)
    )
    azimuth = rng.uniform(0, 360, n)
    hop_km = rng.uniform(5, 50, n)
    rx_lat = np.where(fixed, lat + hop_km / 111.2 * np.cos(np.radians(azimuth)), np.nan)
    rx_lon = np.where(
        fixed,
        lon + hop_km / (111.2 * np.cos(np.radians(lat))) * np.sin(np.radians(azimuth)),
        np.nan,
    )
    rx_lat = np.clip(rx_lat, -89.9, 89.9)
    rx_lon = (rx_lon + 180.0) % 360.0 - 180.0
    days = rng.integers(0, 365 * 30, n)
    dates = np.datetime64("1995-01-01", "us") + days.astype("timedelta64[D]")
    columns = dict(
        assignment_id=np.arange(1, n + 1, dtype=np.int64),
        administration_code=country,
        administrations=codes,
        service_code=service.astype(np.int16),
        services=tuple(s[0] for s in SERVICES),
        station_class_code=service.astype(np.int16),
        station_classes=tuple(s[1] for s in SERVICES),
        frequency_hz=f,
        bandwidth_hz=bw,
        tx_lat_deg=lat,
        tx_lon_deg=lon,
        tx_antenna_height_m=height,
        eirp_dbw=eirp,
        tx_gain_dbi=gain,
        azimuth_deg=np.where(fixed, azimuth, np.nan),
        polarization_code=rng.integers(0, 2, n).astype(np.int16),
        polarizations=("h", "v"),
        rx_lat_deg=rx_lat,
        rx_lon_deg=rx_lon,
        rx_antenna_height_m=np.where(fixed, rng.uniform(10, 80, n), np.nan),
        rx_gain_dbi=np.where(fixed, gain, np.nan),
        date_of_receipt=dates,
    )
    generated = time.perf_counter() - start
    # Rounded (benchmarks/_inputs.py): the same on every processor.
    digest = input_digest({k: v for k, v in columns.items() if isinstance(v, np.ndarray)})
    start = time.perf_counter()
    register = RecordedAssignments.from_arrays(**columns)  # type: ignore[arg-type]
    built = time.perf_counter() - start
    print(f"generated {n:,} rows in {generated:.1f} s; columns digest {digest}")
    return register, digest, built, columns


# --- the same register in a database --------------------------------------------------

LOADED = (
    "administration", "reference", "status", "version", "content_hash", "received_at",
    "first_received_at", "service", "station_class", "frequency_hz",
    "necessary_bandwidth_hz", "low_hz", "high_hz", "emission", "tx_lat_deg", "tx_lon_deg",
    "tx_antenna_height_m", "tx_eirp_dbw", "tx_gain_dbi", "tx_azimuth_deg", "tx_polarization",
    "rx_lat_deg", "rx_lon_deg", "rx_antenna_height_m", "rx_gain_dbi", "request_4_4",
    "agreements", "data", "recorded_under", "recorded_at", "submitted_by",
)  # fmt: skip
NULL = "\\N"  # COPY's text format


def _row_fields(
    columns: Mapping[str, Any], start: int, stop: int, *, postgresql: bool
) -> list[Any]:
    """One list per column of LOADED for rows [start, stop), as text (NULL for a value
    that does not apply), built column by column with numpy."""

    def floats(values: np.ndarray) -> np.ndarray:
        text = values.astype(str)
        return np.where(np.isnan(values), NULL, text)

    sl = slice(start, stop)
    n = stop - start
    ids = columns["assignment_id"][sl]
    services = np.asarray(columns["services"])[columns["service_code"][sl]]
    classes = np.asarray(columns["station_classes"])[columns["station_class_code"][sl]]
    f = columns["frequency_hz"][sl]
    bw = columns["bandwidth_hz"][sl]
    when = columns["date_of_receipt"][sl].astype(str)
    # the same instant as the database stores it: text with the zone for PostgreSQL,
    # SQLAlchemy's naive UTC text for SQLite
    when = np.char.add(when, "+00") if postgresql else np.char.replace(when, "T", " ")
    constant = lambda value: [value] * n  # noqa: E731
    fields: list[Any] = [
        np.asarray(columns["administrations"])[columns["administration_code"][sl]],
        np.char.add("BENCH-", ids.astype(str)),
        constant("recorded"), constant("1"), np.char.add("h", ids.astype(str)),
        when, when, services, classes, f.astype(str), bw.astype(str),
        (f - bw / 2).astype(str), (f + bw / 2).astype(str), constant("8M00F8W"),
        columns["tx_lat_deg"][sl].astype(str), columns["tx_lon_deg"][sl].astype(str),
        floats(columns["tx_antenna_height_m"][sl]), floats(columns["eirp_dbw"][sl]),
        floats(columns["tx_gain_dbi"][sl]), floats(columns["azimuth_deg"][sl]),
        np.asarray(columns["polarizations"])[columns["polarization_code"][sl]],
        floats(columns["rx_lat_deg"][sl]), floats(columns["rx_lon_deg"][sl]),
        floats(columns["rx_antenna_height_m"][sl]), floats(columns["rx_gain_dbi"][sl]),
        constant("f" if postgresql else "0"), constant("[]"), constant("{}"), constant(NULL),
        when, constant("bench"),
    ]  # fmt: skip
    return [field.tolist() if isinstance(field, np.ndarray) else field for field in fields]


def load_register(url: str, columns: Mapping[str, Any], *, chunk: int = 100_000) -> float:
    """Load the synthetic register as recorded assignments; the seconds it took."""
    engine = make_engine(url)
    upgrade(engine)
    n = len(columns["frequency_hz"])
    postgresql = engine.dialect.name == "postgresql"
    names = ", ".join(LOADED)
    start = time.perf_counter()
    with engine.begin() as connection:
        raw: Any = connection.connection.driver_connection
        cursor = raw.cursor()
        if postgresql:
            with cursor.copy(f"COPY register_assignments ({names}) FROM STDIN") as copy:
                for at in range(0, n, chunk):
                    fields = _row_fields(columns, at, min(n, at + chunk), postgresql=True)
                    copy.write("\n".join(map("\t".join, zip(*fields, strict=True))) + "\n")
        else:
            marks = ", ".join("?" * len(LOADED))
            for at in range(0, n, chunk):
                fields = _row_fields(columns, at, min(n, at + chunk), postgresql=False)
                nulled = [[None if v == NULL else v for v in field] for field in fields]
                cursor.executemany(
                    f"INSERT INTO register_assignments ({names}) VALUES ({marks})",
                    zip(*nulled, strict=True),
                )
    elapsed = time.perf_counter() - start
    if postgresql:
        with engine.begin() as connection:
            connection.exec_driver_sql("ANALYZE register_assignments")
    engine.dispose()
    return elapsed


@contextmanager
def fresh_database(backend: str) -> Iterator[str]:
    if backend == "sqlite":
        with tempfile.TemporaryDirectory() as directory:
            yield f"sqlite:///{Path(directory) / 'bench_register.sqlite3'}"
        return
    server = os.environ.get(
        "OPENITU_BENCH_POSTGRESQL_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
    )
    name = f"bench_register_{uuid.uuid4().hex[:8]}"
    admin = make_engine(server)
    with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        yield server.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


def examine_from_database(url: str, repeat: int) -> list[float]:
    """Each candidate examined as the use case does: the recorded assignments near it read
    from the database (`usecases.register.recorded_near`), then the engine."""
    engine = make_engine(url)
    sessions = session_factory(engine)
    times: list[float] = []
    for i in range(repeat + 3):
        station, own = candidates()[i % 3]
        start = time.perf_counter()
        with sessions() as session:
            recorded = recorded_near(session, station)
        result = find_affected(station, recorded.assignments)
        coordination_required(station, own_administration=own)
        if i >= 3:  # the first round warms the caches, as in memory
            times.append(time.perf_counter() - start)
        if i < 3:
            print(
                f"  {station.service:>12}: {len(recorded.assignments):,} read near the band, "
                f"{result.considered:,} considered, {len(result.affected)} affected"
            )
    engine.dispose()
    return times


def percentiles(times: list[float]) -> tuple[float, float]:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, int(np.ceil(0.95 * len(ordered))) - 1)]
    return statistics.median(ordered), p95


def candidates() -> list[tuple[Station, str]]:
    return [
        (
            Station(None, "FR", "fixed", "FX", 6.1752e9, 29.65e6, 43.60, 3.88, 40.0, 55.0, 40.0,
                    None, "v", 43.75, 4.10, 40.0, 40.0),
            "FR",
        ),  # a 6 GHz link near Montpellier
        (
            Station(None, "DE", "broadcasting", "BT", 602e6, 8e6, 48.0, 7.9, 200.0, 50.0, 12.0),
            "DE",
        ),  # UHF television near Freiburg
        (
            Station(None, "ES", "land mobile", "FB", 947.5e6, 5e6, 42.4, 2.0, 30.0, 30.0, 15.0,
                    120.0),
            "ES",
        ),  # a 900 MHz base station in the Pyrenees
    ]  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=60)
    parser.add_argument("--seed", type=int, default=20261207)
    parser.add_argument(
        "--database", choices=("both", "sqlite", "postgresql", "none"), default="both"
    )
    args = parser.parse_args()

    register, _, built, columns = synthetic_register(args.rows, args.seed)
    print(
        f"columns -> RecordedAssignments (sorted by frequency): {built:.2f} s, "
        f"{args.rows / built:,.0f} rows/s"
    )
    # warm-up: P.1546 tables, country boundaries, itur maps
    for station, own in candidates():
        find_affected(station, register)
        coordination_required(station, own_administration=own)

    times: list[float] = []
    ratios: list[float] = []
    per_kind: dict[str, list[float]] = {}
    affected = 0
    for i in range(args.repeat):
        station, own = candidates()[i % 3]
        start = time.perf_counter()
        result = find_affected(station, register)
        needs = coordination_required(station, own_administration=own)
        elapsed = time.perf_counter() - start
        times.append(elapsed)
        ratios.append(result.pruning_ratio)
        per_kind.setdefault(station.service, []).append(elapsed)
        affected += len(result.affected)
        if i < 3:
            print(
                f"  {station.service:>12} {station.frequency_hz / 1e6:9.2f} MHz: "
                f"{result.considered:,} of {result.total:,} considered "
                f"(pruning ratio {result.pruning_ratio:.6f}), {result.pairs_evaluated} paths, "
                f"{len(result.affected)} affected, coordinate with "
                f"{[n.administration for n in needs]}"
            )
    p50, p95 = percentiles(times)
    print(f"examinations: {args.repeat} (find_affected + coordination_required)")
    for kind, values in per_kind.items():
        print(f"  {kind:>12}: median {statistics.median(values) * 1e3:.1f} ms")
    print(f"pruning ratio (share never propagated): mean {statistics.mean(ratios):.6f}")
    print(f"p50 {p50 * 1e3:.1f} ms, p95 {p95 * 1e3:.1f} ms (goal p95 < 1000 ms): "
          f"{'met' if p95 < 1.0 else 'NOT met'}")  # fmt: skip

    backends = {"both": ("sqlite", "postgresql"), "none": ()}.get(args.database, (args.database,))
    for backend in backends:
        with fresh_database(backend) as url:
            seconds = load_register(url, columns)
            print(
                f"{backend}: loaded {args.rows:,} recorded assignments in {seconds:.1f} s, "
                f"{args.rows / seconds:,.0f} rows/s"
                + (" (COPY)" if backend == "postgresql" else " (executemany, one transaction)")
            )
            db_p50, db_p95 = percentiles(examine_from_database(url, args.repeat))
            print(
                f"{backend}: examination reading the register from the database: "
                f"p50 {db_p50 * 1e3:.1f} ms, p95 {db_p95 * 1e3:.1f} ms "
                f"(goal p95 < 1000 ms): {'met' if db_p95 < 1.0 else 'NOT met'}"
            )


if __name__ == "__main__":
    main()
