"""GET /api/library/search over real HTTP (in-process client), on both databases."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_search_ranks_the_recommendation_first(client: TestClient) -> None:
    response = client.get("/api/library/search", params={"q": "rain attenuation earth-space"})
    assert response.status_code == 200
    hits = response.json()
    assert hits[0]["id"] == "ITU-R P.618" and hits[0]["version"].startswith("P.618-")
    assert set(hits[0]) >= {"id", "version", "title", "status", "score"}


def test_filters_by_sector_and_series(client: TestClient) -> None:
    hits = client.get(
        "/api/library/search", params={"q": "mobile country code", "sector": "T", "series": "E"}
    ).json()
    assert [h["id"] for h in hits][:1] == ["ITU-T E.212"]
    assert all(h["id"].startswith("ITU-T E.") for h in hits)


def test_public_without_an_account(client: TestClient) -> None:
    assert client.get("/api/library/search", params={"q": "clutter"}).status_code == 200


def test_empty_query_is_refused_naming_q(client: TestClient) -> None:
    response = client.get("/api/library/search", params={"q": ""})
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["errors"][0]["field"] == "q"


def test_over_long_query_and_bad_sector_are_refused(client: TestClient) -> None:
    long = client.get("/api/library/search", params={"q": "rain " * 50})
    assert long.status_code == 422 and long.json()["errors"][0]["field"] == "q"
    sector = client.get("/api/library/search", params={"q": "rain", "sector": "Z"})
    assert sector.status_code == 422 and sector.json()["errors"][0]["field"] == "sector"


def test_page_shows_the_results(client: TestClient) -> None:
    page = client.get("/library", params={"q": "clear-air interference prediction"})
    assert page.status_code == 200
    first = page.text.index('<tr class="hit">')
    assert "ITU-R P.452" in page.text[first : first + 200]
    refused = client.get("/library", params={"q": "x" * 300})
    assert refused.status_code == 422 and "at most 200 characters" in refused.text
    assert 'id="q-error"' in refused.text  # next to the box it is about


def test_a_publication_with_its_versions_and_computations(client: TestClient) -> None:
    found = client.get("/api/library/publications/R/P.452")
    assert found.status_code == 200
    assert found.json()["in_force"]["version"] == "P.452-18"
    assert found.json()["computations"][0]["api"] == "POST /api/radio/p452"
    missing = client.get("/api/library/publications/R/P.9999")
    assert missing.status_code == 404
    bad = client.get("/api/library/publications/Z/P.452")
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "sector"
