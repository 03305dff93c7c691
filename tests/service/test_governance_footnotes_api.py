"""A WRC adopts a new footnote naming the countries where it applies: the proposal carries
it as data (the footnote's text and where the Table cites it), the Final Acts make it part
of a new edition, and the Table answers it in those countries from the entry into force,
not before and not elsewhere."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from governance_helpers import TokenFor
from openitu.accounts import Role

API = "/api/governance"
STATES = ("CL", "PE", "BR", "AR")
FOOTNOTE = (
    "Additional allocation: in Chile and Peru, the band 3 300-3 400 MHz is also allocated "
    "to the fixed-satellite service (Earth-to-space) on a secondary basis."
)


def _ok(response: Any, status: int = 200) -> Any:
    assert response.status_code == status, response.text
    return response.json()


def _at(client: TestClient, country: str, on: str) -> dict[str, Any]:
    return dict(
        _ok(client.get("/api/allocations/at", params={"frequency": "3310MHz", "region": 2,
                                                      "country": country, "date": on}))
    )  # fmt: skip


def test_a_new_footnote_and_the_countries_it_names(client: TestClient, token_for: TokenFor) -> None:
    sec = token_for("wrc-f-sec", Role.SECRETARIAT)
    delegates = {s: token_for(f"wrc-f-{s.lower()}", Role.DELEGATE, s) for s in STATES}
    _ok(client.post(f"{API}/conferences", headers=sec,
                    json={"code": "WRC-F", "kind": "WRC", "title": "Footnotes", "place": "Lima",
                          "starts": "2026-10-05", "ends": "2026-10-30"}), 201)  # fmt: skip
    _ok(client.post(f"{API}/conferences/WRC-F/agenda", headers=sec,
                    json={"number": "7", "title": "Footnotes"}), 201)  # fmt: skip
    for state in STATES:
        _ok(client.post(f"{API}/conferences/WRC-F/delegations", headers=sec,
                        json={"member": state, "credentials_accepted": True,
                              "present": True}), 201)  # fmt: skip
    proposal = _ok(client.post(
        f"{API}/conferences/WRC-F/proposals", headers=delegates["CL"],
        json={"agenda_item": "7", "state": "CL", "title": "ADD 5.999Z",
              "amendments": [
                  {"op": "set_footnote", "footnote_id": "5.999Z", "text": FOOTNOTE},
                  {"op": "cite_footnote", "region": 2, "low": "3300 MHz", "high": "3400 MHz",
                   "footnote_id": "5.999Z"}]}), 201)  # fmt: skip
    assert [a["op"] for a in proposal["amendments"]] == ["set_footnote", "cite_footnote"]
    vote = _ok(client.post(f"{API}/conferences/WRC-F/votes", headers=sec,
                           json={"question": "ADD 5.999Z?", "proposal_id": proposal["id"]}),
               201)  # fmt: skip
    for state, choice in (("CL", "for"), ("PE", "for"), ("BR", "against"), ("AR", "abstain")):
        _ok(client.post(f"{API}/votes/{vote['id']}/ballots", headers=delegates[state],
                        json={"state": state, "choice": choice}), 201)  # fmt: skip
    result = _ok(client.post(f"{API}/votes/{vote['id']}/close", headers=sec))["result"]
    assert (result["outcome"], result["for"], result["against"]) == ("adopted", 2, 1)
    acts = _ok(client.post(f"{API}/conferences/WRC-F/final-acts", headers=sec,
                           json={"edition_id": "RR-WRC-F", "title": "RR (WRC-F)",
                                 "entry_into_force": "2028-01-01"}), 201)  # fmt: skip
    assert {"id": "5.999Z", "change": "added"} in acts["changes"]["footnotes"]

    def naming(country: str, on: str) -> list[str]:
        return list(_at(client, country, on)["country"]["footnotes_naming_country"])

    # Cited in the band from the entry into force, not before.
    assert "5.999Z" in _at(client, "BR", "2028-01-01")["footnotes"]
    assert "5.999Z" not in _at(client, "CL", "2027-12-31")["footnotes"]
    text = _at(client, "CL", "2028-01-01")["footnote_texts"]
    assert any(note["id"] == "5.999Z" and "Chile and Peru" in note["text"] for note in text)
    # It names Chile and Peru: there it adds a secondary fixed-satellite allocation; in
    # Brazil, not named, it adds nothing.
    assert "5.999Z" in naming("CL", "2028-01-01") and "5.999Z" in naming("PE", "2028-01-01")
    assert "5.999Z" not in naming("BR", "2028-01-01")
    assert "5.999Z" not in naming("CL", "2027-12-31")
    [added] = [
        row
        for row in _at(client, "PE", "2028-01-01")["country"]["footnote_allocations"]
        if row["footnote"] == "5.999Z"
    ]
    assert (added["category"], added["low_hz"], added["high_hz"]) == ("secondary", 3.3e9, 3.4e9)
    assert any(name.startswith("fixed-satellite") for name in added["services"])
    assert not [
        row
        for row in _at(client, "BR", "2028-01-01")["country"]["footnote_allocations"]
        if row["footnote"] == "5.999Z"
    ]
