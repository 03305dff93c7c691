"""`/api/governance` reads: membership as of a date, and Sector Members' standing."""

from __future__ import annotations

from datetime import date, timedelta

from fastapi.testclient import TestClient
from governance_helpers import TokenFor

from openitu.accounts import Role

API = "/api/governance"


def test_membership_as_of_a_date(client: TestClient) -> None:
    today = client.get(f"{API}/members").json()
    assert len(today) == 194
    assert all(member["can_vote"] for member in today)
    before_palau = client.get(f"{API}/members", params={"date": "2024-09-18"}).json()
    assert len(before_palau) == 193
    assert "PW" not in {m["iso2"] for m in before_palau}
    palau = client.get(f"{API}/members/PW").json()
    assert (palau["member_since"], palau["since_basis"], palau["itu_region"]) == (
        "2024-09-19",
        "itu",
        3,
    )
    bad = client.get(f"{API}/members", params={"kind": "observer"})
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["field"] == "kind"
    assert client.get(f"{API}/members/TW").status_code == 404


def test_sector_member_suspended_then_excluded(client: TestClient, token_for: TokenFor) -> None:
    clerk = token_for("members-clerk", Role.SECRETARIAT)
    acme = client.post(
        f"{API}/members",
        headers=clerk,
        json={"kind": "sector-member", "name": "Acme Satellite", "sector": "ITU-R",
              "country": "LU", "admitted": "2019-01-01"},
    ).json()  # fmt: skip
    last_year = date.today().year - 1
    due = client.post(
        f"{API}/members/{acme['id']}/dues",
        headers=clerk,
        json={"year": last_year, "amount": "31800.00"},
    )
    assert due.status_code == 204
    due_on = date(last_year, 1, 1)

    def status_on(day: date) -> str:
        rows = client.get(
            f"{API}/members", params={"kind": "sector-member", "date": day.isoformat()}
        ).json()
        return str(next(r for r in rows if r["id"] == acme["id"])["status"])

    assert status_on(due_on + timedelta(days=179)) == "good"
    assert status_on(due_on + timedelta(days=180)) == "suspended"
    assert status_on(due_on + timedelta(days=270)) == "excluded"
    # Members of other kinds never vote; the reason says so.
    row = client.get(f"{API}/members/{acme['id']}").json()
    assert row["can_vote"] is False
    # Only the secretariat records members; a delegate may not.
    delegate = token_for("delegate-lu", Role.DELEGATE, "LU")
    refused = client.post(
        f"{API}/members",
        headers=delegate,
        json={"kind": "academia", "name": "U", "admitted": "2020-01-01"},
    )
    assert refused.status_code == 403
