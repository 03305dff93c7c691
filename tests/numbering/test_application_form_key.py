"""A one-time form key makes an application once: the same request sent again with it
answers with the application it made (no second one, no second event); the key sent back
with another request is a conflict, not a silent answer about the first."""

from __future__ import annotations

from collections.abc import Callable

from fastapi.testclient import TestClient

from openitu.accounts import Role


def test_the_same_form_sent_twice_makes_one_application(
    client: TestClient, numbering_token: Callable[[str, Role, str | None], str]
) -> None:
    officer = {
        "Authorization": f"Bearer {numbering_token('officer-fk', Role.NOTIFYING_OFFICER, 'FR')}"
    }
    body = {
        "administration": "FR",
        "kind": "shared-mnc",
        "code": "901-95",
        "holder": "Twice Sent Net",
        "form_key": "form-key-test-00000001",
    }
    first = client.post("/api/numbering/applications", json=body, headers=officer)
    assert first.status_code == 201, first.text
    again = client.post("/api/numbering/applications", json=body, headers=officer)
    assert again.status_code == 201, again.text
    assert again.json()["id"] == first.json()["id"]
    listed = client.get("/api/numbering/applications", headers=officer).json()
    assert [a["code"] for a in listed].count("901-95") == 1
    shown = client.get(f"/api/numbering/applications/{first.json()['id']}", headers=officer)
    assert [e["action"] for e in shown.json()["history"]] == ["receive"]

    other = client.post(
        "/api/numbering/applications", json={**body, "code": "901-94"}, headers=officer
    )
    assert other.status_code == 409, other.text
    assert f"already sent application {first.json()['id']}" in other.json()["detail"]
    bad = client.post(
        "/api/numbering/applications", json={**body, "form_key": "short"}, headers=officer
    )
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["field"] == "form_key"
