"""`/api/numbering`: public lookups, the guarded workflow, problem+json for bad input."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient

from openitu.accounts import Role


def test_parse_a_number(client: TestClient) -> None:
    response = client.get("/api/numbering/parse", params={"number": "+7 701 123 4567"})
    assert response.status_code == 200
    body = response.json()
    assert (body["country_code"], body["regions"], body["valid"], body["e164"]) == (
        7,
        ["KZ"],
        True,
        "+77011234567",
    )
    assert body["number_type"] == "mobile"


def test_decode_an_imsi_and_list_an_mcc(client: TestClient) -> None:
    body = client.get("/api/numbering/imsi/310410123456789").json()
    assert (body["mcc"], body["mnc"], body["operator"], body["country"]) == (
        "310",
        "410",
        "AT&T Mobility",
        "US",
    )
    mcc = client.get("/api/numbering/mcc/234").json()
    assert mcc["countries"] == ["GB"]
    assert {"mnc": "15", "operator": "Vodafone Limited", "status": "assigned", "country": "GB"} in (
        mcc["networks"]
    )


def test_country_resources(client: TestClient) -> None:
    body = client.get("/api/numbering/countries/AF").json()
    assert [c["country_code"] for c in body["e164"]] == [93]
    assert body["mccs"] == ["412"]
    assert "4-024" in body["sancs"]
    assert {"ispc": "4-024-0", "decimal": 8384, "name": "AWCC", "operator": "AWCC"} in body["ispcs"]


def test_bulk_validation(client: TestClient) -> None:
    response = client.post(
        "/api/numbering/validate", json={"numbers": ["+41227305111", "+4122730", "garbage"]}
    )
    body = response.json()
    assert body["valid"] == [True, False, False]
    assert body["region"] == ["CH", "CH", ""]


@pytest.mark.parametrize(
    ("path", "field"),
    [
        ("/api/numbering/parse?number=12345", "number"),
        ("/api/numbering/imsi/31041012345678X", "imsi"),
        ("/api/numbering/mcc/31", "mcc"),
        ("/api/numbering/countries/X1", "country"),
        ("/api/numbering/free?plan=3100", "plan"),
    ],
)
def test_bad_input_is_problem_json_naming_the_field(
    client: TestClient, path: str, field: str
) -> None:
    response = client.get(path)
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["errors"][0]["field"] == field


def test_workflow_over_http(
    client: TestClient, numbering_token: Callable[[str, Role, str | None], str]
) -> None:
    officer = {
        "Authorization": f"Bearer {numbering_token('officer-in', Role.NOTIFYING_OFFICER, 'IN')}"
    }
    other = {
        "Authorization": f"Bearer {numbering_token('officer-fr', Role.NOTIFYING_OFFICER, 'FR')}"
    }
    tsb = {"Authorization": f"Bearer {numbering_token('clerk', Role.SECRETARIAT, None)}"}
    free = client.get("/api/numbering/free", params={"plan": "405", "length": 3}).json()["free"]
    code = f"405-{free[0]}"
    body = {"administration": "IN", "kind": "mnc", "code": code, "holder": "Bharat Test Net"}
    # The public may not apply, nor an officer for another administration.
    assert client.post("/api/numbering/applications", json=body).status_code == 401
    assert client.post("/api/numbering/applications", json=body, headers=other).status_code == 403
    created = client.post("/api/numbering/applications", json=body, headers=officer)
    assert created.status_code == 201, created.text
    app_id = created.json()["id"]
    # Only the TSB decides.
    assert (
        client.post(f"/api/numbering/applications/{app_id}/check", headers=officer).status_code
        == 403
    )
    for step, status in (("check", "checked"), ("reserve", "reserved"), ("assign", "assigned")):
        response = client.post(f"/api/numbering/applications/{app_id}/{step}", headers=tsb)
        assert response.status_code == 200, response.text
        assert response.json()["status"] == status
    notice = client.post("/api/numbering/notices", headers=tsb)
    assert notice.status_code == 201
    assert notice.json()["entries"][0]["code"] == code
    assert client.get("/api/numbering/notices").json()[-1]["number"] == notice.json()["number"]
    imsi = client.get(f"/api/numbering/imsi/405{free[0]}123456789").json()
    assert imsi["operator"] == "Bharat Test Net" and imsi["mnc"] == free[0]
    detail = client.get(f"/api/numbering/applications/{app_id}", headers=officer).json()
    assert [h["status"] for h in detail["history"]] == [
        "received",
        "checked",
        "reserved",
        "assigned",
        "published",
    ]
    assert client.get(f"/api/numbering/applications/{app_id}", headers=other).status_code == 403
    resources = client.get("/api/numbering/countries/IN").json()
    assert {
        "kind": "mnc",
        "code": code,
        "holder": "Bharat Test Net",
        "status": "published",  # the application's word (issue 17)
        "application_id": app_id,
    } in resources["assignments"]
    assert any(n["mcc"] + "-" + n["mnc"] == code for n in resources["networks"])
    # The holder's administration returns the code.
    returned = client.post(f"/api/numbering/applications/{app_id}/return", headers=officer)
    assert returned.json()["status"] == "returned"
    assert (
        client.post(f"/api/numbering/applications/{app_id}/return", headers=officer).status_code
        == 409
    )
    assert client.get("/api/numbering/countries/IN").json()["assignments"] == []


def test_malformed_application_is_422_naming_the_field(
    client: TestClient, numbering_token: Callable[[str, Role, str | None], str]
) -> None:
    officer = {
        "Authorization": f"Bearer {numbering_token('officer-de', Role.NOTIFYING_OFFICER, 'DE')}"
    }
    body = {"administration": "DE", "kind": "mnc", "code": "26", "holder": "X"}
    response = client.post("/api/numbering/applications", json=body, headers=officer)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "code"
    missing = client.post("/api/numbering/applications", json={"kind": "mnc"}, headers=officer)
    assert missing.status_code == 422
    assert {e["field"] for e in missing.json()["errors"]} >= {"administration", "code", "holder"}


@pytest.mark.parametrize(
    "path",
    [
        "/api/numbering/notices/99999999999",
        "/api/numbering/notices/0",
        "/api/numbering/applications/99999999999",
    ],
)
def test_ids_out_of_range_are_422(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code in (401, 422)  # applications need a sign-in first
    if response.status_code == 422:
        assert response.headers["content-type"].startswith("application/problem+json")


def test_unknown_notice_is_404(client: TestClient) -> None:
    response = client.get("/api/numbering/notices/4242")
    assert response.status_code == 404
    assert "4242" in response.json()["detail"]
