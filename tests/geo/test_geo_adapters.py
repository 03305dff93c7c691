"""`openitu geo ...` and /api/geo: the machine interface over openitu.geo."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from fastapi.testclient import TestClient

from openitu.geo.countries import all_countries


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "openitu.cli", "geo", *args],
        capture_output=True,
        text=True,
        check=False,
    )


def test_cli_country_json() -> None:
    result = _cli("country", "ch", "--json")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["iso2"] == "CH"
    assert document["iso3"] == "CHE"
    assert document["itu_region"] == 1
    assert document["region_source"] == "earth-frequencies"
    assert {n["iso2"] for n in document["neighbours"]} == {"AT", "DE", "FR", "IT", "LI"}


@pytest.mark.parametrize(
    ("lat", "lon", "region"),
    [("46.2", "6.15", 1), ("38.9", "-77.0", 2), ("-36.85", "174.76", 3), ("43.24", "76.89", 1)],
)
def test_cli_region_json(lat: str, lon: str, region: int) -> None:
    result = _cli("region", "--lat", lat, "--lon", lon, "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "lat_deg": float(lat),
        "lon_deg": float(lon),
        "itu_region": region,
    }


def test_cli_region_lines_only() -> None:
    result = _cli("region", "--lat", "43.24", "--lon", "76.89", "--lines-only", "--json")
    assert json.loads(result.stdout)["itu_region"] == 3


def test_cli_names_json() -> None:
    result = _cli("names", "in Niger, Nigeria and Papua New Guinea", "--json")
    assert json.loads(result.stdout) == ["NE", "NG", "PG"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("country", "XX", "--json"), "error: country: unknown ISO 3166-1 alpha-2 code 'XX'"),
        (("region", "--lat", "91", "--lon", "0", "--json"), "error: lat_deg: "),
    ],
)
def test_cli_bad_input_exits_2_with_one_line(args: tuple[str, ...], message: str) -> None:
    result = _cli(*args)
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(message)


def test_api_countries(client: TestClient) -> None:
    response = client.get("/api/geo/countries")
    assert response.status_code == 200
    rows = response.json()
    assert len(rows) == len(all_countries())
    japan = next(r for r in rows if r["iso2"] == "JP")
    assert japan == {
        "iso2": "JP",
        "iso3": "JPN",
        "name": "Japan",
        "itu_region": 3,
        "region_source": "earth-frequencies",
    }
    region_2 = client.get("/api/geo/countries", params={"region": 2}).json()
    assert region_2 and all(r["itu_region"] == 2 for r in region_2)
    assert {r["iso2"] for r in region_2} >= {"US", "CA", "BR", "GL"}


def test_api_country(client: TestClient) -> None:
    response = client.get("/api/geo/countries/kz")
    assert response.status_code == 200
    document = response.json()
    assert document["iso2"] == "KZ"
    assert document["itu_region"] == 1
    assert document["region_source"] == "RR 5.2-5.9"
    assert {n["iso2"] for n in document["neighbours"]} == {"CN", "KG", "RU", "TM", "UZ"}


def test_api_unknown_country_is_404_problem(client: TestClient) -> None:
    response = client.get("/api/geo/countries/XX")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("application/problem+json")
    assert "unknown ISO 3166-1 alpha-2 code 'XX'" in response.json()["detail"]


def test_api_region(client: TestClient) -> None:
    response = client.get("/api/geo/region", params={"lat": 35.69, "lon": 51.39})
    assert response.status_code == 200
    assert response.json() == {"lat_deg": 35.69, "lon_deg": 51.39, "itu_region": 3}


@pytest.mark.parametrize("params", [{"lat": 95, "lon": 0}, {"lat": "north", "lon": 0}, {"lat": 1}])
def test_api_region_bad_input_is_422_problem(client: TestClient, params: dict[str, object]) -> None:
    response = client.get("/api/geo/region", params=params)
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")
