"""/api/indicators over HTTP (in-process client) on both databases: public reads, the
load (secretariat only; a bad file a 422 naming row and field, nothing written)."""

from __future__ import annotations

from fastapi.testclient import TestClient

from governance_helpers import TokenFor
from openitu.accounts.rights import Role

HEADER = "economy_iso3,economy,indicator,year,value\n"
CSV = {"Content-Type": "text/csv"}


def test_reads_are_public(client: TestClient) -> None:
    listing = client.get("/api/indicators")
    assert listing.status_code == 200
    assert {"code": "internet_users_pct", "name": "Individuals using the Internet", "unit": "%",
            "itu_codes": ["i99H"]} in listing.json()  # fmt: skip
    kenya = client.get("/api/indicators/countries/KEN").json()
    assert kenya["country"] == "KE" and kenya["indicators"]["population"]["year"] == 2024
    assert kenya["index"]["idi2023"]["computable"] is False
    ranking = client.get("/api/indicators/index", params={"method": "idi2017"}).json()
    assert ranking["method"] == "idi2017" and ranking["scale"] == 10.0
    assert all(r["missing"] for r in ranking["results"])
    values = client.get("/api/indicators/values/mobile_cellular_per100").json()
    assert values[0]["value"] >= values[-1]["value"]
    params = {"by": "development", "indicator": "mobile_cellular_per100"}
    gaps = client.get("/api/indicators/gaps", params=params)
    assert [g["group"] for g in gaps.json()["groups"]] == ["LDC", "other"]


def test_bad_parameters_are_422_naming_the_field(client: TestClient) -> None:
    for url, params, field in [
        ("/api/indicators/index", {"method": "idi1999"}, "method"),
        ("/api/indicators/countries/ZZZ", {}, "country"),
        ("/api/indicators/gaps", {"by": "income"}, "by"),
        ("/api/indicators/values/nope", {}, "indicator"),
    ]:
        response = client.get(url, params=params)
        assert response.status_code == 422, url
        assert response.headers["content-type"].startswith("application/problem+json")
        assert response.json()["errors"][0]["field"] == field


def test_load_needs_the_secretariat(client: TestClient, token_for: TokenFor) -> None:
    body = HEADER + "KEN,Kenya,i99H,2023,40.8\n"
    assert client.post("/api/indicators/load", content=body, headers=CSV).status_code == 401
    officer = token_for("officer-ke", Role.NOTIFYING_OFFICER, "KE")
    refused = client.post("/api/indicators/load", content=body, headers={**CSV, **officer})
    assert refused.status_code == 403


def test_load_and_a_bad_file(client: TestClient, token_for: TokenFor) -> None:
    clerk = {**CSV, **token_for("stats-clerk", Role.SECRETARIAT)}
    bad = HEADER + "KEN,Kenya,i99H,2023,40.8\nKEN,Kenya,i99H,2022,lots\nXXX,X,i99H,2022,1\n"
    refused = client.post("/api/indicators/load", content=bad, headers=clerk)
    assert refused.status_code == 422
    assert refused.headers["content-type"].startswith("application/problem+json")
    assert refused.json()["errors"] == [
        {"row": 3, "field": "value", "reason": "expected a number, got 'lots'"},
        {"row": 4, "field": "economy_iso3", "reason": "unknown ISO 3166-1 alpha-3 code 'XXX'"},
    ]
    kenya = client.get("/api/indicators/countries/KE").json()["indicators"]
    assert kenya["internet_users_pct"]["source"] == "world-factbook"  # nothing written
    loaded = client.post("/api/indicators/load", content=HEADER + "KEN,Kenya,i99H,2023,40.8\n",
                         headers=clerk)  # fmt: skip
    assert loaded.status_code == 200, loaded.text
    assert loaded.json()["added"] == 1
    kenya = client.get("/api/indicators/countries/KE").json()["indicators"]
    assert kenya["internet_users_pct"] == {"value": 40.8, "year": 2023, "source": "itu-csv"}


def test_the_page_the_pictures_and_the_exports(client: TestClient) -> None:
    page = client.get("/indicators", params={"indicator": "mobile_cellular_per100"})
    assert page.status_code == 200
    assert page.text.count('class="country has-value"') > 150
    assert page.text.count('class="bar"') == 20
    svg = client.get("/indicators/map.svg", params={"indicator": "mobile_cellular_per100"})
    assert svg.headers["content-type"].startswith("image/svg+xml") and "<svg" in svg.text
    chart = client.get("/indicators/chart.svg", params={"indicator": "mobile_cellular_per100"})
    assert chart.text.count('class="bar"') == 20
    exported = client.get("/indicators/export.csv", params={"indicator": "mobile_cellular_per100"})
    assert exported.headers["content-type"].startswith("text/csv")
    lines = exported.text.splitlines()
    assert lines[0] == "economy_iso3,economy,indicator,year,value,source,derived_from"
    assert any(line.startswith("KEN,Kenya,mobile_cellular_per100,2022,") for line in lines)
    ranking = client.get("/indicators/index.csv")
    assert ranking.text.splitlines()[0] == (
        "country,rank,value,universal connectivity,meaningful connectivity,missing"
    )
    assert client.get("/indicators", params={"indicator": "nope"}).status_code == 422
