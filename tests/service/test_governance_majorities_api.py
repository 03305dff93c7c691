"""The majority a vote needs follows from what it decides, through the API: a
Plenipotentiary Conference amending the Constitution (CS No. 229) and the Convention
(CV No. 520), a WRC whose secretariat chooses a stricter majority, and a laxer choice
refused."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from governance_helpers import TokenFor
from openitu.accounts import Role

API = "/api/governance"
STATES = ("FR", "DE", "BR", "JP", "KE", "IN", "CA", "MX", "EG")  # 9 accredited


def _ok(response: Any, status: int = 200) -> Any:
    assert response.status_code == status, response.text
    return response.json()


def _conference(
    client: TestClient, token_for: TokenFor, code: str, kind: str
) -> tuple[dict[str, str], dict[str, dict[str, str]]]:
    sec = token_for(f"{code.lower()}-secretary", Role.SECRETARIAT)
    _ok(client.post(f"{API}/conferences", headers=sec,
                    json={"code": code, "kind": kind, "title": f"{kind} test", "place": "Doha",
                          "starts": "2026-09-01", "ends": "2026-09-20"}), 201)  # fmt: skip
    _ok(client.post(f"{API}/conferences/{code}/agenda", headers=sec,
                    json={"number": "1", "title": "Amendments"}), 201)  # fmt: skip
    delegates = {}
    for state in STATES:
        # Egypt is accredited but absent.
        _ok(client.post(f"{API}/conferences/{code}/delegations", headers=sec,
                        json={"member": state, "credentials_accepted": True,
                              "present": state != "EG"}), 201)  # fmt: skip
        delegates[state] = token_for(f"{code.lower()}-{state.lower()}", Role.DELEGATE, state)
    return sec, delegates


def _vote(
    client: TestClient,
    sec: dict[str, str],
    delegates: dict[str, dict[str, str]],
    vote: dict[str, Any],
    choices: dict[str, str],
) -> dict[str, Any]:
    for state, choice in choices.items():
        _ok(client.post(f"{API}/votes/{vote['id']}/ballots", headers=delegates[state],
                        json={"state": state, "choice": choice}), 201)  # fmt: skip
    return dict(_ok(client.post(f"{API}/votes/{vote['id']}/close", headers=sec)))


# 5 for, 1 against, 2 abstaining, 1 absent (of 9 accredited).
CHOICES = {"FR": "for", "DE": "for", "BR": "for", "JP": "for", "KE": "for", "IN": "against",
           "CA": "abstain", "MX": "abstain"}  # fmt: skip


def test_a_plenipotentiary_amends_its_instruments_by_their_majorities(
    client: TestClient, token_for: TokenFor
) -> None:
    sec, delegates = _conference(client, token_for, "PP-T", "PP")
    constitution = _ok(client.post(
        f"{API}/conferences/PP-T/proposals", headers=delegates["FR"],
        json={"agenda_item": "1", "state": "FR", "title": "MOD CS Art. 8",
              "matter": "constitution"}), 201)  # fmt: skip
    convention = _ok(client.post(
        f"{API}/conferences/PP-T/proposals", headers=delegates["DE"],
        json={"agenda_item": "1", "state": "DE", "title": "MOD CV Art. 4",
              "matter": "convention"}), 201)  # fmt: skip
    # The secretariat names no majority: the rules' one applies.
    vote = _ok(client.post(f"{API}/conferences/PP-T/votes", headers=sec,
                           json={"question": "Adopt MOD CS Art. 8?",
                                 "proposal_id": constitution["id"]}), 201)  # fmt: skip
    assert (vote["majority"], vote["basis"], vote["matter"]) == (
        "two-thirds", "accredited", "constitution",
    )  # fmt: skip
    result = _vote(client, sec, delegates, vote, CHOICES)["result"]
    # 5 of 6 present and voting would carry even two thirds; 5 of 9 accredited does not.
    assert result["outcome"] == "rejected"
    assert "two thirds of the 9 accredited with the right to vote" in result["reason"]

    vote = _ok(client.post(f"{API}/conferences/PP-T/votes", headers=sec,
                           json={"question": "Adopt MOD CV Art. 4?",
                                 "proposal_id": convention["id"]}), 201)  # fmt: skip
    assert (vote["majority"], vote["basis"]) == ("simple", "accredited")
    assert _vote(client, sec, delegates, vote, CHOICES)["result"]["outcome"] == "adopted"
    statuses = [p["status"] for p in _ok(client.get(f"{API}/conferences/PP-T"))["proposals"]]
    assert statuses == ["rejected", "adopted"]


def test_only_a_stricter_majority_may_be_chosen(client: TestClient, token_for: TokenFor) -> None:
    sec, delegates = _conference(client, token_for, "WRC-M", "WRC")
    proposal = _ok(client.post(
        f"{API}/conferences/WRC-M/proposals", headers=delegates["FR"],
        json={"agenda_item": "1", "state": "FR", "title": "Primary mobile",
              "amendments": [{"op": "add_allocation", "region": 1, "low": "3300 MHz",
                              "high": "3400 MHz", "service": "mobile", "category": "primary"}]}),
        201)  # fmt: skip
    assert proposal["matter"] == "radio-regulations"
    # A WRC amends the RR by simple majority; the secretariat may ask for two thirds.
    vote = _ok(client.post(f"{API}/conferences/WRC-M/votes", headers=sec,
                           json={"question": "Adopt?", "proposal_id": proposal["id"],
                                 "majority": "two-thirds"}), 201)  # fmt: skip
    assert (vote["majority"], vote["basis"]) == ("two-thirds", "present-and-voting")
    choices = {**CHOICES, "BR": "against", "JP": "against"}  # 3 for, 3 against: no 2/3
    choices.update({"CA": "for"})  # 4 for, 3 against, 1 abstaining
    result = _vote(client, sec, delegates, vote, choices)["result"]
    assert (result["for"], result["against"], result["outcome"]) == (4, 3, "rejected")

    # A laxer majority than the rules' is refused, naming the field.
    pp_sec, pp_delegates = _conference(client, token_for, "PP-M", "PP")
    amend = _ok(client.post(
        f"{API}/conferences/PP-M/proposals", headers=pp_delegates["KE"],
        json={"agenda_item": "1", "state": "KE", "title": "MOD CS", "matter": "constitution"}),
        201)  # fmt: skip
    lax = client.post(f"{API}/conferences/PP-M/votes", headers=pp_sec,
                      json={"question": "Adopt?", "proposal_id": amend["id"],
                            "majority": "simple"})  # fmt: skip
    assert lax.status_code == 422
    assert lax.json()["errors"][0]["field"] == "majority"
    # ... and a matter the conference cannot decide.
    wrong = client.post(
        f"{API}/conferences/WRC-M/proposals",
        headers=delegates["DE"],
        json={"agenda_item": "1", "state": "DE", "title": "MOD CS", "matter": "constitution"},
    )
    assert wrong.status_code == 422
    assert wrong.json()["errors"][0]["field"] == "matter"
