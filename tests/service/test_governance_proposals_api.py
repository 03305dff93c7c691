"""A proposal's amendments, as the API takes them and as delegates read them.

The body's amendments follow the amendment format (docs/spectrum.md): one schema per
operation, chosen by ``op``, and a bad one is a 422 naming its field. A proposal is shown
as the Table would read after it: band, Region, service and category, each footnote by its
number with its text, never as the bare operation."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from governance_helpers import TokenFor
from openitu.accounts import Role

API = "/api/governance"
FOOTNOTE = "Different category of service: in France, the band 3 300-3 400 MHz is test."
AMENDMENTS: list[dict[str, Any]] = [
    {"op": "change_category", "region": 1, "low": "3300 MHz", "high": "3400 MHz",
     "service": "radiolocation", "category": "secondary"},
    {"op": "set_footnote", "footnote_id": "5.999Y", "text": FOOTNOTE},
    {"op": "cite_footnote", "region": 1, "low": "3300 MHz", "high": "3400 MHz",
     "footnote_id": "5.999Y"},
]  # fmt: skip


def _ok(response: Any, status: int = 200) -> Any:
    assert response.status_code == status, response.text
    return response.json()


def _conference(client: TestClient, token_for: TokenFor) -> dict[str, str]:
    sec = token_for("wrc-r-sec", Role.SECRETARIAT)
    _ok(client.post(f"{API}/conferences", headers=sec,
                    json={"code": "WRC-R", "kind": "WRC", "title": "Readable", "place": "Paris",
                          "starts": "2026-10-05", "ends": "2026-10-30"}), 201)  # fmt: skip
    _ok(client.post(f"{API}/conferences/WRC-R/agenda", headers=sec,
                    json={"number": "1.1", "title": "3 300-3 400 MHz"}), 201)  # fmt: skip
    _ok(client.post(f"{API}/conferences/WRC-R/delegations", headers=sec,
                    json={"member": "FR", "credentials_accepted": True}), 201)  # fmt: skip
    return token_for("wrc-r-fr", Role.DELEGATE, "FR")


def _submit(client: TestClient, delegate: dict[str, str], amendments: list[Any]) -> Any:
    return client.post(f"{API}/conferences/WRC-R/proposals", headers=delegate,
                       json={"agenda_item": "1.1", "state": "FR", "title": "MOD 3 300 MHz",
                             "amendments": amendments})  # fmt: skip


def test_a_proposal_reads_as_the_table_after_it(client: TestClient, token_for: TokenFor) -> None:
    delegate = _conference(client, token_for)
    proposal = _ok(_submit(client, delegate, AMENDMENTS), 201)
    readable = proposal["readable"]
    assert readable[0]["change"] == (
        "Region 1, 3300-3400 MHz: radiolocation becomes secondary (Radiolocation)"
    )
    # The band's cell after the whole proposal: radiolocation secondary, 5.999Y cited.
    assert any(
        line.startswith("3300-3400 MHz:") and "Radiolocation" in line and "5.999Y" in line
        for line in readable[0]["after"]
    ), readable[0]["after"]
    assert readable[1]["change"] == f"footnote 5.999Y reads: {FOOTNOTE}"
    assert readable[2]["change"] == f"Region 1, 3300-3400 MHz: cites 5.999Y ({FOOTNOTE})"
    page = client.get("/governance/conferences/WRC-R")
    assert page.status_code == 200
    assert "Region 1, 3300-3400 MHz: radiolocation becomes secondary" in page.text
    assert "cites 5.999Y" in page.text and "change_category" not in page.text


def test_a_bad_amendment_is_refused_naming_its_field(
    client: TestClient, token_for: TokenFor
) -> None:
    delegate = _conference(client, token_for)
    band = {"region": 1, "low": "3300 MHz", "high": "3400 MHz"}
    for amendment, field in (
        ({"op": "change_category", **band, "service": "mobile", "category": "tertiary"},
         "category"),
        ({"op": "cite_footnote", **band}, "footnote_id"),
        ({"op": "add_allocation", **band, "service": "mobile", "category": "primary",
          "catgeory": "x"}, "catgeory"),
        ({"op": "add_allocation", **band, "region": 4, "service": "mobile",
          "category": "primary"}, "region"),
        ({"op": "split_band", **band}, "amendments.0"),
    ):  # fmt: skip
        refused = _submit(client, delegate, [amendment])
        assert refused.status_code == 422, (amendment, refused.text)
        assert refused.headers["content-type"].startswith("application/problem+json")
        fields = [error["field"] for error in refused.json()["errors"]]
        assert any(f.startswith("amendments.0") and f.endswith(field) for f in fields), fields
    # A service the Table does not know is refused by the rules, naming the field too.
    refused = _submit(client, delegate, [{"op": "remove_allocation", **band, "service": "warp"}])
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"].startswith("amendments[0].service")


def test_the_schema_has_one_model_per_amendment_kind(client: TestClient) -> None:
    schemas = client.get("/api/openapi.json").json()["components"]["schemas"]
    items = schemas["ProposalIn"]["properties"]["amendments"]["items"]
    assert items["discriminator"]["propertyName"] == "op"
    assert set(items["discriminator"]["mapping"]) == {
        "add_allocation", "remove_allocation", "change_category", "cite_footnote",
        "set_footnote", "remove_footnote",
    }  # fmt: skip
    assert schemas["AddAllocationIn"]["properties"]["category"]["enum"] == [
        "primary", "secondary",
    ]  # fmt: skip
