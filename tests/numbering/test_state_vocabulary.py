"""One word for a numbering resource's state on every surface: the country page, the API
and the CLI say what the application says (workflow.Status), e.g. "published" once the
assignment is in a change notice, not "assigned"."""

from __future__ import annotations

import re
from collections.abc import Callable

from fastapi.testclient import TestClient

from openitu.accounts import Role


def test_a_published_assignment_reads_published_everywhere(
    client: TestClient, numbering_token: Callable[[str, Role, str | None], str]
) -> None:
    officer = {
        "Authorization": f"Bearer {numbering_token('officer-ke', Role.NOTIFYING_OFFICER, 'KE')}"
    }
    tsb = {"Authorization": f"Bearer {numbering_token('clerk-ke', Role.SECRETARIAT, None)}"}
    free = client.get("/api/numbering/free", params={"plan": "639", "length": 2}).json()["free"]
    code = f"639-{free[0]}"
    body = {"administration": "KE", "kind": "mnc", "code": code, "holder": "Kenya Test Net"}
    created = client.post("/api/numbering/applications", json=body, headers=officer)
    assert created.status_code == 201, created.text
    app_id = created.json()["id"]
    for step in ("check", "reserve", "assign"):
        response = client.post(f"/api/numbering/applications/{app_id}/{step}", headers=tsb)
        assert response.status_code == 200, response.text
    assert client.post("/api/numbering/notices", headers=tsb).status_code == 201
    application = client.get(f"/api/numbering/applications/{app_id}", headers=officer).json()
    state = application["status"]
    assert state == "published"

    api = client.get("/api/numbering/countries/KE").json()["assignments"]
    assert [a["status"] for a in api if a["code"] == code] == [state]

    page = client.get("/numbering/countries/KE").text
    row = re.search(rf"<tr><td>mnc</td><td>{code}</td>.*?</tr>", page)
    assert row is not None, page
    assert f"<td>{state}</td>" in row.group(0)
    assert "assigned" not in row.group(0)
