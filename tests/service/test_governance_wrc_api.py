"""A small World Radiocommunication Conference, end to end through the API: credentials,
a proxy, two proposals amending the Table, a roll-call vote and a secret ballot (with an
abstention), one proposal adopted and one rejected, the Final Acts as a new edition that
answers from its entry into force and not before; and the rights, enforced."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from governance_helpers import ADD_MOBILE, TokenFor
from openitu.accounts import Role
from openitu.store import audit
from openitu.store.tables.governance import GovernanceBallot

API = "/api/governance"
STATES = ("FR", "DE", "BR", "JP", "KE", "IN")
THIS_YEAR = date.today().year

DEMOTE_RADIOLOCATION = {
    "op": "change_category",
    "region": 1,
    "low": "3300 MHz",
    "high": "3400 MHz",
    "service": "radiolocation",
    "category": "secondary",
}


@dataclass
class Wrc:
    secretariat: dict[str, str]
    delegate: dict[str, dict[str, str]]
    proposals: list[int]


def _ok(response: Any, status: int = 200) -> Any:
    assert response.status_code == status, response.text
    return None if status == 204 else response.json()


@pytest.fixture
def wrc(client: TestClient, token_for: TokenFor) -> Wrc:
    sec = token_for("wrc-secretary", Role.SECRETARIAT)
    delegate = {
        state: token_for(f"delegate-{state.lower()}", Role.DELEGATE, state) for state in STATES
    }
    # Japan's delegate holds Australia's proxy (the account and the conference agree).
    delegate["JP"] = token_for("delegate-jp-proxy", Role.DELEGATE, "JP", "AU")
    delegate["NG"] = token_for("delegate-ng", Role.DELEGATE, "NG")
    delegate["AU"] = token_for("delegate-au", Role.DELEGATE, "AU")
    _ok(
        client.post(
            f"{API}/conferences",
            headers=sec,
            json={"code": "WRC-T", "kind": "WRC", "title": "World Radiocommunication Conference",
                  "place": "Geneva", "starts": "2026-10-05", "ends": "2026-10-30"},
        ),
        201,
    )  # fmt: skip
    _ok(
        client.post(
            f"{API}/conferences/WRC-T/agenda",
            headers=sec,
            json={"number": "1.2", "title": "IMT in the band 3 300-3 400 MHz in Region 1"},
        ),
        201,
    )
    for state in (*STATES, "AU", "NG"):
        _ok(
            client.post(
                f"{API}/conferences/WRC-T/delegations",
                headers=sec,
                json={"member": state, "credentials_accepted": True, "present": state != "AU"},
            ),
            201,
        )
    _ok(client.patch(f"{API}/conferences/WRC-T/delegations/JP", headers=sec,
                     json={"proxy_for": "AU"}))  # fmt: skip
    # Nigeria has paid nothing for the two preceding years: CS No. 169.
    for year in (THIS_YEAR - 2, THIS_YEAR - 1):
        _ok(
            client.post(
                f"{API}/members/NG/dues", headers=sec, json={"year": year, "amount": "318000.00"}
            ),
            204,
        )
    first = _ok(
        client.post(
            f"{API}/conferences/WRC-T/proposals",
            headers=delegate["FR"],
            json={"agenda_item": "1.2", "state": "FR", "title": "Add a primary mobile allocation",
                  "amendments": [ADD_MOBILE]},
        ),
        201,
    )  # fmt: skip
    second = _ok(
        client.post(
            f"{API}/conferences/WRC-T/proposals",
            headers=delegate["DE"],
            json={"agenda_item": "1.2", "state": "DE", "title": "Radiolocation secondary",
                  "amendments": [DEMOTE_RADIOLOCATION]},
        ),
        201,
    )  # fmt: skip
    return Wrc(sec, delegate, [first["id"], second["id"]])


def _open(client: TestClient, wrc: Wrc, proposal: int, method: str) -> int:
    vote = _ok(
        client.post(
            f"{API}/conferences/WRC-T/votes",
            headers=wrc.secretariat,
            json={"question": f"Adopt proposal {proposal}?", "proposal_id": proposal,
                  "method": method},
        ),
        201,
    )  # fmt: skip
    return int(vote["id"])


def _cast(client: TestClient, wrc: Wrc, vote: int, by: str, state: str, choice: str) -> Any:
    return client.post(
        f"{API}/votes/{vote}/ballots",
        headers=wrc.delegate[by],
        json={"state": state, "choice": choice},
    )


def _allocations(client: TestClient, on: str) -> set[tuple[str, str]]:
    body = _ok(
        client.get("/api/allocations/at", params={"frequency": "3350MHz", "region": 1, "date": on})
    )
    return {(a["service"], a["category"]) for a in body["allocations"]}


def test_a_wrc_amends_the_table(
    client: TestClient, wrc: Wrc, sessions: sessionmaker[Session]
) -> None:
    before = _allocations(client, "2026-12-31")
    assert ("radiolocation", "primary") in before
    assert not any(service.startswith("mobile") for service, _ in before)

    roll_call = _open(client, wrc, wrc.proposals[0], "roll-call")
    choices = {"FR": "for", "DE": "for", "BR": "against", "JP": "for", "KE": "abstain",
               "IN": "against"}  # fmt: skip
    for state, choice in choices.items():
        _ok(_cast(client, wrc, roll_call, state, state, choice), 201)
    proxy = _ok(_cast(client, wrc, roll_call, "JP", "AU", "for"), 201)
    assert proxy["cast_by"] == "JP"
    # Nigeria's delegation is accredited and present, but its vote is lost for arrears.
    refused = _cast(client, wrc, roll_call, "NG", "NG", "for")
    assert refused.status_code == 403
    assert "No. 169" in refused.json()["detail"]
    result = _ok(client.post(f"{API}/votes/{roll_call}/close", headers=wrc.secretariat))
    # Australia is absent but represented by Japan, which holds its proxy.
    assert result["result"] == {
        "outcome": "adopted", "for": 4, "against": 2, "abstentions": 1,
        "accredited": 7, "present": 6, "represented": 1, "reason": result["result"]["reason"],
    }  # fmt: skip
    # Four for of the six voting for or against: more than half (4 needed); the abstention
    # is not counted.
    assert result["result"]["reason"] == (
        "4 for, 2 against (1 abstaining): more than half of the 6 present and voting is 4"
    )
    assert {"state": "AU", "choice": "for", "cast_by": "JP"} in result["roll_call"]

    secret = _open(client, wrc, wrc.proposals[1], "secret")
    choices = {"FR": "against", "DE": "for", "BR": "against", "JP": "against", "KE": "for",
               "IN": "abstain"}  # fmt: skip
    for state, choice in choices.items():
        _ok(_cast(client, wrc, secret, state, state, choice), 201)
    _ok(_cast(client, wrc, secret, "JP", "AU", "against"), 201)
    result = _ok(client.post(f"{API}/votes/{secret}/close", headers=wrc.secretariat))
    assert (result["result"]["outcome"], result["result"]["for"], result["result"]["against"]) == (
        "rejected", 2, 4,
    )  # fmt: skip
    assert result["result"]["abstentions"] == 1
    # A secret ballot publishes who voted, never how: not in the answer, not in the database,
    # not in the audit log.
    assert result["voted"] == sorted([*choices, "AU"])
    assert "roll_call" not in result
    with sessions() as session:
        stored = session.scalars(
            select(GovernanceBallot.choice).where(GovernanceBallot.vote_id == secret)
        ).all()
        assert stored == [None] * 7
        entries = audit.entries(session, entity="governance_vote", entity_id=str(secret))
        secret_entries = [e for e in entries if e.action == "governance.vote.cast"]
        assert len(secret_entries) == 7
        assert all("choice" not in e.payload for e in secret_entries)

    conference = _ok(client.get(f"{API}/conferences/WRC-T"))
    assert [p["status"] for p in conference["proposals"]] == ["adopted", "rejected"]

    acts = _ok(
        client.post(
            f"{API}/conferences/WRC-T/final-acts",
            headers=wrc.secretariat,
            json={"edition_id": "RR-WRC-T", "title": "Radio Regulations (WRC-T)",
                  "entry_into_force": "2027-01-01"},
        ),
        201,
    )  # fmt: skip
    assert acts["based_on"] == "RR-2024"  # the edition in force the day before (2026-12-31)
    assert acts["proposals"] == [wrc.proposals[0]]
    # The difference between the editions is the one adopted change.
    [change] = acts["changes"]["bands"]
    assert (change["region"], change["low_hz"], change["high_hz"]) == (1, 3.3e9, 3.4e9)
    assert change["removed"] == []
    assert [line.split(" [")[0] for line in change["added"]] == [
        "mobile except aeronautical mobile"
    ]
    assert acts["changes"]["footnotes"] == []
    after = _allocations(client, "2027-01-01")
    assert after == before | {("mobile except aeronautical mobile", "primary")}
    assert _allocations(client, "2026-12-31") == before
    with sessions() as session:
        assert audit.verify(session) is None


def test_rights_are_enforced(client: TestClient, wrc: Wrc, token_for: TokenFor) -> None:
    vote = _open(client, wrc, wrc.proposals[0], "roll-call")
    # A delegate cannot vote for another state (nor for one whose proxy they lack).
    assert _cast(client, wrc, vote, "FR", "DE", "for").status_code == 403
    assert _cast(client, wrc, vote, "DE", "AU", "for").status_code == 403
    # No state votes twice.
    _ok(_cast(client, wrc, vote, "FR", "FR", "for"), 201)
    twice = _cast(client, wrc, vote, "FR", "FR", "against")
    assert twice.status_code == 409
    # ... not even through its proxy holder.
    _ok(_cast(client, wrc, vote, "JP", "AU", "for"), 201)
    assert _cast(client, wrc, vote, "JP", "AU", "against").status_code == 409
    # A delegation holds one proxy at most, and a state gives its proxy once.
    two = client.patch(
        f"{API}/conferences/WRC-T/delegations/JP", headers=wrc.secretariat,
        json={"proxy_for": "BR"},
    )  # fmt: skip
    assert two.status_code == 409
    again = client.patch(
        f"{API}/conferences/WRC-T/delegations/KE", headers=wrc.secretariat,
        json={"proxy_for": "AU"},
    )  # fmt: skip
    assert again.status_code == 409
    # A state in arrears cannot vote.
    assert _cast(client, wrc, vote, "NG", "NG", "for").status_code == 403
    # A Sector Member takes part without a vote, even through a delegate's account.
    acme = _ok(
        client.post(
            f"{API}/members",
            headers=wrc.secretariat,
            json={"kind": "sector-member", "name": "Acme Radio", "sector": "ITU-R",
                  "country": "US", "admitted": "2020-01-01"},
        ),
        201,
    )  # fmt: skip
    _ok(
        client.post(
            f"{API}/conferences/WRC-T/delegations",
            headers=wrc.secretariat,
            json={"member": str(acme["id"]), "representative": "acme-rep",
                  "credentials_accepted": True, "present": True},
        ),
        201,
    )  # fmt: skip
    acme_rep = token_for("acme-rep", Role.DELEGATE, "US")
    sector_vote = client.post(
        f"{API}/votes/{vote}/ballots", headers=acme_rep, json={"state": "US", "choice": "for"}
    )
    assert sector_vote.status_code == 403
    assert "sector-member" in sector_vote.json()["detail"]
    # Other roles and the public cannot vote at all; delegates cannot run the conference.
    officer = token_for("officer-fr", Role.NOTIFYING_OFFICER, "FR")
    assert client.post(f"{API}/votes/{vote}/ballots", headers=officer,
                       json={"state": "FR", "choice": "for"}).status_code == 403  # fmt: skip
    assert client.post(f"{API}/votes/{vote}/ballots",
                       json={"state": "FR", "choice": "for"}).status_code == 401  # fmt: skip
    assert client.post(f"{API}/votes/{vote}/close", headers=wrc.delegate["FR"]).status_code == 403
    # A delegate submits proposals for their own state only.
    other = client.post(
        f"{API}/conferences/WRC-T/proposals",
        headers=wrc.delegate["FR"],
        json={"agenda_item": "1.2", "state": "DE", "title": "Not mine", "amendments": []},
    )
    assert other.status_code == 403


def test_bad_amendments_and_bad_input_are_422(client: TestClient, wrc: Wrc) -> None:
    bad = client.post(
        f"{API}/conferences/WRC-T/proposals",
        headers=wrc.delegate["FR"],
        json={"agenda_item": "1.2", "state": "FR", "title": "Broken",
              "amendments": [{"op": "add_allocation", "region": 4}]},
    )  # fmt: skip
    assert bad.status_code == 422
    assert bad.headers["content-type"].startswith("application/problem+json")
    # The schema names it: amendments.0.<op>.region (docs/spectrum.md, "Amendments").
    assert bad.json()["errors"][0]["field"] == "amendments.0.add_allocation.region"
    vote = _open(client, wrc, wrc.proposals[0], "roll-call")
    choice = _cast(client, wrc, vote, "FR", "FR", "maybe")
    assert choice.status_code == 422
    assert choice.json()["errors"][0]["field"] == "choice"
