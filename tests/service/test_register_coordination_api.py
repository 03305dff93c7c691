"""GET /api/register/notices/{id}/coordination: the administrations the last examination
asked to coordinate with, each pending until it agrees or refuses (with its reason); a
notice not yet examined says so; an unknown notice is a 404."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi.testclient import TestClient

from openitu.accounts import Role
from register_fixtures import strasbourg_fm

TokenFor = Callable[..., dict[str, str]]
API = "/api/register"


def _ok(response: Any, status: int = 200) -> Any:
    assert response.status_code == status, response.text
    return response.json()


def _state(client: TestClient, notice_id: int) -> dict[str, Any]:
    document: dict[str, Any] = _ok(client.get(f"{API}/notices/{notice_id}/coordination"))
    return document


def test_germany_is_pending_then_refuses_then_agrees(
    client: TestClient, token_for: TokenFor
) -> None:
    fr = token_for("fr-officer-coordination", Role.NOTIFYING_OFFICER, "FR")
    de = token_for("de-officer-coordination", Role.NOTIFYING_OFFICER, "DE")
    br = token_for("br-clerk-coordination", Role.SECRETARIAT, None)
    notice = strasbourg_fm("FR-COORD-API")
    notice_id = _ok(client.post(f"{API}/notices", headers=fr, json=notice), 201)["notice_id"]

    before = _state(client, notice_id)
    assert before["examined"] is False and before["administrations"] == []
    assert before["note"]

    examined = _ok(client.post(f"{API}/notices/{notice_id}/examine", headers=br))
    asked = examined["coordination"]["required_with"]
    assert "DE" in asked
    state = _state(client, notice_id)
    assert state["examined"] is True
    assert [row["administration"] for row in state["administrations"]] == asked
    assert state["pending"] == asked
    for row in state["administrations"]:
        assert row["state"] == "pending" and row["refusal_reason"] is None
        # Asked because its territory gets more than the trigger.
        assert row["field_strength_dbuv_m"] > row["trigger_dbuv_m"]
        assert row["distance_km"] >= 0

    refusal = {"administration": "DE", "reason": "harms DE-FM-9"}
    _ok(client.post(f"{API}/notices/{notice_id}/refusals", headers=de, json=refusal), 201)
    germany = {row["administration"]: row for row in _state(client, notice_id)["administrations"]}
    assert germany["DE"]["state"] == "refused"
    assert germany["DE"]["refusal_reason"] == "harms DE-FM-9"
    assert "DE" not in _state(client, notice_id)["pending"]

    agreement = {"administration": "DE"}
    _ok(client.post(f"{API}/notices/{notice_id}/agreements", headers=fr, json=agreement))
    after = _state(client, notice_id)
    germany = {row["administration"]: row for row in after["administrations"]}
    assert germany["DE"]["state"] == "agreed" and germany["DE"]["agreed"] is True
    assert "DE" in after["agreed_with"]


def test_an_unknown_notice_is_a_404(client: TestClient) -> None:
    missing = client.get(f"{API}/notices/987654321/coordination")
    assert missing.status_code == 404
    assert missing.headers["content-type"].startswith("application/problem+json")
