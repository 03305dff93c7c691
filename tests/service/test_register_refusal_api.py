"""POST /api/register/notices/{id}/refusals: the administration asked to coordinate
refuses with its reason (201); anyone else is forbidden (403); a missing reason or a
closed notice is refused with the field named (422, 409)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi.testclient import TestClient

from openitu.accounts import Role
from register_fixtures import strasbourg_fm

TokenFor = Callable[..., dict[str, str]]


def _ok(response: Any, status: int = 200) -> Any:
    assert response.status_code == status, response.text
    return response.json()


def test_germany_refuses_a_french_fm_station_near_the_border(
    client: TestClient, token_for: TokenFor
) -> None:
    fr = token_for("fr-officer-refusal", Role.NOTIFYING_OFFICER, "FR")
    de = token_for("de-officer-refusal", Role.NOTIFYING_OFFICER, "DE")
    br = token_for("br-clerk-refusal", Role.SECRETARIAT, None)
    api = "/api/register"
    notice = strasbourg_fm("FR-REFUSAL-API")
    notice_id = _ok(client.post(f"{api}/notices", headers=fr, json=notice), 201)["notice_id"]
    _ok(client.post(f"{api}/notices/{notice_id}/examine", headers=br))
    url = f"{api}/notices/{notice_id}/refusals"

    missing = client.post(url, headers=de, json={"administration": "DE", "reason": " "})
    assert missing.status_code == 422
    assert missing.headers["content-type"].startswith("application/problem+json")
    assert missing.json()["errors"][0]["field"] == "reason"
    absent = client.post(url, headers=de, json={"administration": "DE"})
    assert absent.status_code == 422 and "reason" in absent.text

    on_behalf = {"administration": "DE", "reason": "not France's to say"}
    assert client.post(url, headers=fr, json=on_behalf).status_code == 403
    assert client.post(url, json=on_behalf).status_code in (401, 403)

    shown = _ok(client.post(url, headers=de, json={"administration": "DE",
                                                   "reason": "harms DE-FM-7"}), 201)  # fmt: skip
    assert shown["history"][-1]["event"] == "refusal"
    assert shown["history"][-1]["detail"] == {"administration": "DE", "reason": "harms DE-FM-7"}
    assert _ok(client.get(f"{api}/notices/{notice_id}"))["history"] == shown["history"]

    _ok(client.post(f"{api}/notices/{notice_id}/withdraw", headers=fr))
    closed = client.post(url, headers=de, json={"administration": "DE", "reason": "again"})
    assert closed.status_code == 409
