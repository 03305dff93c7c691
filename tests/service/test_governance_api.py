"""`/api/governance` reads: membership as of a date, and Sector Members' standing."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

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


def test_contributions_payments_and_the_vote_through_the_api(
    client: TestClient, token_for: TokenFor
) -> None:
    clerk = token_for("contributions-clerk", Role.SECRETARIAT)
    year = date.today().year
    for past in (year - 2, year - 1):
        done = client.post(f"{API}/members/SO/dues", headers=clerk,
                           json={"year": past, "amount": "39750.00"})  # fmt: skip
        assert done.status_code == 204, done.text
    somalia = client.get(f"{API}/members/SO").json()
    assert (somalia["can_vote"], somalia["arrears"]) == (False, "79500.00")
    assert "CS No. 169" in somalia["reason"]
    # One centime paid: arrears of 79499.99 no longer equal two years' 79500.00.
    paid = client.post(f"{API}/members/SO/payments", headers=clerk,
                       json={"amount": "0.01", "paid_on": date.today().isoformat(),
                             "reference": "SWIFT 1"})  # fmt: skip
    assert paid.status_code == 201, paid.text
    assert (paid.json()["can_vote"], paid.json()["arrears"]) == (True, "79499.99")
    # Classes of contribution: the least developed may choose 1/16, others not.
    chosen = client.put(f"{API}/members/SO/class", headers=clerk, json={"unit_class": "1/16"})
    assert (chosen.status_code, chosen.json()["unit_class"]) == (200, "1/16")
    refused = client.put(f"{API}/members/FR/class", headers=clerk, json={"unit_class": "1/16"})
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "unit_class"
    assert client.put(f"{API}/members/FR/gni", headers=clerk,
                      json={"gni_usd": 3_000_000_000_000}).status_code == 204  # fmt: skip
    # Money is never a float, nor more precise than a centime.
    for amount in (0.1, "1.005"):
        bad = client.post(f"{API}/members/SO/payments", headers=clerk,
                          json={"amount": amount, "paid_on": "2026-01-01"})  # fmt: skip
        assert bad.status_code == 422
    # A delegate records no payments.
    delegate = token_for("delegate-so", Role.DELEGATE, "SO")
    payment = {"amount": "1.00", "paid_on": "2026-01-01"}
    assert client.post(
        f"{API}/members/SO/payments", headers=delegate, json=payment
    ).status_code == (403)


def test_a_year_without_a_budget_is_said_and_not_read_as_a_debt(
    client: TestClient, token_for: TokenFor
) -> None:
    clerk = token_for("budget-clerk", Role.SECRETARIAT)
    year = date.today().year
    for state in ("FR", "DE"):
        chosen = client.put(f"{API}/members/{state}/class", headers=clerk,
                            json={"unit_class": "25"})  # fmt: skip
        assert chosen.status_code == 200, chosen.text
    # Only last year's budget is adopted, and nobody has paid it.
    adopted = client.post(f"{API}/budgets", headers=clerk,
                          json={"year": year - 1, "amount": "1000000.00"})  # fmt: skip
    assert adopted.status_code == 201, adopted.text
    france = client.get(f"{API}/members/FR").json()
    assert (france["can_vote"], france["arrears"]) == (True, "500000.00")
    assert f"no budget recorded for {year - 2}" in france["standing_note"]
    listed = {row["iso2"]: row for row in client.get(f"{API}/members").json()}
    assert listed["DE"]["can_vote"] is True
    page = client.get("/governance")
    assert f"no budget recorded for {year - 2}" in page.text
    # Once the contribution for the year before is recorded, the arrears are measured.
    done = client.post(f"{API}/members/FR/dues", headers=clerk,
                       json={"year": year - 2, "amount": "400000.00"})  # fmt: skip
    assert done.status_code == 204, done.text
    france = client.get(f"{API}/members/FR").json()
    assert (france["can_vote"], france["arrears"]) == (False, "900000.00")
    assert "standing_note" not in france


def test_sector_members_associates_and_academia_by_sector_and_date(
    client: TestClient, token_for: TokenFor
) -> None:
    clerk = token_for("members-registrar", Role.SECRETARIAT)
    admitted = {}
    for kind, name, sector, day in (
        ("sector-member", "Orbit Radio", "ITU-R", "2018-03-01"),
        ("sector-member", "Fibre Standards", "ITU-T", "2019-05-01"),
        ("associate", "Small Lab", "ITU-T", "2021-01-15"),
        ("associate", "Rural Connect", "ITU-D", "2022-07-01"),
        ("academia", "Polytechnic", "ITU-R", "2023-09-01"),
    ):
        body = {"kind": kind, "name": name, "sector": sector, "country": "CH", "admitted": day}
        admitted[name] = _ok_json(client.post(f"{API}/members", headers=clerk, json=body), 201)
    # An Associate belongs to one Sector: refused without one.
    no_sector = {"kind": "associate", "name": "X", "admitted": "2020-01-01"}
    orphan = client.post(f"{API}/members", headers=clerk, json=no_sector)
    assert orphan.status_code == 422 and orphan.json()["errors"][0]["field"] == "sector"

    def names(kind: str, sector: str | None = None, on: str | None = None) -> list[str]:
        params = {"kind": kind, **({"sector": sector} if sector else {}),
                  **({"date": on} if on else {})}  # fmt: skip
        return [row["name"] for row in _ok_json(client.get(f"{API}/members", params=params))]

    assert names("sector-member") == ["Fibre Standards", "Orbit Radio"]
    assert names("sector-member", "ITU-T") == ["Fibre Standards"]
    assert names("associate", "ITU-T") == ["Small Lab"]
    assert names("associate", "ITU-D", on="2022-06-30") == []
    assert names("associate", "ITU-D", on="2022-07-01") == ["Rural Connect"]
    assert names("academia") == ["Polytechnic"]
    # None of them votes, and each row says why.
    for kind in ("sector-member", "associate", "academia"):
        for row in _ok_json(client.get(f"{API}/members", params={"kind": kind})):
            assert row["can_vote"] is False and "without a vote" in row["reason"]


def test_the_rights_table_is_published(client: TestClient) -> None:
    rights = {row["action"]: row for row in _ok_json(client.get(f"{API}/rights"))}
    assert rights["vote"]["kinds"] == ["member-state"]
    assert "No. 169" in rights["vote"]["basis"]
    for action in ("submit-conference-proposals", "notify-frequency-assignments",
                   "apply-numbering-resources"):  # fmt: skip
        assert rights[action]["kinds"] == ["member-state"]
    assert rights["submit-study-group-contributions"]["kinds"] == [
        "member-state", "sector-member", "associate", "academia",
    ]  # fmt: skip


def _ok_json(response: Any, status: int = 200) -> Any:
    assert response.status_code == status, response.text
    return response.json()


def test_exclusion_runs_from_the_notice_of_suspension_received(
    client: TestClient, token_for: TokenFor
) -> None:
    clerk = token_for("arrears-clerk", Role.SECRETARIAT)
    body = {"kind": "associate", "name": "Late Payer", "sector": "ITU-T", "country": "CH",
            "admitted": "2019-01-01"}  # fmt: skip
    late = _ok_json(client.post(f"{API}/members", headers=clerk, json=body), 201)
    last_year = date.today().year - 1
    due = client.post(f"{API}/members/{late['id']}/dues", headers=clerk,
                      json={"year": last_year, "amount": "3975.00"})  # fmt: skip
    assert due.status_code == 204
    suspended = date(last_year, 1, 1) + timedelta(days=180)
    notice = suspended + timedelta(days=30)
    url = f"{API}/members/{late['id']}/suspension-notice"
    # Not suspended yet the day before: no notice to record.
    early = client.put(url, headers=clerk,
                       json={"received": (suspended - timedelta(days=1)).isoformat()})  # fmt: skip
    assert early.status_code == 422 and early.json()["errors"][0]["field"] == "received"
    recorded = _ok_json(client.put(url, headers=clerk, json={"received": notice.isoformat()}))
    assert recorded["status"] == "suspended"

    def status_on(day: date) -> str:
        return str(
            _ok_json(client.get(f"{API}/members/{late['id']}", params={"date": day.isoformat()}))[
                "status"
            ]
        )

    # 90 days after the suspension is not enough: 90 days after the notice received is.
    assert status_on(suspended + timedelta(days=90)) == "suspended"
    assert status_on(notice + timedelta(days=89)) == "suspended"
    assert status_on(notice + timedelta(days=90)) == "excluded"
    # A Member State is never suspended (it loses its vote), and a delegate records nothing.
    state = client.put(f"{API}/members/FR/suspension-notice", headers=clerk,
                       json={"received": notice.isoformat()})  # fmt: skip
    assert state.status_code == 422 and state.json()["errors"][0]["field"] == "member"
    delegate = token_for("delegate-ch", Role.DELEGATE, "CH")
    assert client.put(url, headers=delegate, json={"received": notice.isoformat()}).status_code == (
        403
    )
