"""The Earth-space chain (P.618-13 §2.5 and its map look-ups) against ITU-Rpy over the
whole domain where both should agree.

Run: ``.venv/bin/python scripts/validate_earth_space.py [--cases 10000] [--seed N]
[--write-regression FILE] [--peer-python PATH]``.

Cases are drawn (seeded) over the domain both implement:

* locations worldwide, uniform over the sphere's area (latitude from the arcsine of a
  uniform draw), longitudes -180 to 180 °;
* 1 to 55 GHz, log-uniform (P.618-13 §2.5 and ours: 1-55 GHz; P.838-3 k, α: 1-1000 GHz;
  P.840-8 clouds: up to 200 GHz; P.676-12 Annex 2: 1-350 GHz);
* elevations 5 to 90 ° (the §2.5 total and the §2.4.1 scintillation start at 5 °);
* 0.001 to 5 % of the time, log-uniform (the §2.2.1.1 rain range; gas and clouds held
  at 1 % below 1 %, eqs. (65)-(66));
* antenna diameters 0.3 to 15 m, efficiencies 0.3 to 1, polarization tilts -90 to 90 °;
* the station height from P.1511-2 or, for one case in five, given (-0.4 to 5 km);
* a few cases on the edges where the method branches: elevation exactly 25 ° (step 10's
  β), |latitude| exactly 36 ° (steps 7 and 10), p exactly 1 %.

Editions, the same on both sides and set explicitly on ITU-Rpy (its P.840 default is -7):
P.618-13, P.676-12 (Annex 2, "approx"), P.840-8, P.837-7, P.838-3, P.839-4, P.453-13
(ITU-Rpy 0.4.0 has no P.453-14), P.836-6, P.835-6, P.1510-1, P.1511-2.

ITU-Rpy (``itur``) runs in a separate interpreter (``--peer-python``; by default
benchmarks/.peers-venv/bin/python when it has itur, else this interpreter), reading the
cases from and writing its results to an npz file, so none of its process-wide settings
(it changes numpy's error state on import) touch ours. It is called one case at a time:
ITU-Rpy 0.4.0 mis-broadcasts its rain term when frequency and elevation are arrays.

For each component (gas, cloud, rain, scintillation, total) the share of cases within
0.01 dB, and for each map look-up (R_0.01, N_wet, mean surface temperature, topographic
height, rain height) the share within its tolerance; every divergence is listed by
component and by the branch of the method it goes through, with the worst case.
``--write-regression FILE`` keeps a few hundred cases covering every branch, with their
ITU-Rpy values and the provenance, for tests/radio/propagation/test_earth_space_itur.py.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import warnings
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
PEERS_PYTHON = ROOT / "benchmarks" / ".peers-venv" / "bin" / "python"

# ITU-Rpy model module -> the edition (revision) both sides use.
ITUR_VERSIONS = {
    "itu618": 13,
    "itu676": 12,
    "itu840": 8,
    "itu837": 7,
    "itu838": 3,
    "itu839": 4,
    "itu453": 13,
    "itu836": 6,
    "itu835": 6,
    "itu1510": 1,
    "itu1511": 2,
}
OURS_EDITIONS = {"edition": "P.618-13", "gas_edition": "P.676-12", "cloud_edition": "P.840-8"}

COMPONENTS = ("gas", "cloud", "rain", "scint", "total")
# Map look-ups and the tolerance each is held to (their unit).
MAPS = {
    "r001": (1e-3, "mm/h"),
    "n_wet": (1e-3, "N-units"),
    "t_mean": (1e-3, "K"),
    "h_topo": (1e-3, "km"),
    "h_rain": (1e-3, "km"),
}
TOLERANCE_DB = 0.01
REFUSED = "no map value near the North Pole"
# The branches where docs/radio.md documents a departure of ITU-Rpy from the
# Recommendation (or a gap in its maps).
DEPARTURES = (
    "P.1511 height below sea level",
    "P.1511 height below sea level, station height given",
    "elevation exactly 25 deg",
    REFUSED,
)
INPUTS = ("lat", "lon", "f", "el", "p", "d", "eta", "tau", "hs_given", "hs")


def draw(n: int, seed: int) -> dict[str, np.ndarray]:
    """``n`` cases over the common domain (module docstring), seeded."""
    rng = np.random.default_rng(seed)
    cases = {
        "lat": np.degrees(np.arcsin(rng.uniform(-1.0, 1.0, n))),
        "lon": rng.uniform(-180.0, 180.0, n),
        "f": np.exp(rng.uniform(np.log(1.0), np.log(55.0), n)),
        "el": rng.uniform(5.0, 90.0, n),
        "p": 10.0 ** rng.uniform(-3.0, np.log10(5.0), n),
        "d": rng.uniform(0.3, 15.0, n),
        "eta": rng.uniform(0.3, 1.0, n),
        "tau": rng.uniform(-90.0, 90.0, n),
        "hs_given": rng.uniform(0.0, 1.0, n) < 0.2,
        "hs": rng.uniform(-0.4, 5.0, n),
    }
    # Edges where the method branches, on about 3 % of the cases.
    edge = rng.integers(0, 100, n)
    cases["el"][edge == 0] = 25.0
    lat_edge = edge == 1
    cases["lat"][lat_edge] = np.where(rng.uniform(0.0, 1.0, n) < 0.5, 36.0, -36.0)[lat_edge]
    cases["p"][edge == 2] = 1.0
    cases["hs"][~cases["hs_given"]] = np.nan
    return cases


# --- ITU-Rpy side (imports nothing of OpenITU) -------------------------------------------


def peer(inputs: Path, outputs: Path) -> None:
    """Evaluate the cases in ``inputs`` with ITU-Rpy; write the results to ``outputs``."""
    import importlib

    warnings.simplefilter("ignore")
    saved = np.geterr()
    import itur

    np.seterr(**saved)
    for module, version in ITUR_VERSIONS.items():
        importlib.import_module(f"itur.models.{module}").change_version(version)
    from itur.models import itu453, itu837, itu839, itu1510, itu1511

    data = np.load(inputs)
    n = data["lat"].size
    out = {name: np.empty(n) for name in COMPONENTS}
    for i in range(n):
        hs = float(data["hs"][i]) if data["hs_given"][i] else None
        result = itur.atmospheric_attenuation_slant_path(
            float(data["lat"][i]),
            float(data["lon"][i]),
            float(data["f"][i]),
            float(data["el"][i]),
            float(data["p"][i]),
            float(data["d"][i]),
            hs=hs,
            eta=float(data["eta"][i]),
            tau=float(data["tau"][i]),
            return_contributions=True,
        )
        for name, value in zip(COMPONENTS, result, strict=True):
            out[name][i] = float(np.asarray(value.value).reshape(-1)[0])
    lat, lon = data["lat"], data["lon"]
    out["r001"] = np.asarray(itu837.rainfall_rate(lat, lon, 0.01).value, dtype=float)
    out["n_wet"] = np.asarray(
        itu453.map_wet_term_radio_refractivity(lat, lon, 50.0).value, dtype=float
    )
    out["t_mean"] = np.asarray(itu1510.surface_mean_temperature(lat, lon).value, dtype=float)
    out["h_topo"] = np.asarray(itu1511.topographic_altitude(lat, lon).value, dtype=float)
    out["h_rain"] = np.asarray(itu839.rain_height(lat, lon).value, dtype=float)
    np.savez(outputs, version=np.array(itur.__version__), **out)


def default_peer_python() -> str:
    """The peers' interpreter of the benchmarks when it has itur, else this one (itur is
    installed with the package, which reads its maps)."""
    if PEERS_PYTHON.exists():
        probe = subprocess.run(
            [str(PEERS_PYTHON), "-c", "import itur"], capture_output=True, check=False
        )
        if probe.returncode == 0:
            return str(PEERS_PYTHON)
    return sys.executable


def run_peer(cases: dict[str, np.ndarray], python: str) -> tuple[dict[str, np.ndarray], str]:
    with tempfile.TemporaryDirectory() as folder:
        inputs, outputs = Path(folder) / "in.npz", Path(folder) / "out.npz"
        np.savez(inputs, **cases)
        subprocess.run(
            [python, str(Path(__file__).resolve()), "--peer", str(inputs), str(outputs)],
            check=True,
        )
        with np.load(outputs) as loaded:
            result = {key: np.asarray(loaded[key]) for key in loaded.files}
    version = str(result.pop("version"))
    return result, version


# --- OpenITU side --------------------------------------------------------------------------


def ours(
    cases: dict[str, np.ndarray], suspects: np.ndarray
) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """The same cases through OpenITU's P.618-13 chain and map readers, and which cases
    it refuses (InvalidInput: no map value there; their components are NaN). ``suspects``:
    ITU-Rpy's totals, NaN where it has no value."""
    from openitu.errors import InvalidInput
    from openitu.radio.propagation import maps, p618, p837, p1511

    n = cases["lat"].size
    out = {name: np.full(n, np.nan) for name in COMPONENTS}
    refused = np.zeros(n, dtype=bool)

    def chain(index: np.ndarray) -> None:
        given = bool(cases["hs_given"][index[0]])
        result = p618.slant_path_attenuation(
            cases["lat"][index],
            cases["lon"][index],
            cases["f"][index],
            cases["el"][index],
            cases["p"][index],
            cases["d"][index],
            cases["eta"][index],
            hs_km=cases["hs"][index] if given else None,
            tau_deg=cases["tau"][index],
            **OURS_EDITIONS,
        )
        out["gas"][index] = result.a_gas_db
        out["cloud"][index] = result.a_cloud_db
        out["rain"][index] = result.a_rain_db
        out["scint"][index] = result.a_scint_db
        out["total"][index] = result.a_total_db

    def one_by_one(index: np.ndarray) -> None:
        for i in index:
            try:
                chain(np.array([i]))
            except InvalidInput:
                refused[i] = True

    # One refused case refuses a whole batch: those where ITU-Rpy has no value are
    # evaluated one at a time, the others in two batches (station height given or not).
    suspect = np.isnan(suspects)
    one_by_one(np.flatnonzero(suspect))
    for given in (True, False):
        index = np.flatnonzero((cases["hs_given"].astype(bool) == given) & ~suspect)
        if index.size == 0:
            continue
        try:
            chain(index)
        except InvalidInput:
            one_by_one(index)
    lat, lon = cases["lat"], cases["lon"]
    out["r001"] = p837.r001_map_mm_h(lat, lon)
    out["n_wet"] = maps.wet_refractivity(lat, lon)
    out["t_mean"] = maps.surface_temperature_k(lat, lon)
    out["h_topo"] = p1511.topographic_altitude_km(lat, lon)
    out["h_rain"] = maps.rain_height_km(lat, lon)
    return out, refused


# --- branches and comparison ---------------------------------------------------------------


def branches(
    cases: dict[str, np.ndarray], ours_out: dict[str, np.ndarray], refused: np.ndarray
) -> list[str]:
    """The branch of the method each case goes through, as one label per case.

    The first that applies: no value in the P.836-6 or P.840-8 maps (the 88.875 °N row
    missing from ITU-Rpy's copies: ITU-Rpy gives NaN, we refuse), P.1511-2 map height
    below sea level (ITU-Rpy clamps it to 1e-9 km; split by whether the chain uses it or
    a given height), station at or above the rain height (§2.2.1.1 step 2: no rain),
    elevation exactly 25 ° (step 10's β), |latitude| exactly 36 °, p
    exactly 1 %; otherwise the regular branch, split by p < 1 % (gas and clouds at 1 %)
    and |latitude| < 36 ° (steps 7 and 10).
    """
    hs = np.where(cases["hs_given"], cases["hs"], ours_out["h_topo"])
    labels: list[str] = []
    for i in range(cases["lat"].size):
        abs_lat = abs(float(cases["lat"][i]))
        if refused[i]:
            labels.append(REFUSED)
        elif ours_out["h_topo"][i] < 0.0:
            given = ", station height given" if cases["hs_given"][i] else ""
            labels.append(f"P.1511 height below sea level{given}")
        elif hs[i] >= ours_out["h_rain"][i]:
            labels.append("station at or above the rain height")
        elif cases["el"][i] == 25.0:
            labels.append("elevation exactly 25 deg")
        elif abs_lat == 36.0:
            labels.append("|latitude| exactly 36 deg")
        elif cases["p"][i] == 1.0:
            labels.append("p exactly 1 %")
        else:
            low_p = "p < 1 %" if cases["p"][i] < 1.0 else "p > 1 %"
            zone = "|lat| < 36" if abs_lat < 36.0 else "|lat| >= 36"
            labels.append(f"regular, {low_p}, {zone}")
    return labels


def tolerance(name: str) -> float:
    return MAPS[name][0] if name in MAPS else TOLERANCE_DB


def compare(
    cases: dict[str, np.ndarray],
    ours_out: dict[str, np.ndarray],
    peer_out: dict[str, np.ndarray],
    labels: list[str],
) -> dict[str, Any]:
    """Print the agreement per component and every divergence grouped by branch."""
    n = cases["lat"].size
    label_array = np.array(labels)
    summary: dict[str, Any] = {}
    # Refused by us where ITU-Rpy has no total either: no case to compare.
    declined = (label_array == REFUSED) & np.isnan(peer_out["total"])
    print(f"{n} cases; tolerance {TOLERANCE_DB} dB (maps: their unit's tolerance)")
    print(
        f"both decline (ITU-Rpy NaN total, OpenITU InvalidInput), counted as agreeing: "
        f"{int(declined.sum())} of {int((label_array == REFUSED).sum())} refused"
    )
    for name in (*COMPONENTS, *MAPS):
        diff = ours_out[name] - peer_out[name]
        bad = ~(np.abs(diff) <= tolerance(name)) & ~(declined & np.isnan(ours_out[name]))
        unit = MAPS[name][1] if name in MAPS else "dB"
        share = 100.0 * (n - int(bad.sum())) / n
        others = ~np.isin(label_array, DEPARTURES)
        print(
            f"{name:7s} within {tolerance(name):g} {unit}: {n - int(bad.sum())}/{n} "
            f"({share:.2f} %), max |diff| {np.nanmax(np.abs(diff)):.3g} {unit}, "
            f"{np.nanmax(np.abs(diff[others])):.3g} outside the documented departures"
        )
        summary[name] = {"within": n - int(bad.sum()), "cases": n}
        for label in sorted(set(label_array[bad])):
            group = np.flatnonzero(bad & (label_array == label))
            worst = group[np.argmax(np.abs(diff[group]))]
            case = ", ".join(f"{key}={cases[key][worst]:.6g}" for key in INPUTS)
            print(
                f"    {label}: {group.size} cases, worst {diff[worst]:+.4g} {unit} "
                f"(ours {ours_out[name][worst]:.6g}, itur {peer_out[name][worst]:.6g}; {case})"
            )
    return summary


def regression_rows(
    cases: dict[str, np.ndarray],
    peer_out: dict[str, np.ndarray],
    labels: list[str],
    per_branch: int,
) -> list[dict[str, Any]]:
    """Up to ``per_branch`` cases of each branch, with ITU-Rpy's values."""
    rows: list[dict[str, Any]] = []
    label_array = np.array(labels)
    for label in sorted(set(labels)):
        for i in np.flatnonzero(label_array == label)[:per_branch]:
            row: dict[str, Any] = {"branch": label}
            for key in INPUTS:
                value = cases[key][i]
                row[key] = bool(value) if key == "hs_given" else float(value)
            if not row["hs_given"]:
                row["hs"] = None
            # NaN (ITU-Rpy has no value) is written as null.
            row["itur"] = {
                name: None if np.isnan(peer_out[name][i]) else float(peer_out[name][i])
                for name in (*COMPONENTS, *MAPS)
            }
            rows.append(row)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=20261207)
    parser.add_argument("--write-regression", type=Path, default=None)
    parser.add_argument("--per-branch", type=int, default=40)
    parser.add_argument(
        "--peer-python",
        default=None,
        help="the interpreter that has itur (ITU-Rpy) installed (default: "
        "benchmarks/.peers-venv where it has itur, else this one)",
    )
    parser.add_argument("--peer", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.peer:
        peer(*args.peer)
        return
    args.peer_python = args.peer_python or default_peer_python()
    cases = draw(args.cases, args.seed)
    peer_out, version = run_peer(cases, args.peer_python)
    ours_out, refused = ours(cases, peer_out["total"])
    labels = branches(cases, ours_out, refused)
    print(f"ITU-Rpy {version} ({args.peer_python}); seed {args.seed}")
    for label in sorted(set(labels)):
        print(f"  branch {label}: {labels.count(label)} cases")
    summary = compare(cases, ours_out, peer_out, labels)
    if args.write_regression:
        rows = regression_rows(cases, peer_out, labels, args.per_branch)
        document = {
            "provenance": {
                "reference": f"ITU-Rpy (itur) {version}, called one case at a time",
                "itur_versions": {k: v for k, v in ITUR_VERSIONS.items()},
                "openitu_editions": OURS_EDITIONS,
                "drawn_by": (
                    f"scripts/validate_earth_space.py --cases {args.cases} --seed "
                    f"{args.seed} --per-branch {args.per_branch}: the first cases of each "
                    "branch of the draw"
                ),
                "agreement": summary,
            },
            "cases": rows,
        }
        args.write_regression.parent.mkdir(parents=True, exist_ok=True)
        args.write_regression.write_text(json.dumps(document, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {len(rows)} cases to {args.write_regression}")


if __name__ == "__main__":
    main()
