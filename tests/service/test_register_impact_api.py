"""`POST /api/register/impact`: which recorded assignments a Table amendment would move,
over HTTP, with assignments notified, examined and recorded through the API.

France records two 6 GHz fixed links (6 175 MHz, and 6 500 MHz after a change of
channel) and Germany an FM station at 98 MHz; a third French link at 6 175 MHz is only
received, a fourth is recorded then suppressed. Removing the fixed service from
6 000-6 200 MHz in Region 1 moves France's recorded link there and nothing else."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from openitu.accounts import Role
from openitu.store import register as store
from register_fixtures import fixed_link, fm_station

TokenFor = Callable[..., dict[str, str]]
API = "/api/register"
REMOVE_FIXED = {"op": "remove_allocation", "region": 1, "low": "6000 MHz", "high": "6200 MHz",
                "service": "fixed"}  # fmt: skip


def _ok(response: Any, status: int = 200) -> Any:
    assert response.status_code == status, response.text
    return response.json()


def test_an_amendment_moves_only_the_recorded_assignments_in_its_band(
    client: TestClient, token_for: TokenFor, sessions: sessionmaker[Session]
) -> None:
    fr = token_for("fr-impact", Role.NOTIFYING_OFFICER, "FR")
    de = token_for("de-impact", Role.NOTIFYING_OFFICER, "DE")
    br = token_for("br-impact", Role.SECRETARIAT, None)
    notified = _ok(client.post(f"{API}/notices", headers=fr, json=[
        fixed_link("FR", "FR-IMPACT-1"),
        fixed_link("FR", "FR-IMPACT-2", frequency_hz=6_500e6),
        fixed_link("FR", "FR-IMPACT-RECEIVED"),
        fixed_link("FR", "FR-IMPACT-SUPPRESSED", frequency_hz=6_100e6),
    ]))  # fmt: skip
    notified["accepted"] += _ok(
        client.post(f"{API}/notices", headers=de, json=[fm_station("DE", "DE-IMPACT-FM")])
    )["accepted"]
    ids = {a["reference"]: a["notice_id"] for a in notified["accepted"]}
    for reference in ("FR-IMPACT-1", "FR-IMPACT-2", "FR-IMPACT-SUPPRESSED", "DE-IMPACT-FM"):
        finding = _ok(client.post(f"{API}/notices/{ids[reference]}/examine", headers=br))
        assert finding["finding"] == "favourable", (reference, finding["reasons"])
        _ok(client.post(f"{API}/notices/{ids[reference]}/record", headers=br))
    _ok(client.post(f"{API}/notices/{ids['FR-IMPACT-SUPPRESSED']}/withdraw", headers=fr))

    # Anyone may ask: no token.
    impact = _ok(client.post(f"{API}/impact", json={"amendments": [REMOVE_FIXED]}))
    assert impact["looked_at"] == 1  # the received and the suppressed links are not in force
    assert impact["totals"] == {"changed": 1, "newly_non_conforming": 1, "newly_conforming": 0}
    (change,) = impact["changes"]
    assert change == {
        "notice_id": ids["FR-IMPACT-1"],
        "administration": "FR",
        "reference": "FR-IMPACT-1",
        "service": "fixed",
        "low_hz": 6_161e6,
        "high_hz": 6_189e6,
        "band": "6161 MHz-6189 MHz",
        "before": {"conforms": True, "category": "primary"},
        "after": {"conforms": False, "category": None},
    }
    assert impact["edition"] and impact["amendments"] == 1

    # The store reads the recorded rows only, over the ranges asked (many ranges: the one
    # range holding them all).
    with sessions() as session:
        everything = store.recorded_bands(session)
        assert sorted(everything.reference.tolist()) == [
            "DE-IMPACT-FM", "FR-IMPACT-1", "FR-IMPACT-2",
        ]  # fmt: skip
        assert len(store.recorded_bands(session, ranges=[])) == 0
        many = [(6.0e9 + k * 1e3, 6.0e9 + k * 1e3 + 10.0) for k in range(store.MAX_RANGES)]
        many.append((6.3e9, 6.3e9 + 10.0))  # 6 000-6 300 MHz in all, no range at 6 175 MHz
        assert store.recorded_bands(session, ranges=many).reference.tolist() == ["FR-IMPACT-1"]
        assert store.recorded_bands(session, ranges=many[:2]).reference.tolist() == []

    # Giving the land mobile service a secondary allocation in the FM band moves nothing
    # recorded (the FM station stays primary broadcasting), though it is looked at.
    add = {"op": "add_allocation", "region": 1, "low": "97 MHz", "high": "99 MHz",
           "service": "land mobile", "category": "secondary"}  # fmt: skip
    quiet = _ok(client.post(f"{API}/impact", json={"amendments": [add], "on": "2026-12-08"}))
    assert (quiet["looked_at"], quiet["changes"], quiet["on"]) == (1, [], "2026-12-08")

    # A conference proposal carrying the same amendment: the same answer, read from it.
    sec = token_for("sec-impact", Role.SECRETARIAT, None)
    gov = "/api/governance"
    _ok(client.post(f"{gov}/conferences", headers=sec,
                    json={"code": "WRC-I", "kind": "WRC", "title": "Impact", "place": "Geneva",
                          "starts": "2027-10-04", "ends": "2027-10-29"}), 201)  # fmt: skip
    _ok(client.post(f"{gov}/conferences/WRC-I/agenda", headers=sec,
                    json={"number": "1.1", "title": "6 GHz"}), 201)  # fmt: skip
    _ok(client.post(f"{gov}/conferences/WRC-I/delegations", headers=sec,
                    json={"member": "DE", "credentials_accepted": True}), 201)  # fmt: skip
    delegate = token_for("de-impact-delegate", Role.DELEGATE, "DE")
    proposal = _ok(client.post(f"{gov}/conferences/WRC-I/proposals", headers=delegate,
                               json={"agenda_item": "1.1", "state": "DE", "title": "SUP fixed",
                                     "amendments": [REMOVE_FIXED]}), 201)  # fmt: skip
    weighed = _ok(client.get(f"{gov}/proposals/{proposal['id']}/impact"))
    assert (weighed["proposal_id"], weighed["conference"]) == (proposal["id"], "WRC-I")
    assert weighed["changes"] == impact["changes"] and weighed["totals"] == impact["totals"]
    assert client.get(f"{gov}/proposals/999999/impact").status_code == 404


def test_bad_amendments_are_refused_naming_them(client: TestClient) -> None:
    def refused(body: Any) -> dict[str, Any]:
        response = client.post(f"{API}/impact", json=body)
        assert response.status_code == 422, response.text
        assert response.headers["content-type"].startswith("application/problem+json")
        error: dict[str, Any] = response.json()["errors"][0]
        return error

    unknown = dict(REMOVE_FIXED, service="telepathy")
    assert refused({"amendments": [REMOVE_FIXED, unknown]})["field"] == "amendments[1].service"
    not_there = dict(REMOVE_FIXED, service="broadcasting")
    error = refused({"amendments": [REMOVE_FIXED, not_there]})
    assert error["field"] == "amendments[1].service"
    assert "not allocated" in error["reason"]
    assert refused({"amendments": [dict(REMOVE_FIXED, low="7 GHz")]})["field"] == (
        "amendments[0].low"
    )
    assert refused({"amendments": [REMOVE_FIXED], "on": "someday"})["field"]
    before_any = client.post(f"{API}/impact", json={"amendments": [], "on": "1900-01-01"})
    assert before_any.status_code == 404, before_any.text
