"""The /spectrum page rendered by the application (the browser test clicks it for real)."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_lookup_page_shows_band_and_footnotes(client: TestClient) -> None:
    page = client.get("/spectrum", params={"frequency": "2450 MHz", "region": "1"})
    assert page.status_code == 200
    assert "5.150" in page.text
    assert "RADIOLOCATION" not in page.text.split('id="lookup-results"')[1].split("</table>")[0]


def test_chart_is_svg_with_clickable_bands(client: TestClient) -> None:
    page = client.get("/spectrum", params={"low": "2 GHz", "high": "3 GHz", "chart_region": "2"})
    assert page.status_code == 200
    assert "<svg" in page.text
    assert 'data-low-hz="2450000000"' in page.text
    assert 'data-region="1"' not in page.text


def test_bad_frequency_is_an_inline_error(client: TestClient) -> None:
    page = client.get("/spectrum", params={"frequency": "fast", "region": "1"})
    assert page.status_code == 422
    assert 'role="alert"' in page.text
    assert "cannot read" in page.text
