"""The Table through the HTTP API: shapes of the machine interface and problem+json errors."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient


def test_allocations_at(client: TestClient) -> None:
    response = client.get("/api/allocations/at", params={"frequency": "2450MHz", "region": "1"})
    assert response.status_code == 200
    body = response.json()
    assert body["frequency_hz"] == 2.45e9
    assert body["region"] == 1
    assert body["band"] == {"low_hz": 2450e6, "high_hz": 2483.5e6}
    assert "5.150" in body["footnotes"]
    services = {a["service"]: a["category"] for a in body["allocations"]}
    assert services["radiolocation"] == "secondary"
    assert set(body["allocations"][0]) == {"service", "category", "footnotes"}


def test_allocations_at_with_country_shows_national_table(client: TestClient) -> None:
    body = client.get(
        "/api/allocations/at",
        params={"frequency": "3.5 GHz", "country": "DE", "edition": "RR-2012"},
    ).json()
    assert body["region"] == 1
    assert "5.430A" in body["country"]["footnotes_naming_country"]
    assert body["country"]["national_table"]["allocations"]


def test_check(client: TestClient) -> None:
    response = client.post(
        "/api/allocations/check",
        json={"service": "mobile", "low": "3400 MHz", "high": "3410 MHz", "country": "DE"},
    )
    assert response.status_code == 200
    assert response.json()["category"] == "primary"


def test_bands(client: TestClient) -> None:
    rows = client.get(
        "/api/allocations/bands", params={"service": "radio astronomy", "region": "3"}
    ).json()
    assert any(r["low_hz"] <= 1420.4e6 < r["high_hz"] for r in rows)
    assert set(rows[0]) == {"low_hz", "high_hz", "category", "footnotes"}


def test_diff_and_editions(client: TestClient) -> None:
    editions = client.get("/api/allocations/editions").json()
    # RR-2012 from the dataset, then the editions shipped as amendment files (WRC-15, WRC-19,
    # WRC-23).
    assert [e["id"] for e in editions] == ["RR-2012", "RR-2016", "RR-2020", "RR-2024"]
    assert [e["based_on"] for e in editions] == [None, "RR-2012", "RR-2016", "RR-2020"]
    diff = client.get("/api/allocations/diff", params={"from": "RR-2012", "to": "RR-2012"}).json()
    assert diff["bands"] == [] and diff["footnotes"] == []


@pytest.mark.parametrize(
    ("path", "params", "field"),
    [
        ("/api/allocations/at", {"frequency": "-5 MHz", "region": "1"}, "frequency"),
        ("/api/allocations/at", {"frequency": "lots", "region": "1"}, "frequency"),
        ("/api/allocations/at", {"frequency": "5 MHz", "region": "9"}, "region"),
        ("/api/allocations/at", {"region": "1"}, "frequency"),
        ("/api/allocations/bands", {"service": "telepathy", "region": "1"}, "service"),
        ("/api/allocations/range", {"low": "2 GHz", "high": "1 GHz", "region": "1"}, "low"),
    ],
)
def test_bad_input_is_problem_json_naming_the_field(
    client: TestClient, path: str, params: dict[str, str], field: str
) -> None:
    response = client.get(path, params=params)
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")
    body = response.json()
    assert body["status"] == 422
    assert body["errors"][0]["field"] == field
    assert field in body["detail"]


def test_unknown_edition_is_404(client: TestClient) -> None:
    response = client.get(
        "/api/allocations/at", params={"frequency": "1 GHz", "region": "1", "edition": "RR-1900"}
    )
    assert response.status_code == 404


def test_country_view_lists_footnotes_naming_it(client: TestClient) -> None:
    body = client.get("/api/allocations/countries/DZ").json()
    assert body["region"] == 1
    by_id = {note["id"]: note for note in body["footnotes"]}
    # RR 5.54B names Algeria and allocates 8.3-9 kHz to radionavigation, fixed and mobile.
    assert by_id["5.54B"]["allocations"][0]["low_hz"] == 8.3e3
    assert "fixed" in by_id["5.54B"]["allocations"][0]["services"]
    assert all("Algeria" in note["text"] for note in body["footnotes"])
    assert client.get("/api/allocations/countries/QQ").status_code == 422
