"""The radio CLI (run for real), the /api/radio routes and the /radio page."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

LONDON = {
    "lat_deg": 51.5,
    "lon_deg": -0.14,
    "f_ghz": 14.25,
    "el_deg": 31.07699124,
    "p_percent": 1,
    "d_m": 1,
    "eta": 0.65,
    "hs_km": 0.031382984,
    "tau_deg": 0,
    "edition": "P.618-13",
}
# ITURP618-13_A_total.csv, first row (the case names its edition: P.618-14 is the default).
LONDON_TOTAL_DB = 1.212790721


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "openitu.cli", "radio", *args],
        capture_output=True,
        text=True,
        check=False,
    )


def test_cli_emission_json() -> None:
    result = run_cli("emission", "16K0F3E", "--json")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["designator"] == "16K0F3E"
    assert document["necessary_bandwidth_hz"] == 16000.0
    assert (document["modulation"], document["signal_nature"], document["information_type"]) == (
        "F",
        "3",
        "E",
    )
    assert "frequency modulation" in document["meanings"]["modulation"]


def test_cli_bad_designator_is_one_line_exit_2() -> None:
    result = run_cli("emission", "16KZF3E", "--json")
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "designator" in lines[0] and "character 4" in lines[0]


def test_cli_slant_path_one_case_and_a_list(tmp_path: Path) -> None:
    one = tmp_path / "one.json"
    one.write_text(json.dumps(LONDON), encoding="utf-8")
    many = tmp_path / "many.json"
    second = dict(LONDON, p_percent=0.1)
    del second["tau_deg"]
    many.write_text(json.dumps([LONDON, second]), encoding="utf-8")
    single = run_cli("slant-path", str(one), "--json")
    assert single.returncode == 0, single.stderr
    document = json.loads(single.stdout)
    assert isinstance(document, dict)
    assert document["a_total_db"] == pytest.approx(LONDON_TOTAL_DB, abs=0.01)
    listed = run_cli("slant-path", str(many), "--json")
    assert listed.returncode == 0, listed.stderr
    results = json.loads(listed.stdout)
    assert [r["p_percent"] for r in results] == [1.0, 0.1]
    assert results[1]["tau_deg"] == 45.0
    assert results[1]["a_rain_db"] > results[0]["a_rain_db"]
    assert results[0]["a_total_db"] == pytest.approx(document["a_total_db"])


def test_cli_slant_path_out_of_range_names_the_field(tmp_path: Path) -> None:
    case = tmp_path / "bad.json"
    case.write_text(json.dumps(dict(LONDON, f_ghz=80)), encoding="utf-8")
    result = run_cli("slant-path", str(case), "--json")
    assert result.returncode == 2
    assert result.stderr.startswith("error: f_ghz:") and "55" in result.stderr


def test_cli_free_space_and_antenna() -> None:
    result = run_cli("free-space", "--f", "1 GHz", "--d", "1", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["loss_db"] == pytest.approx(92.45, abs=0.01)
    result = run_cli(
        "antenna", "S.465", "--angle", "10", "--angle", "60", "--f", "12GHz", "--d", "2.4", "--json"
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["gain_dbi"] == pytest.approx([7.0, -10.0])


def test_api_emission_and_problem_json(client: TestClient) -> None:
    response = client.get("/api/radio/emission/5M00G7W")
    assert response.status_code == 200
    assert response.json()["necessary_bandwidth_hz"] == 5e6
    bad = client.get("/api/radio/emission/5M0XG7W")
    assert bad.status_code == 422
    assert bad.headers["content-type"].startswith("application/problem+json")
    assert bad.json()["errors"][0]["field"] == "designator"


def test_api_slant_path(client: TestClient) -> None:
    response = client.post("/api/radio/slant-path", json=LONDON)
    assert response.status_code == 200, response.text
    assert response.json()["a_total_db"] == pytest.approx(LONDON_TOTAL_DB, abs=0.01)
    listed = client.post("/api/radio/slant-path", json=[LONDON, LONDON])
    assert listed.status_code == 200 and len(listed.json()) == 2
    bad = client.post("/api/radio/slant-path", json=dict(LONDON, p_percent=70))
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["field"] == "p_percent"
    missing = client.post("/api/radio/slant-path", json={"lat_deg": 1})
    assert missing.status_code == 422


def test_api_free_space_and_antenna(client: TestClient) -> None:
    response = client.get("/api/radio/free-space", params={"f": "1GHz", "d_km": 1, "eirp_dbw": 0})
    assert response.status_code == 200
    assert response.json()["loss_db"] == pytest.approx(92.45, abs=0.01)
    response = client.get(
        "/api/radio/antenna/S.580", params={"angle_deg": [2, 30], "f": "14GHz", "d_m": 3}
    )
    assert response.status_code == 200, response.text
    assert response.json()["gain_dbi"][0] == pytest.approx(29 - 25 * 0.30103, abs=1e-6)
    bad = client.get("/api/radio/antenna/Yagi", params={"angle_deg": [1]})
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "pattern"


def test_page_decodes_computes_and_plots(client: TestClient) -> None:
    page = client.get("/radio", params={"designator": "6K00A3EJN", "f": "2.45GHz", "d_km": "10"})
    assert page.status_code == 200
    assert "6000 Hz" in page.text and "double-sideband" in page.text
    assert "120.23 dB" in page.text
    assert "<svg" in page.text and "<polyline" in page.text
    bad = client.get("/radio", params={"designator": "ZZZ", "f": "2.45GHz", "d_km": "far"})
    assert bad.status_code == 422
    assert (
        'role="alert"' in bad.text and "too short" in bad.text and "expected a number" in bad.text
    )


def test_cli_and_page_show_the_bandwidth_in_the_designators_unit(client: TestClient) -> None:
    # 36M0G7W: 36 MHz (RR Appendix 1 §1), never "3.6e+07 Hz".
    result = run_cli("emission", "36M0G7W")
    assert result.returncode == 0, result.stderr
    assert "necessary bandwidth 36 MHz" in result.stdout
    page = client.get("/radio", params={"designator": "36M0G7W"})
    assert page.status_code == 200
    assert "36 MHz" in page.text
    assert "e+07" not in page.text and "36000000 Hz" in page.text
    document = client.get("/api/radio/emission/36M0G7W").json()
    assert document["necessary_bandwidth_hz"] == 36e6
    assert document["necessary_bandwidth"] == "36 MHz"


def test_api_antenna_names_the_parameter_a_pattern_does_not_take_or_needs(
    client: TestClient,
) -> None:
    # Issue 17: F.699 passed Python's "unexpected keyword argument" through.
    common = {"angle_deg": [0, 5], "f": "6GHz", "d_m": 2}
    extra = client.get("/api/radio/antenna/F.699", params={**common, "half_beamwidth_deg": 1})
    assert extra.status_code == 422 and "keyword" not in extra.text
    error = extra.json()["errors"][0]
    assert error["field"] == "half_beamwidth_deg"
    assert error["reason"].startswith("F.699 does not take it")
    # The parameters it takes are named as this route's query names them.
    assert " f," in error["reason"] and "f_mhz" not in error["reason"]
    no_frequency = client.get("/api/radio/antenna/F.699", params={"angle_deg": [1], "d_m": 2})
    assert no_frequency.json()["errors"][0] == {"field": "f", "reason": "F.699 needs it"}
    lacking = client.get("/api/radio/antenna/S.1528", params={"angle_deg": [1], "gmax_dbi": 30})
    assert lacking.status_code == 422
    assert lacking.json()["errors"][0] == {
        "field": "half_beamwidth_deg",
        "reason": "S.1528 needs it",
    }


def test_cli_names_the_frequency_a_pattern_needs_as_its_option() -> None:
    result = run_cli("antenna", "F.699", "--angle", "1", "--d", "2")
    assert result.returncode == 2
    assert result.stderr.strip().endswith("f: F.699 needs it")


def test_cli_refuses_a_diameter_outside_any_dish_naming_it() -> None:
    # Issue 17: S.465 with D = 1e-300 m answered gains of NaN; the pattern's wrapper checks
    # the range, so the CLI, the API and the Python API refuse it alike.
    result = run_cli("antenna", "S.465", "--angle", "2", "--f", "14GHz", "--d", "1e-300")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "d_m" in result.stderr
    assert "[0.001, 1000] m" in result.stderr
