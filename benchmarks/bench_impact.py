"""A Table amendment's impact on a synthetic register of 1,000,000 recorded assignments.

Run: ``.venv/bin/python benchmarks/bench_impact.py [--rows N] [--sample S] [--seed S]``.

The register is bench_register.py's (same seed, same digest printed): fixed links, land
mobile and broadcasting over land, on the channel rasters of their bands, each in its
country's ITU Region. The amendments, to the RR 2012 Table, touch bands the register
uses: mobile made primary at 3 400-3 600 MHz in Region 1, the fixed service removed from
6 000-6 200 MHz in Region 1, land mobile added (secondary) at 432-438 MHz in Region 1,
and No. 5.430A reworded to name Algeria only.

Prints the time of `openitu.register.impact.conformity_changes` over the whole register
(the vectorised filter, then one check per distinct key), how many rows it looked at and
found changed, and the time of the brute-force way (`check_conformity` before and after
on every assignment) measured on a random sample and extrapolated, with their ratio. The
sample's brute-force changes must equal the core's changes on the same rows.

With ``--database sqlite`` or ``--database postgresql`` the same register is loaded into a
fresh database (bench_register.py's loader) and the use case is timed end to end
(`usecases.register.amendment_impact`: the recorded rows overlapping the changed bands
read from the database, then the core); its answer must match the core's in memory.
"""

from __future__ import annotations

import argparse
import time
from datetime import timedelta
from typing import Any

import numpy as np
from bench_register import SERVICES, fresh_database, load_register, synthetic_register

from openitu.geo.countries import country
from openitu.register.impact import RecordedBands, conformity_changes
from openitu.spectrum.amendments import amendment_from_dict, apply_amendments
from openitu.spectrum.conformity import check_conformity
from openitu.spectrum.reference import rr2012_edition
from openitu.spectrum.services import parse_service
from openitu.spectrum.table import AllocationTable
from openitu.store.db import make_engine, session_factory
from openitu.usecases.register import amendment_impact

AMENDMENTS = [
    {"op": "change_category", "region": 1, "low": "3400 MHz", "high": "3600 MHz",
     "service": "mobile", "category": "primary"},
    {"op": "remove_allocation", "region": 1, "low": "6000 MHz", "high": "6200 MHz",
     "service": "fixed"},
    {"op": "add_allocation", "region": 1, "low": "432 MHz", "high": "438 MHz",
     "service": "land mobile", "category": "secondary"},
    {"op": "set_footnote", "footnote_id": "5.430A",
     "text": "Different category of service: in Algeria, the band 3 400-3 600 MHz is "
             "allocated to the mobile, except aeronautical mobile, service on a primary basis."},
]  # fmt: skip


def recorded(rows: int, seed: int) -> tuple[RecordedBands, np.ndarray, dict[str, Any]]:
    """bench_register.py's register as the columns conformity needs, each row's Region,
    and bench_register.py's columns (what its loader takes)."""
    _, _, _, columns = synthetic_register(rows, seed)
    codes = columns["administrations"]
    code = columns["administration_code"]
    regions = np.array([country(iso2).itu_region for iso2 in codes], dtype=np.int64)
    services = np.array([service for service, _, _ in SERVICES], dtype=np.str_)
    half = columns["bandwidth_hz"] / 2
    bands = RecordedBands(
        assignment_id=columns["assignment_id"],
        administration=np.array(codes, dtype=np.str_)[code],
        reference=columns["assignment_id"].astype(np.str_),
        service=services[columns["service_code"]],
        low_hz=columns["frequency_hz"] - half,
        high_hz=columns["frequency_hz"] + half,
    )
    return bands, regions[code], columns


def brute_force(
    before: AllocationTable,
    after: AllocationTable,
    bands: RecordedBands,
    region: np.ndarray,
    rows: np.ndarray,
) -> set[int]:
    changed = set()
    for row in rows:
        outcomes = [
            check_conformity(
                table,
                service=parse_service(str(bands.service[row])),
                low_hz=float(bands.low_hz[row]),
                high_hz=float(bands.high_hz[row]),
                region=int(region[row]),
                country=str(bands.administration[row]),
            )
            for table in (before, after)
        ]
        if (outcomes[0].conforms, outcomes[0].category) != (
            outcomes[1].conforms,
            outcomes[1].category,
        ):
            changed.add(int(row))
    return changed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--sample", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=20261207)
    parser.add_argument("--database", choices=("none", "sqlite", "postgresql"), default="none")
    args = parser.parse_args()

    bands, region, columns = recorded(args.rows, args.seed)
    base = rr2012_edition()
    before = AllocationTable(base)
    start = time.perf_counter()
    after = AllocationTable(
        apply_amendments(
            base, [amendment_from_dict(a) for a in AMENDMENTS], edition_id="amended",
            title=base.title, entry_into_force=base.entry_into_force + timedelta(days=1),
        )
    )  # fmt: skip
    amended_s = time.perf_counter() - start
    start = time.perf_counter()
    impact = conformity_changes(before, after, bands, region=region)
    core_s = time.perf_counter() - start
    print(f"amendments applied in {amended_s * 1e3:.0f} ms ({len(AMENDMENTS)} amendments)")
    print(
        f"core over {len(bands):,} assignments: {core_s:.2f} s; looked at "
        f"{impact.looked_at:,}; changed {len(impact.changes):,} "
        f"({impact.newly_non_conforming:,} newly non-conforming, "
        f"{impact.newly_conforming:,} newly conforming)"
    )

    rng = np.random.default_rng(args.seed)
    sample = rng.choice(len(bands), min(args.sample, len(bands)), replace=False)
    start = time.perf_counter()
    expected = brute_force(before, after, bands, region, sample)
    sample_s = time.perf_counter() - start
    found = {change.row for change in impact.changes}.intersection(int(r) for r in sample)
    assert found == expected, "the core and the brute force disagree on the sample"
    brute_s = sample_s / sample.size * len(bands)
    print(
        f"brute force (check_conformity before and after, each assignment): "
        f"{sample_s:.2f} s for {sample.size:,}, extrapolated {brute_s:.1f} s for "
        f"{len(bands):,}; agrees on the sample ({len(expected)} changed)"
    )
    print(f"ratio brute force / core: {brute_s / core_s:.0f}x")
    if args.database != "none":
        with fresh_database(args.database) as url:
            loaded_s = load_register(url, columns)
            print(f"{args.database}: loaded {len(bands):,} rows in {loaded_s:.0f} s")
            engine = make_engine(url)
            with session_factory(engine)() as session:
                start = time.perf_counter()
                answer = amendment_impact(session, amendments=AMENDMENTS, table_on=lambda _: before)
                use_case_s = time.perf_counter() - start
            engine.dispose()
        assert answer["looked_at"] == impact.looked_at
        assert answer["totals"]["changed"] == len(impact.changes)
        print(
            f"{args.database}: the use case (read + core) {use_case_s:.2f} s; "
            f"{answer['looked_at']:,} rows read, the same changes as in memory"
        )


if __name__ == "__main__":
    main()
