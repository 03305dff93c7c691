"""The numbering search finds what the user means through the API and the CLI too, as the
page does (tests/numbering/test_search_page.py): a country by its name, a network by its
MCC and MNC; a bare country code, or a number too short to be whole, names its code and
country and says what is missing."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from fastapi.testclient import TestClient


def test_the_api_search_finds_a_country_by_name_and_a_network_by_mcc_mnc(
    client: TestClient,
) -> None:
    kenya = client.get("/api/numbering/search", params={"q": "Kenya"})
    assert kenya.status_code == 200, kenya.text
    assert kenya.json()["kind"] == "country"
    assert kenya.json()["result"]["country"] == "KE"
    assert "639" in kenya.json()["result"]["mccs"]
    assert "assignments" in kenya.json()["result"]

    network = client.get("/api/numbering/search", params={"q": "63902"}).json()
    assert network["kind"] == "network"
    assert "Safaricom" in network["result"]["operator"]
    assert network["result"]["country"] == "KE"

    for query, expected in (
        ("+254", "+254 is the country code of Kenya (KE) alone"),
        ("+41", "+41 is the country code of Switzerland (CH) alone"),
        ("+2547", "+254 is the country code of Kenya (KE); 7 after it is too few digits"),
    ):
        refused = client.get("/api/numbering/search", params={"q": query})
        assert refused.status_code == 422, refused.text
        problem = refused.json()
        assert problem["errors"][0]["field"] == "q"
        assert expected in refused.text
        assert "no assigned" not in refused.text
    unknown = client.get("/api/numbering/search", params={"q": "Narnia"})
    assert unknown.status_code == 422
    assert "no country or territory is named 'Narnia'" in unknown.text


def test_the_cli_search_finds_what_the_page_finds(run_cli: Callable[..., Any]) -> None:
    kenya = run_cli("numbering", "search", "Kenya", "--json")
    assert kenya.returncode == 0, kenya.stderr
    found = json.loads(kenya.stdout)
    assert (found["kind"], found["result"]["country"]) == ("country", "KE")

    network = run_cli("numbering", "search", "63902")
    assert network.returncode == 0, network.stderr
    assert network.stdout.startswith("network: MCC 639 MNC 02: Safaricom")

    by_name = run_cli("numbering", "country", "Kenya")
    assert by_name.returncode == 0, by_name.stderr
    assert by_name.stdout.startswith("KE: E.164 +254")

    bare = run_cli("numbering", "search", "+1")
    assert bare.returncode == 2
    assert bare.stderr.count("\n") == 1
    assert "+1 is the country code of United States (US)" in bare.stderr
    assert "missing" in bare.stderr
