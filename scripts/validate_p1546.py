"""Differential test of OpenITU's P.1546-6 against the ITU-R SG 3 reference implementation.

Run::

    .venv/bin/python scripts/validate_p1546.py --reference /path/to/Py1546 \\
        [--cases 10000] [--seed N] [--commit SHA] [--write-regression FILE]

``--reference`` is a checkout of eeveetza/Py1546 (the Python port of the WP 3K reference
code). It is never imported here: it runs in a subprocess of ``benchmarks/.peers-venv``
(created on first use; numpy<2, which the reference's ``np.mat`` needs, and matplotlib go
from the registry into its own ``py1546-site`` directory, apart from other peers; the
checkout's ``src`` is put on that interpreter's path), inputs and outputs going through a
JSON file. The field strength and the basic transmission loss are both compared.

The cases are drawn over the Recommendation's whole domain (30-4000 MHz, 0.04-1000 km,
1-50 % time, 1-99 % locations, h1 from negative to 3000 m, land, cold sea, warm sea and
mixed paths, every receiver environment, with and without a terrain profile, with and
without terrain information, h1 given or derived). The script prints the share of cases
within 0.01 dB, then every divergence above 0.01 dB grouped by the branches of the method
the case goes through, with counts and the worst case of each group. ``--write-regression``
writes a few hundred cases covering every branch, with the reference's outputs, as JSON
(tests/reference/p1546/regression_cases.json is such a file).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
from collections import defaultdict
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from openitu.errors import InvalidInput
from openitu.radio.propagation import p1546

ROOT = Path(__file__).resolve().parents[1]
PEERS_VENV = ROOT / "benchmarks" / ".peers-venv"
PEERS_PYTHON = PEERS_VENV / "bin" / "python"
#: Where the reference's dependencies go, apart from the venv's other peers (pycraf ...).
PEER_SITE = PEERS_VENV / "py1546-site"
#: np.mat, which the reference code uses, is gone from numpy 2.
PEER_REQUIREMENTS = ("numpy<2", "matplotlib")
TOLERANCE_DB = 0.01

_AREA_NAMES = {
    "rural": "Rural",
    "suburban": "Suburban",
    "urban": "Urban",
    "dense_urban": "Dense Urban",
    "sea": "Sea",
}
_ZONE_NAMES = {"land": "Land", "cold_sea": "Cold", "warm_sea": "Warm"}

# ---------------------------------------------------------------------------------------------
# The reference, in the peers' interpreter
# ---------------------------------------------------------------------------------------------
_WORKER = r"""
import contextlib, io, json, sys
import numpy as np
sys.path.insert(0, sys.argv[1])
from Py1546 import P1546

def arg(value):
    return [] if value is None else value

def one(r):
    h1ref = None
    if r["profile"] is not None:
        d = np.asarray(r["profile"]["d_km"], dtype=float)
        h = np.asarray(r["profile"]["h_m"], dtype=float)
        # as the reference's own Compute() derives them from a profile
        heff = P1546.heffCalc(d, h, r["ha"])
        hb = heff if d[-1] < 15 else None
        tca = P1546.tcaCalc(d, h, r["h2"], r["ha"])
        eff1 = P1546.teff1Calc(d, h, r["ha"], r["h2"])
        eff2, htter, hrter = tca, float(h[0]), float(h[-1])
        if r["h1_given"] is not None:
            heff = r["h1_given"]
            hb = heff if d[-1] < 15 else None
    else:
        heff, hb = r["heff"], r["hb"]
        tca = eff1 = eff2 = htter = hrter = None
    e, lb = P1546.bt_loss(
        r["f"], r["t"], heff, r["h2"], r["R2"], r["area"], list(r["d_v"]), list(r["path_c"]),
        r["pathinfo"], r["q"], r["wa"], r["PTx"], r["ha"], arg(hb), arg(r["R1"]), arg(tca),
        arg(htter), arg(hrter), arg(eff1), arg(eff2),
    )
    return {"e": float(e), "lb": float(lb)}

def main():
    cases = json.load(open(sys.argv[2]))
    out = []
    sink = io.StringIO()
    for r in cases:
        try:
            with contextlib.redirect_stdout(sink):
                out.append(one(r))
        except Exception as exc:
            out.append({"error": f"{type(exc).__name__}: {exc}"})
        sink.seek(0)
        sink.truncate()
    json.dump(out, open(sys.argv[3], "w"))

main()
"""


def _peer_env() -> dict[str, str]:
    # the reference's own site directory first: other peers in the venv may want numpy 2
    return dict(os.environ, MPLBACKEND="Agg", PYTHONPATH=str(PEER_SITE))


def ensure_peers() -> None:
    if not PEERS_PYTHON.exists():
        print(f"creating {PEERS_VENV} ...", flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(PEERS_VENV)], check=True)
    probe = subprocess.run(
        [str(PEERS_PYTHON), "-c", "import numpy, matplotlib; assert hasattr(numpy, 'mat')"],
        capture_output=True,
        check=False,
        env=_peer_env(),
    )
    if probe.returncode == 0:
        return
    print(f"installing numpy<2 and matplotlib into {PEER_SITE} ...", flush=True)
    subprocess.run(
        [
            str(PEERS_PYTHON),
            "-m",
            "pip",
            "install",
            "--quiet",
            "--target",
            str(PEER_SITE),
            *PEER_REQUIREMENTS,
        ],
        check=True,
    )


def run_reference(reference: Path, ref_inputs: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    ensure_peers()
    with tempfile.TemporaryDirectory() as tmp:
        worker = Path(tmp) / "worker.py"
        worker.write_text(_WORKER, encoding="utf-8")
        inputs = Path(tmp) / "in.json"
        outputs = Path(tmp) / "out.json"
        inputs.write_text(json.dumps(list(ref_inputs)), encoding="utf-8")
        env = _peer_env()
        subprocess.run(
            [str(PEERS_PYTHON), str(worker), str(reference / "src"), str(inputs), str(outputs)],
            check=True,
            env=env,
            cwd=tmp,
        )
        result: list[dict[str, Any]] = json.loads(outputs.read_text(encoding="utf-8"))
        return result


def reference_commit(reference: Path, given: str | None) -> str:
    if given:
        return given
    probe = subprocess.run(
        ["git", "-C", str(reference), "rev-parse", "HEAD"], capture_output=True, text=True
    )
    return probe.stdout.strip() if probe.returncode == 0 else "unknown (pass --commit)"


# ---------------------------------------------------------------------------------------------
# Drawing cases
# ---------------------------------------------------------------------------------------------
def _log_uniform(rng: np.random.Generator, low: float, high: float) -> float:
    return float(10.0 ** rng.uniform(math.log10(low), math.log10(high)))


def _draw_h1(rng: np.random.Generator, sea_only: bool) -> float:
    """An h1 (or heff, hb) over -300 ... 3000 m, with weight on the branches' edges."""
    if sea_only:
        return round(_log_uniform(rng, 3.0, 3000.0), 2)
    kind = rng.choice(["negative", "low", "high", "nominal"], p=[0.2, 0.25, 0.45, 0.1])
    if kind == "negative":
        return round(-_log_uniform(rng, 0.5, 300.0), 2)
    if kind == "low":
        return round(float(rng.uniform(0.0, 10.0)), 2)
    if kind == "nominal":
        return float(rng.choice([10.0, 20.0, 37.5, 75.0, 150.0, 300.0, 600.0, 1200.0]))
    return round(_log_uniform(rng, 10.0, 3000.0), 2)


def _draw_profile(
    rng: np.random.Generator, sections: Sequence[Mapping[str, Any]]
) -> dict[str, list[float]]:
    d_total = sum(float(s["d_km"]) for s in sections)
    step = min(d_total / int(rng.integers(20, 200)), float(rng.choice([0.05, 0.1, 0.25, 0.5])))
    n = max(math.ceil(d_total / step), 2)
    x = np.linspace(0.0, d_total, n + 1)
    base = float(rng.uniform(0.0, 1500.0))
    rough = float(rng.choice([0.0, 5.0, 30.0, 150.0]))
    walk = np.cumsum(rng.normal(0.0, rough * math.sqrt(step), x.size))
    h = np.maximum(base + walk, 0.0)
    # sea sections lie at sea level
    start = 0.0
    for s in sections:
        stop = start + float(s["d_km"])
        if s["zone"] != "land":
            h[(x >= start) & (x <= stop)] = 0.0
        start = stop
    return {"d_km": [round(float(v), 6) for v in x], "h_m": [round(float(v), 2) for v in h]}


def draw_case(rng: np.random.Generator) -> dict[str, Any]:
    """One case as `P1546Case.from_mapping` reads it, plus the drawing mode under ``_mode``."""
    band = rng.choice(["low", "mid", "high", "nominal"], p=[0.2, 0.5, 0.2, 0.1])
    if band == "low":
        f = _log_uniform(rng, 30.0, 100.0)
    elif band == "high":
        f = _log_uniform(rng, 2000.0, 4000.0)
    elif band == "nominal":
        f = float(rng.choice([30.0, 100.0, 600.0, 2000.0, 4000.0]))
    else:
        f = _log_uniform(rng, 100.0, 2000.0)
    t = float(rng.choice([1.0, 10.0, 50.0])) if rng.random() < 0.2 else rng.uniform(1.0, 50.0)
    q = 50.0 if rng.random() < 0.35 else float(rng.uniform(1.0, 99.0))
    d_kind = rng.choice(["short", "mid", "long"], p=[0.2, 0.6, 0.2])
    if d_kind == "short":
        d = _log_uniform(rng, 0.04, 1.0)
    elif d_kind == "long":
        d = float(rng.uniform(500.0, 1000.0))
    else:
        d = _log_uniform(rng, 1.0, 500.0)
    d = round(d, 4)
    path = rng.choice(["land", "cold_sea", "warm_sea", "mixed"], p=[0.4, 0.15, 0.15, 0.3])
    if path == "mixed":
        frac = float(rng.uniform(0.05, 0.95))
        zones = list(rng.permutation(["land", str(rng.choice(["cold_sea", "warm_sea"]))]))
        if rng.random() < 0.2:
            zones = ["land", "cold_sea", "warm_sea"]
        lengths = [d * frac, d * (1.0 - frac)]
        if len(zones) == 3:
            lengths = [d * frac, d * (1.0 - frac) / 2.0, d * (1.0 - frac) / 2.0]
        sections = [
            {"zone": z, "d_km": round(length, 6)} for z, length in zip(zones, lengths, strict=True)
        ]
    else:
        sections = [{"zone": str(path), "d_km": d}]
    sea_only = all(s["zone"] != "land" for s in sections)
    area = str(rng.choice(list(_AREA_NAMES)))
    h2 = round(_log_uniform(rng, 3.0 if area == "sea" else 1.0, 60.0), 2)
    r2 = {"rural": 10.0, "suburban": 10.0, "urban": 20.0, "dense_urban": 30.0, "sea": 10.0}[area]
    if area in ("suburban", "urban", "dense_urban") and rng.random() < 0.6:
        r2 = round(float(rng.uniform(3.0, 40.0)), 1)
    ha = round(_log_uniform(rng, 1.0, 500.0), 2)
    case: dict[str, Any] = {
        "f_mhz": round(f, 3),
        "t_percent": round(float(t), 3),
        "q_percent": round(q, 3),
        "ha_m": ha,
        "h2_m": h2,
        "r1_m": 0.0 if rng.random() < 0.6 else round(float(rng.uniform(1.0, 40.0)), 1),
        "r2_m": r2,
        "rx_area": area,
        "wa_m": float(rng.choice([50.0, 100.0, 500.0, 1000.0])),
        "sections": sections,
    }
    if rng.random() < 0.2:
        case["ptx_kw"] = round(_log_uniform(rng, 0.01, 100.0), 4)
        case["ptx_ref"] = str(rng.choice(["erp", "eirp"]))
    mode = str(
        rng.choice(
            ["profile", "derived_no_terrain", "derived_terrain", "given"],
            p=[0.25, 0.25, 0.2, 0.3],
        )
    )
    land_short = not sea_only and d < 15.0
    if mode == "profile":
        case["profile"] = _draw_profile(rng, sections)
        if rng.random() < 0.2:
            case["h1_m"] = _draw_h1(rng, sea_only)
    elif mode == "derived_no_terrain":
        case["terrain_available"] = False
        case["heff_m"] = _draw_h1(rng, sea_only)
    elif mode == "derived_terrain":
        case["terrain_available"] = True
        case["heff_m"] = _draw_h1(rng, sea_only)
        if land_short:
            case["hb_m"] = _draw_h1(rng, False)
    else:
        terrain = bool(rng.random() < 0.5)
        case["terrain_available"] = terrain
        case["h1_m"] = _draw_h1(rng, sea_only)
        if not terrain and land_short and d <= 3.0:
            case["h1_m"] = ha  # §3.1.1 (4): given h1 can only be ha here
    case["_mode"] = mode
    return case


def reference_inputs(case: Mapping[str, Any]) -> dict[str, Any]:
    """The reference's arguments for one of our cases (same inputs, same meaning)."""
    sections = case["sections"]
    d = sum(float(s["d_km"]) for s in sections)
    sea_only = all(s["zone"] != "land" for s in sections)
    profile = case.get("profile")
    terrain = bool(case.get("terrain_available", profile is not None))
    ha = float(case["ha_m"])
    h1 = case.get("h1_m")
    heff = case.get("heff_m")
    hb = case.get("hb_m")
    if h1 is not None and profile is None:
        # the reference derives h1 from ha, heff and hb (§3): choose them so that it is h1
        heff = h1
        hb = h1 if terrain else None
        if not terrain and not sea_only and 3.0 < d < 15.0:
            heff = ha + (h1 - ha) * 12.0 / (d - 3.0)  # inverse of (5)
    ptx = float(case.get("ptx_kw", 1.0))
    if case.get("ptx_ref", "erp") == "eirp":
        ptx = ptx / 10.0**0.215  # e.r.p. = e.i.r.p. - 2.15 dB
    r1 = float(case.get("r1_m", 0.0))
    return {
        "f": float(case["f_mhz"]),
        "t": float(case["t_percent"]),
        "q": float(case.get("q_percent", 50.0)),
        "heff": heff,
        "hb": hb,
        "h1_given": h1 if profile is not None else None,
        "h2": float(case["h2_m"]),
        "R2": float(case.get("r2_m", 10.0)),
        "area": _AREA_NAMES[case.get("rx_area", "rural")],
        "d_v": [float(s["d_km"]) for s in sections],
        "path_c": [_ZONE_NAMES[s["zone"]] for s in sections],
        "pathinfo": 1 if terrain else 0,
        "wa": float(case.get("wa_m", 500.0)),
        "PTx": ptx,
        "ha": ha,
        # R1 = 0 is our "no clutter at the transmitter": the reference's "no R1"
        "R1": r1 if r1 > 0.0 else None,
        "profile": profile,
    }


# ---------------------------------------------------------------------------------------------
# Ours, and the branches a case goes through
# ---------------------------------------------------------------------------------------------
def run_ours(cases: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for case in cases:
        mapping = {k: v for k, v in case.items() if not k.startswith("_")}
        try:
            if not hasattr(p1546.P1546Case, "has_terrain"):
                # a version before `terrain_available`: hb given as h1, no branch details
                mapping.pop("terrain_available", None)
                if "hb_m" in mapping:
                    mapping["h1_m"] = mapping.pop("hb_m")
                out.append(p1546.p1546_path(mapping))
                continue
            read = p1546.P1546Case.from_mapping(mapping)
            details = p1546.p1546_cases([read], details=True)[0]
            details["tropo_wins"] = details["e_ts"] > details["e_path"] + details["tca_correction"]
        except InvalidInput as exc:
            out.append({"error": f"InvalidInput: {exc}"})
            continue
        out.append(details)
    return out


def branches(case: Mapping[str, Any], ours: Mapping[str, Any]) -> dict[str, str]:
    """The branches of the method one case goes through, named by the Recommendation."""
    sections = case["sections"]
    d = sum(float(s["d_km"]) for s in sections)
    zones = {s["zone"] for s in sections}
    sea_only = "land" not in zones
    path = "mixed (§8)" if len(zones - {"warm_sea", "cold_sea"}) and len(zones) > 1 else None
    if path is None:
        path = "sea (§3.3)" if sea_only else "land"
    terrain = bool(case.get("terrain_available", "profile" in case))
    mode = case["_mode"]
    if "h1_m" in case:
        h1_source = "h1 given"
    elif mode == "profile":
        h1_source = "h1 from the profile (§3.1.2 hb / §3.2 heff)"
    elif sea_only:
        h1_source = "h1 §3.3 (sea)"
    elif d >= 15.0:
        h1_source = "h1 §3.2 (heff)"
    elif terrain:
        h1_source = "h1 §3.1.2 (hb)"
    else:
        h1_source = "h1 §3.1.1 (ha, heff)"
    h1 = float(ours.get("h1_m", math.nan))
    if h1 < 0.0:
        h1_band = "h1 < 0 (§4.3)"
    elif h1 < 10.0:
        h1_band = "0 <= h1 < 10 m (§4.2)"
    elif h1 > 1200.0:
        h1_band = "h1 > 1200 m (§4.1 extrapolation)"
    else:
        h1_band = "10 <= h1 <= 1200 m (§4.1)"
    f = float(case["f_mhz"])
    f_band = "f < 100 MHz" if f < 100.0 else "f > 2000 MHz" if f > 2000.0 else "100-2000 MHz"
    if d < 1.0:
        d_band = "d < 1 km (§15)"
    elif d < 15.0:
        d_band = "1 <= d < 15 km"
    elif d <= 500.0:
        d_band = "15-500 km"
    else:
        d_band = "d > 500 km"
    area = case.get("rx_area", "rural")
    if area == "sea":
        rx = "rx sea, h2 < 10 m (29)" if float(case["h2_m"]) < 10.0 else "rx sea, h2 >= 10 m (28b)"
    elif area == "rural":
        rx = "rx rural (28b, R'=10)"
    else:
        r_prime = float(ours.get("r_prime", math.nan))
        below = float(case["h2_m"]) < r_prime
        rx = f"rx {'below' if below else 'above'} clutter ({'28a' if below else '28b'})"
        if r_prime < 10.0:
            rx += ", R' < 10 m"
    q = float(case.get("q_percent", 50.0))
    if q == 50.0 or area == "sea":
        location = "no location correction"
    elif terrain:
        location = "location: sigma of (34), terrain available"
    else:
        location = "location: fixed sigma, no terrain"
    special_sea = path != "land" and f < 100.0
    labels = {
        "h1 source": h1_source,
        "h1 range": h1_band,
        "path": path,
        "distance": d_band,
        "frequency": f_band,
        "rx height correction (§9)": rx,
        "location variability (§12)": location,
        "tx clutter (§10)": "r1 > 0" if float(case.get("r1_m", 0.0)) > 0.0 else "r1 = 0",
        "profile": "profile" if "profile" in case else "no profile",
        "sea < 100 MHz (§6 (15))": "sea part, f < 100 MHz" if special_sea else "other",
        "tropo floor (§13)": "E_ts wins" if ours.get("tropo_wins", False) else "E_ts below",
    }
    return labels


#: The reference code's departures from the Recommendation's text that docs/radio.md
#: ("P.1546-6 against the ITU-R reference code") explains, by the condition a case meets.
DEPARTURES = (
    "R1 Annex 6 Step 13: the reference skips the tropospheric-scatter floor without eff1/eff2",
    "R2 §15: the reference evaluates (27)/(29) at the actual d < 1 km, not at 1 km",
    "R3 §8: the reference uses h1 < 3 m for the sea field of a mixed path",
    "R4 §4.2 (10a), (10b), (11c): the reference's D06 at the required f, ln for log10",
)


def departure(case: Mapping[str, Any], ours: Mapping[str, Any]) -> str:
    """The documented departure a divergent case goes through, or that it is none."""
    sections = case["sections"]
    d = sum(float(s["d_km"]) for s in sections)
    zones = {s["zone"] for s in sections}
    if "h1_m" not in ours:
        return "not classified (this version gives no details)"
    h1 = float(ours["h1_m"])
    area = case.get("rx_area", "rural")
    if "profile" not in case and ours.get("tropo_wins", False):
        return DEPARTURES[0]
    if d < 1.0 and (
        area in ("suburban", "urban", "dense_urban")
        or (area == "sea" and float(case["h2_m"]) < 10.0)
    ):
        return DEPARTURES[1]
    if "land" in zones and len(zones) > 1 and h1 < 3.0:
        return DEPARTURES[2]
    if zones != {"land"} and max(h1, 3.0) < 10.0:
        return DEPARTURES[3]
    return "none of the documented departures"


# ---------------------------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------------------------
def _short(case: Mapping[str, Any]) -> str:
    shown = {k: v for k, v in case.items() if k not in ("profile", "_mode")}
    if "profile" in case:
        shown["profile"] = f"<{len(case['profile']['d_km'])} points>"
    return json.dumps(shown)


def report(
    cases: Sequence[Mapping[str, Any]],
    ours: Sequence[Mapping[str, Any]],
    ref: Sequence[Mapping[str, Any]],
    commit: str,
) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    ref_errors = our_errors = 0
    for case, o, r in zip(cases, ours, ref, strict=True):
        if "error" in r or not math.isfinite(float(r["e"])):
            ref_errors += 1
            continue
        if "error" in o:
            our_errors += 1
            continue
        diff = float(o["e_dbuv_m"]) - float(r["e"])
        diff_lb = float(o["lb_db"]) - float(r["lb"])
        if abs(diff_lb) > abs(diff):
            diff = -diff_lb  # a loss too high is a field too low
        if not math.isfinite(diff):
            diff = math.inf
        rows.append({"case": case, "ours": o, "ref": r, "diff": diff, "labels": branches(case, o)})
    compared = len(rows)
    within = sum(1 for row in rows if abs(row["diff"]) <= TOLERANCE_DB)
    print(f"reference: eeveetza/Py1546 at commit {commit}")
    print(
        f"cases drawn: {len(cases)}; compared: {compared}; reference raised or gave NaN on "
        f"{ref_errors}; "
        f"ours refused {our_errors}"
    )
    share = within / compared if compared else 0.0
    print(f"within {TOLERANCE_DB} dB: {within}/{compared} = {100.0 * share:.2f} %")
    bad = [row for row in rows if abs(row["diff"]) > TOLERANCE_DB]
    print(f"divergences above {TOLERANCE_DB} dB: {len(bad)}")
    if ref_errors:
        print("reference failures (not compared):")
        kinds: dict[str, int] = defaultdict(int)
        for r in ref:
            if "error" in r:
                kinds[str(r["error"])[:90]] += 1
            elif not math.isfinite(float(r["e"])):
                kinds["NaN field strength"] += 1
        for kind, n in sorted(kinds.items(), key=lambda kv: -kv[1]):
            print(f"  {n:>5}  {kind}")
    if not bad:
        return rows
    print("\nDivergences by documented departure of the reference code (docs/radio.md):")
    by_departure: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in bad:
        by_departure[departure(row["case"], row["ours"])].append(row)
    for name, members in sorted(by_departure.items()):
        worst = max(members, key=lambda m: abs(m["diff"]))
        print(f"  {name}: {len(members)} cases, worst dE = {worst['diff']:+.3f} dB")
        print(f"      {_short(worst['case'])}")
    dimensions = list(bad[0]["labels"])
    print("\nDivergences by branch (divergent / cases through the branch, worst |dE|):")
    for dim in dimensions:
        totals: dict[str, int] = defaultdict(int)
        for row in rows:
            totals[row["labels"][dim]] += 1
        groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for row in bad:
            groups[row["labels"][dim]].append(row)
        print(f"  {dim}:")
        for value in sorted(totals, key=lambda v: -len(groups.get(v, []))):
            members = groups.get(value, [])
            worst = max((abs(m["diff"]) for m in members), default=0.0)
            print(f"    {value:<48} {len(members):>5} / {totals[value]:<5} worst {worst:7.3f} dB")
    signatures: dict[tuple[str, ...], list[dict[str, Any]]] = defaultdict(list)
    for row in bad:
        signatures[tuple(f"{v}" for v in row["labels"].values())].append(row)
    print("\nDivergent cases by full branch signature (worst case of each):")
    for sig, members in sorted(signatures.items(), key=lambda kv: -len(kv[1])):
        worst = max(members, key=lambda m: abs(m["diff"]))
        print(f"  [{len(members)}] " + " | ".join(sig))
        print(
            f"      worst dE = {worst['diff']:+.3f} dB (ours {worst['ours']['e_dbuv_m']:.3f}, "
            f"reference {worst['ref']['e']:.3f}): {_short(worst['case'])}"
        )
    return rows


def write_regression(
    path: Path, rows: Sequence[Mapping[str, Any]], commit: str, seed: int, per_branch: int
) -> None:
    """A few hundred cases chosen so that every branch value has up to ``per_branch`` of
    them, and every documented departure up to ``per_branch`` divergent cases; profiles of
    at most 400 points, to keep the file small."""
    chosen: list[Mapping[str, Any]] = []
    count: dict[tuple[str, str], int] = defaultdict(int)
    for row in rows:
        if len(row["case"].get("profile", {}).get("d_km", ())) > 400:
            continue
        keys = list(row["labels"].items())
        if abs(row["diff"]) > TOLERANCE_DB:
            keys = [("departure", departure(row["case"], row["ours"]))]
        if any(count[key] < per_branch for key in keys):
            chosen.append(row)
            for key in keys:
                count[key] += 1

    def entry(row: Mapping[str, Any]) -> dict[str, Any]:
        agrees = abs(row["diff"]) <= TOLERANCE_DB
        out: dict[str, Any] = {
            "branches": row["labels"],
            "case": {k: v for k, v in row["case"].items() if k != "_mode"},
            "reference": {
                "e_dbuv_m": round(row["ref"]["e"], 6),
                "lb_db": round(row["ref"]["lb"], 6),
            },
        }
        if not agrees:
            out["departure"] = departure(row["case"], row["ours"])
            out["openitu"] = {
                "e_dbuv_m": round(float(row["ours"]["e_dbuv_m"]), 6),
                "lb_db": round(float(row["ours"]["lb_db"]), 6),
            }
        return out

    payload = {
        "reference": "eeveetza/Py1546 P1546.bt_loss, the ITU-R SG 3 (WP 3K) reference code",
        "commit": commit,
        "drawn_by": f"scripts/validate_p1546.py --seed {seed} --per-branch {per_branch}",
        "tolerance_db": TOLERANCE_DB,
        "cases": [entry(row) for row in chosen],
    }
    # one case a line: readable diffs without a line per profile point
    head = json.dumps({k: v for k, v in payload.items() if k != "cases"}, indent=1)[:-2]
    lines = ",\n".join(json.dumps(c) for c in payload["cases"])
    path.write_text(f'{head},\n "cases": [\n{lines}\n ]\n}}\n', encoding="utf-8")
    print(f"\nwrote {len(chosen)} regression cases to {path}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reference", type=Path, required=True, help="checkout of Py1546")
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--commit", default=None, help="the checkout's commit, if not a git tree")
    parser.add_argument("--write-regression", type=Path, default=None)
    parser.add_argument("--per-branch", type=int, default=25)
    args = parser.parse_args()
    seed = args.seed if args.seed is not None else int(np.random.SeedSequence().entropy % 2**32)
    print(f"seed: {seed}")
    rng = np.random.default_rng(seed)
    cases = [draw_case(rng) for _ in range(args.cases)]
    ref = run_reference(args.reference.resolve(), [reference_inputs(c) for c in cases])
    ours = run_ours(cases)
    commit = reference_commit(args.reference, args.commit)
    rows = report(cases, ours, ref, commit)
    if args.write_regression is not None:
        write_regression(args.write_regression, rows, commit, seed, args.per_branch)


if __name__ == "__main__":
    main()
