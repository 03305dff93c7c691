"""The register's end-to-end story through the HTTP API, on SQLite and PostgreSQL.

France and Germany, neighbours on the Rhine, notify fixed links and a broadcasting
station near their common border (Strasbourg, Kehl, Freiburg). Germany's link at Kehl is
recorded first, with France's agreement. France's later co-channel link at Strasbourg,
pointed at Kehl, is found interfering with it (the technical examination, P.452-18), and
coordination with Germany is required: it is returned, modified (another channel and
Germany's agreement), resubmitted and recorded. Germany's FM station at Freiburg needs
coordination with its neighbours; their agreements arrive one by one and it is recorded.
A land mobile base station in the FM band (87.5-100 MHz, broadcasting only in Region 1)
is returned, then recorded under No. 4.4 when France asks. An incomplete link is
returned with what it lacks. The circular lists each in its Part."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi.testclient import TestClient

from openitu.accounts import Role
from register_fixtures import fixed_link, fm_station, land_mobile_in_fm_band

TokenFor = Callable[..., dict[str, str]]
"""tests/conftest.py's ``token_for(username, role, administration)``: a real account's
API token as request headers."""


def _ok(response: Any, status: int = 200) -> Any:
    assert response.status_code == status, response.text
    return response.json()


STRASBOURG_LINK = {
    "tx__lat_deg": 48.58,
    "tx__lon_deg": 7.75,
    "tx__azimuth_deg": 100,
    "rx__lat_deg": 48.55,
    "rx__lon_deg": 7.95,
}  # pointing across the Rhine
KEHL_LINK = {
    "tx__lat_deg": 48.50,
    "tx__lon_deg": 7.98,
    "tx__azimuth_deg": 290,
    "rx__lat_deg": 48.57,
    "rx__lon_deg": 7.82,
}  # its receiver at Kehl, facing west
FREIBURG_FM = {"tx__lat_deg": 48.00, "tx__lon_deg": 7.85, "tx__antenna_height_m": 100,
               "tx__eirp_dbw": 20}  # fmt: skip


def test_the_story_of_two_neighbours(client: TestClient, token_for: TokenFor) -> None:
    fr = token_for("fr-officer", Role.NOTIFYING_OFFICER, "FR")
    de = token_for("de-officer", Role.NOTIFYING_OFFICER, "DE")
    br = token_for("br-clerk", Role.SECRETARIAT, None)
    api = "/api/register"
    _ok(client.post(f"{api}/circulars", headers=br), 201)  # closes whatever came before

    def examine(notice_id: int) -> Any:
        return _ok(client.post(f"{api}/notices/{notice_id}/examine", headers=br))

    german = _ok(client.post(f"{api}/notices", headers=de, json=[
        fixed_link("DE", "DE-KEHL-1", agreements=["FR"], **KEHL_LINK),
        fm_station("DE", "DE-FREIBURG-FM", **FREIBURG_FM),
    ]))  # fmt: skip
    assert german["rejected"] == []
    ids = {a["reference"]: a["notice_id"] for a in german["accepted"]}
    kehl = examine(ids["DE-KEHL-1"])
    # Across the Rhine: coordination with France, already agreed.
    assert kehl["coordination"]["required_with"] == ["FR"]
    assert kehl["coordination"]["pending"] == [] and kehl["finding"] == "favourable"
    _ok(client.post(f"{api}/notices/{ids['DE-KEHL-1']}/record", headers=br))

    fm = examine(ids["DE-FREIBURG-FM"])
    needed = fm["coordination"]["required_with"]
    assert {"FR", "CH"} <= set(needed) and "DE" not in needed
    assert fm["finding"] == "unfavourable"
    for need in fm["coordination"]["needs"]:  # the numbers behind each
        assert need["field_strength_dbuv_m"] >= need["trigger_dbuv_m"]
    for administration in needed:  # agreements arrive one by one
        _ok(client.post(f"{api}/notices/{ids['DE-FREIBURG-FM']}/agreements", headers=de,
                        json={"administration": administration}))  # fmt: skip
    assert examine(ids["DE-FREIBURG-FM"])["finding"] == "favourable"
    _ok(client.post(f"{api}/notices/{ids['DE-FREIBURG-FM']}/record", headers=br))

    french = _ok(client.post(f"{api}/notices", headers=fr, json=[
        fixed_link("FR", "FR-STRASBOURG-1", **STRASBOURG_LINK),
        fixed_link("FR", "FR-BOURGES-1", rx=None),
        land_mobile_in_fm_band("FR", "FR-BOURGES-PMR"),
    ]))  # fmt: skip
    assert french["rejected"] == []
    ids |= {a["reference"]: a["notice_id"] for a in french["accepted"]}
    receipts = [a["date_of_receipt"] for a in german["accepted"] + french["accepted"]]
    assert receipts == sorted(receipts) and len(set(receipts)) == 5

    strasbourg = examine(ids["FR-STRASBOURG-1"])
    assert strasbourg["finding"] == "unfavourable"
    assert strasbourg["regulatory"]["conforms"] is True
    hits = strasbourg["technical"]["affected"]  # both directions, the worst first
    assert {(h["assignment_id"], h["administration"], h["direction"]) for h in hits} == {
        (ids["DE-KEHL-1"], "DE", "candidate->recorded"),
        (ids["DE-KEHL-1"], "DE", "recorded->candidate"),
    }
    assert all(h["margin_db"] < 0 and h["frequency_hz"] == 6_175e6 for h in hits)
    assert strasbourg["coordination"]["pending"] == ["DE"]
    provisions = {r["provision"] for r in strasbourg["reasons"]}
    assert provisions == {"No. 11.32", "No. 11.32A"}

    bourges = examine(ids["FR-BOURGES-1"])
    assert bourges["completeness"]["missing"][0] == "rx.lat_deg"
    pmr = examine(ids["FR-BOURGES-PMR"])
    assert (pmr["regulatory"]["conforms"], pmr["technical"]["affected"]) == (False, [])
    assert pmr["coordination"]["required_with"] == [] and pmr["recordable_under"] is None
    for reference in ("FR-STRASBOURG-1", "FR-BOURGES-1", "FR-BOURGES-PMR"):
        _ok(client.post(f"{api}/notices/{ids[reference]}/return", headers=br))
    refused = client.post(f"{api}/notices/{ids['FR-BOURGES-PMR']}/record", headers=br)
    assert refused.status_code == 409

    # France moves its link two channels up with Germany's agreement, completes the other,
    # and asks for No. 4.4 for the base station: modifications with their own dates.
    again = _ok(client.post(f"{api}/notices", headers=fr, json=[
        fixed_link("FR", "FR-STRASBOURG-1", frequency_hz=6_235e6, agreements=["DE"],
                   **STRASBOURG_LINK),
        fixed_link("FR", "FR-BOURGES-1"),
        land_mobile_in_fm_band("FR", "FR-BOURGES-PMR", request_4_4=True),
    ]))  # fmt: skip
    assert [a["outcome"] for a in again["accepted"]] == ["modified"] * 3
    expected = {"FR-STRASBOURG-1": "No. 11.31", "FR-BOURGES-1": "No. 11.31",
                "FR-BOURGES-PMR": "No. 4.4"}  # fmt: skip
    for reference, provision in expected.items():
        finding = examine(ids[reference])
        assert finding["technical"]["affected"] == [], reference
        assert finding["recordable_under"] == provision, finding["reasons"]
        _ok(client.post(f"{api}/notices/{ids[reference]}/record", headers=br))

    circular = _ok(client.post(f"{api}/circulars", headers=br), 201)
    parts = {part: [e["reference"] for e in entries] for part, entries in circular["parts"].items()}
    assert parts["I"] == [
        "DE-KEHL-1", "DE-FREIBURG-FM", "FR-STRASBOURG-1", "FR-BOURGES-1", "FR-BOURGES-PMR",
        "FR-STRASBOURG-1", "FR-BOURGES-1", "FR-BOURGES-PMR",
    ]  # fmt: skip
    assert sorted(parts["II"]) == sorted(ids)
    assert parts["III"] == ["FR-STRASBOURG-1", "FR-BOURGES-1", "FR-BOURGES-PMR"]
    under = {e["reference"]: e["recorded_under"] for e in circular["parts"]["II"]}
    assert under["FR-BOURGES-PMR"] == "No. 4.4" and under["DE-KEHL-1"] == "No. 11.31"
    assert _ok(client.get(f"{api}/circulars/{circular['number']}")) == circular

    # Everyone may read the register: search and history without signing in.
    found = _ok(client.get(f"{api}/notices", params={
        "status": "recorded", "near": "48.58,7.75", "radius_km": 20, "low": "6 GHz",
        "high": "6.5 GHz",
    }))  # fmt: skip
    assert {r["reference"] for r in found} == {"DE-KEHL-1", "FR-STRASBOURG-1"}
    history = _ok(client.get(f"{api}/notices/{ids['FR-STRASBOURG-1']}"))["history"]
    assert [h["event"] for h in history] == [
        "notified", "examined", "returned", "modified", "examined", "recorded",
    ]  # fmt: skip


def test_bad_input_rights_and_idempotency(client: TestClient, token_for: TokenFor) -> None:
    fr = token_for("fr-officer-2", Role.NOTIFYING_OFFICER, "FR")
    de = token_for("de-officer-2", Role.NOTIFYING_OFFICER, "DE")
    api = "/api/register"
    bad = client.post(f"{api}/notices", headers=fr,
                      json=fixed_link("FR", "FR-B1", emission="28M0D7Y"))  # fmt: skip
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["field"] == "emission"
    first = _ok(client.post(f"{api}/notices", headers=fr, json=fixed_link("FR", "FR-B2")), 201)
    same = _ok(client.post(f"{api}/notices", headers=fr, json=fixed_link("FR", "FR-B2")), 201)
    assert same["outcome"] == "unchanged" and same["date_of_receipt"] == first["date_of_receipt"]
    batch = _ok(client.post(f"{api}/notices", headers=fr, json=[
        fixed_link("FR", "FR-B3"), {"administration": "FR"}, fixed_link("FR", "FR-B4", tx=None),
    ]))  # fmt: skip
    assert batch["rejected"] == [
        {"row": 2, "field": "reference", "reason": "is required"},
        {"row": 3, "field": "tx", "reason": "must be an object with lat_deg and lon_deg"},
    ]
    assert [a["row"] for a in batch["accepted"]] == [1]
    german = _ok(client.post(f"{api}/notices", headers=de, json=fixed_link("DE", "DE-B1")), 201)
    assert (
        client.post(f"{api}/notices/{german['notice_id']}/withdraw", headers=fr).status_code == 403
    )
    assert client.post(f"{api}/notices", json=fixed_link("DE", "DE-B2")).status_code == 401
    assert (
        client.post(f"{api}/notices/{german['notice_id']}/examine", headers=de).status_code == 403
    )
    assert client.get(f"{api}/notices/999999999").status_code == 404
    assert client.get(f"{api}/notices", params={"near": "91,0", "radius_km": 5}).status_code == 422
    withdrawn = _ok(client.post(f"{api}/notices/{german['notice_id']}/withdraw", headers=de,
                                json={"reason": "not built"}))  # fmt: skip
    assert withdrawn["status"] == "withdrawn"
