"""`openitu space ...` as scripts use it: one JSON document on stdout, or exit 2 and one
line on stderr (the real command, in a subprocess, against a loaded database)."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parents[1] / "space"))
from space_documents import network_document, ngso_document

Run = Callable[..., Any]


def _json(run_cli: Run, *args: str) -> Any:
    result = run_cli("space", *args, "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_pfd_limit_and_arc(run_cli: Run) -> None:
    limit = _json(run_cli, "pfd-limit", "--frequency", "3.9 GHz", "--angle", "25")
    assert limit["limit_dbw_m2"] == -142.0  # Table 21-4, 3 400-4 200 MHz at 25°
    assert set(limit) >= {"limit_dbw_m2", "reference_bandwidth_hz", "provision", "band"}
    arc = _json(run_cli, "arc", "--frequency", "6GHz", "--service", "fixed-satellite")
    assert arc["coordination_arc_deg"] == 8.0 and "9.7" in arc["provision"]


def test_dtt_one_case_and_many(run_cli: Run, tmp_path: Path) -> None:
    case = {"wanted": {"longitude_deg": 0.0, "satellite_gain_dbi": 30.0,
                       "earth_station": {"lat_deg": 45.0, "lon_deg": 2.0, "gain_dbi": 50.0}},
            "interfering": {"longitude_deg": 2.0, "satellite_gain_dbi": 32.0,
                            "earth_station": {"lat_deg": 40.0, "lon_deg": 5.0, "gain_dbi": 50.0}},
            "uplink_hz": "14.25GHz", "downlink_hz": "11.45GHz", "pe_w_hz": 1e-5, "ps_w_hz": 1e-7,
            "gamma_db": 0.0, "ts_k": 600.0, "te_k": 120.0}  # fmt: skip
    one = tmp_path / "one.json"
    one.write_text(json.dumps(case))
    result = _json(run_cli, "dtt", str(one))
    assert set(result) >= {"dt_t_percent", "delta_ts_k", "delta_te_k", "coordination_required"}
    assert result["coordination_required"] == (result["dt_t_percent"] > 6.0)
    far = {**case, "interfering": {**case["interfering"], "longitude_deg": 40.0}}
    many = tmp_path / "many.json"
    many.write_text(json.dumps([case, far]))
    both = _json(run_cli, "dtt", str(many))
    assert both[0] == result and both[1]["dt_t_percent"] < result["dt_t_percent"]


def test_bad_input_exits_2_with_one_line(run_cli: Run, tmp_path: Path) -> None:
    result = run_cli("space", "pfd-limit", "--frequency", "4GHz", "--angle", "-3", "--json")
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.strip().count("\n") == 0 and "angle" in result.stderr
    document = network_document()
    document["beams"][0].pop("frequencies")
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(document))
    result = run_cli("space", "networks", "add", str(path), "--json")
    assert result.returncode == 2 and "beams[0].frequencies" in result.stderr


def test_networks_add_affected_deadlines(run_cli: Run, tmp_path: Path) -> None:
    paths = []
    for name, admin, lon in [("CLI-FR", "FR", -30.0), ("CLI-BR", "BR", -34.0)]:
        path = tmp_path / f"{name}.json"
        path.write_text(json.dumps(network_document(name, admin, lon)))
        paths.append(path)
    first = _json(run_cli, "networks", "add", str(paths[1]), "--date-of-receipt", "2018-05-01")
    second = _json(run_cli, "networks", "add", str(paths[0]), "--date-of-receipt", "2019-05-01")
    assert second["status"] == "coordination_requested"
    affected = _json(run_cli, "affected", str(second["network_id"]))
    ids = [n["network_id"] for n in affected["networks"]]
    assert first["network_id"] in ids
    entry = affected["networks"][ids.index(first["network_id"])]
    assert entry["administration"] == "BR" and entry["separation_deg"] == pytest.approx(4.0)
    assert affected["pairs_evaluated"] >= 2
    dates = _json(run_cli, "deadlines", str(second["network_id"]), "--as-of", "2026-05-02")
    due = {d["name"]: d for d in dates["deadlines"]}["bringing_into_use"]
    assert due["due"] == "2026-05-01" and dates["status"] == "lapsed"
    listed = _json(run_cli, "networks", "list", "--source", "ucs-2023")
    assert len(listed) == 588 and all(n["source"] == "ucs-2023" for n in listed)


def test_visibility_and_pfd_check(run_cli: Run, tmp_path: Path) -> None:
    seen = _json(run_cli, "visibility", "--longitude", "-75", "--lat", "40.7", "--lon", "-74.0")
    # New York sees 75° W high in the southern sky (elevation by the law of cosines ~43°).
    assert seen["visible"] is True and 40 < seen["elevation_deg"] < 46
    assert 175 < seen["azimuth_deg"] < 185
    case = tmp_path / "pfd.json"
    case.write_text(json.dumps({"longitude_deg": -75.0, "frequency": "4GHz",
                                "eirp_density_dbw_hz": 0.0,
                                "points": [{"lat_deg": 40.7, "lon_deg": -74.0}]}))  # fmt: skip
    result = _json(run_cli, "pfd-check", str(case))
    assert result["complies"] is False and result["points_exceeding"] == 1
    assert result["results"][0]["margin_db"] < 0


def test_pfd_check_with_the_antenna_pattern(run_cli: Run, tmp_path: Path) -> None:
    points = [{"lat_deg": 40.7, "lon_deg": -74.0}, {"lat_deg": -20.0, "lon_deg": -50.0}]
    flat = {"longitude_deg": -75.0, "frequency": "4GHz", "eirp_density_dbw_hz": -30.0,
            "points": points}  # fmt: skip
    antenna = {"half_beamwidth_deg": 2.0, "gain_dbi": 36.0, "boresight_lat_deg": 40.7,
               "boresight_lon_deg": -74.0}  # fmt: skip
    case = tmp_path / "cases.json"
    case.write_text(json.dumps([flat, {**flat, **antenna}]))
    peak, shaped = _json(run_cli, "pfd-check", str(case))
    assert "S.1528-0" in shaped["pattern"]
    # Aimed at New York: the same there; far down the beam's side lobes in Brazil.
    assert shaped["results"][0]["pfd_dbw_m2"] == pytest.approx(peak["results"][0]["pfd_dbw_m2"])
    assert shaped["results"][1]["pfd_dbw_m2"] < peak["results"][1]["pfd_dbw_m2"] - 19.0
    case.write_text(json.dumps({**flat, "half_beamwidth_deg": 2.0}))
    bad = run_cli("space", "pfd-check", str(case))
    assert bad.returncode == 2 and bad.stdout == "" and "gain_dbi" in bad.stderr
    assert bad.stderr.strip().count("\n") == 0


def test_ngso_passes_and_pfd(run_cli: Run, tmp_path: Path) -> None:
    path = tmp_path / "leo.json"
    path.write_text(json.dumps(ngso_document("CLI-LEO")))
    created = _json(run_cli, "networks", "add", str(path), "--date-of-receipt", "2021-05-01")
    network = str(created["network_id"])
    place = ["--lat", "48.85", "--lon", "2.35", "--from", "2026-03-01T00:00Z", "--hours", "6"]
    passes = _json(run_cli, "passes", network, *place, "--min-elevation-deg", "20")
    assert passes["satellites"] == 22 and passes["min_elevation_deg"] == 20.0
    assert all(w["max_elevation_deg"] >= 20 for w in passes["windows"])
    text = run_cli("space", "passes", network, *place)
    assert text.returncode == 0 and "22 satellites" in text.stdout
    pfd = _json(run_cli, "ngso-pfd", network, *place)
    assert pfd["beams"][0]["orbit"] == "ngso"
    total = pfd["beams"][0]["aggregate"]
    assert total["max_dbw_m2"] >= total["strongest_single_then_dbw_m2"]
    summed = run_cli("space", "ngso-pfd", network, *place)
    assert f"all satellites summed, max {total['max_dbw_m2']} dB(W/m²)" in summed.stdout
    bad = run_cli("space", "passes", network, "--lat", "48", "--lon", "2", "--from", "soon")
    assert bad.returncode == 2 and bad.stdout == "" and "from" in bad.stderr
    assert bad.stderr.strip().count("\n") == 0
    tle = ngso_document("BAD-TLE", planes=[{"satellites": 1, "tle": [["1 00005U", "2 00005"]]}])
    path.write_text(json.dumps(tle))
    result = run_cli("space", "networks", "add", str(path), "--json")
    assert result.returncode == 2 and "planes[0].tle[0]: line 1: 8 characters" in result.stderr
